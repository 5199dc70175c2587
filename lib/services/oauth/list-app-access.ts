import 'server-only'
import { can } from '@/lib/auth/permissions'
import type { Db } from '@/lib/db/client'
import { listOAuthApps, listOAuthConsentsOfInsured } from '@/lib/db/repositories/oauth'
import { listAppReads } from '@/lib/db/repositories/my-data'
import { listHousehold } from '@/lib/db/repositories/payments'
import { AppError } from '@/lib/errors'
import type { TActor } from '@/lib/services/procedures/common'

export type TAppAccess = {
  consentId: string
  appName: string
  website: string
  developer: string
  scopes: string[]
  persons: string[]
  createdAt: Date
  expiresAt: Date
  revokedAt: Date | null
  active: boolean
  /** The app's last reads under this consent, newest first. */
  reads: { at: Date; resourceType: string; count: number | null }[]
}

/** Mes données, "Apps with access" (issue 18 §2): every consent given, what each app read and when, newest first. */
export async function listAppAccess(db: Db, { actor, now }: { actor: TActor; now: Date }): Promise<TAppAccess[]> {
  if (!can(actor.role, 'update:app-consent:own') || !actor.insuredId) throw new AppError('auth.forbidden', 403)
  const insuredId = actor.insuredId
  const [consents, apps, household, reads] = await Promise.all([listOAuthConsentsOfInsured(db, insuredId), listOAuthApps(db), listHousehold(db, insuredId), listAppReads(db, insuredId)])
  const appOf = new Map(apps.map((a) => [a.clientId, a]))
  const nameOf = (id: string | null) => {
    const p = household.find((x) => x.id === id)
    return p ? `${p.firstNames} ${p.lastName}` : ''
  }
  return consents.map((c) => {
    const app = appOf.get(c.clientId)
    return {
      consentId: c.id,
      appName: app?.name ?? c.clientId,
      website: app?.website ?? '',
      developer: app?.developer ?? '',
      scopes: c.scopes.filter((s) => s.startsWith('patient/')),
      persons: [nameOf(null), ...c.beneficiaryIds.map(nameOf)].filter(Boolean),
      createdAt: c.createdAt,
      expiresAt: c.expiresAt,
      revokedAt: c.revokedAt,
      active: c.revokedAt === null && c.expiresAt > now,
      reads: reads.filter((r) => r.consentId === c.id).slice(0, 10).map(({ at, resourceType, count }) => ({ at, resourceType, count })),
    }
  })
}
