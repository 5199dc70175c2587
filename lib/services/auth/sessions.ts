import 'server-only'
import { randomBytes } from 'node:crypto'
import { getDb, type Db, type Tx } from '@/lib/db/client'
import { createAuthSession, revokeAllAuthSessions, revokeAuthSession } from '@/lib/db/repositories/auth-sessions'
import { SESSION_ABSOLUTE_SECONDS } from '@/lib/auth/cookie'
import { forgetSession } from '@/lib/auth/session-check'

/**
 * Server-side sessions (issue 13 item 4): each sign-in opens an AuthSession whose random id travels in the cookie
 * (`sid`); sign-out revokes it, "sign out everywhere" and a password reset revoke them all. A cookie copied before
 * sign-out is then refused by every session check and never renewed by proxy.ts.
 */
export async function startSession({ userId, ip, userAgent, now, db }: { userId: string; ip: string | null; userAgent: string | null; now: Date; db?: Db }): Promise<string> {
  const id = randomBytes(24).toString('base64url')
  await createAuthSession(db ?? getDb(), { id, userId, now, expiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_SECONDS * 1000), ip, userAgent })
  return id
}

export async function revokeSession(db: Db | Tx, { sessionId, userId, now }: { sessionId: string; userId: string; now: Date }): Promise<boolean> {
  const n = await revokeAuthSession(db, sessionId, userId, now)
  forgetSession(sessionId)
  return n > 0
}

export async function revokeAllSessions(db: Db | Tx, { userId, now, exceptId }: { userId: string; now: Date; exceptId?: string }): Promise<number> {
  const ids = await revokeAllAuthSessions(db, userId, now, exceptId)
  forgetSession(...ids)
  return ids.length
}
