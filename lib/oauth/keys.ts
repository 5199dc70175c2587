import { createECDH, createHmac } from 'node:crypto'

/**
 * The authorization server's keys, derived from the session secret (NEXTAUTH_SECRET, or the built-in development
 * secret where that is allowed, lib/env.ts): every instance of the portal derives the same ones, nothing is stored,
 * and rotating the secret rotates them (ADR 0012). The ID token signing key is an EC P-256 key (ES256) whose private
 * scalar is an HMAC of the secret (below the curve order with overwhelming probability; checked by the ECDH call).
 */
export function deriveSigningJwk(secret: string): { kty: 'EC'; crv: 'P-256'; d: string; x: string; y: string; kid: string; alg: 'ES256'; use: 'sig' } {
  const d = createHmac('sha256', secret).update('oauth id-token signing key v1').digest()
  const ecdh = createECDH('prime256v1')
  ecdh.setPrivateKey(d)
  const pub = ecdh.getPublicKey() // 0x04 || x || y
  const x = pub.subarray(1, 33)
  const y = pub.subarray(33, 65)
  const kid = createHmac('sha256', 'kid').update(pub).digest('base64url').slice(0, 16)
  return { kty: 'EC', crv: 'P-256', d: d.toString('base64url'), x: x.toString('base64url'), y: y.toString('base64url'), kid, alg: 'ES256', use: 'sig' }
}

/** Keys that sign the provider's cookies (the first signs, all verify). */
export function deriveCookieKeys(secrets: string[]): string[] {
  return secrets.map((s) => createHmac('sha256', s).update('oauth cookie keys v1').digest('base64url'))
}
