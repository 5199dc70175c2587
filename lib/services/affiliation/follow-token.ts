import 'server-only'
import { createHmac, timingSafeEqual } from 'node:crypto'
import { env } from '@/lib/env'

/** How long the access to one request lasts after the applicant gave its number and their birth date. */
export const FOLLOW_ACCESS_SECONDS = 30 * 60

function mac(payload: string): string {
  return createHmac('sha256', env().NEXTAUTH_SECRET).update(`affiliation-follow:${payload}`).digest('base64url')
}

/**
 * The value of the follow-up cookie: the request id and an expiry, signed (HMAC-SHA256 with the session secret,
 * domain-separated). It grants access to that one request only; nothing personal is in it.
 */
export function signFollowToken(procedureId: string, now: Date): string {
  const payload = `${procedureId}.${Math.floor(now.getTime() / 1000) + FOLLOW_ACCESS_SECONDS}`
  return `${payload}.${mac(payload)}`
}

/** The request id of a valid, unexpired token, else null. */
export function verifyFollowToken(token: string | undefined | null, now: Date): string | null {
  if (!token) return null
  const parts = token.split('.')
  if (parts.length !== 3) return null
  const [id, exp, sig] = parts as [string, string, string]
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(id) || !/^\d{1,12}$/.test(exp)) return null
  const expected = Buffer.from(mac(`${id}.${exp}`))
  const given = Buffer.from(sig)
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null
  if (Number(exp) * 1000 <= now.getTime()) return null
  return id
}
