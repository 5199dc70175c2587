import 'server-only'
import { getDb } from '@/lib/db/client'
import { findActiveSessionUser } from '@/lib/db/repositories/auth-sessions'
import type { TSessionUser } from '@/lib/db/repositories/users'
import { SESSION_ABSOLUTE_SECONDS } from './cookie'

/**
 * The checks of getCurrentUser (lib/auth/session.ts) on a decoded session token: its age, then its session id
 * (`sid`) looked up joined to the user (one primary-key query), the account not locked, the session version current.
 * In its own module, without Next's request APIs, so that the bench's bare handler (scripts/bench/bare-handler.ts)
 * does exactly the pages' session work.
 */
export async function userOfToken(token: Record<string, unknown> | null, now: Date): Promise<TSessionUser | null> {
  if (!token || typeof token.sub !== 'string' || typeof token.sid !== 'string') return null
  const loginAt = typeof token.loginAt === 'number' ? token.loginAt : 0
  if (now.getTime() / 1000 - loginAt > SESSION_ABSOLUTE_SECONDS) return null
  const user = await findActiveSessionUser(getDb(), token.sid, token.sub, now)
  if (!user || user.locked || user.sessionVersion !== token.sv) return null
  return user
}
