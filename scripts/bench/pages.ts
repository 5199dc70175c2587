/**
 * npm run bench:pages [-- --insured N] [--postgres] [--connections 50] [--duration 20] [--users 200] [--port 3390] [--reuse] [--keep] [--json] [--profile DIR] [--only PATHS]
 *
 * Page load benchmark of the insured space (issue 4 "Performance"):
 *  1. a FRESH database in its own file (.bench/pages-N.db; --postgres: a throwaway PostgreSQL database, or
 *     DATABASE_URL when it names one), migrated and seeded by the project's scripts, plus N generated insured
 *     persons (prisma/seed/seed-volume.ts) with 28 months of care each at a realistic rate (a GP every 5–10
 *     weeks, pharmacy after most visits, lab tests, the dentist twice a year: ≈ 40 lines a person), every
 *     amount computed by the engine and written by the bulk writer of the batch liquidation
 *     (lib/db/repositories/claims.ts → lib/db/sqlite-bulk.ts); --reuse keeps a database built before;
 *  2. the production server (scripts/server.mjs with JOBS=off, after `next build` when there is no build) on that
 *     database;
 *  3. signs in --users random generated persons through next-auth (NIR + password), then loads the framework's floor
 *     (/api/v1/health), the public home (/), the home page (/compte) and the payments list (/compte/paiements) with
 *     autocannon, each first at 1 connection then at --connections, for --duration seconds each, every signed-in
 *     request as a random one of the signed-in persons; the server's CPU time (its process tree, /proc) per request;
 *  4. the same for the bare handler (scripts/bench/bare-handler.ts: the two pages' data work, no Next, no React);
 *  5. prints p50 / p95 latency, requests per second and CPU ms per request per page and connection count, each
 *     signed-in page's CPU per request over the bare handler's (ratioToFloor; issue 15: ≤ 2×, /compte ≤ 4 ms,
 *     /compte/paiements ≤ 6 ms). --json: one JSON object on the last line (pages, bare, ratioToFloor, firstLoadJsKb
 *     from scripts/bench/first-load.mjs). --profile DIR: a CPU profile of the server (and the bare handler) per page, over its 1- and N-connection
 *     runs (scripts/bench/profile-on-signal.mjs; summarise with scripts/bench/profile-summary.mjs).
 *     --only /compte,/compte/paiements: just these paths. --server-dir DIR: the server runs in DIR (another checkout
 *     with its own build: before/after comparisons on the same database); --no-bare: no bare-handler runs. Quick: --insured 2000 --duration 5 (under 3 minutes).
 *
 * --cluster (issue 14 "Proof"; implies --postgres): steps 2–4 through nginx (scripts/cluster/cluster.mjs, the load
 * balancer of `npm run cluster`, on --lb-port, default 8300) in front of 1 instance of scripts/server.mjs, then 2
 * (ports --port, --port+1), on Redis (REDIS_URL, default redis://127.0.0.1:6379) with one NEXTAUTH_SECRET; prints
 * req/s and p50/p95 for each and the speed-up. Then, with 2 instances, loads /compte while 2 users sign in again and
 * again through the load balancer (each sign-in writes an AuthSession row), kill -9 one instance a quarter of the way
 * in, and prints the failed requests, the time from the kill to the last failure, and checks that every acknowledged
 * sign-in's session row is in the database and its cookie still opens /compte.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

import autocannon from 'autocannon'
import pg from 'pg'

import { addDays, addMonths, type CalendarDate } from '../../lib/domain/dates'
import { maskIban } from '../../lib/domain/iban'
import { createEngine, DeductionLedger } from '../../lib/domain/reimbursement/engine'
import type { ClaimLineInput } from '../../lib/domain/reimbursement/types'
import { RuleSet } from '../../lib/domain/rules/rule-set'
import { bundledActs, bundledRuleRows } from '../../prisma/rules'
import { DEMO_INSURED_PASSWORD, professionals } from '../../prisma/seed/demo-data'
import { GENERATED_BIRTH_PLACE } from '../../prisma/seed/seed-volume'

type Args = {
  insured: number
  postgres: boolean
  connections: number
  duration: number
  users: number
  port: number
  reuse: boolean
  keep: boolean
  cluster: boolean
  lbPort: number
  pin: boolean
  json: boolean
  profile: string | null
  only: string[] | null
  serverDir: string | null
  noBare: boolean
}

function parseArgs(argv: string[]): Args {
  const args: Args = { insured: 100_000, postgres: false, connections: 50, duration: 20, users: 200, port: 3390, reuse: false, keep: false, cluster: false, lbPort: 8300, pin: false, json: false, profile: null, only: null, serverDir: null, noBare: false }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!
    const num = (): number => {
      const n = Number(argv[++i])
      if (!Number.isInteger(n) || n < 1) throw new Error(`${a} needs a positive whole number`)
      return n
    }
    if (a === '--insured') args.insured = num()
    else if (a === '--connections') args.connections = num()
    else if (a === '--duration') args.duration = num()
    else if (a === '--users') args.users = num()
    else if (a === '--port') args.port = num()
    else if (a === '--postgres') args.postgres = true
    else if (a === '--reuse') args.reuse = true
    else if (a === '--keep') args.keep = true
    else if (a === '--cluster') args.cluster = args.postgres = true
    else if (a === '--lb-port') args.lbPort = num()
    else if (a === '--pin') args.pin = true
    else if (a === '--json') args.json = true
    else if (a === '--profile') args.profile = argv[++i] ?? '.bench/profile'
    else if (a === '--only') args.only = (argv[++i] ?? '').split(',').filter(Boolean)
    else if (a === '--server-dir') args.serverDir = path.resolve(argv[++i] ?? '.')
    else if (a === '--no-bare') args.noBare = true
    else throw new Error(`unknown argument ${a} (--insured N, --postgres, --cluster, --connections N, --duration S, --users N, --port N, --lb-port N, --pin, --reuse, --keep, --json, --profile DIR, --only PATH,PATH, --server-dir DIR, --no-bare)`)
  }
  return args
}

const log = (msg: string) => process.stderr.write(`bench:pages: ${msg}\n`)
const seconds = (from: bigint) => (Number(process.hrtime.bigint() - from) / 1e9).toFixed(1)

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): void {
  const r = spawnSync(cmd, args, { env, stdio: ['ignore', 'inherit', 'inherit'] })
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status})`)
}

/** A small deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const weekday = (d: CalendarDate) => new Date(`${d}T00:00:00Z`).getUTCDay()
function nextRun(d: CalendarDate): CalendarDate {
  let day = d
  while (weekday(day) !== 2 && weekday(day) !== 5) day = addDays(day, 1)
  return day
}

type Person = { id: string; birthDate: string; regime: string; complementaryKind: string; iban: string | null; organisationId: string }

/** 28 months of care for every generated person, computed by the engine, written by the bulk writer. */
async function seedHistory(databaseUrl: string, today: CalendarDate): Promise<{ lines: number; claims: number; payments: number }> {
  process.env.DATABASE_URL = databaseUrl
  const { getDb } = await import('../../lib/db/client')
  const { openClaimBulkWriter } = await import('../../lib/db/repositories/claims')
  type NewClaim = import('../../lib/db/repositories/claims').NewClaim
  type NewPayment = import('../../lib/db/repositories/claims').NewPayment
  const db = getDb()
  const pros = await db.healthProfessional.findMany({ select: { id: true, rpps: true } })
  const proId = new Map(pros.map((p) => [p.rpps, p.id]))
  const pro = (key: string) => proId.get(professionals.find((p) => p.key === key)!.rpps) ?? null
  const orgs = await db.organisation.findMany({ select: { id: true, code: true } })
  const cityOf = new Map(orgs.map((o) => [o.id, o.code.startsWith('69') ? 'lyon' : o.code.startsWith('67') ? 'strasbourg' : o.code.startsWith('21') ? 'dijon' : 'paris']))
  const engine = createEngine(new RuleSet(bundledRuleRows), bundledActs)
  const writer = await openClaimBulkWriter(databaseUrl)
  const start = `${addMonths(today, -28).slice(0, 7)}-01` as CalendarDate
  const lastCare = addDays(today, -1)
  let lines = 0
  let claimCount = 0
  let paymentCount = 0
  let cursor: string | undefined
  const PAGE = 2000
  try {
    for (;;) {
      const persons: Person[] = await db.insured.findMany({
        where: { birthPlace: GENERATED_BIRTH_PLACE, ...(cursor ? { id: { gt: cursor } } : {}) },
        orderBy: { id: 'asc' },
        take: PAGE,
        select: { id: true, birthDate: true, regime: true, complementaryKind: true, iban: true, organisationId: true },
      })
      if (persons.length === 0) break
      cursor = persons[persons.length - 1]!.id
      const claims: NewClaim[] = []
      const payments: NewPayment[] = []
      const ledger = new DeductionLedger()
      for (const p of persons) {
        const r = rng(Number.parseInt(p.id.slice(-7), 36) || claimCount + 1)
        const city = cityOf.get(p.organisationId) ?? 'paris'
        const gp = pro(`gp-${city}`) ?? pro('gp-paris')
        const visits: { date: CalendarDate; act: string; fee?: number; proId: string | null }[] = []
        for (let d = addDays(start, Math.floor(r() * 35)); d <= lastCare; d = addDays(d, 35 + Math.floor(r() * 35))) {
          const date = weekday(d) === 0 ? addDays(d, 1) : d
          if (date > lastCare) break
          visits.push({ date, act: r() < 0.15 ? 'TCG' : 'G', proId: gp })
          if (r() < 0.7) for (let b = 1 + Math.floor(r() * 3); b > 0; b--) visits.push({ date, act: r() < 0.8 ? 'PH65' : 'PH30', fee: 300 + Math.floor(r() * 1900), proId: pro(`pharmacy-${city}`) })
          if (r() < 0.2) visits.push({ date, act: 'BIO', fee: 1890 + Math.floor(r() * 1620), proId: pro(`lab-${city}`) })
        }
        for (let d = addDays(start, 60 + Math.floor(r() * 120)); d <= lastCare; d = addDays(d, 150 + Math.floor(r() * 120))) visits.push({ date: weekday(d) === 0 ? addDays(d, 1) : d, act: 'DC', proId: pro(`dentist-${city}`) })
        visits.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
        const ibanMasked = p.iban ? maskIban(p.iban) : null
        const byKey = new Map<string, NewClaim>()
        const payOf = new Map<string, NewPayment>()
        for (const v of visits) {
          const line: ClaimLineInput = {
            careDate: v.date,
            act: v.act,
            quantity: 1,
            sector: '1',
            regime: p.regime === 'alsace-moselle' ? 'alsace-moselle' : 'general',
            birthDate: p.birthDate,
            pathway: 'coordinated',
            situations: [],
            complementary: p.complementaryKind === 'none' ? 'none' : 'ticket-moderateur',
            beneficiaryId: p.id,
            ...(v.fee !== undefined ? { feeCharged: v.fee } : {}),
          }
          const outcome = engine.compute(line, ledger, p.id)
          if (!outcome.ok) throw new Error(`engine refused ${JSON.stringify(line)}: ${JSON.stringify(outcome.errors)}`)
          const key = `${v.proId}|${v.date}`
          let claim = byKey.get(key)
          if (!claim) {
            claimCount++
            claim = { id: `bc${claimCount}`, reference: `BFS${claimCount}`, insuredId: p.id, beneficiaryId: null, professionalId: v.proId, source: 'fse', careDate: v.date, receivedOn: v.date, status: 'paid', tiersPayant: v.act.startsWith('PH') || v.act === 'BIO', lines: [] }
            byKey.set(key, claim)
            claims.push(claim)
          }
          const paidOn = nextRun(addDays(v.date, 4))
          const paid = paidOn <= today && ibanMasked !== null
          let paymentId: string | null = null
          if (paid && outcome.result.amoPaid > 0) {
            let payment = payOf.get(paidOn)
            if (!payment) {
              paymentCount++
              payment = { id: `bp${paymentCount}`, reference: `BVIR${paymentCount}`, insuredId: p.id, paidOn, amount: 0, kind: 'reimbursement', status: 'paid', ibanMasked }
              payOf.set(paidOn, payment)
              payments.push(payment)
            }
            payment.amount += outcome.result.amoPaid
            paymentId = payment.id
          }
          if (!paid) claim.status = 'processing'
          claim.lines.push({ id: `${claim.id}-${claim.lines.length + 1}`, lineNo: claim.lines.length + 1, input: line, result: outcome.result, careType: engine.acts.get(v.act)!.careType, paymentId, paidOn: paid ? paidOn : null })
          lines++
        }
      }
      await writer.write({ claims, payments })
      log(`  history: ${lines} lines, ${claimCount} claims, ${paymentCount} payments`)
    }
  } finally {
    await writer.close()
    await db.$disconnect()
  }
  return { lines, claims: claimCount, payments: paymentCount }
}

