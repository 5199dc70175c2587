import 'server-only'
import { can } from '@/lib/auth/permissions'
import { getDb } from '@/lib/db/client'
import { writeAudit } from '@/lib/db/repositories/audit'
import { destroyOidcGrant, revokeOAuthConsent } from '@/lib/db/repositories/oauth'
import { AppError } from '@/lib/errors'
import type { TActor, TRequestContext } from '@/lib/services/procedures/common'

/**
 * "Revoke" in Mes données (issue 18 §2): the consent is marked revoked and every grant, code, access and refresh token
 * issued under it is deleted in the same transaction, so the app's tokens stop working at once.
 */
export async function revokeConsent({ actor, consentId, ctx }: { actor: TActor; consentId: string; ctx: TRequestContext }): Promise<void> {
  if (!can(actor.role, 'update:app-consent:own') || !actor.insuredId) throw new AppError('auth.forbidden', 403)
  const insuredId = actor.insuredId
  await getDb().$transaction(async (tx) => {
    const c = await revokeOAuthConsent(tx, consentId, insuredId, ctx.now)
    if (!c) throw new AppError('oauth.consent.notFound', 404)
    const tokens = await destroyOidcGrant(tx, c.grantId)
    await writeAudit(tx, {
      actorUserId: actor.id,
      actorRole: 'insured',
      action: 'oauth.consent.revoke',
      targetType: 'oauth-app',
      targetId: c.clientId,
      insuredId,
      ip: ctx.ip,
      userAgent: ctx.userAgent,
      details: { consentId, rowsDeleted: tokens },
    })
  })
}
