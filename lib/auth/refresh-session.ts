import 'server-only'
import { cookies } from 'next/headers'
import { decode, encode } from 'next-auth/jwt'
import { env } from '@/lib/env'
import { SESSION_COOKIE, sessionCookieOptions, secureCookiesEnabled } from './cookie'

/**
 * Re-issues the current session cookie with a new session version (after a password change bumped it, which ends
 * every other session): the person stays signed in on this device only. Same JWT and sign-in time as before, so the
 * absolute 12-hour limit is unchanged. For server actions (cookies can be written there). Returns false without a session.
 */
export async function reissueSessionCookie(sessionVersion: number): Promise<boolean> {
  const store = await cookies()
  const raw = store.get(SESSION_COOKIE)?.value
  if (!raw) return false
  const { NEXTAUTH_SECRET: secret, SESSION_IDLE_SECONDS: maxAge } = env()
  const token = await decode({ token: raw, secret }).catch(() => null)
  if (!token?.sub) return false
  store.set(SESSION_COOKIE, await encode({ token: { ...token, sv: sessionVersion }, secret, maxAge }), { ...sessionCookieOptions(secureCookiesEnabled()), maxAge })
  return true
}