/** The query plans of the two pages' main queries (SQLite), printed so that a full scan shows at once. */
async function analyze(databaseUrl: string): Promise<void> {
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) {
    const c = new pg.Client({ connectionString: databaseUrl })
    await c.connect()
    await c.query('ANALYZE')
    await c.end()
    return
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Database = require('better-sqlite3') as typeof import('better-sqlite3')
  const conn = new Database(databaseUrl.slice('file:'.length))
  try {
    conn.exec('ANALYZE')
  } finally {
    conn.close()
  }
}

function sqlitePlans(file: string): void {
  // better-sqlite3 through require: a dev tool's reading, outside the app's Prisma client.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Database = require('better-sqlite3') as typeof import('better-sqlite3')
  const conn = new Database(file, { readonly: true })
  try {
    const someone = conn.prepare(`SELECT id FROM Insured WHERE birthPlace = ? LIMIT 1`).get(GENERATED_BIRTH_PLACE) as { id: string }
    const claimIds = (conn.prepare(`SELECT id FROM Claim WHERE insuredId = ? AND careDate >= '2000-01-01'`).all(someone.id) as { id: string }[]).map((c) => c.id)
    const marks = claimIds.map(() => '?').join(',')
    const plans: [string, string, unknown[]][] = [
      ['claims of a person', `SELECT id, reference, beneficiaryId, professionalId FROM Claim WHERE insuredId = ? AND careDate >= ?`, [someone.id, '2000-01-01']],
      ['one page of lines', `SELECT * FROM ClaimLine WHERE claimId IN (${marks}) AND careDate >= ? AND careDate <= ? ORDER BY careDate DESC, id DESC LIMIT 26`, [...claimIds, '2000-01-01', '2100-01-01']],
      ['latest payments', `SELECT * FROM Payment WHERE insuredId = ? ORDER BY paidOn DESC LIMIT 5`, [someone.id]],
    ]
    for (const [name, sql, params] of plans) {
      const plan = (conn.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join(' · ')
      log(`  plan (${name}): ${plan}`)
    }
  } finally {
    conn.close()
  }
}

async function waitFor(url: string, server: ChildProcess, timeoutMs = 120_000): Promise<void> {
  const until = Date.now() + timeoutMs
  while (Date.now() < until) {
    if (server.exitCode !== null) throw new Error('the server stopped')
    try {
      if ((await fetch(url)).ok) return
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 300))
  }
  throw new Error(`${url} did not answer`)
}

