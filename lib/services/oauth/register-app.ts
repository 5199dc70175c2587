import 'server-only'
import { randomBytes } from 'node:crypto'
import { can } from '@/lib/auth/permissions'
import { getDb } from '@/lib/db/client'
import { writeAudit } from '@/lib/db/repositories/audit'
import { createOAuthApp, listOAuthApps, reviewOAuthApp, type TOAuthAppDto } from '@/lib/db/repositories/oauth'
import { AppError } from '@/lib/errors'
import { ZRegisterApp, ZReviewApp } from '@/lib/schemas/sharing'
import type { TActor, TRequestContext } from '@/lib/services/procedures/common'

const slug = (name: string) =>
  name
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 30) || 'app'

/**
 * A developer registers an app (issue 18 §3): name, site, who they are, a contact, the exact redirect URIs. The app
 * gets its client id at once and waits for a supervisor's approval before anyone can authorize it. Audited.
 */
export async function registerApp({ input, ctx }: { input: unknown; ctx: TRequestContext }): Promise<{ clientId: string }> {
  const data = ZRegisterApp.parse(input)
  const clientId = `${slug(data.name)}-${randomBytes(4).toString('hex')}`
  await getDb().$transaction(async (tx) => {
    await createOAuthApp(tx, { ...data, clientId, status: 'pending' })
    await writeAudit(tx, {
      actorRole: 'anonymous',
      action: 'oauth.app.register',
      targetType: 'oauth-app',
      targetId: clientId,
      ip: ctx.ip,
      userAgent: ctx.userAgent,
      details: { name: data.name, developer: data.developer, redirectUris: data.redirectUris },
    })
  })
  return { clientId }
}

/** The back-office list of apps, pending first (supervisors only). */
export async function listAppsForReview({ actor }: { actor: TActor }): Promise<TOAuthAppDto[]> {
  if (!can(actor.role, 'update:oauth-app:any')) throw new AppError('auth.forbidden', 403)
  const apps = await listOAuthApps(getDb())
  return [...apps.filter((a) => a.status === 'pending'), ...apps.filter((a) => a.status !== 'pending')]
}

/** A supervisor approves or rejects a pending app (audited in the same transaction); an advisor is refused and audited. */
export async function reviewApp({ actor, input, ctx }: { actor: TActor; input: unknown; ctx: TRequestContext }): Promise<void> {
  const { appId, decision } = ZReviewApp.parse(input)
  const db = getDb()
  if (!can(actor.role, 'update:oauth-app:any')) {
    await writeAudit(db, { actorUserId: actor.id, actorRole: actor.role, action: 'oauth.app.review', targetType: 'oauth-app', targetId: appId, outcome: 'denied', ip: ctx.ip, userAgent: ctx.userAgent })
    throw new AppError('auth.forbidden', 403)
  }
  await db.$transaction(async (tx) => {
    const done = await reviewOAuthApp(tx, appId, decision, actor.id, ctx.now)
    if (!done) throw new AppError('sharing.review.notPending', 409)
    await writeAudit(tx, { actorUserId: actor.id, actorRole: actor.role, action: 'oauth.app.review', targetType: 'oauth-app', targetId: appId, ip: ctx.ip, userAgent: ctx.userAgent, details: { decision } })
  })
}
