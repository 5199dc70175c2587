// Prometheus metrics of one portal instance (issue 14 item 5), with prom-client.
// The production server (scripts/server.mjs) installs them once per process on globalThis, times every request and
// answers GET /metrics; the application code (lib/observability/metrics.ts) finds them there and adds its own
// observations (database queries, sign-in failures and locks, rate-limit refusals, jobs). Without the server (tests,
// `next dev`) nothing is installed and those observations cost nothing.
import { timingSafeEqual } from 'node:crypto'
import client from 'prom-client'
import { normaliseAddress } from './forwarded.mjs'

const KEY = Symbol.for('ameli.metrics')

export function installMetrics() {
  if (globalThis[KEY]) return globalThis[KEY]
  const registry = new client.Registry()
  client.collectDefaultMetrics({ register: registry })
  const registers = [registry]
  const metrics = {
    registry,
    httpDuration: new client.Histogram({
      name: 'ameli_http_request_duration_seconds',
      help: 'Time to answer an HTTP request, by method, route (ids replaced by :id) and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    http5xx: new client.Counter({ name: 'ameli_http_5xx_total', help: 'Responses with a 5xx status, by route', labelNames: ['route'], registers }),
    dbQuery: new client.Histogram({
      name: 'ameli_db_query_duration_seconds',
      help: 'Duration of a database query as Prisma measures it, by provider',
      labelNames: ['provider'],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers,
    }),
    signInFailures: new client.Counter({ name: 'ameli_sign_in_failures_total', help: 'Failed sign-ins, by kind of account', labelNames: ['kind'], registers }),
    signInLocks: new client.Counter({ name: 'ameli_sign_in_locks_total', help: 'Temporary account locks started after repeated failures', registers }),
    rateLimitRefusals: new client.Counter({ name: 'ameli_rate_limit_refusals_total', help: 'Requests refused by a rate limiter, by limiter', labelNames: ['limiter'], registers }),
    limiterFallbacks: new client.Counter({
      name: 'ameli_rate_limit_store_fallbacks_total',
      help: 'Limiter calls answered by the per-instance insurance limiter because Redis did not answer',
      registers,
    }),
    jobRuns: new client.Counter({ name: 'ameli_job_runs_total', help: 'Scheduled job runs, by job and outcome', labelNames: ['job', 'outcome'], registers }),
    jobDuration: new client.Histogram({ name: 'ameli_job_duration_seconds', help: 'Duration of a job run', labelNames: ['job'], buckets: [0.1, 0.5, 1, 5, 15, 60, 300, 1800], registers }),
  }
  globalThis[KEY] = metrics
  return metrics
}

const ID_SEGMENT = /^(?=.*\d)[A-Za-z0-9_-]{6,}$|^[0-9a-f-]{16,}$/i

/** A bounded route label: ids and references become :id, static assets one label, at most 4 segments. */
export function routeLabel(url) {
  const pathname = (url ?? '/').split('?')[0] ?? '/'
  if (pathname.startsWith('/_next/static/')) return '/_next/static'
  if (pathname.startsWith('/_next/image')) return '/_next/image'
  const segments = pathname.split('/').filter(Boolean).slice(0, 4)
  return `/${segments.map((s) => (ID_SEGMENT.test(s) ? ':id' : s.length > 40 ? ':long' : s)).join('/')}`
}

/** Starts the timer of a request; records it when the response is finished. 404s share one label (no cardinality blow-up). */
export function timeRequest(metrics, req, res) {
  const end = metrics.httpDuration.startTimer()
  res.once('finish', () => {
    const status = res.statusCode
    const route = status === 404 ? 'unmatched' : routeLabel(req.url)
    end({ method: req.method ?? 'GET', route, status: String(status) })
    if (status >= 500) metrics.http5xx.inc({ route })
  })
}

function tokenMatches(header, token) {
  if (!token || typeof header !== 'string' || !header.startsWith('Bearer ')) return false
  const a = Buffer.from(header.slice('Bearer '.length))
  const b = Buffer.from(token)
  return a.length === b.length && timingSafeEqual(a, b)
}

/**
 * Who may read /metrics: a scraper on this machine talking to the instance directly (loopback socket, no proxy
 * header: a request relayed by the load balancer also comes from the loopback but carries X-Forwarded-For), or anyone
 * with `Authorization: Bearer $METRICS_TOKEN`.
 */
export function metricsAllowed(req, token = process.env.METRICS_TOKEN) {
  if (tokenMatches(req.headers.authorization, token)) return true
  const address = normaliseAddress(req.socket?.remoteAddress)
  const loopback = address === '127.0.0.1' || address === '::1' || (address ?? '').startsWith('127.')
  const relayed = ['x-forwarded-for', 'x-real-ip', 'forwarded'].some((h) => req.headers[h] !== undefined)
  return loopback && !relayed
}

/** Answers GET /metrics (true) or lets the request through (false). */
export function serveMetrics(metrics, req, res) {
  const pathname = (req.url ?? '').split('?')[0]
  if (pathname !== '/metrics') return false
  if (!metricsAllowed(req)) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found\n')
    return true
  }
  metrics.registry
    .metrics()
    .then((body) => res.writeHead(200, { 'content-type': metrics.registry.contentType, 'cache-control': 'no-store' }).end(body))
    .catch(() => res.writeHead(500).end())
  return true
}
