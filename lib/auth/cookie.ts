/** Session cookie shared by next-auth (lib/auth/options.ts), the sliding refresh in proxy.ts and the session check. */
const BASE_NAME = 'ameli.session'

/** Absolute lifetime of a session, whatever the activity (seconds). */
export const SESSION_ABSOLUTE_SECONDS = 12 * 60 * 60

/**
 * The cookie's name: `__Host-ameli.session` over https (the browser then only accepts it Secure, for path /, without
 * a Domain: a sibling sub-domain or a plain-http page cannot plant or overwrite it, issue 13 item 10); the plain
 * name on http://localhost (browsers refuse `__Host-` cookies that are not Secure).
 */
export function sessionCookieName(secure: boolean = secureCookiesEnabled()): string {
  return secure ? `__Host-${BASE_NAME}` : BASE_NAME
}

export function sessionCookieOptions(secure: boolean) {
  return { httpOnly: true, sameSite: 'lax' as const, path: '/', secure }
}

/** Cookies are `Secure` when the public URL is https (production behind TLS); plain http on localhost for tests. */
export function secureCookiesEnabled(): boolean {
  return (process.env.NEXTAUTH_URL ?? '').startsWith('https://')
}
