/**
 * npm run bench:engine [-- --lines N] — computes N (default 1 000 000) generated claim lines (mixed acts,
 * dates 2023–2026, regimes, sectors, pathways, situations, mutuelle levels) with the reimbursement engine
 * in one process, and prints lines per second (engine time only, and end to end with generation) and
 * peak memory. Target (issue 3): ≥ 1 000 000 lines/s on one core.
 */
import os from 'node:os'
import { createEngine, DeductionLedger } from '../../lib/domain/reimbursement/engine'
import { RuleSet } from '../../lib/domain/rules/rule-set'
import type { ClaimLineInput, Complementary, Pathway, Regime, Sector, Situation } from '../../lib/domain/reimbursement/types'
import { bundledActs, bundledRuleRows } from '../../prisma/rules'

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name)
  return i >= 0 ? Number(process.argv[i + 1]) : fallback
}

const TOTAL = arg('--lines', 1_000_000)
/** Lines handed to the engine at a time (the API's batch limit); the ledger is shared, so the million lines are one batch. */
const CHUNK = 1_000

// Deterministic PRNG (mulberry32) so runs are comparable.
let seed = 20261124
function rand(): number {
  seed = (seed + 0x6d2b79f5) | 0
  let t = seed
  t = Math.imul(t ^ (t >>> 15), t | 1)
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}
const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!

const ACT_MIX: [string, number?][] = [['G'], ['G'], ['G'], ['TCG'], ['CS', 6000], ['APC'], ['CNPSY'], ['DC'], ['KINE'], ['AMI1'], ['PH65', 850], ['PH65', 1240], ['PH30', 560], ['PH15', 390], ['PH100', 12000], ['BIO', 2430], ['KM'], ['FJH'], ['HOSP', 180000], ['FPU']]
const SECTORS: Sector[] = ['1', '1', '1', '2-optam', '2', '3']
const REGIMES: Regime[] = ['general', 'general', 'general', 'general', 'alsace-moselle', 'agricultural', 'special']
const PATHWAYS: Pathway[] = ['coordinated', 'coordinated', 'coordinated', 'direct-access', 'out-of-pathway', 'emergency']
const SITUATIONS: Situation[][] = [[], [], [], [], [], [], ['ald'], ['maternity'], ['css'], ['work-accident'], ['ame'], ['invalidity']]
const COMPLEMENTARY: Complementary[] = ['ticket-moderateur', 'ticket-moderateur', 'none', { overrunCoverPercent: 100 }, { overrunCoverPercent: 50 }]
const pad = (n: number) => (n < 10 ? `0${n}` : String(n))

/**
 * Lines as a caisse receives them: claims (feuilles de soins) of 1–6 lines for one beneficiary, one
 * professional and one day (a GP visit, a pharmacy with several boxes, a series of nurse acts…), in
 * random order across 5 000 beneficiaries and four years.
 */
function generate(n: number): ClaimLineInput[] {
  const lines: ClaimLineInput[] = new Array(n)
  let i = 0
  while (i < n) {
    const y = 2023 + Math.floor(rand() * 4)
    const careDate = `${y}-${pad(1 + Math.floor(rand() * 12))}-${pad(1 + Math.floor(rand() * 28))}`
    const birthDate = `${1930 + Math.floor(rand() * 90)}-${pad(1 + Math.floor(rand() * 12))}-${pad(1 + Math.floor(rand() * 28))}`
    const beneficiaryId = `b${Math.floor(rand() * 5000)}`
    const professionalId = `p${Math.floor(rand() * 500)}`
    const regime = pick(REGIMES)
    const situations = pick(SITUATIONS)
    const complementary = pick(COMPLEMENTARY)
    const size = Math.min(n - i, 1 + Math.floor(rand() * 6))
    for (let k = 0; k < size; k++, i++) {
      const [act, fee] = pick(ACT_MIX)
      const line: ClaimLineInput = {
        careDate,
        act: act!,
        quantity: act === 'KM' ? 20 + Math.floor(rand() * 200) : act === 'FJH' ? 1 + Math.floor(rand() * 5) : 1,
        sector: pick(SECTORS),
        regime,
        birthDate: birthDate > careDate ? '1980-01-01' : birthDate,
        pathway: pick(PATHWAYS),
        situations,
        complementary,
        beneficiaryId: `${beneficiaryId}`,
        professionalId: `${professionalId}`,
      }
      if (fee !== undefined) line.feeCharged = fee
      lines[i] = line
    }
  }
  return lines
}

function main(): void {
  const engine = createEngine(new RuleSet(bundledRuleRows), bundledActs)
  // Warm-up (JIT) on a separate chunk.
  engine.simulateBatch(generate(10_000))

  const ledger = new DeductionLedger()
  let computeNs = 0n
  let computeCpuUs = 0
  let ok = 0
  let refused = 0
  let paid = 0
  let peakRss = process.memoryUsage().rss
  const started = process.hrtime.bigint()
  for (let done = 0; done < TOTAL; done += CHUNK) {
    const lines = generate(Math.min(CHUNK, TOTAL - done))
    const t0 = process.hrtime.bigint()
    const c0 = process.cpuUsage()
    const out = engine.simulateBatch(lines, ledger)
    const c1 = process.cpuUsage(c0)
    computeNs += process.hrtime.bigint() - t0
    computeCpuUs += c1.user + c1.system
    for (const o of out) {
      if (o.ok) {
        ok++
        paid += o.result.amoPaid
      } else refused++
    }
    if ((done / CHUNK) % 100 === 0) peakRss = Math.max(peakRss, process.memoryUsage().rss)
  }
  const totalNs = process.hrtime.bigint() - started
  peakRss = Math.max(peakRss, process.memoryUsage().rss)
  const perSecond = (n: number, ns: bigint) => Math.round(n / (Number(ns) / 1e9))
  const fmt = (n: number) => n.toLocaleString('en-US')
  console.log(`bench:engine — ${fmt(TOTAL)} generated lines in claims of 1–6 lines, one batch (caps over 5 000 beneficiaries), Node ${process.version}`)
  console.log(`  computed: ${fmt(ok)} lines, refused (act not in force that day): ${fmt(refused)}, AMO paid total ${(paid / 100).toFixed(2)} €`)
  console.log(`  engine only:       ${(Number(computeNs) / 1e6).toFixed(0)} ms → ${fmt(perSecond(TOTAL, computeNs))} lines/s`)
  console.log(`  process CPU time during the engine: ${(computeCpuUs / 1e3).toFixed(0)} ms (includes V8's garbage-collector threads)`)
  console.log(`  with generation:   ${(Number(totalNs) / 1e6).toFixed(0)} ms → ${fmt(perSecond(TOTAL, totalNs))} lines/s`)
  console.log(`  peak RSS: ${(peakRss / 1024 / 1024).toFixed(0)} MB (heap used now ${(process.memoryUsage().heapUsed / 1024 / 1024).toFixed(0)} MB)`)
  console.log(`  machine: ${os.cpus()[0]?.model ?? '?'} × ${os.cpus().length}, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} (other processes share the cores)`)
  console.log(`  target ≥ 1,000,000 lines/s (engine only): ${perSecond(TOTAL, computeNs) >= 1_000_000 ? 'met' : 'NOT met'}`)
}

main()
