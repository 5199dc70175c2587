#!/usr/bin/env node
// The production server (`npm start`, `npm run demo`, the e2e suite): Next's request handler behind a thin HTTP
// server that does one thing, set the client address from what it can trust (scripts/server/forwarded.mjs, ADR 0004).
//   PORT (default 3000), HOST (default 127.0.0.1; set HOST=0.0.0.0 to serve other machines, e.g. in a container),
//   TRUSTED_PROXY_HOPS (default 0: the socket address is the client).
//   PUBLIC_PAGE_CACHE_SECONDS (default 60; 0: off): how long the six public pages, asked for anonymously without a
//   query string, are answered from memory (scripts/server/public-cache.mjs, ADR 0013).
//   JOBS (default on; JOBS=off: no scheduler in this instance). The scheduled jobs (ADR 0011) run in a child process
//   (scripts/jobs/cli.ts scheduler) so that a long job never holds up requests; each slot runs once across instances.
// Without NEXTAUTH_SECRET (ALLOW_INSECURE_LOCAL=1, the demo) it listens on loopback only and refuses anything else.
import { fork } from 'node:child_process'
import next from 'next'
import { checkListen, createTrustedServer, trustedProxyHops, usesBuiltInSecret } from './server/forwarded.mjs'
import { installMetrics, routeLabel, serveMetrics, timeRequest } from './server/metrics.mjs'
import { installLogger, withRequestId } from './server/logger.mjs'
import { createDbWatch, serveUnavailable } from './server/db-watch.mjs'
import { createPublicPageCache, PUBLIC_CACHE_GLOBAL, publicCacheSeconds } from './server/public-cache.mjs'

process.env.NODE_ENV = 'production'
const args = process.argv.slice(2)
const arg = (names) => {
  const i = args.findIndex((a) => names.includes(a))
  return i >= 0 ? args[i + 1] : undefined
}
const port = Number(arg(['-p', '--port']) ?? process.env.PORT ?? 3000)
const hostname = arg(['-H', '--hostname']) ?? process.env.HOST ?? '127.0.0.1'
if (!Number.isInteger(port) || port <= 0 || port > 65535) {
  console.error(`Invalid port: ${port}`)
  process.exit(1)
}
const allowed = checkListen(process.env, hostname)
if (!allowed.ok) {
  console.error(allowed.message)
  process.exit(1)
}

const hops = trustedProxyHops()
// Before Next loads the application: the Prisma client sees the collectors and times its queries (lib/db/client.ts).
const metrics = installMetrics()
const logging = installLogger()
const { logger } = logging
const dbWatch = createDbWatch({
  url: process.env.DATABASE_URL,
  onChange: (down) => (down ? logger.error({}, 'database unreachable: pages answer 503 until it returns') : logger.info({}, 'database answers again')),
})
// The public page cache (ADR 0013); the application empties it when a supervisor adds a rule row.
const publicCache = createPublicPageCache({
  seconds: publicCacheSeconds(),
  onStoreRefused: (key, reason) => logger.warn({ key, reason }, 'public page not cached'),
})
globalThis[PUBLIC_CACHE_GLOBAL] = publicCache
const app = next({ dev: false, hostname, port })
const handle = app.getRequestHandler()
await app.prepare()
const server = await createTrustedServer(
  (req, res) =>
    withRequestId(logging, req, res, hops > 0, () => {
      timeRequest(metrics, req, res)
      const started = performance.now()
      res.once('finish', () => {
        const status = res.statusCode
        const line = { reqId: res.getHeader('x-request-id'), method: req.method, route: status === 404 ? 'unmatched' : routeLabel(req.url), status, ms: Math.round((performance.now() - started) * 10) / 10 }
        if (status >= 500) logger.error(line, 'request failed')
        else if (process.env.LOG_REQUESTS !== '0') logger.info(line, 'request')
      })
      return publicCache.serve(req, res, handle)
    }),
  hops,
  (req, res) => serveMetrics(metrics, req, res) || serveUnavailable(dbWatch, req, res),
)
server.listen(port, hostname, () => {
  const shown = hostname.includes(':') ? `[${hostname}]` : hostname
  console.log(`> ameli-simulator listening on http://${shown}:${port}`)
  logger.info({ port, hostname, trustedProxyHops: hops, publicPageCacheSeconds: publicCache.seconds }, 'listening')
  if (usesBuiltInSecret(process.env)) console.log('> built-in development secret: listening on this loopback address only (set NEXTAUTH_SECRET to serve other machines)')
  // Only once listening: a server that cannot take its port starts no scheduler.
  if (process.env.JOBS === 'off') console.log('> jobs: off (JOBS=off)')
  else startJobs()
  console.log(hops === 0 ? '> client address: the socket address (client-sent X-Forwarded-For ignored)' : `> client address: from the ${hops} trusted proxy hop(s) of X-Forwarded-For (TRUSTED_PROXY_HOPS=${hops})`)
})

// The scheduler: restarted 5 s after an unexpected exit; its runs are counted in this process's /metrics.
let jobs
let stopping = false
function startJobs() {
  jobs = fork(new URL('./jobs/cli.ts', import.meta.url), ['scheduler'], { execArgv: ['--conditions=react-server', '--import', 'tsx'] })
  jobs.on('message', (m) => {
    if (m?.type !== 'job-run' || !metrics) return
    metrics.jobRuns.inc({ job: m.job, outcome: m.outcome })
    metrics.jobDuration.observe({ job: m.job }, m.seconds)
  })
  jobs.on('exit', (code, signal) => {
    if (stopping) return
    console.error(`> jobs: scheduler stopped (${signal ?? code}), restarting in 5 s`)
    setTimeout(startJobs, 5000).unref()
  })
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    stopping = true
    jobs?.kill('SIGTERM')
    server.close(() => process.exit(0))
    setTimeout(() => process.exit(0), 5000).unref()
  })
}
