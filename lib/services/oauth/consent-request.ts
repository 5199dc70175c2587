import 'server-only'
import { can } from '@/lib/auth/permissions'
import { getDb } from '@/lib/db/client'
import { findOAuthApp } from '@/lib/db/repositories/oauth'
import { listHousehold } from '@/lib/db/repositories/payments'
import { AppError } from '@/lib/errors'
import { FHIR_SCOPES } from '@/lib/oauth/adapter'
import { getProvider } from '@/lib/oauth/provider'
import type { TActor } from '@/lib/services/procedures/common'

export type TConsentRequest = {
  uid: string
  app: { clientId: string; name: string; website: string; developer: string; contactEmail: string }
  /** The FHIR scopes asked (the consent screen says each in plain words), and whether a refresh token is asked. */
  scopes: string[]
  offline: boolean
  /** The person (id null) and their beneficiaries, to choose whom the app may read. */
  persons: { id: string | null; name: string; birthDate: string }[]
}

/** What the consent screen shows (issue 18 §2): which app, registered by whom, asking what, about whom it may read. */
export async function getConsentRequest({ actor, origin, uid }: { actor: TActor; origin: string; uid: string }): Promise<TConsentRequest> {
  if (!can(actor.role, 'update:app-consent:own') || !actor.insuredId) throw new AppError('auth.forbidden', 403)
  const interaction = await getProvider(origin).Interaction.find(uid)
  if (!interaction || interaction.result) throw new AppError('oauth.consent.expired', 404)
  const db = getDb()
  const app = await findOAuthApp(db, String(interaction.params.client_id))
  if (!app || app.status !== 'approved') throw new AppError('oauth.consent.expired', 404)
  const asked = new Set(String(interaction.params.scope ?? '').split(' '))
  const household = await listHousehold(db, actor.insuredId)
  return {
    uid,
    app: { clientId: app.clientId, name: app.name, website: app.website, developer: app.developer, contactEmail: app.contactEmail },
    scopes: FHIR_SCOPES.filter((s) => asked.has(s)),
    offline: asked.has('offline_access'),
    persons: household.map((p) => ({ id: p.id, name: `${p.firstNames} ${p.lastName}`, birthDate: p.birthDate })),
  }
}
