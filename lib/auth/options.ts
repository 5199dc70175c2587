import 'server-only'
import { log } from '@/lib/observability/log'
import type { NextAuthOptions } from 'next-auth'
import CredentialsProvider from 'next-auth/providers/credentials'
import { env } from '@/lib/env'
import { isAppError } from '@/lib/errors'
import { authenticate } from '@/lib/services/auth/authenticate'
import { revokeSession, startSession } from '@/lib/services/auth/sessions'
import { getDb } from '@/lib/db/client'
import { sessionCookieName, sessionCookieOptions, secureCookiesEnabled } from './cookie'
import { clientAddress, headerGetter, userAgentOf } from './client-address'
import { encodeSignInError } from './sign-in-error'
import { decodeSession, encodeSession } from './jwt'
import { sessionIsActive } from './session-check'

/**
 * Two credentials providers: "insured" (NIR + password) and "staff" (e-mail + password).
 * authorize() throws the AppError code; next-auth answers 401 with `error=<code>`, which the sign-in page translates.
 */
function provider(id: 'insured' | 'staff') {
  return CredentialsProvider({
    id,
    name: id,
    credentials:
      id === 'insured'
        ? { nir: { type: 'text' }, password: { type: 'password' } }
        : { email: { type: 'email' }, password: { type: 'password' }, otp: { type: 'text' } },
    async authorize(credentials, req) {
      try {
        const ip = clientAddress(headerGetter(req?.headers))
        const userAgent = userAgentOf(headerGetter(req?.headers))
        const now = new Date()
        const user = await authenticate({ kind: id, credentials: credentials ?? {}, ip, userAgent, now })
        // The server-side session (issue 13 item 4): its id goes into the cookie, sign-out revokes it.
        const sid = await startSession({ userId: user.id, ip, userAgent, now })
        return { id: user.id, name: user.name, role: user.role, sessionVersion: user.sessionVersion, sid }
      } catch (error) {
        if (isAppError(error)) throw new Error(encodeSignInError(error.code, error.details))
        log.error('sign-in failed unexpectedly', { err: error })
        throw new Error('unexpected')
      }
    },
  })
}

export function authOptions(): NextAuthOptions {
  const e = env()
  return {
    secret: e.NEXTAUTH_SECRET,
    providers: [provider('insured'), provider('staff')],
    session: { strategy: 'jwt', maxAge: e.SESSION_IDLE_SECONDS },
    // Secret rotation (issue 13 item 10): NEXTAUTH_SECRET signs, NEXTAUTH_SECRET_PREVIOUS is still accepted.
    jwt: {
      maxAge: e.SESSION_IDLE_SECONDS,
      encode: ({ token, maxAge }) => encodeSession(token ?? {}, maxAge ?? e.SESSION_IDLE_SECONDS, e.SESSION_SECRETS),
      // next-auth's own routes (/api/auth/session renews the cookie) refuse a revoked session too (issue 13 item 4).
      decode: async ({ token }) => {
        const decoded = await decodeSession(token, e.SESSION_SECRETS)
        return decoded && (await sessionIsActive(decoded.sid, new Date())) ? decoded : null
      },
    },
    pages: { signIn: '/connexion', error: '/connexion' },
    cookies: {
      // `__Host-` prefix over https (issue 13 item 10).
      sessionToken: { name: sessionCookieName(), options: sessionCookieOptions(secureCookiesEnabled()) },
    },
    events: {
      // next-auth's own /api/auth/signout ends the server-side session too (the portal's button uses app/actions/session.ts).
      async signOut({ token }) {
        if (typeof token?.sid === 'string' && typeof token.sub === 'string') {
          await revokeSession(getDb(), { sessionId: token.sid, userId: token.sub, now: new Date() })
        }
      },
    },
    callbacks: {
      async jwt({ token, user }) {
        if (user) {
          const u = user as typeof user & { role: 'insured' | 'advisor' | 'supervisor'; sessionVersion: number; sid: string }
          token.role = u.role
          token.sv = u.sessionVersion
          token.sid = u.sid
          token.loginAt = Math.floor(Date.now() / 1000)
        }
        return token
      },
      async session({ session, token }) {
        return { ...session, user: { name: token.name ?? null, role: token.role } }
      },
    },
    logger: {
      error(code, metadata) {
        // CredentialsSignin-type errors are expected (wrong password…): they are audited, not logged as crashes.
        if (code === 'CREDENTIALS_SIGNIN_ERROR' || code === 'JWT_SESSION_ERROR') return
        log.error('next-auth error', { code, err: metadata instanceof Error ? metadata : undefined })
      },
      warn() {},
      debug() {},
    },
  }
}
