import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createTrustedServer } from '@/scripts/server/forwarded.mjs'
import { installMetrics, routeLabel, serveMetrics, timeRequest } from '@/scripts/server/metrics.mjs'
import { getDb } from '@/lib/db/client'
import { authenticate } from '@/lib/services/auth/authenticate'
import { createDbSignInThrottle, DEFAULT_THROTTLE_POLICY } from '@/lib/services/auth/sign-in-throttle'
import { createRateLimiter } from '@/lib/services/system/rate-limiters'
import { checkReadiness } from '@/lib/services/system/check-health'
import { isAppError } from '@/lib/errors'

/**
 * Issue 14 item 5: the Prometheus endpoint of the production server's front (scripts/server.mjs wiring: metrics
 * installed, every request timed, /metrics answered before the forwarding headers are rewritten), with the real
 * services adding their observations. Next's handler is replaced by a small one so that no build is needed.
 */
const metrics = installMetrics()
let server: Server
let base = ''

beforeAll(async () => {
  server = await createTrustedServer(
    (req, res) => {
      timeRequest(metrics, req, res)
      if (req.url?.startsWith('/compte/paiements/')) res.writeHead(200).end('ok')
      else if (req.url === '/boom') res.writeHead(500).end('boom')
      else res.writeHead(404).end('not found')
    },
    1, // behind one proxy, as in the cluster: the load balancer also talks from the loopback
    (req, res) => serveMetrics(metrics, req, res),
  )
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

async function scrape(headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  const response = await fetch(`${base}/metrics`, { headers })
  return { status: response.status, body: await response.text() }
}

function sample(body: string, name: string, labels: string): number {
  const line = body.split('\n').find((l) => l.startsWith(`${name}{`) && l.includes(labels))
  return line ? Number(line.split(' ').pop()) : 0
}

describe('Prometheus metrics (issue 14 item 5)', () => {
  it('route labels replace ids and references and stay bounded', () => {
    expect(routeLabel('/compte/paiements/cmf3k2x9a0001abcd?x=1')).toBe('/compte/paiements/:id')
    expect(routeLabel('/conseiller/demandes/DEM-2026-FEDC03619A')).toBe('/conseiller/demandes/:id')
    expect(routeLabel('/_next/static/chunks/app-123.js')).toBe('/_next/static')
    expect(routeLabel('/compte/documents')).toBe('/compte/documents')
    expect(routeLabel('/a/b/c/d/e/f')).toBe('/a/b/c/d')
  })

  it('times each request by route and status, counts 5xx, and puts every unknown path under one label', async () => {
    await fetch(`${base}/compte/paiements/cmf3k2x9a0001abcd`)
    await fetch(`${base}/boom`)
    await fetch(`${base}/random-${Date.now()}`)
    const { status, body } = await scrape()
    expect(status).toBe(200)
    expect(sample(body, 'ameli_http_request_duration_seconds_count', 'route="/compte/paiements/:id",status="200"')).toBe(1)
    expect(sample(body, 'ameli_http_5xx_total', 'route="/boom"')).toBe(1)
    expect(sample(body, 'ameli_http_request_duration_seconds_count', 'route="unmatched",status="404"')).toBe(1)
    expect(body).not.toContain('random-')
    expect(body).toContain('process_cpu_seconds_total')
  })

  it('answers the loopback only when nobody relayed the request, or a bearer token', async () => {
    expect((await scrape({ 'x-forwarded-for': '203.0.113.9' })).status).toBe(404) // through the load balancer
    expect((await scrape({ forwarded: 'for=203.0.113.9' })).status).toBe(404)
    process.env.METRICS_TOKEN = 'a-long-scrape-token-for-tests'
    try {
      expect((await scrape({ 'x-forwarded-for': '203.0.113.9', authorization: 'Bearer a-long-scrape-token-for-tests' })).status).toBe(200)
      expect((await scrape({ 'x-forwarded-for': '203.0.113.9', authorization: 'Bearer wrong-token-of-same-length!!' })).status).toBe(404)
    } finally {
      delete process.env.METRICS_TOKEN
    }
  })

  it('counts sign-in failures and rate-limit refusals from the real services', async () => {
    const before = await scrape()
    const limiter = createDbSignInThrottle({ policy: { ...DEFAULT_THROTTLE_POLICY, delaysSeconds: [0] } })
    try {
      await authenticate({ kind: 'insured', credentials: { nir: '1840275123456', password: 'wrong password' }, ip: '192.0.2.44', userAgent: 'vitest', now: new Date('2026-11-24T10:00:00Z'), limiter })
    } catch (error) {
      if (!isAppError(error)) throw error
    }
    const rl = createRateLimiter({ keyPrefix: 'metrics-test', points: 1, duration: 60 }, null)
    await rl.consume('k')
    await expect(rl.consume('k')).rejects.toBeTruthy()
    const after = await scrape()
    expect(sample(after.body, 'ameli_sign_in_failures_total', 'kind="insured"') - sample(before.body, 'ameli_sign_in_failures_total', 'kind="insured"')).toBe(1)
    expect(sample(after.body, 'ameli_rate_limit_refusals_total', 'limiter="metrics-test"')).toBe(1)
  })

  it('readiness: ready with the database answering; Redis not configured on the embedded default', async () => {
    await getDb().organisation.count()
    expect(await checkReadiness()).toMatchObject({ status: 'ready', httpStatus: 200, database: { ok: true }, redis: { configured: false } })
  })
})