function cookiesOf(res: Response): string[] {
  return res.headers.getSetCookie().map((c) => c.split(';')[0]!)
}

/**
 * Signs a person in as the login page does (next-auth credentials provider "insured"); returns the Cookie header.
 * Tried again once when the connection was closed under it: a kept-alive connection left idle while the persons
 * were picked can be closed by the server (its keep-alive timeout) just as it is reused.
 */
async function signIn(base: string, nir: string): Promise<string> {
  try {
    return await signInOnce(base, nir)
  } catch (error) {
    if (!(error instanceof TypeError)) throw error
    return signInOnce(base, nir)
  }
}

async function signInOnce(base: string, nir: string): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`)
  const jar = cookiesOf(csrf)
  const { csrfToken } = (await csrf.json()) as { csrfToken: string }
  const res = await fetch(`${base}/api/auth/callback/insured`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar.join('; ') },
    body: new URLSearchParams({ nir, password: DEMO_INSURED_PASSWORD, csrfToken, json: 'true' }).toString(),
  })
  const session = cookiesOf(res).find((c) => c.startsWith('ameli.session='))
  if (!session) throw new Error(`sign-in of ${nir} failed (${res.status})`)
  return session
}

type PageFigures = { page: string; requests: number; rps: number; p50: number; p95: number; p99: number; errors: number }

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
}

/** autocannon's `timeout` (seconds; its types omit it): see load(). */
const LATE_ANSWERS_COUNT = { timeout: 60 }

async function load(base: string, pagePath: string, cookies: string[], args: Args): Promise<PageFigures> {
  const r = rng(7)
  const times: number[] = []
  let errors = 0
  const instance = autocannon({
    url: base,
    connections: args.connections,
    duration: args.duration,
    // autocannon gives up after 10 s by default and sends the next request while the server still renders the
    // abandoned one: on a saturated machine the work piles up and nothing answers any more. A late answer counts.
    ...LATE_ANSWERS_COUNT,
    requests: [
      {
        method: 'GET',
        path: pagePath,
        setupRequest: (req) => ({ ...req, headers: { ...req.headers, ...(cookies.length > 0 ? { cookie: cookies[Math.floor(r() * cookies.length)]! } : {}), 'accept-language': 'fr' } }),
      },
    ],
  })
  instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
    times.push(ms)
    if (status !== 200) errors++
  })
  const result = await instance
  times.sort((a, b) => a - b)
  return {
    page: pagePath,
    requests: times.length,
    rps: Math.round((times.length / args.duration) * 10) / 10,
    p50: Math.round(percentile(times, 50) * 10) / 10,
    p95: Math.round(percentile(times, 95) * 10) / 10,
    p99: Math.round(percentile(times, 99) * 10) / 10,
    errors: errors + result.errors + result.timeouts,
  }
}

/** Random generated persons' NIRs (with key), the same ones for the same --users. */
async function pickNirs(databaseUrl: string, users: number): Promise<string[]> {
  process.env.DATABASE_URL = databaseUrl
  const { getDb } = await import('../../lib/db/client')
  const total = await getDb().insured.count({ where: { birthPlace: GENERATED_BIRTH_PLACE } })
  const r = rng(42)
  const picks = new Set<number>()
  while (picks.size < Math.min(users, total)) picks.add(Math.floor(r() * total))
  const nirs: string[] = []
  for (const skip of picks) {
    const p = await getDb().insured.findFirstOrThrow({ where: { birthPlace: GENERATED_BIRTH_PLACE }, orderBy: { id: 'asc' }, skip, select: { nir: true, nirKey: true } })
    nirs.push(`${p.nir}${p.nirKey}`)
  }
  return nirs
}

/** Signs the persons in through next-auth (a few at a time: argon2 is deliberately slow); their Cookie headers. */
async function signInMany(base: string, nirs: string[]): Promise<string[]> {
  const t = process.hrtime.bigint()
  const cookies: string[] = []
  for (let i = 0; i < nirs.length; i += 4) cookies.push(...(await Promise.all(nirs.slice(i, i + 4).map((nir) => signIn(base, nir)))))
  log(`${cookies.length} persons signed in (${seconds(t)} s)`)
  return cookies
}

const row = (f: PageFigures, label = f.page) =>
  `${label.padEnd(34)}${String(f.rps).padStart(8)}${String(f.p50).padStart(9)}${String(f.p95).padStart(9)}${String(f.p99).padStart(9)}${String(f.errors).padStart(9)}\n`
const header = () => `${'page'.padEnd(34)}${'req/s'.padStart(8)}${'p50 ms'.padStart(9)}${'p95 ms'.padStart(9)}${'p99 ms'.padStart(9)}${'non-200'.padStart(9)}\n`
/** User + system CPU seconds of these processes so far (Linux /proc; NaN elsewhere). */
function cpuSeconds(pids: number[]): number {
  let ticks = 0
  for (const pid of pids) {
    try {
      const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
      ticks += Number(fields[11]) + Number(fields[12]) // utime, stime (fields 14 and 15 of proc(5))
    } catch {
      return NaN
    }
  }
  return ticks / 100 // USER_HZ
}
const loadAverage = () => os.loadavg().map((l) => l.toFixed(2)).join(' ')

/** Busy and total jiffies of the whole machine so far (Linux /proc/stat, all cores). */
function machineTicks(): { busy: number; total: number } {
  try {
    const f = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number)
    const idle = f[3]! + (f[4] ?? 0) // idle + iowait
    const total = f.slice(0, 8).reduce((a, b) => a + b, 0) // user nice system idle iowait irq softirq steal
    return { busy: total - idle, total }
  } catch {
    return { busy: NaN, total: NaN }
  }
}

/** CPU seconds so far of every process whose command name starts with one of these (e.g. postgres, nginx). */
function cpuSecondsByName(prefixes: string[]): number {
  let ticks = 0
  for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
      if (!prefixes.some((p) => comm.startsWith(p))) continue
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      ticks += Number(fields[11]) + Number(fields[12])
    } catch {
      // gone
    }
  }
  return ticks / 100
}

/** Where the machine's CPU went during one measured run. */
type CpuShare = { instances: number; postgres: number; nginx: number; bench: number; machineBusy: number; machineCapacity: number }
function cpuShareMeter(pids: () => number[]): () => CpuShare {
  const t0 = machineTicks()
  const i0 = cpuSeconds(pids())
  const pg0 = cpuSecondsByName(['postgres'])
  const ng0 = cpuSecondsByName(['nginx'])
  const b0 = process.cpuUsage()
  return () => {
    const t1 = machineTicks()
    const b = process.cpuUsage(b0)
    return {
      instances: cpuSeconds(pids()) - i0,
      postgres: cpuSecondsByName(['postgres']) - pg0,
      nginx: cpuSecondsByName(['nginx']) - ng0,
      bench: (b.user + b.system) / 1e6,
      machineBusy: (t1.busy - t0.busy) / 100,
      machineCapacity: (t1.total - t0.total) / 100,
    }
  }
}

/** A process and all its descendants (Linux /proc): the server and any worker it forks. */
function processTree(root: number): number[] {
  const children = new Map<number, number[]>()
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue
    try {
      const ppid = Number(fs.readFileSync(`/proc/${d}/stat`, 'utf8').split(') ')[1]!.split(' ')[1])
      children.set(ppid, [...(children.get(ppid) ?? []), Number(d)])
    } catch {
      // gone meanwhile
    }
  }
  const out = [root]
  for (let k = 0; k < out.length; k++) out.push(...(children.get(out[k]!) ?? []))
  return out
}

/** One measured run: a page at a number of connections, with the CPU time the server's process tree used per request. */
type Measured = PageFigures & { connections: number; cpuMsPerRequest: number }

async function measure(base: string, pagePath: string, cookies: string[], args: Args, connections: number, root: number): Promise<Measured> {
  const pids = processTree(root)
  const before = cpuSeconds(pids)
  const f = await load(base, pagePath, cookies, { ...args, connections })
  const cpu = cpuSeconds(pids) - before
  return { ...f, connections, cpuMsPerRequest: f.requests > 0 ? Math.round((cpu * 1000 * 100) / f.requests) / 100 : NaN }
}

/** Spawns a server process (its own process group, so that it and its children can be stopped together). */
function spawnServer(cmd: string, argv: string[], env: NodeJS.ProcessEnv, cwd = process.cwd()): ChildProcess {
  const child = spawn(cmd, argv, { cwd, env, stdio: ['ignore', process.env.BENCH_SERVER_LOG ? 'inherit' : 'ignore', 'inherit'], detached: true })
  child.once('exit', (code, signal) => log(`${argv.find((a) => a.endsWith('.mjs') || a.endsWith('.ts'))} stopped (${signal ?? code})`))
  return child
}

function stopServer(server: ChildProcess | undefined): Promise<void> {
  if (!server?.pid || server.exitCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    const done = setTimeout(() => {
      try {
        process.kill(-server.pid!, 'SIGKILL')
      } catch {
        // already gone
      }
      resolve()
    }, 10_000)
    server.once('exit', () => {
      clearTimeout(done)
      resolve()
    })
    try {
      process.kill(-server.pid!, 'SIGTERM')
    } catch {
      clearTimeout(done)
      resolve()
    }
  })
}

/** 60 requests, 4 at a time, as random signed-in persons (when given). */
async function warmUp(base: string, pagePath: string, cookies: string[]): Promise<void> {
  const r = rng(3)
  await autocannon({
    url: base,
    connections: 4,
    amount: 60,
    ...LATE_ANSWERS_COUNT,
    requests: [{ method: 'GET', path: pagePath, setupRequest: (req) => ({ ...req, headers: { ...req.headers, ...(cookies.length > 0 ? { cookie: cookies[Math.floor(r() * cookies.length)]! } : {}), 'accept-language': 'fr' } }) }],
  })
}

/** Stops the profiler of scripts/bench/profile-on-signal.mjs in that process and renames the profile it writes. */
async function saveProfile(pid: number, dir: string, name: string): Promise<void> {
  const before = new Set(fs.readdirSync(dir))
  process.kill(pid, 'SIGUSR2')
  for (let k = 0; k < 100; k++) {
    await new Promise((r) => setTimeout(r, 200))
    const written = fs.readdirSync(dir).find((f) => f.startsWith('profile-') && !before.has(f))
    if (written) {
      await new Promise((r) => setTimeout(r, 300)) // written synchronously, but let it finish
      fs.renameSync(path.join(dir, written), path.join(dir, name))
      log(`  CPU profile: ${path.join(dir, name)}`)
      return
    }
  }
  log(`  no CPU profile from ${pid}`)
}

/** First-load JS per route (kB gzip) from scripts/bench/first-load.mjs --json (its last line). */
function firstLoadJsKb(): Record<string, number> | null {
  const r = spawnSync(process.execPath, ['scripts/bench/first-load.mjs', '--json'], { encoding: 'utf8' })
  const last = r.stdout?.trim().split('\n').pop()
  try {
    return (JSON.parse(last ?? '') as { firstLoadJsKb: Record<string, number> }).firstLoadJsKb
  } catch {
    return null
  }
}

/**
 * --cluster: the two pages through nginx with 1 instance, then 2; then kill -9 one of 2 instances under load.
 * Sessions are shared: the persons sign in once, through the 1-instance cluster, and the same cookies are used with 2.
 */
async function benchCluster(databaseUrl: string, env: NodeJS.ProcessEnv, args: Args): Promise<void> {
  const { startCluster, findNginx } = await import('../cluster/cluster.mjs')
  const { MAX_FORM_REQUEST_BYTES } = await import('../../lib/domain/procedures/upload-limits')
  if (!findNginx()) throw new Error('--cluster needs nginx (Debian: apt-get install nginx-light)')
  const root = process.cwd()
  const run = fs.mkdtempSync(path.join(os.tmpdir(), 'ameli-bench-cluster-'))
  fs.chmodSync(run, 0o755)
  const base = `http://127.0.0.1:${args.lbPort}`
  const clusterEnv = {
    ...env,
    NODE_ENV: 'production',
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? randomBytes(48).toString('base64'),
    NEXTAUTH_URL: base,
    LOGIN_LIMIT_PER_IP: '1000000',
    LOGIN_LOCK_AFTER_FAILURES: '1000',
  }
  // --pin: instance k runs on core k only (taskset), so that 1 instance gets one core and 2 instances two, whatever
  // threads Node adds (garbage collector, libuv); PostgreSQL, nginx and the load generator float over all cores.
  const cores = os.cpus().length
  const pinned = args.pin ? (_port: number, index: number) => ({ cmd: 'taskset', args: ['-c', String(index % cores), process.execPath, path.join(root, 'scripts', 'server.mjs')] }) : undefined
  const start = (count: number) =>
    startCluster({ count, basePort: args.port, lbPort: args.lbPort, cwd: root, dir: path.join(run, `nginx-${count}`), clientMaxBodySize: MAX_FORM_REQUEST_BYTES, env: clusterEnv, log: null, command: pinned })
  const nirs = await pickNirs(databaseUrl, args.users)
  const figures: { instances: number; pages: PageFigures[]; load: string; cpu: number[]; shares: CpuShare[] }[] = []
  let cookies: string[] = []
  let kill: { requests: number; failed: number; failedAfterKill: number; lastFailureMs: number | null; writes: WriteFigures; load: string } | undefined
  try {
    for (const count of [1, 2]) {
      const cluster = await start(count)
      try {
        log(`${count} instance(s) behind nginx at ${base}`)
        if (cookies.length === 0) cookies = await signInMany(base, nirs)
        const pages: PageFigures[] = []
        // Warm-up: a fresh instance's first renders take seconds (code loading, JIT); each one directly, one request at
        // a time, then through the load balancer.
        const w = rng(5)
        for (const i of cluster.instances)
          for (const page of ['/compte', '/compte/paiements'])
            for (let k = 0; k < 6; k++) await (await fetch(`${i.url}${page}`, { headers: { cookie: cookies[Math.floor(w() * cookies.length)]!, 'accept-language': 'fr' } })).text()
        const cpu: number[] = []
        const shares: CpuShare[] = []
        for (const page of ['/compte', '/compte/paiements']) {
          await load(base, page, cookies, { ...args, duration: 3, connections: 2 * count })
          const meter = cpuShareMeter(() => cluster.instances.map((i) => i.child.pid!))
          pages.push(await load(base, page, cookies, args))
          const share = meter()
          shares.push(share)
          cpu.push(share.instances)
        }
        figures.push({ instances: count, pages, load: loadAverage(), cpu, shares })
        if (count === 2) kill = await killUnderLoad(base, cluster, cookies, nirs, databaseUrl, clusterEnv.NEXTAUTH_SECRET, args)
      } finally {
        await cluster.stop()
      }
    }
  } finally {
    fs.rmSync(run, { recursive: true, force: true })
  }
  const out = (s: string) => process.stdout.write(s)
  out(`\nbench:pages --cluster — PostgreSQL, ${args.insured} insured persons, nginx in front of N instances${args.pin ? ' (instance k pinned to core k)' : ''}, Redis, ${args.connections} concurrent users, ${args.duration} s per page, ${os.cpus().length} cores\n`)
  out(header())
  for (const f of figures) for (const p of f.pages) out(row(p, `${p.page} (${f.instances} instance${f.instances > 1 ? 's' : ''})`))
  for (const f of figures) out(`load average after the ${f.instances}-instance run (1/5/15 min): ${f.load}\n`)
  // The CPU time the instances actually got: on a machine shared with other work, what the wall clock figures mean.
  for (const f of figures)
    f.pages.forEach((p, k) =>
      out(`${p.page} (${f.instances}): the instances used ${f.cpu[k]!.toFixed(1)} CPU-s in ${args.duration} s (${((f.cpu[k]! / args.duration) * 100).toFixed(0)} % of one core; ${(p.requests / f.cpu[k]!).toFixed(1)} pages per CPU-second)\n`),
    )
  // The whole machine: how busy its cores were and who used them. When the 2-instance run leaves no idle core, the
  // speed-up is bounded by the machine (the load generator, nginx and PostgreSQL share the same two cores), not by
  // the instances: compare pages per CPU-second of the instances between the 1- and 2-instance runs.
  const pct = (s: number, cap: number) => `${((s / cap) * 100).toFixed(0)} %`
  for (const f of figures)
    f.pages.forEach((p, k) => {
      const s = f.shares[k]!
      const cap = s.machineCapacity
      out(
        `${p.page} (${f.instances}): machine busy ${pct(s.machineBusy, cap)} of ${os.cpus().length} cores — instances ${pct(s.instances, cap)}, PostgreSQL ${pct(s.postgres, cap)}, nginx ${pct(s.nginx, cap)}, load generator ${pct(s.bench, cap)}, other ${pct(Math.max(0, s.machineBusy - s.instances - s.postgres - s.nginx - s.bench), cap)}\n`,
      )
    })
  for (const page of ['/compte', '/compte/paiements']) {
    const one = figures[0]!.pages.find((p) => p.page === page)!
    const two = figures[1]!.pages.find((p) => p.page === page)!
    out(`${page}: 2 instances / 1 instance = ${(two.rps / one.rps).toFixed(2)}× the requests per second (target ≥ 1.7×)\n`)
  }
  if (kill) {
    out(`\nkill -9 of one of 2 instances during ${args.duration} s of /compte at ${args.connections} users (load average ${kill.load}):\n`)
    out(`  requests ${kill.requests}, failed ${kill.failed} (${kill.failedAfterKill} after the kill)\n`)
    out(`  last failure ${kill.lastFailureMs === null ? 'none' : `${kill.lastFailureMs} ms after the kill`}; none fail from then on (target: under 5 s)\n`)
    const w = kill.writes
    out(`  writes through the load balancer (sign-ins, one AuthSession row each): ${w.acknowledged} acknowledged, ${w.refused} failed; rows written in the window ${w.rowsInWindow}; acknowledged sessions missing from the database: ${w.missing}; acknowledged cookies that no longer open /compte: ${w.cookiesRefused}\n`)
    out(`  nothing committed lost: ${w.missing === 0 && w.cookiesRefused === 0 && w.rowsInWindow >= w.acknowledged ? 'yes' : 'NO'}\n`)
  }
}

