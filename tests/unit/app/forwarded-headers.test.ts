import { describe, expect, it } from 'vitest'
import { checkListen, isLoopback, rewriteForwardingHeaders, trustedForwardedFor, trustedProxyHops } from '@/scripts/server/forwarded.mjs'
import { clientAddress } from '@/lib/auth/client-address'

type TReq = Parameters<typeof rewriteForwardingHeaders>[0]
const request = (headers: Record<string, string>, remoteAddress: string): TReq => {
  const rawHeaders = Object.entries(headers).flat()
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]))
  return { headers: lower, rawHeaders, socket: { remoteAddress } } as unknown as TReq
}
/** What the app then reads (lib/auth/client-address.ts), with the same TRUSTED_PROXY_HOPS. */
const seenByApp = (req: TReq, hops: number) => clientAddress((name) => req.headers[name] as string | undefined, hops)

describe('trusted client address in front of Next (issue 13 item 2, ADR 0004)', () => {
  it('attack: a directly served client sends its own X-Forwarded-For / X-Real-IP / Forwarded to dodge the per-address limit → the socket address wins', () => {
    const req = request({ 'X-Forwarded-For': '203.0.113.99', 'X-Real-IP': '198.51.100.1', Forwarded: 'for=192.0.2.60', 'User-Agent': 'curl' }, '192.0.2.10')
    expect(rewriteForwardingHeaders(req, 0)).toBe('192.0.2.10')
    expect(req.headers['x-forwarded-for']).toBe('192.0.2.10')
    expect(req.headers['x-real-ip']).toBeUndefined()
    expect(req.headers.forwarded).toBeUndefined()
    // The raw headers (what Next builds the Web Request from) carry only the rewritten value.
    expect(req.rawHeaders).toEqual(['User-Agent', 'curl', 'X-Forwarded-For', '192.0.2.10'])
    expect(seenByApp(req, 0)).toBe('192.0.2.10')
  })

  it('with no header at all, the socket address is set (IPv4-mapped IPv6 written as IPv4)', () => {
    const req = request({}, '::ffff:203.0.113.7')
    rewriteForwardingHeaders(req, 0)
    expect(seenByApp(req, 0)).toBe('203.0.113.7')
  })

  it('attack: behind one trusted proxy (TRUSTED_PROXY_HOPS=1) the client prepends fake hops → only the hop the proxy appended is kept', () => {
    // The client sent "1.2.3.4, 5.6.7.8"; nginx appended what it saw (198.51.100.9) and connected from 10.0.0.2.
    const req = request({ 'x-forwarded-for': '1.2.3.4, 5.6.7.8, 198.51.100.9' }, '10.0.0.2')
    expect(rewriteForwardingHeaders(req, 1)).toBe('198.51.100.9, 10.0.0.2')
    expect(seenByApp(req, 1)).toBe('198.51.100.9')
  })

  it('behind two trusted proxies (CDN then nginx), the address the outer proxy saw is the client', () => {
    // client → CDN (appends 203.0.113.5) → nginx 10.0.0.3 (appends the CDN, 192.0.2.44) → us (socket 10.0.0.3)
    expect(trustedForwardedFor('6.6.6.6, 203.0.113.5, 192.0.2.44', '10.0.0.3', 2)).toBe('203.0.113.5, 192.0.2.44, 10.0.0.3')
    const req = request({ 'x-forwarded-for': '6.6.6.6, 203.0.113.5, 192.0.2.44' }, '10.0.0.3')
    rewriteForwardingHeaders(req, 2)
    expect(seenByApp(req, 2)).toBe('203.0.113.5')
  })

  it('a header sent twice is one chain; TRUSTED_PROXY_HOPS outside 0–10 means 0', () => {
    expect(trustedForwardedFor(['9.9.9.9', '198.51.100.9'], '10.0.0.2', 1)).toBe('198.51.100.9, 10.0.0.2')
    expect(trustedProxyHops(undefined)).toBe(0)
    expect(trustedProxyHops('2')).toBe(2)
    expect(trustedProxyHops('-1')).toBe(0)
    expect(trustedProxyHops('abc')).toBe(0)
    expect(trustedProxyHops('11')).toBe(0)
  })
})

describe('where the server may listen (issue 13 item 10: the built-in secret never serves another interface)', () => {
  it('without NEXTAUTH_SECRET (demo, ALLOW_INSECURE_LOCAL=1) only loopback is accepted', () => {
    const demo = { ALLOW_INSECURE_LOCAL: '1' }
    expect(checkListen(demo, '127.0.0.1')).toEqual({ ok: true })
    expect(checkListen(demo, '::1')).toEqual({ ok: true })
    const refused = checkListen(demo, '0.0.0.0')
    expect(refused.ok).toBe(false)
    expect(!refused.ok && refused.message).toMatch(/only listen on 127\.0\.0\.1.*NEXTAUTH_SECRET/)
    expect(checkListen(demo, '192.168.1.20').ok).toBe(false)
    expect(checkListen(demo, '::').ok).toBe(false)
  })

  it('without a secret and without ALLOW_INSECURE_LOCAL nothing starts; with a real secret any interface is fine', () => {
    expect(checkListen({}, '127.0.0.1').ok).toBe(false)
    expect(checkListen({ NEXTAUTH_SECRET: 'x'.repeat(48) }, '0.0.0.0')).toEqual({ ok: true })
    expect(isLoopback('127.0.0.53')).toBe(true)
    expect(isLoopback('[::1]')).toBe(true)
    expect(isLoopback('10.0.0.1')).toBe(false)
  })
})
