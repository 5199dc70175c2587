import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createTrustedServer } from '@/scripts/server/forwarded.mjs'
import { clientAddress, headerGetter, userAgentOf } from '@/lib/auth/client-address'
import { authenticate } from '@/lib/services/auth/authenticate'
import { createDbSignInThrottle, DEFAULT_THROTTLE_POLICY } from '@/lib/services/auth/sign-in-throttle'
import { createFollowLimiter, followAffiliationRequest } from '@/lib/services/affiliation/follow-affiliation-request'
import { getDb } from '@/lib/db/client'
import { isAppError } from '@/lib/errors'

/**
 * Issue 13 items 2 and 3, through the real production server's front (scripts/server/forwarded.mjs: the HTTP server
 * of `npm start`), with a handler that does what the app does: read the address with clientAddress() from the request
 * headers, then call the service. Next's own handler is replaced so that no build is needed; the header rewriting,
 * the socket and the services are the real ones.
 */
const NOW = new Date('2026-05-12T08:00:00Z')
const signInThrottle = createDbSignInThrottle()
const followLimiter = createFollowLimiter()

async function handler(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  const body: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}')
  const get = headerGetter(req.headers as Record<string, unknown>)
  const ip = clientAddress(get)
  try {
    if (req.url === '/sign-in') await authenticate({ kind: 'insured', credentials: body as Record<string, unknown>, ip, userAgent: userAgentOf(get), now: NOW, limiter: signInThrottle })
    else await followAffiliationRequest({ input: body, ip, userAgent: userAgentOf(get), now: NOW, limiter: followLimiter })
    res.writeHead(200).end(JSON.stringify({ ip }))
  } catch (error) {
    if (!isAppError(error)) throw error
    res.writeHead(error.status, { 'content-type': 'application/json' }).end(JSON.stringify({ code: error.code, ip }))
  }
}

let server: Server
let base = ''
beforeAll(async () => {
  server = await createTrustedServer(handler, 0)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

/** A different fake client address on every request: what the attacker puts in X-Forwarded-For. */
const spoofed = (i: number) => ({ 'x-forwarded-for': `10.${(i >> 8) & 255}.${i & 255}.7`, 'x-real-ip': `172.16.${i & 255}.9`, 'content-type': 'application/json' })

describe('the client address comes from the socket, not from the client (issue 13 item 2)', () => {
  it('attack: 400 sign-in attempts with a rotating spoofed X-Forwarded-For (password spraying) → throttled after 30 failures; the audit records the real address', async () => {
    const statuses: number[] = []
    for (let i = 0; i < 400; i++) {
      const nir = `1990175999${String(i + 1).padStart(3, '0')}` // a different account each time: only the address limit can stop it
      const r = await fetch(`${base}/sign-in`, { method: 'POST', headers: spoofed(i), body: JSON.stringify({ nir, password: 'guess' }) })
      statuses.push(r.status)
    }
    const firstThrottled = statuses.indexOf(429)
    console.log(`400 spoofed sign-in attempts: ${firstThrottled} checked, throttled from attempt ${firstThrottled + 1} on (${statuses.filter((s) => s === 429).length} refused)`)
    expect(firstThrottled).toBe(DEFAULT_THROTTLE_POLICY.addressFailures)
    expect(statuses.slice(0, firstThrottled).every((s) => s === 401)).toBe(true)
    expect(statuses.slice(firstThrottled).every((s) => s === 429)).toBe(true)
    const ips = await getDb().auditEvent.findMany({ where: { action: 'auth.login.failure' }, select: { ip: true }, distinct: ['ip'] })
    expect(ips.map((e) => e.ip)).toEqual(['127.0.0.1'])
  })

  it('attack: brute force of the birth dates of affiliation follow-ups with a rotating spoofed address → blocked after 10 tries an hour', async () => {
    // A different request number each time, so that the per-number lock (5 wrong dates, affiliation-public.test.ts)
    // stays out of the way: only the per-address limit, which the spoofed header no longer escapes, is measured.
    const statuses: number[] = []
    for (let i = 0; i < 60; i++) {
      const birthDate = new Date(Date.UTC(1990, 0, 1 + i)).toISOString().slice(0, 10)
      const r = await fetch(`${base}/follow`, { method: 'POST', headers: spoofed(i), body: JSON.stringify({ reference: `AFF-2026-${String(i).padStart(10, '0')}`, birthDate }) })
      statuses.push(r.status)
    }
    const firstBlocked = statuses.indexOf(429)
    console.log(`birth-date brute force of a follow-up: blocked after ${firstBlocked} tries (${statuses.filter((s) => s === 429).length} of 60 refused)`)
    expect(firstBlocked).toBe(10)
    expect(statuses.slice(firstBlocked).every((s) => s === 429)).toBe(true)
    const audited = await getDb().auditEvent.findMany({ where: { action: 'affiliation.follow' }, select: { ip: true }, distinct: ['ip'] })
    expect(audited.map((e) => e.ip)).toEqual(['127.0.0.1'])
  })
})