type WriteFigures = { acknowledged: number; refused: number; rowsInWindow: number; missing: number; cookiesRefused: number }

async function killUnderLoad(
  base: string,
  cluster: import('../cluster/cluster.mjs').Cluster,
  cookies: string[],
  nirs: string[],
  databaseUrl: string,
  secret: string,
  args: Args,
): Promise<{ requests: number; failed: number; failedAfterKill: number; lastFailureMs: number | null; writes: WriteFigures; load: string }> {
  const { decodeSession } = await import('../../lib/auth/jwt')
  const db = new pg.Client({ connectionString: databaseUrl })
  await db.connect()
  const windowStart = new Date()
  const r = rng(11)
  let requests = 0
  let failed = 0
  let failedAfterKill = 0
  let killedAt: number | null = null
  let lastFailure: number | null = null
  const fail = () => {
    failed++
    if (killedAt !== null) {
      failedAfterKill++
      lastFailure = Date.now()
    }
  }
  const instance = autocannon({
    url: base,
    connections: args.connections,
    duration: args.duration,
    ...LATE_ANSWERS_COUNT,
    requests: [{ method: 'GET', path: '/compte', setupRequest: (req) => ({ ...req, headers: { ...req.headers, cookie: cookies[Math.floor(r() * cookies.length)]!, 'accept-language': 'fr' } }) }],
  })
  const statuses = new Map<string, number>()
  const count = (k: string) => statuses.set(k, (statuses.get(k) ?? 0) + 1)
  instance.on('response', (_c: unknown, status: number) => {
    requests++
    if (status !== 200) {
      fail()
      count(`${status}${killedAt === null ? '' : ' after the kill'}`)
    }
  })
  instance.on('reqError', (error: Error) => {
    requests++
    fail()
    count(`${error.message}${killedAt === null ? '' : ' after the kill'}`)
  })
  // Two users signing in again and again through the load balancer: every acknowledged sign-in is a committed row.
  const acknowledged: string[] = []
  let refused = 0
  let writing = true
  const writer = async (k: number) => {
    for (let i = k; writing; i += 2) {
      try {
        acknowledged.push(await signIn(base, nirs[i % nirs.length]!))
      } catch {
        refused++
      }
    }
  }
  const writers = [writer(0), writer(1)]
  const killer = setTimeout(() => {
    killedAt = Date.now()
    cluster.kill(1, 'SIGKILL')
    log(`kill -9 instance 2 (pid ${cluster.instances[1]!.child.pid})`)
  }, (args.duration * 1000) / 4)
  await instance
  clearTimeout(killer)
  writing = false
  await Promise.all(writers)
  const load = loadAverage()
  const nginxLog = (() => {
    try {
      return fs.readFileSync(path.join(cluster.dir, 'error.log'), 'utf8')
    } catch {
      return ''
    }
  })()
  const logKinds = ['connect() failed', 'prematurely closed', 'no live upstreams', 'timed out', 'reset by peer']
  const nginxSays = logKinds.map((k) => `${k}: ${nginxLog.split('\n').filter((l) => l.includes(k)).length}`).join(', ')
  log(`failures by kind: ${[...statuses].map(([k, n]) => `${k} ×${n}`).join(', ') || 'none'}; nginx error log: ${nginxSays}`)
  let missing = 0
  let cookiesRefused = 0
  for (const cookie of acknowledged) {
    const token = await decodeSession(decodeURIComponent(cookie.slice(cookie.indexOf('=') + 1)), [secret])
    const sid = token?.sid
    const found = sid ? (await db.query('SELECT 1 FROM "AuthSession" WHERE id = $1', [sid])).rowCount : 0
    if (!found) missing++
    const page = await fetch(`${base}/compte`, { headers: { cookie, 'accept-language': 'fr' }, redirect: 'manual' })
    if (page.status !== 200) cookiesRefused++
  }
  const rows = Number((await db.query('SELECT count(*) AS n FROM "AuthSession" WHERE "createdAt" >= $1', [windowStart])).rows[0].n)
  await db.end()
  return {
    requests,
    failed,
    failedAfterKill,
    lastFailureMs: lastFailure === null || killedAt === null ? null : lastFailure - killedAt,
    writes: { acknowledged: acknowledged.length, refused, rowsInWindow: rows, missing, cookiesRefused },
    load,
  }
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2))
  const root = process.cwd()
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date()) as CalendarDate
  let databaseUrl: string
  let dropPg: (() => Promise<void>) | undefined
  let fresh = true
  if (args.postgres) {
    const given = process.env.DATABASE_URL
    if (given && /^postgres(ql)?:\/\//.test(given)) {
      databaseUrl = given
      // --reuse: a database this benchmark filled before (it has generated persons) is used as it is.
      if (args.reuse) {
        const c = new pg.Client({ connectionString: given })
        try {
          await c.connect()
          const n = await c.query('SELECT count(*) AS n FROM "Insured" WHERE "birthPlace" = $1', [GENERATED_BIRTH_PLACE])
          fresh = Number(n.rows[0].n) === 0
          if (!fresh) log(`--reuse: ${n.rows[0].n} generated persons already in the database`)
        } catch {
          fresh = true
        } finally {
          await c.end().catch(() => undefined)
        }
      }
    } else {
      const admin = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres'
      const name = `ameli_bench_pages_${process.pid}`
      const client = new pg.Client({ connectionString: admin })
      await client.connect()
      await client.query(`CREATE DATABASE ${name}`)
      await client.end()
      const u = new URL(admin)
      u.pathname = `/${name}`
      databaseUrl = u.toString()
      dropPg = async () => {
        const c = new pg.Client({ connectionString: admin })
        await c.connect()
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
        await c.end()
      }
    }
  } else {
    fs.mkdirSync(path.join(root, '.bench'), { recursive: true })
    const file = path.join(root, '.bench', `pages-${args.insured}.db`)
    fresh = !(args.reuse && fs.existsSync(file))
    if (fresh) for (const s of ['', '-wal', '-shm', '-journal']) fs.rmSync(file + s, { force: true })
    databaseUrl = `file:${file}`
  }
  const env = { ...process.env, DATABASE_URL: databaseUrl, SEED_TODAY: today }
  let server: ChildProcess | undefined
  let bare: ChildProcess | undefined
  try {
    if (fresh) {
      const t0 = process.hrtime.bigint()
      run('npx', ['tsx', 'scripts/db/migrate.ts', 'deploy'], env)
      run('npx', ['tsx', 'scripts/db/seed.ts', '--insured', String(args.insured)], env)
      log(`${args.insured} insured persons seeded in ${seconds(t0)} s`)
      const t1 = process.hrtime.bigint()
      const h = await seedHistory(databaseUrl, today)
      log(`history: ${h.lines} lines (${(h.lines / args.insured).toFixed(1)} a person), ${h.claims} claims, ${h.payments} payments in ${seconds(t1)} s`)
      // After a bulk load the planner needs statistics, as a production database has them (autovacuum would gather
      // them later; without them PostgreSQL picks sequential scans over millions of rows).
      const t2 = process.hrtime.bigint()
      await analyze(databaseUrl)
      log(`ANALYZE in ${seconds(t2)} s`)
    }
    if (!args.postgres) sqlitePlans(databaseUrl.slice('file:'.length))

    if (!fs.existsSync(path.join(root, '.next', 'BUILD_ID'))) run('npx', ['next', 'build'], env)
    if (args.cluster) {
      await benchCluster(databaseUrl, env, args)
      return
    }
    const base = `http://127.0.0.1:${args.port}`
    const bareBase = `http://127.0.0.1:${args.port + 1}`
    // The production server (scripts/server.mjs: Next behind the project's thin HTTP server, metrics and request log,
    // as `npm start` runs it), without the scheduler's child process (JOBS=off) so that only request work is counted.
    const profileDir = args.profile ? path.resolve(args.profile) : null
    if (profileDir) fs.mkdirSync(profileDir, { recursive: true })
    const profiling = profileDir ? { NODE_OPTIONS: `--import ${pathToFileURL(path.resolve('scripts/bench/profile-on-signal.mjs')).href}`, BENCH_PROFILE_DIR: profileDir } : {}
    server = spawnServer(process.execPath, ['scripts/server.mjs', '-p', String(args.port), '-H', '127.0.0.1'], {
      ...env,
      ...profiling,
      NODE_ENV: 'production',
      JOBS: 'off',
      ALLOW_INSECURE_LOCAL: '1',
      NEXTAUTH_URL: base,
      LOGIN_LIMIT_PER_IP: '1000000',
      LOGIN_LOCK_AFTER_FAILURES: '1000',
    }, args.serverDir ?? root)
    if (args.serverDir) log(`server from ${args.serverDir} (its own build)`)
    await waitFor(`${base}/api/v1/health`, server)

    const cookies = await signInMany(base, await pickNirs(databaseUrl, args.users))
    const wanted = (p: string) => !args.only || args.only.includes(p)

    // Each target: a warm-up, then one connection (the CPU cost of one page, nothing queued), then --connections.
    const runs: { target: 'server' | 'bare'; path: string; one: Measured; many: Measured }[] = []
    const runTarget = async (target: 'server' | 'bare', at: string, page: string, signedIn: boolean, root: number) => {
      if (!wanted(page)) return
      const jar = signedIn ? cookies : []
      // Warm-up by count, not time: a path's first requests compile its Prisma queries and JIT its code (tens of ms
      // each), which a 2-second warm-up on a loaded machine does not cover; the 1-connection run would measure them.
      await warmUp(at, page, jar)
      if (profileDir) process.kill(root, 'SIGUSR2')
      const one = await measure(at, page, jar, args, 1, root)
      const many = await measure(at, page, jar, args, args.connections, root)
      if (profileDir) await saveProfile(root, profileDir, `${target}${page.replaceAll('/', '_')}.cpuprofile`)
      runs.push({ target, path: page, one, many })
      log(`  ${target} ${page}: ${one.rps} req/s at 1 (${one.cpuMsPerRequest} CPU-ms/request), ${many.rps} at ${args.connections}`)
    }
    await runTarget('server', base, '/api/v1/health', false, server.pid!)
    await runTarget('server', base, '/', false, server.pid!)
    for (const page of ['/compte', '/compte/paiements']) await runTarget('server', base, page, true, server.pid!)
    const serverLoad = loadAverage()
    await stopServer(server)
    server = undefined

    // The floor: the same data work without Next and React (scripts/bench/bare-handler.ts), measured the same way.
    if (!args.noBare) bare = spawnServer(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/bench/bare-handler.ts', '--port', String(args.port + 1)], {
      ...env,
      ...profiling,
      NODE_ENV: 'production',
      ALLOW_INSECURE_LOCAL: '1',
      NEXTAUTH_URL: base,
    })
    if (bare) {
      await waitFor(`${bareBase}/health`, bare)
      for (const page of ['/compte', '/compte/paiements']) await runTarget('bare', bareBase, page, true, bare.pid!)
      await stopServer(bare)
      bare = undefined
    }

    const provider = args.postgres ? 'PostgreSQL' : 'SQLite'
    const out = (s: string) => process.stdout.write(s)
    out(`\nbench:pages — ${args.serverDir ? `server from ${args.serverDir}, ` : ''}${provider}, ${args.insured} insured persons, ${args.duration} s per run, ${os.cpus().length} cores, load average ${serverLoad} (1/5/15 min, after the server runs)\n`)
    out(`${'page'.padEnd(34)}${'conns'.padStart(6)}${'req/s'.padStart(8)}${'p50 ms'.padStart(9)}${'p95 ms'.padStart(9)}${'p99 ms'.padStart(9)}${'non-200'.padStart(9)}${'CPU ms/req'.padStart(12)}\n`)
    for (const r of runs)
      for (const m of [r.one, r.many])
        out(`${(r.target === 'bare' ? `${r.path} (bare handler)` : r.path).padEnd(34)}${String(m.connections).padStart(6)}${String(m.rps).padStart(8)}${String(m.p50).padStart(9)}${String(m.p95).padStart(9)}${String(m.p99).padStart(9)}${String(m.errors).padStart(9)}${m.cpuMsPerRequest.toFixed(2).padStart(12)}\n`)
    const ratioToFloor: Record<string, number> = {}
    for (const page of ['/compte', '/compte/paiements']) {
      const s = runs.find((r) => r.target === 'server' && r.path === page)
      const b = runs.find((r) => r.target === 'bare' && r.path === page)
      if (!s || !b) continue
      ratioToFloor[page] = Math.round((s.one.cpuMsPerRequest / b.one.cpuMsPerRequest) * 100) / 100
      out(`${page}: ${s.one.cpuMsPerRequest.toFixed(2)} CPU-ms per page, ${ratioToFloor[page]}× the bare handler's ${b.one.cpuMsPerRequest.toFixed(2)} (target ≤ 2×)\n`)
    }
    const targets: [string, number][] = [
      ['/compte', 4],
      ['/compte/paiements', 6],
    ]
    for (const [page, ms] of targets) {
      const s = runs.find((r) => r.target === 'server' && r.path === page)
      if (s) out(`target ${page} ≤ ${ms} CPU-ms per request: ${s.one.cpuMsPerRequest <= ms ? 'met' : 'NOT met'} on this run\n`)
    }
    const kb = firstLoadJsKb()
    if (args.json) {
      const fig = (m: Measured) => ({ rps: m.rps, p50: m.p50, p95: m.p95, cpuMsPerRequest: m.cpuMsPerRequest })
      const entry = (r: (typeof runs)[number]) => ({ path: r.path, ...fig(r.one), connections: 1, [`at${args.connections}`]: { ...fig(r.many), connections: args.connections } })
      out(
        `${JSON.stringify({
          provider,
          insured: args.insured,
          duration: args.duration,
          cores: os.cpus().length,
          loadAverage: serverLoad,
          pages: runs.filter((r) => r.target === 'server').map(entry),
          bare: runs.filter((r) => r.target === 'bare').map(entry),
          ratioToFloor,
          firstLoadJsKb: kb,
        })}\n`,
      )
    }
  } finally {
    await stopServer(server)
    await stopServer(bare)
    if (dropPg && !args.keep) await dropPg()
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:pages failed: ${error instanceof Error ? `${error.message}${error.cause ? ` (${String(error.cause)})` : ''}` : String(error)}\n`)
  process.exitCode = 1
})
