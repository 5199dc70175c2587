/**
 * npm run bench:public [-- --duration 10] [--warmup 2] [--port 3501] [--ttl 60] [--log] [--json]
 *
 * The public pages benchmark (issue 15 target 2, ADR 0013): `/`, `/simulateur`, `/trouver-ma-cpam`,
 * `/verifier-attestation`, `/connexion`, `/affiliation`, anonymous, without a query string.
 *  1. the demo world in a fresh SQLite file in a temporary directory, migrated and seeded by the project's scripts;
 *  2. two production servers (scripts/server.mjs, after `next build` when there is no build) on that database, side by
 *     side: one with the public page cache (PUBLIC_PAGE_CACHE_SECONDS=--ttl, default 60) on --port, one without it
 *     (PUBLIC_PAGE_CACHE_SECONDS=0) on --port+1; no scheduler (JOBS=off) and, unless --log, no per-request log line;
 *  3. each page with autocannon at 1 then 50 connections, with the cache then without it (a --warmup run before each),
 *     as a French browser asks for it (Accept-Language: fr, Accept-Encoding: gzip, deflate, br); /api/v1/health as the floor
 *     (the cost of the HTTP server, Next's router and a route handler, no page);
 *  4. prints req/s, p50, p95 and the requests that were not 200, and the load average before and after (the machine
 *     may be shared); --json adds one JSON line at the end.
 * Target (issue 15): ≥ 1 000 req/s on each page.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import autocannon from 'autocannon'

const PAGES = ['/', '/simulateur', '/trouver-ma-cpam', '/verifier-attestation', '/connexion', '/affiliation'] as const
const CONNECTIONS = [1, 50] as const

type Args = { duration: number; warmup: number; port: number; ttl: number; log: boolean; json: boolean }

function parseArgs(argv: string[]): Args {
  const args: Args = { duration: 10, warmup: 2, port: 3501, ttl: 60, log: false, json: false }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!
    const num = (min: number): number => {
      const n = Number(argv[++i])
      if (!Number.isInteger(n) || n < min) throw new Error(`${a} needs a whole number ≥ ${min}`)
      return n
    }
    if (a === '--duration') args.duration = num(1)
    else if (a === '--warmup') args.warmup = num(0)
    else if (a === '--port') args.port = num(1)
    else if (a === '--ttl') args.ttl = num(1)
    else if (a === '--log') args.log = true
    else if (a === '--json') args.json = true
    else throw new Error(`unknown argument ${a} (--duration S, --warmup S, --port N, --ttl S, --log, --json)`)
  }
  return args
}

const log = (msg: string) => process.stderr.write(`bench:public: ${msg}\n`)
const loadAverage = () => os.loadavg().map((l) => l.toFixed(2)).join(' ')

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): void {
  const r = spawnSync(cmd, args, { env, stdio: ['ignore', 'ignore', 'inherit'] })
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status})`)
}

async function waitFor(url: string, server: ChildProcess, timeoutMs = 120_000): Promise<void> {
  const until = Date.now() + timeoutMs
  while (Date.now() < until) {
    if (server.exitCode !== null) throw new Error('a server stopped')
    try {
      if ((await fetch(url)).ok) return
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 300))
  }
  throw new Error(`${url} did not answer`)
}

type Figures = { rps: number; p50: number; p95: number; requests: number; non200: number; xCache: string }

const HEADERS = { 'accept-language': 'fr', 'accept-encoding': 'gzip, deflate, br' } // as a browser sends them

async function measure(base: string, page: string, connections: number, duration: number): Promise<Figures> {
  const times: number[] = []
  let non200 = 0
  const instance = autocannon({ url: `${base}${page}`, connections, duration, timeout: 60, headers: HEADERS })
  instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
    times.push(ms)
    if (status !== 200) non200++
  })
  const result = await instance
  times.sort((a, b) => a - b)
  const at = (q: number) => (times.length ? Math.round(times[Math.min(times.length - 1, Math.floor(q * times.length))]! * 10) / 10 : NaN)
  // What the server says about the page right after (HIT when the cache answers).
  const probe = await fetch(`${base}${page}`, { headers: HEADERS })
  await probe.arrayBuffer()
  // Errors and timeouts (no answer) count as failures too.
  return { rps: Math.round((times.length / duration) * 10) / 10, p50: at(0.5), p95: at(0.95), requests: result.requests.total, non200: non200 + result.errors + result.timeouts, xCache: probe.headers.get('x-cache') ?? '-' }
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2))
  const root = process.cwd()
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ameli-bench-public-'))
  const databaseUrl = `file:${path.join(dir, 'demo.db')}`
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date())
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl, SEED_TODAY: today }
  const servers: ChildProcess[] = []
  try {
    log(`demo database in ${dir}`)
    run('npx', ['tsx', 'scripts/db/migrate.ts', 'deploy'], env)
    run('npx', ['tsx', 'scripts/db/seed.ts'], env)
    if (!fs.existsSync(path.join(root, '.next', 'BUILD_ID'))) run('npx', ['next', 'build'], env)

    const modes = [
      { name: 'cache', port: args.port, seconds: String(args.ttl) },
      { name: 'no cache', port: args.port + 1, seconds: '0' },
    ] as const
    for (const m of modes) {
      const base = `http://127.0.0.1:${m.port}`
      const child = spawn(process.execPath, ['scripts/server.mjs', '-p', String(m.port), '-H', '127.0.0.1'], {
        env: { ...env, NODE_ENV: 'production', ALLOW_INSECURE_LOCAL: '1', NEXTAUTH_URL: base, JOBS: 'off', PUBLIC_PAGE_CACHE_SECONDS: m.seconds, ...(args.log ? {} : { LOG_REQUESTS: '0' }) },
        stdio: ['ignore', 'ignore', 'inherit'],
      })
      servers.push(child)
      await waitFor(`${base}/api/v1/health`, child)
    }
    const loadBefore = loadAverage()
    log(`servers up (cache on ${args.port}, no cache on ${args.port + 1}); load average ${loadBefore}`)

    type Row = { page: string; connections: number; cache: Figures; noCache: Figures }
    const rows: Row[] = []
    for (const page of [...PAGES, '/api/v1/health']) {
      for (const connections of CONNECTIONS) {
        const pair: Partial<Record<'cache' | 'noCache', Figures>> = {}
        for (const m of modes) {
          const base = `http://127.0.0.1:${m.port}`
          if (args.warmup > 0) await measure(base, page, connections, args.warmup)
          pair[m.name === 'cache' ? 'cache' : 'noCache'] = await measure(base, page, connections, args.duration)
        }
        rows.push({ page, connections, cache: pair.cache!, noCache: pair.noCache! })
        log(`${page} at ${connections}: ${pair.cache!.rps} req/s (X-Cache ${pair.cache!.xCache}) vs ${pair.noCache!.rps} req/s without`)
      }
    }
    const loadAfter = loadAverage()

    const out = (s: string) => process.stdout.write(s)
    const cell = (f: Figures) => `${String(f.rps).padStart(8)}${String(f.p50).padStart(8)}${String(f.p95).padStart(8)}${String(f.non200).padStart(6)}`
    out(`\nbench:public — demo world (SQLite), scripts/server.mjs, ${args.duration} s per measure, ${os.cpus().length} cores, cache TTL ${args.ttl} s${args.log ? ', request log on' : ''}\n`)
    out(`load average (1/5/15 min) before: ${loadBefore}; after: ${loadAfter}\n`)
    out(`${''.padEnd(24)}${'with the cache'.padEnd(30)}${'PUBLIC_PAGE_CACHE_SECONDS=0'.padEnd(30)}\n`)
    out(`${'page'.padEnd(22)}${'conn'.padStart(4)}${'req/s'.padStart(8)}${'p50 ms'.padStart(8)}${'p95 ms'.padStart(8)}${'!200'.padStart(6)}${'req/s'.padStart(8)}${'p50 ms'.padStart(8)}${'p95 ms'.padStart(8)}${'!200'.padStart(6)}${'×'.padStart(7)}  X-Cache\n`)
    for (const r of rows) {
      out(`${r.page.padEnd(22)}${String(r.connections).padStart(4)}${cell(r.cache)}${cell(r.noCache)}${(r.cache.rps / r.noCache.rps).toFixed(1).padStart(7)}  ${r.cache.xCache}\n`)
    }
    const pages = rows.filter((r) => r.page !== '/api/v1/health')
    const met = pages.every((r) => r.cache.rps >= 1000)
    out(`target ≥ 1 000 req/s on each page with the cache: ${met ? 'met' : 'NOT met'} on this run (lowest ${Math.min(...pages.map((r) => r.cache.rps))} req/s)\n`)
    if (args.json) out(`${JSON.stringify({ bench: 'public', duration: args.duration, ttl: args.ttl, cores: os.cpus().length, loadBefore, loadAfter, rows })}\n`)
  } finally {
    for (const s of servers) s.kill('SIGTERM')
    await new Promise((r) => setTimeout(r, 500))
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:public failed: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exitCode = 1
})
