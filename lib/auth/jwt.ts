import { decode, encode, type JWT } from 'next-auth/jwt'
import { env } from '@/lib/env'

/**
 * The session cookie's JWT, with secret rotation (issue 13 item 10): the first secret of SESSION_SECRETS
 * (NEXTAUTH_SECRET) signs, every one (NEXTAUTH_SECRET_PREVIOUS too) is tried when reading. Shared by next-auth
 * (options.ts `jwt.encode/decode`), proxy.ts's sliding refresh and the session check. No `server-only`: proxy.ts uses it.
 */
export async function encodeSession(token: JWT, maxAge: number, secrets: readonly string[] = env().SESSION_SECRETS): Promise<string> {
  return encode({ token, secret: secrets[0]!, maxAge })
}

/** The token if one accepted secret opens it (and it has not expired), else null. */
export async function decodeSession(raw: string | undefined | null, secrets: readonly string[] = env().SESSION_SECRETS): Promise<JWT | null> {
  if (!raw) return null
  for (const secret of secrets) {
    const token = await decode({ token: raw, secret }).catch(() => null)
    if (token) return token
  }
  return null
}
