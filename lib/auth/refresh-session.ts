import 'server-only'
import { cookies } from 'next/headers'
import { env } from '@/lib/env'
import { sessionCookieName, sessionCookieOptions, secureCookiesEnabled } from './cookie'
import { decodeSession, encodeSession } from './jwt'

/**
 * Re-issues the current session cookie with a new session version (after a password change bumped it, which ends
 * every other session): the person stays signed in on this device only. Same JWT and sign-in time as before, so the
 * absolute 12-hour limit is unchanged. For server actions (cookies can be written there). Returns false without a session.
 */
export async function reissueSessionCookie(sessionVersion: number): Promise<boolean> {
  const store = await cookies()
  const token = await decodeSession(store.get(sessionCookieName())?.value)
  if (!token?.sub) return false
  const maxAge = env().SESSION_IDLE_SECONDS
  store.set(sessionCookieName(), await encodeSession({ ...token, sv: sessionVersion }, maxAge), { ...sessionCookieOptions(secureCookiesEnabled()), maxAge })
  return true
}
