import 'server-only'
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto'
import { env } from '@/lib/env'

/**
 * Search criteria in the URL without personal data (issue 13 item 9: NIRs and names travelled in the query string of
 * the back-office search and the audit filters, hence in proxy logs, browser history and Referer headers).
 * The form is POSTed to a server action, which redirects to `?q=<token>`: the criteria sealed with AES-256-GCM under a
 * key derived from the session secret, bound to the staff member who searched, valid SEARCH_TOKEN_SECONDS. The page
 * opens the token; paging and the back button keep working (the token stays in the URL), and a copied link is
 * useless to anyone else and after an hour. The clock is the caller's (`now`).
 */
export const SEARCH_TOKEN_SECONDS = 60 * 60

const key = () => createHash('sha256').update(`search-token:${env().NEXTAUTH_SECRET}`).digest()

export function sealSearch(userId: string, criteria: Record<string, string>, now: Date): string {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', key(), iv)
  cipher.setAAD(Buffer.from(userId))
  const plain = JSON.stringify({ c: criteria, exp: Math.floor(now.getTime() / 1000) + SEARCH_TOKEN_SECONDS })
  const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
  return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url')
}

/** The criteria of a token sealed for this user and not expired, else null (tampered, someone else's, too old). */
export function openSearch(userId: string, token: string | undefined, now: Date): Record<string, string> | null {
  if (!token || token.length > 4000) return null
  try {
    const raw = Buffer.from(token, 'base64url')
    if (raw.length < 29) return null
    const decipher = createDecipheriv('aes-256-gcm', key(), raw.subarray(0, 12))
    decipher.setAAD(Buffer.from(userId))
    decipher.setAuthTag(raw.subarray(12, 28))
    const plain = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8')
    const { c, exp } = JSON.parse(plain) as { c: unknown; exp: unknown }
    if (typeof exp !== 'number' || exp * 1000 < now.getTime()) return null
    if (typeof c !== 'object' || c === null) return null
    return Object.fromEntries(Object.entries(c).filter((e): e is [string, string] => typeof e[1] === 'string'))
  } catch {
    return null
  }
}
