import 'next-auth/jwt'

declare module 'next-auth/jwt' {
  interface JWT {
    role?: 'insured' | 'advisor' | 'supervisor'
    /** User.sessionVersion at sign-in: a "sign out everywhere" makes older tokens invalid. */
    sv?: number
    /** Sign-in time (seconds since epoch), for the absolute session lifetime. */
    loginAt?: number
    /** Server-side session id (AuthSession): sign-out revokes it (issue 13 item 4). */
    sid?: string
  }
}
