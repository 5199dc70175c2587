import 'server-only'
import { can } from '@/lib/auth/permissions'
import { getDb } from '@/lib/db/client'
import { writeAudit } from '@/lib/db/repositories/audit'
import { createOAuthConsent } from '@/lib/db/repositories/oauth'
import { listHousehold } from '@/lib/db/repositories/payments'
import { AppError } from '@/lib/errors'
import { FHIR_SCOPES } from '@/lib/oauth/adapter'
import { getProvider } from '@/lib/oauth/provider'
import type { TActor, TRequestContext } from '@/lib/services/procedures/common'

/** How long a consent may last (the consent screen's choice), days. */
export const CONSENT_DURATIONS = [30, 90, 365] as const

/**
 * The consent screen's "allow" (issue 18 §2): the signed-in person lets the app read what it asked (or less) for
 * themself and the beneficiaries they ticked, for the duration they chose. Creates the provider's grant, our consent
 * row (bound to the grant) and the audit event, and records the interaction's result; returns where the browser goes
 * next (the provider's resume URL, which checks that the same browser started the authorization).
 */
export async function grantConsent({
  actor,
  origin,
  uid,
  beneficiaryIds,
  days,
  ctx,
}: {
  actor: TActor
  origin: string
  uid: string
  beneficiaryIds: string[]
  days: (typeof CONSENT_DURATIONS)[number]
  ctx: TRequestContext
}): Promise<string> {
  if (!can(actor.role, 'update:app-consent:own') || !actor.insuredId) throw new AppError('auth.forbidden', 403)
  const insuredId = actor.insuredId
  const provider = getProvider(origin)
  const interaction = await provider.Interaction.find(uid)
  if (!interaction) throw new AppError('oauth.consent.expired', 404)
  const clientId = String(interaction.params.client_id)
  const asked = new Set(String(interaction.params.scope ?? '').split(' '))
  const db = getDb()
  const household = await listHousehold(db, insuredId)
  const allowed = new Set(household.map((p) => p.id).filter((id): id is string => id !== null))
  const chosen = [...new Set(beneficiaryIds)]
  if (chosen.some((id) => !allowed.has(id))) throw new AppError('oauth.consent.notYourBeneficiary', 403)

  const grant = new provider.Grant({ accountId: actor.id, clientId })
  const oidcScopes = ['openid', 'offline_access', ...FHIR_SCOPES].filter((s) => asked.has(s))
  grant.addOIDCScope(oidcScopes.join(' '))
  const grantId = await grant.save()
  const expiresAt = new Date(ctx.now.getTime() + days * 86_400_000)
  await db.$transaction(async (tx) => {
    await createOAuthConsent(tx, { grantId, clientId, userId: actor.id, insuredId, beneficiaryIds: chosen, scopes: oidcScopes, expiresAt })
    await writeAudit(tx, {
      actorUserId: actor.id,
      actorRole: 'insured',
      action: 'oauth.consent.grant',
      targetType: 'oauth-app',
      targetId: clientId,
      insuredId,
      ip: ctx.ip,
      userAgent: ctx.userAgent,
      details: { scopes: oidcScopes, beneficiaryIds: chosen, days },
    })
  })
  interaction.result = { login: { accountId: actor.id }, consent: { grantId } }
  await interaction.save(interaction.exp - Math.floor(Date.now() / 1000))
  return interaction.returnTo
}

/** The consent screen's "refuse": the app receives access_denied. */
export async function refuseConsent({ actor, origin, uid, ctx }: { actor: TActor; origin: string; uid: string; ctx: TRequestContext }): Promise<string> {
  if (!can(actor.role, 'update:app-consent:own') || !actor.insuredId) throw new AppError('auth.forbidden', 403)
  const provider = getProvider(origin)
  const interaction = await provider.Interaction.find(uid)
  if (!interaction) throw new AppError('oauth.consent.expired', 404)
  await writeAudit(getDb(), {
    actorUserId: actor.id,
    actorRole: 'insured',
    action: 'oauth.consent.refuse',
    targetType: 'oauth-app',
    targetId: String(interaction.params.client_id),
    insuredId: actor.insuredId,
    ip: ctx.ip,
    userAgent: ctx.userAgent,
  })
  interaction.result = { error: 'access_denied', error_description: 'The person refused.' }
  await interaction.save(interaction.exp - Math.floor(Date.now() / 1000))
  return interaction.returnTo
}
