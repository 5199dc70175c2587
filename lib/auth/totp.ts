import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto'
import { generate, generateSecret, generateURI, verify } from 'otplib'

/**
 * Time-based one-time passwords (RFC 6238: 6 digits, 30-second steps, SHA-1, as every authenticator app reads them)
 * with otplib, and the recovery codes of the staff two-factor sign-in (issue 13 item 6). The clock is passed in.
 * No `server-only`: the seed, `npm run demo:totp` and the e2e helper use it too.
 */
export const TOTP_ISSUER = 'ameli simulateur'
/** One step either side is accepted (a phone clock 30 s off still works). */
const TOLERANCE_SECONDS = 30

export function newTotpSecret(): string {
  return generateSecret({ length: 20 })
}

export function totpUri(secret: string, accountEmail: string): string {
  return generateURI({ issuer: TOTP_ISSUER, label: accountEmail, secret })
}

export function totpCode(secret: string, now: Date): Promise<string> {
  return generate({ secret, epoch: Math.floor(now.getTime() / 1000) })
}

export async function totpMatches(secret: string, token: string, now: Date): Promise<boolean> {
  if (!/^\d{6}$/.test(token)) return false
  try {
    const r = await verify({ secret, token, epoch: Math.floor(now.getTime() / 1000), epochTolerance: TOLERANCE_SECONDS })
    return r.valid
  } catch {
    return false
  }
}

/** Recovery codes: 12 characters from an alphabet without look-alikes (≈ 60 bits), shown as XXXX-XXXX-XXXX. */
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'
export const RECOVERY_CODE_COUNT = 10

export function newRecoveryCode(): string {
  let s = ''
  for (let i = 0; i < 12; i++) s += ALPHABET[randomInt(0, ALPHABET.length)]
  return `${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8)}`
}

/** What the person typed, in the stored form (upper case, dashes and spaces dropped), or null if it cannot be one. */
export function normalizeRecoveryCode(input: string): string | null {
  const s = input.toUpperCase().replace(/[\s-]/g, '')
  return /^[A-Z0-9]{12}$/.test(s) ? s : null
}

/**
 * Salted SHA-256 of the normalized code. Not a password hash on purpose: the codes are random with ~60 bits, so a
 * slow hash adds nothing, and no server secret is mixed in (rotating NEXTAUTH_SECRET must not void them).
 */
export function hashRecoveryCode(code: string, salt = randomBytes(12).toString('base64url')): string {
  const normalized = normalizeRecoveryCode(code) ?? code
  return `${salt}:${createHash('sha256').update(`${salt}:${normalized}`).digest('hex')}`
}

export function recoveryCodeMatches(stored: string, code: string): boolean {
  const [salt] = stored.split(':')
  const a = Buffer.from(hashRecoveryCode(code, salt ?? ''))
  const b = Buffer.from(stored)
  return a.length === b.length && timingSafeEqual(a, b)
}
