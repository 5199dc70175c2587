/** Session cookie shared by next-auth (lib/auth/options.ts) and the sliding refresh in proxy.ts. */
export const SESSION_COOKIE = 'ameli.session'

/** Absolute lifetime of a session, whatever the activity (seconds). */
export const SESSION_ABSOLUTE_SECONDS = 12 * 60 * 60

export function sessionCookieOptions(secure: boolean) {
  return { httpOnly: true, sameSite: 'lax' as const, path: '/', secure }
}

/** Cookies are `Secure` when the public URL is https (production behind TLS); plain http on localhost for tests. */
export function secureCookiesEnabled(): boolean {
  return (process.env.NEXTAUTH_URL ?? '').startsWith('https://')
}
