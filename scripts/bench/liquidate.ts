/**
 * npm run bench:liquidate [-- --lines N] [--batch-size N] [--no-postgres] [--keep]
 *
 * Generates N (default 1 000 000) valid claim lines for the demo personas (their NIRs, 15-digit NIRs and
 * beneficiaries' own NIRs; acts G, TCG, CS, DC, KINE, PH65, PH15, BIO…; care dates 2023–2026; visits of
 * 1–6 lines: a consultation, a pharmacy claim of 1–4 medicines, sometimes a lab test) into a temporary file, then runs `scripts/liquidate.ts FILE --save` as a child process against
 * a FRESH database (migrated and seeded by the project's own scripts): SQLite in a temporary file, then
 * PostgreSQL in a throwaway database when a server is reachable (TEST_POSTGRES_URL, default
 * postgresql://postgres@127.0.0.1:5432/postgres). Prints lines per second (whole command: start-up, rule and
 * person loading, parsing, computing, serialising the output — discarded to /dev/null — and storing) and
 * the child's peak RSS. Target (issue 3): ≥ 100 000 lines/s on SQLite.
 */
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import pg from 'pg'

import { buildNir } from '../../lib/domain/nir'
import { insured as demoInsured, professionals } from '../../prisma/seed/demo-data'
import { nirOf } from '../../prisma/seed/seed-demo'

interface Args {
  lines: number
  batchSize: number
  postgres: boolean
  keep: boolean
}

function parseArgs(argv: string[]): Args {
  const args: Args = { lines: 1_000_000, batchSize: 5000, postgres: true, keep: false }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    const num = (): number => {
      const n = Number(argv[++i])
      if (!Number.isInteger(n) || n < 1) throw new Error(`${a} needs a positive whole number`)
      return n
    }
    if (a === '--lines') args.lines = num()
    else if (a === '--batch-size') args.batchSize = num()
    else if (a === '--no-postgres') args.postgres = false
    else if (a === '--keep') args.keep = true
    else throw new Error(`unknown argument ${a} (use --lines N, --batch-size N, --no-postgres, --keep)`)
  }
  return args
}

/** A small deterministic PRNG (mulberry32), so every run liquidates the same file. */
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

interface Person {
  id: string
  birthDate: string
  regime: string
}

/** The demo personas as a batch names them: NIR (13 or 15 digits) for the insured, own NIR for beneficiaries. */
function personas(): Person[] {
  const out: Person[] = []
  for (const p of demoInsured) {
    const { nir, key } = nirOf(p)
    const regime = p.regime === 'alsace-moselle' || p.regime === 'agricultural' ? p.regime : 'general'
    out.push({ id: nir, birthDate: p.birthDate, regime })
    out.push({ id: `${nir}${key}`, birthDate: p.birthDate, regime })
    for (const b of p.beneficiaries ?? []) {
      if (!b.ownNir) continue
      const [by, bm] = b.birthDate.split('-').map(Number) as [number, number]
      const own = buildNir({ sex: b.sex, birthYear: by, birthMonth: bm, department: b.ownNir.department, commune: b.ownNir.commune, order: b.ownNir.order })
      out.push({ id: own.nir, birthDate: b.birthDate, regime })
    }
  }
  return out
}

/** Box prices of a pharmacy's usual medicines (cents): a price list, not random amounts. */
const PRICES = [195, 238, 312, 389, 412, 455, 537, 612, 758, 846, 915, 1027, 1235, 1490, 1598, 2190, 2745, 3120]

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n))

/** Writes `count` lines; returns the file size. */
async function generate(file: string, count: number): Promise<number> {
  const people = personas()
  const rpps = (key: string): string => professionals.find((p) => p.key === key)!.rpps
  const gp = rpps('gp-paris')
  const specialist = rpps('rhumato-paris')
  const dentist = rpps('dentist-paris')
  const kine = rpps('kine-paris')
  const pharmacy = rpps('pharmacy-paris')
  const lab = rpps('lab-paris')
  const random = rng(20261124)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!
  const out = fs.createWriteStream(file, { highWaterMark: 1 << 20 })
  let written = 0
  let chunk: string[] = []
  const emit = async (line: object): Promise<void> => {
    chunk.push(JSON.stringify(line))
    written++
    if (chunk.length >= 10_000) {
      if (!out.write(`${chunk.join('\n')}\n`)) await new Promise<void>((r) => out.once('drain', () => r()))
      chunk = []
    }
  }
  while (written < count) {
    const person = pick(people)
    const year = 2023 + Math.floor(random() * 4)
    const month = 1 + Math.floor(random() * (year === 2026 ? 10 : 12))
    const careDate = `${year}-${pad2(month)}-${pad2(1 + Math.floor(random() * 28))}`
    if (careDate <= person.birthDate) continue
    const base = { careDate, birthDate: person.birthDate, beneficiaryId: person.id, ...(person.regime !== 'general' ? { regime: person.regime } : {}) }
    const n = written
    const r = random()
    // A visit: a consultation (or a session), then often a prescription filled at the pharmacy or a lab test.
    if (r < 0.4) await emit({ id: `L${n}`, ...base, act: 'G', professionalId: gp })
    else if (r < 0.5) await emit({ id: `L${n}`, ...base, act: 'TCG', professionalId: gp })
    else if (r < 0.6) await emit({ id: `L${n}`, ...base, act: 'CS', sector: '2-optam', feeCharged: 5000 + 500 * Math.floor(random() * 5), professionalId: specialist, complementary: { overrunCoverPercent: 100 } })
    else if (r < 0.7) await emit({ id: `L${n}`, ...base, act: 'DC', professionalId: dentist })
    else await emit({ id: `L${n}`, ...base, act: 'KINE', quantity: 1 + Math.floor(random() * 3), professionalId: kine, pathway: 'direct-access' })
    // The prescription filled at the pharmacy: one claim of 1–4 lines (one per medicine), like a real feuille de soins.
    if (written < count && random() < 0.5) {
      const boxes = 1 + Math.floor(random() * 4)
      for (let b = 0; b < boxes && written < count; b++) {
        await emit({ id: `L${written}`, ...base, act: pick(['PH65', 'PH65', 'PH15', 'PH30']), quantity: 1 + Math.floor(random() * 2), feeCharged: pick(PRICES), professionalId: pharmacy })
      }
    }
    if (written < count && random() < 0.15) {
      await emit({ id: `L${written}`, ...base, act: 'BIO', feeCharged: 1500 + Math.floor(random() * 6000), professionalId: lab })
    }
  }
  if (chunk.length > 0) out.write(`${chunk.join('\n')}\n`)
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())))
  return fs.statSync(file).size
}

