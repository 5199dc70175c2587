// The trusted client address (issue 13 item 2, ADR 0004). Plain JavaScript: the production server runs it with node.
//
// A client may send any X-Forwarded-For, X-Real-IP or Forwarded header it likes; `next start` passes them through.
// Before Next sees a request, the custom server (scripts/server.mjs) rewrites them from what it can trust:
//  - served directly (TRUSTED_PROXY_HOPS=0, the default): X-Forwarded-For becomes the socket's remote address, and
//    every client-sent forwarding header is dropped;
//  - behind N reverse proxies that each append the address they saw (nginx `proxy_add_x_forwarded_for`):
//    only the last N entries of the incoming chain (the ones those proxies wrote) are kept, followed by the socket
//    address (the nearest proxy). lib/auth/client-address.ts then takes the N-th entry from the right: the address
//    the outermost trusted proxy saw. What the client wrote to the left of it is thrown away.

const FORWARDING_HEADERS = ['x-forwarded-for', 'x-real-ip', 'forwarded']

/** "::ffff:203.0.113.7" (an IPv4 client on a dual-stack socket) → "203.0.113.7". */
export function normaliseAddress(address) {
  if (typeof address !== 'string') return null
  const a = address.trim()
  if (!a) return null
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(a)
  return mapped ? mapped[1] : a
}

/** TRUSTED_PROXY_HOPS as an integer 0–10 (anything else: 0, i.e. trust no proxy). */
export function trustedProxyHops(value = process.env.TRUSTED_PROXY_HOPS) {
  const n = Number(value ?? 0)
  return Number.isInteger(n) && n >= 0 && n <= 10 ? n : 0
}

/**
 * The X-Forwarded-For value to hand to Next: the trusted part of the incoming chain plus the socket address.
 * `incoming` is the raw header (string, list of strings when sent several times, or undefined).
 */
export function trustedForwardedFor(incoming, socketAddress, hops) {
  const socket = normaliseAddress(socketAddress) ?? 'unknown'
  if (!hops) return socket
  const raw = Array.isArray(incoming) ? incoming.join(',') : (incoming ?? '')
  const chain = raw
    .split(',')
    .map((s) => normaliseAddress(s))
    .filter(Boolean)
  return [...chain.slice(-hops), socket].join(', ')
}

/**
 * Rewrites the forwarding headers of a Node request in place (req.headers and req.rawHeaders, which Next reads
 * for the Web Request of route handlers and server actions).
 */
export function rewriteForwardingHeaders(req, hops) {
  const value = trustedForwardedFor(req.headers['x-forwarded-for'], req.socket?.remoteAddress, hops)
  for (const name of FORWARDING_HEADERS) delete req.headers[name]
  req.headers['x-forwarded-for'] = value
  if (Array.isArray(req.rawHeaders)) {
    const kept = []
    for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
      if (!FORWARDING_HEADERS.includes(String(req.rawHeaders[i]).toLowerCase())) kept.push(req.rawHeaders[i], req.rawHeaders[i + 1])
    }
    kept.push('X-Forwarded-For', value)
    req.rawHeaders.splice(0, req.rawHeaders.length, ...kept)
  }
  return value
}

const LOOPBACK = /^(127(?:\.\d{1,3}){3}|::1|localhost|::ffff:127(?:\.\d{1,3}){3})$/i

export function isLoopback(hostname) {
  return LOOPBACK.test(String(hostname ?? '').replace(/^\[|\]$/g, ''))
}

/** True when no session secret is configured: the app then signs sessions with its built-in development secret. */
export function usesBuiltInSecret(env) {
  return !env.NEXTAUTH_SECRET?.trim()
}

/**
 * Where the server may listen (issue 13 item 10). Returns { ok: true } or { ok: false, message }.
 *  - no secret and no ALLOW_INSECURE_LOCAL=1 → refuse (production needs NEXTAUTH_SECRET);
 *  - the built-in development secret (ALLOW_INSECURE_LOCAL=1, no secret) → loopback only: anyone who read the
 *    source could forge sessions for a server reachable from elsewhere.
 */
export function checkListen(env, hostname) {
  if (!usesBuiltInSecret(env)) return { ok: true }
  if (env.ALLOW_INSECURE_LOCAL !== '1') {
    return { ok: false, message: 'NEXTAUTH_SECRET is missing: set it to a long random string (e.g. `openssl rand -base64 48`) before starting in production.' }
  }
  if (!isLoopback(hostname)) {
    return {
      ok: false,
      message: `Refusing to listen on ${hostname}: without NEXTAUTH_SECRET the built-in development secret signs the sessions, so this server may only listen on 127.0.0.1 (or ::1). Set NEXTAUTH_SECRET to serve on another interface.`,
    }
  }
  return { ok: true }
}

/**
 * An HTTP server that rewrites the forwarding headers of every request, then hands it to `handler`
 * (Next's request handler in production; a test handler in the integration tests). `before(req, res)`, when given,
 * sees the request as it arrived (forwarding headers untouched) and returns true when it has answered it itself
 * (the metrics endpoint, which must know whether a proxy relayed the request).
 */
export async function createTrustedServer(handler, hops = trustedProxyHops(), before = undefined) {
  const { createServer } = await import('node:http')
  return createServer((req, res) => {
    if (before?.(req, res)) return
    rewriteForwardingHeaders(req, hops)
    Promise.resolve(handler(req, res)).catch((error) => {
      console.error('request failed', error)
      if (!res.headersSent) res.statusCode = 500
      res.end()
    })
  })
}
