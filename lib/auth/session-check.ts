import { getDb } from '@/lib/db/client'
import { isAuthSessionActive, touchAuthSession } from '@/lib/db/repositories/auth-sessions'

/**
 * Whether a session id (`sid` claim) is still open on the server, for proxy.ts's sliding refresh: a revoked session
 * is never re-issued (issue 13 item 4). One primary-key lookup, remembered for a few seconds per process; a revocation
 * made by this process forgets it at once (`forgetSession`), another instance sees it within CACHE_MS.
 * No `server-only`: proxy.ts imports it.
 */
const CACHE_MS = 5_000
const MAX_ENTRIES = 5_000

type TCache = Map<string, number>
const g = globalThis as unknown as { activeSessionCache?: TCache }
function cache(): TCache {
  g.activeSessionCache ??= new Map()
  return g.activeSessionCache
}

export async function sessionIsActive(sid: unknown, now: Date): Promise<boolean> {
  if (typeof sid !== 'string' || sid.length < 16 || sid.length > 64) return false
  const c = cache()
  const until = c.get(sid)
  if (until !== undefined && until > now.getTime()) return true
  const db = getDb()
  const active = await isAuthSessionActive(db, sid, now)
  if (!active) {
    c.delete(sid)
    return false
  }
  if (c.size >= MAX_ENTRIES) c.clear()
  c.set(sid, now.getTime() + CACHE_MS)
  await touchAuthSession(db, sid, now)
  return true
}

/** Called by every revocation in this process: the cached "active" answer must not outlive the session. */
export function forgetSession(...ids: string[]): void {
  const c = cache()
  for (const id of ids) c.delete(id)
}