const root = path.resolve(__dirname, '..', '..')
const tsx = path.join(root, 'node_modules', '.bin', 'tsx')

function prepareDatabase(url: string): void {
  const env = { ...process.env, DATABASE_URL: url }
  for (const script of [['scripts/db/migrate.ts', 'deploy'], ['scripts/db/seed.ts']]) {
    const r = spawnSync(tsx, script, { cwd: root, env, encoding: 'utf8' })
    if (r.status !== 0) throw new Error(`${script.join(' ')} failed:\n${r.stdout}\n${r.stderr}`)
  }
}

interface RunResult {
  seconds: number
  linesPerSecond: number
  peakRssMb: number
  summary: string
}

/** Runs the real command; the child reports its own peak RSS (LIQUIDATE_STATS). */
async function liquidate(url: string, file: string, lines: number, batchSize: number): Promise<RunResult> {
  const started = process.hrtime.bigint()
  const child = spawn(tsx, ['scripts/liquidate.ts', file, '--save', '--paid-on', '2026-11-30', '--batch-size', String(batchSize), '--stats'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url },
    stdio: ['ignore', fs.openSync('/dev/null', 'w'), 'pipe'],
  })
  let stderr = ''
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()))
  const code: number = await new Promise((resolve) => child.on('close', (c) => resolve(c ?? 1)))
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  if (code !== 0) throw new Error(`liquidate exited with ${code}:\n${stderr}`)
  const rss = /peak RSS (\d+) MB/.exec(stderr)
  return {
    seconds,
    linesPerSecond: Math.round(lines / seconds),
    peakRssMb: rss ? Number(rss[1]) : NaN,
    summary: stderr.trim().split('\n').filter((l) => !l.startsWith('npm warn')).join('\n  '),
  }
}

function report(label: string, r: RunResult, lines: number): void {
  console.log(`${label}: ${lines.toLocaleString('en')} lines stored in ${r.seconds.toFixed(1)} s → ${r.linesPerSecond.toLocaleString('en')} lines/s, peak RSS ${r.peakRssMb} MB`)
  console.log(`  ${r.summary}`)
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2))
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ameli-bench-liquidate-'))
  const input = path.join(dir, 'lines.jsonl')
  try {
    let t = Date.now()
    const size = await generate(input, args.lines)
    console.log(`generated ${args.lines.toLocaleString('en')} lines (${(size / 1e6).toFixed(0)} MB) in ${((Date.now() - t) / 1000).toFixed(1)} s: ${input}`)

    const sqliteUrl = `file:${path.join(dir, 'bench.db')}`
    t = Date.now()
    prepareDatabase(sqliteUrl)
    console.log(`SQLite: fresh database migrated and seeded in ${((Date.now() - t) / 1000).toFixed(1)} s (${sqliteUrl})`)
    const sqlite = await liquidate(sqliteUrl, input, args.lines, args.batchSize)
    report('SQLite', sqlite, args.lines)
    const verdict = sqlite.linesPerSecond >= 100_000 ? 'meets' : 'is BELOW'
    console.log(`  target ≥ 100,000 lines/s on SQLite: ${verdict} the target`)

    if (args.postgres) {
      const admin = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres'
      const client = new pg.Client({ connectionString: admin, connectionTimeoutMillis: 3000 })
      try {
        await client.connect()
      } catch (error) {
        console.log(`PostgreSQL: not reachable at ${admin.replace(/:[^:@/]*@/, ':***@')} (${(error as Error).message}): skipped`)
        return
      }
      const name = `ameli_bench_${process.pid}`
      await client.query(`DROP DATABASE IF EXISTS ${name}`)
      await client.query(`CREATE DATABASE ${name}`)
      try {
        const u = new URL(admin)
        u.pathname = `/${name}`
        t = Date.now()
        prepareDatabase(u.toString())
        console.log(`PostgreSQL: fresh database ${name} migrated and seeded in ${((Date.now() - t) / 1000).toFixed(1)} s`)
        report('PostgreSQL', await liquidate(u.toString(), input, args.lines, args.batchSize), args.lines)
      } finally {
        if (!args.keep) await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
        await client.end()
      }
    }
  } finally {
    if (args.keep) console.log(`kept ${dir}`)
    else fs.rmSync(dir, { recursive: true, force: true })
  }
}

main().catch((error: unknown) => {
  console.error(`bench:liquidate failed: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
})
