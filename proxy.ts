import { NextResponse, type NextRequest } from 'next/server'
import { env } from '@/lib/env'
import { SESSION_ABSOLUTE_SECONDS, sessionCookieName, sessionCookieOptions, secureCookiesEnabled } from '@/lib/auth/cookie'
import { decodeSession, encodeSession } from '@/lib/auth/jwt'
import { sessionIsActive } from '@/lib/auth/session-check'
import { earlyRefusal } from '@/lib/http/early-refusals'
import { ZPublicRulesDate } from '@/lib/schemas/rules'

/** Headers of the refusals proxy.ts answers itself (next.config.ts headers do not reach a response made here). */
const REFUSAL_HEADERS = {
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
}

/**
 * Runs before every page (Node runtime in Next 16). Two jobs after the early refusals, no authorization (that lives in each page/action):
 * 1. A Content-Security-Policy with a fresh nonce, which Next applies to its own scripts.
 * 2. The idle timeout: a valid session cookie is re-issued with a new 30-minute expiry on each visit, so a session
 *    ends after 30 minutes without activity (and in any case 12 hours after sign-in). A session that was signed out
 *    (its server-side id revoked) is cleared, never renewed (issue 13 item 4).
 */
export async function proxy(request: NextRequest) {
  // Oversized or unreadable form posts: a translated 4xx before Next reads them (lib/http/early-refusals.ts).
  const refused = await earlyRefusal(request, REFUSAL_HEADERS)
  if (refused) return new NextResponse(refused.body, { status: refused.status, headers: refused.headers })

  const nonce = Buffer.from(crypto.randomUUID()).toString('base64')
  const dev = process.env.NODE_ENV !== 'production'
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ')

  const requestHeaders = new Headers(request.headers)
  requestHeaders.set('x-nonce', nonce)
  requestHeaders.set('Content-Security-Policy', csp)
  // A page cannot set its own status: the pages that answer a bad query with an explained error get their 4xx here,
  // from the same schema the page uses (the page still renders the message and the form).
  const response = NextResponse.next({ request: { headers: requestHeaders }, status: badQueryStatus(request) })
  response.headers.set('Content-Security-Policy', csp)

  const secure = secureCookiesEnabled()
  const name = sessionCookieName(secure)
  const raw = request.cookies.get(name)?.value
  if (raw) {
    const maxAge = env().SESSION_IDLE_SECONDS
    const now = new Date()
    const token = await decodeSession(raw)
    const loginAt = typeof token?.loginAt === 'number' ? token.loginAt : 0
    const options = sessionCookieOptions(secure)
    const withinLimits = token !== null && now.getTime() / 1000 - loginAt < SESSION_ABSOLUTE_SECONDS
    // The database not answering (an outage) is not a revocation: the cookie is left as it is, neither renewed nor
    // cleared, so that nobody is signed out by an outage (issue 14: recovery without losing the sessions).
    const active = token && withinLimits ? await sessionIsActive(token.sid, now).catch(() => 'unknown' as const) : false
    if (token && active === true) {
      response.cookies.set(name, await encodeSession(token, maxAge), { ...options, maxAge })
    } else if (active === false) {
      response.cookies.set(name, '', { ...options, maxAge: 0 })
    }
  }
  return response
}

/** 400 for `/regles?date=…` with a date the page refuses (malformed or out of range); else 200. */
function badQueryStatus(request: NextRequest): number {
  if (request.nextUrl.pathname === '/regles') {
    const date = request.nextUrl.searchParams.get('date')
    if (date !== null && date.trim() !== '' && !ZPublicRulesDate.safeParse(date).success) return 400
  }
  return 200
}

export const config = {
  matcher: [
    {
      // favicon.ico and robots.txt are not left out: their answers (404 or file) carry the pages' headers too.
      source: '/((?!api|_next/static|_next/image).*)',
      missing: [
        { type: 'header', key: 'next-router-prefetch' },
        { type: 'header', key: 'purpose', value: 'prefetch' },
      ],
    },
  ],
}
