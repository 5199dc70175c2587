/**
 * Who is asking, for the audit trail and the per-address limits.
 *
 * The production server (scripts/server.mjs) rewrites the forwarding headers of every request before Next sees it
 * (scripts/server/forwarded.mjs): client-sent X-Forwarded-For / X-Real-IP / Forwarded are dropped, and
 * X-Forwarded-For becomes the socket address or, behind N trusted reverse proxies (`TRUSTED_PROXY_HOPS=N`), the N hops
 * those proxies appended followed by the socket address. We take the N-th entry from the right: the address seen by
 * the outermost hop we trust (ADR 0004). `next dev` does not rewrite; it is never exposed.
 */
export type THeaderGetter = (name: string) => string | null | undefined

const MAX_LENGTH = 64

function clean(value: string | undefined): string | null {
  const v = value?.trim()
  if (!v) return null
  // An address, not free text: IPv4, IPv6 (with optional zone / brackets), at most 64 characters.
  return /^[0-9A-Fa-f:.[\]%]{2,64}$/.test(v) ? v.slice(0, MAX_LENGTH) : null
}

export function clientAddress(get: THeaderGetter, trustedHops = trustedProxyHops()): string | null {
  const chain = (get('x-forwarded-for') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
  if (chain.length > 0) {
    const index = Math.max(0, chain.length - 1 - trustedHops)
    return clean(chain[index])
  }
  return clean(get('x-real-ip') ?? undefined)
}

export function userAgentOf(get: THeaderGetter): string | null {
  const ua = get('user-agent')
  return ua ? ua.slice(0, 400) : null
}

function trustedProxyHops(): number {
  const n = Number(process.env.TRUSTED_PROXY_HOPS ?? 0)
  return Number.isInteger(n) && n >= 0 && n <= 10 ? n : 0
}

/** Adapts next-auth's plain header object (authorize's `req.headers`) to a getter. */
export function headerGetter(headers: Record<string, unknown> | undefined): THeaderGetter {
  return (name) => {
    const value = headers?.[name] ?? headers?.[name.toLowerCase()]
    return typeof value === 'string' ? value : Array.isArray(value) ? value.join(', ') : null
  }
}
