import 'server-only'
import type { NextAuthOptions } from 'next-auth'
import CredentialsProvider from 'next-auth/providers/credentials'
import { env } from '@/lib/env'
import { isAppError } from '@/lib/errors'
import { authenticate } from '@/lib/services/auth/authenticate'
import { SESSION_COOKIE, sessionCookieOptions, secureCookiesEnabled } from './cookie'
import { clientAddress, headerGetter, userAgentOf } from './client-address'
import { encodeSignInError } from './sign-in-error'

/**
 * Two credentials providers: "insured" (NIR + password) and "staff" (e-mail + password).
 * authorize() throws the AppError code; next-auth answers 401 with `error=<code>`, which the sign-in page translates.
 */
function provider(id: 'insured' | 'staff') {
  return CredentialsProvider({
    id,
    name: id,
    credentials: id === 'insured' ? { nir: { type: 'text' }, password: { type: 'password' } } : { email: { type: 'email' }, password: { type: 'password' } },
    async authorize(credentials, req) {
      try {
        const user = await authenticate({
          kind: id,
          credentials: credentials ?? {},
          ip: clientAddress(headerGetter(req?.headers)),
          userAgent: userAgentOf(headerGetter(req?.headers)),
          now: new Date(),
        })
        return { id: user.id, name: user.name, role: user.role, sessionVersion: user.sessionVersion }
      } catch (error) {
        if (isAppError(error)) throw new Error(encodeSignInError(error.code, error.details))
        console.error('sign-in failed unexpectedly', error)
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
    jwt: { maxAge: e.SESSION_IDLE_SECONDS },
    pages: { signIn: '/connexion', error: '/connexion' },
    cookies: {
      sessionToken: { name: SESSION_COOKIE, options: sessionCookieOptions(secureCookiesEnabled()) },
    },
    callbacks: {
      async jwt({ token, user }) {
        if (user) {
          const u = user as typeof user & { role: 'insured' | 'advisor' | 'supervisor'; sessionVersion: number }
          token.role = u.role
          token.sv = u.sessionVersion
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
        console.error('[next-auth]', code, metadata instanceof Error ? metadata.message : '')
      },
      warn() {},
      debug() {},
    },
  }
}
