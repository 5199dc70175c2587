import type { Db, Tx } from '../client'
import type { TSessionUser } from './users'

/** Server-side sessions (AuthSession): the `sid` claim of each session cookie (issue 13 item 4). */

export async function createAuthSession(db: Db | Tx, data: { id: string; userId: string; now: Date; expiresAt: Date; ip: string | null; userAgent: string | null }): Promise<void> {
  await db.authSession.create({
    data: { id: data.id, userId: data.userId, createdAt: data.now, lastSeenAt: data.now, expiresAt: data.expiresAt, ip: data.ip, userAgent: data.userAgent ? data.userAgent.slice(0, 400) : null },
  })
}

/** Whether the session exists, is not revoked and has not reached its absolute end (one primary-key lookup). */
export async function isAuthSessionActive(db: Db, id: string, now: Date): Promise<boolean> {
  const s = await db.authSession.findUnique({ where: { id }, select: { revokedAt: true, expiresAt: true } })
  return Boolean(s && !s.revokedAt && s.expiresAt.getTime() > now.getTime())
}

/**
 * The user of an active session (one primary-key lookup joined to the user), or null when the session is unknown,
 * revoked, past its absolute end, or belongs to someone else than `userId`.
 */
export async function findActiveSessionUser(db: Db, id: string, userId: string, now: Date): Promise<(TSessionUser & { sessionId: string }) | null> {
  const s = await db.authSession.findUnique({
    where: { id },
    select: {
      userId: true,
      revokedAt: true,
      expiresAt: true,
      user: { select: { id: true, role: true, displayName: true, insuredId: true, organisationId: true, sessionVersion: true, lockedAt: true, mustChangePassword: true, totpEnabledAt: true } },
    },
  })
  if (!s || s.revokedAt || s.userId !== userId || s.expiresAt.getTime() <= now.getTime()) return null
  const u = s.user
  if (u.role !== 'insured' && u.role !== 'advisor' && u.role !== 'supervisor') return null
  return {
    id: u.id,
    role: u.role,
    displayName: u.displayName,
    insuredId: u.insuredId,
    organisationId: u.organisationId,
    sessionVersion: u.sessionVersion,
    locked: u.lockedAt !== null,
    mustChangePassword: u.mustChangePassword,
    totpEnabled: u.totpEnabledAt !== null,
    sessionId: id,
  }
}

/** Marks the last activity, at most once a minute (a write per page view would be wasteful). */
export async function touchAuthSession(db: Db, id: string, now: Date): Promise<void> {
  await db.authSession.updateMany({ where: { id, revokedAt: null, lastSeenAt: { lt: new Date(now.getTime() - 60_000) } }, data: { lastSeenAt: now } })
}

export async function revokeAuthSession(db: Db | Tx, id: string, userId: string, now: Date): Promise<number> {
  const r = await db.authSession.updateMany({ where: { id, userId, revokedAt: null }, data: { revokedAt: now } })
  return r.count
}

/** Every open session of the user, except `exceptId` when given (the one the person is using). Returns the ids revoked. */
export async function revokeAllAuthSessions(db: Db | Tx, userId: string, now: Date, exceptId?: string): Promise<string[]> {
  const open = await db.authSession.findMany({ where: { userId, revokedAt: null, ...(exceptId ? { id: { not: exceptId } } : {}) }, select: { id: true } })
  if (open.length === 0) return []
  await db.authSession.updateMany({ where: { id: { in: open.map((s) => s.id) } }, data: { revokedAt: now } })
  return open.map((s) => s.id)
}

export type TAuthSessionDto = { id: string; createdAt: Date; lastSeenAt: Date; ip: string | null; userAgent: string | null }

/** The open sessions of a user, most recent first (profile page). */
export function listActiveAuthSessions(db: Db, userId: string, now: Date): Promise<TAuthSessionDto[]> {
  return db.authSession.findMany({
    where: { userId, revokedAt: null, expiresAt: { gt: now } },
    orderBy: { lastSeenAt: 'desc' },
    take: 20,
    select: { id: true, createdAt: true, lastSeenAt: true, ip: true, userAgent: true },
  })
}
