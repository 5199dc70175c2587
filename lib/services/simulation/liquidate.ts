import { randomBytes } from 'node:crypto'

import { createPrismaClient } from '@/lib/db/client'
import {
  databaseFileMissing,
  InjectedFailure,
  openClaimBulkWriter,
  type ClaimBulkWriter,
  type NewCarryOver,
  type NewClaim,
  type NewClaimLine,
  type NewPayment,
} from '@/lib/db/repositories/claims'
import { claimantKey, loadClaimantDirectory, loadDeductionTallies, type TClaimant, type TClaimantDirectory, type TDeductionTallies } from '@/lib/db/repositories/insured-lookup'
import { listRuleRows } from '@/lib/db/repositories/rules'
import { parseNir } from '@/lib/domain/nir'
import { createEngine, DeductionLedger, type Engine } from '@/lib/domain/reimbursement/engine'
import type { LineResult } from '@/lib/domain/reimbursement/types'
import { stepJsonBytes, stepsToStorageJson, stepToJson } from '@/lib/domain/reimbursement/steps-json'
import { overlayRuleRows, RuleSet } from '@/lib/domain/rules/rule-set'
import type { Locale } from '@/lib/i18n/config'
import { translatorFor } from '@/lib/i18n/translator'
import type { FieldError } from '@/lib/schemas/simulation'
import { bundledActs, bundledRuleRows } from '@/prisma/rules'
import { engineErrors, parseLine, translateErrors, type MessageError } from './simulate-lines'

/**
 * Batch liquidation (SIMULATION-API.md "Where it is served", docs/decisions/0005-batch-liquidation.md):
 * JSON Lines in, one result per line out, same order, as ONE batch (caps and carried-forward deductions
 * accumulate per beneficiaryId across the whole input, in order). With `save`, valid lines are stored as
 * claims and payments of the matching insured persons, in transactions of at most `batchSize` lines; the
 * output of a batch is written once it is committed, so the output never shows a line that is not stored.
 */

export interface LiquidateOptions {
  save: boolean
  lang: Locale
  /** Input lines per transaction (and per output flush). */
  batchSize: number
  /** "YYYY-MM-DD": the date of the payments (and the day the claims are received). */
  paidOn: string
  /** Tests only: the transaction of batch N + 1 fails after its inserts (so it must roll back whole). */
  failAfterBatches?: number
  /** Prefix of the references (default: a new run id). */
  runId?: string
}

export interface OutputWriter {
  /** Resolves when the chunk may be followed by another (backpressure). UTF-8 bytes. */
  write(chunk: Uint8Array): Promise<void> | void
}

const RESULT_FIELDS = ['base', 'rate', 'amoGross', 'localRegime', 'participation', 'franchise', 'carriedForward', 'amoPaid', 'complementary', 'patient'] as const

/**
 * Output lines encoded straight into byte buffers (no giant joined string per batch: the batch command writes
 * about a kilobyte per line, a million lines a run).
 */
class OutputLines {
  private readonly done: Buffer[] = []
  private current = Buffer.allocUnsafe(1 << 20)
  private pos = 0
  count = 0

  push(line: string): void {
    // UTF-8 takes at most 3 bytes per UTF-16 code unit.
    if (this.pos + line.length * 3 + 1 > this.current.length) this.rotate(line.length * 3 + 1)
    this.pos += this.current.write(line, this.pos, 'utf8')
    this.current[this.pos++] = 10
    this.count++
  }

  /**
   * A result line: its amounts as text, its steps copied from their cached UTF-8 bytes. A line may straddle two
   * chunks: the chunks are written in order, so only their concatenation needs to be whole lines.
   */
  pushResult(result: LineResult): void {
    let head = result.id === undefined ? '{' : `{"id":${JSON.stringify(result.id)},`
    for (const f of RESULT_FIELDS) head += `"${f}":${result[f]},`
    head += '"steps":['
    if (this.pos + head.length * 3 > this.current.length) this.rotate(head.length * 3)
    let buf = this.current
    let pos = this.pos + buf.write(head, this.pos, 'utf8')
    const steps = result.steps
    // Shared (frozen) steps are copied from their cached UTF-8 bytes; the others are encoded here.
    for (let i = 0; i < steps.length; i++) {
      const step = steps[i]!
      const part = Object.isFrozen(step) ? stepJsonBytes(step) : stepToJson(step)
      const size = (typeof part === 'string' ? part.length * 3 : part.length) + 3
      if (pos + size > buf.length) {
        this.pos = pos
        this.rotate(size)
        buf = this.current
        pos = 0
      }
      if (i > 0) buf[pos++] = 44
      if (typeof part === 'string') pos += buf.write(part, pos, 'utf8')
      else {
        buf.set(part, pos)
        pos += part.length
      }
    }
    if (pos + 3 > buf.length) {
      this.pos = pos
      this.rotate(3)
      buf = this.current
      pos = 0
    }
    buf[pos++] = 93
    buf[pos++] = 125
    buf[pos++] = 10
    this.pos = pos
    this.count++
  }

  private rotate(min: number): void {
    if (this.pos > 0) this.done.push(this.current.subarray(0, this.pos))
    this.current = Buffer.allocUnsafe(Math.max(1 << 20, min))
    this.pos = 0
  }

  /** Everything pushed so far, as chunks to write in order (not concatenated: a copy less); the buffer starts empty again. */
  take(): Buffer[] {
    this.rotate(0)
    const chunks = this.done.slice()
    this.done.length = 0
    this.count = 0
    return chunks
  }
}

export interface LiquidateCounts {
  runId: string
  lines: number
  valid: number
  rejected: number
  /** Lines stored (with save). */
  stored: number
  claims: number
  payments: number
  carryOvers: number
  /** Committed transactions (with save). */
  batches: number
}

export interface LiquidateDeps {
  engine: Engine
  /** Required with save. */
  directory?: TClaimantDirectory
  /** Required with save. */
  writer?: ClaimBulkWriter
  /** With save: what each person already owes toward this year's caps (stored lines, carried amounts). */
  tallies?: TDeductionTallies
}

/** A failure while storing: the batches before it are committed, this one rolled back whole. */
export class LiquidationStoreError extends Error {
  constructor(
    readonly counts: LiquidateCounts,
    readonly cause: unknown,
  ) {
    super(
      `storing batch ${counts.batches + 1} failed (${cause instanceof InjectedFailure ? cause.message : cause instanceof Error ? cause.message : String(cause)}); ` +
        `${counts.batches} batch(es) with ${counts.stored} line(s) were committed, this batch was rolled back whole`,
    )
  }
}

/** A new run id: time (base 36) + random, so references of two runs never collide and sort by run. */
export function newRunId(): string {
  return `${Date.now().toString(36).toUpperCase()}${randomBytes(2).toString('hex').toUpperCase()}`
}

/** The engine of the API (lib/services/simulation/rule-engine.ts): stored rule rows overlay the rules shipped in prisma/rules. */
export async function loadLiquidationDeps(options: { save: boolean }): Promise<LiquidateDeps & { close(): Promise<void> }> {
  if (!options.save && databaseFileMissing()) {
    return { engine: createEngine(new RuleSet(bundledRuleRows), bundledActs), close: async () => undefined }
  }
  const db = createPrismaClient()
  try {
    let rows: Awaited<ReturnType<typeof listRuleRows>> = []
    try {
      rows = await listRuleRows(db)
    } catch (error) {
      // Without --save an unmigrated database is fine: the shipped rules apply.
      if (options.save) throw error
    }
    const engine = createEngine(new RuleSet(overlayRuleRows(bundledRuleRows, rows)), bundledActs)
    if (!options.save) return { engine, close: () => db.$disconnect() }
    const [directory, tallies] = await Promise.all([loadClaimantDirectory(db), loadDeductionTallies(db)])
    const writer = await openClaimBulkWriter()
    return {
      engine,
      directory,
      tallies,
      writer,
      close: async () => {
        await writer.close()
        await db.$disconnect()
      },
    }
  } catch (error) {
    await db.$disconnect()
    throw error
  }
}

function errorLine(id: string | undefined, errors: MessageError[]): string {
  return JSON.stringify(id === undefined ? { errors } : { id, errors })
}

/** A stored claim being filled: consecutive lines of one person, one day, one professional. */
interface OpenClaim {
  claim: NewClaim
  claimant: TClaimant
  careDate: string
  professionalId: string | null
}

/** Lines of one claim at most (a feuille de soins lists a handful of acts). */
const MAX_LINES_PER_CLAIM = 20

export async function liquidate(
  input: AsyncIterable<string>,
  out: OutputWriter,
  options: LiquidateOptions,
  deps: LiquidateDeps,
): Promise<LiquidateCounts> {
  const { engine, directory, writer } = deps
  if (options.save && (!directory || !writer)) throw new Error('liquidate: saving needs a claimant directory and a writer')
  if (!Number.isInteger(options.batchSize) || options.batchSize < 1) throw new Error('liquidate: batchSize must be a positive integer')
  const runId = options.runId ?? newRunId()
  const counts: LiquidateCounts = { runId, lines: 0, valid: 0, rejected: 0, stored: 0, claims: 0, payments: 0, carryOvers: 0, batches: 0 }
  const ledger = new DeductionLedger()
  const tLiquidation = translatorFor(options.lang, 'liquidation.errors')

  // Ids sort in creation order (cheap B-tree appends) and are unique across runs (the run id).
  let serial = 0
  const nextId = (): string => `b${runId}${(serial++).toString(36).padStart(7, '0')}`.toLowerCase()
  let claimNo = 0
  let paymentNo = 0

  // Who each distinct beneficiaryId is (looked up once).
  const claimants = new Map<string, TClaimant | null>()
  const claimantOf = (id: string): TClaimant | null => {
    let c = claimants.get(id)
    if (c !== undefined) return c
    const nir = parseNir(id)
    c = (nir.ok ? (directory!.byNir.get(nir.nir) ?? directory!.byBeneficiary.get(nir.nir)) : directory!.byBeneficiary.get(id)) ?? null
    claimants.set(id, c)
    // The caps of the year count what this person already owes in the database (RULEBOOK §4: 50 € per year).
    const years = c ? deps.tallies?.get(claimantKey(c)) : undefined
    if (years) for (const [year, t] of years) ledger.preloadYear(id, year, t.participation, t.franchises)
    return c
  }
  // Engine key → who and which line its carried-forward deductions come from (for DeductionCarryOver).
  const ibanByInsured = new Map<string, string | null>()
  const carryOrigin = new Map<string, { claimant: TClaimant; lineId: string; year: number }>()

  const outChunk = new OutputLines()
  let batchLines = 0
  let claims: NewClaim[] = []
  let open: OpenClaim | null = null
  let inflight: { done: Promise<unknown>; output: Buffer[]; lines: number; claims: number; payments: number; carryOvers: number } | null = null

  const reject = (id: string | undefined, errors: MessageError[]): void => {
    counts.rejected++
    outChunk.push(errorLine(id, errors))
    open = null
  }

  async function writeAll(chunks: readonly Buffer[]): Promise<void> {
    for (const chunk of chunks) await out.write(chunk)
  }

  async function settleInflight(): Promise<void> {
    if (!inflight) return
    const done = inflight
    inflight = null
    const failure = await done.done
    if (failure !== null) throw new LiquidationStoreError({ ...counts }, failure)
    counts.batches++
    counts.stored += done.lines
    counts.claims += done.claims
    counts.payments += done.payments
    counts.carryOvers += done.carryOvers
    await writeAll(done.output)
  }

  async function flush(final: boolean): Promise<void> {
    const output = outChunk.take()
    batchLines = 0
    open = null
    if (!options.save) {
      await writeAll(output)
      return
    }
    const batchClaims = claims
    claims = []
    // One payment per insured person per batch: the AMO paid of their lines; lines paid 0 € in total stay unpaid.
    const payments = new Map<string, NewPayment>()
    let lines = 0
    for (const c of batchClaims) {
      for (const l of c.lines) {
        lines++
        let p = payments.get(c.insuredId)
        if (!p) {
          p = { id: '', reference: '', insuredId: c.insuredId, paidOn: options.paidOn, amount: 0, kind: 'reimbursement', status: 'paid', ibanMasked: null }
          payments.set(c.insuredId, p)
        }
        p.amount += l.result.amoPaid
      }
    }
    const paid: NewPayment[] = []
    for (const p of payments.values()) {
      if (p.amount <= 0) continue
      p.id = nextId()
      p.reference = `VIR-${runId}-${String(++paymentNo).padStart(6, '0')}`
      p.ibanMasked = ibanByInsured.get(p.insuredId) ?? null
      paid.push(p)
    }
    for (const c of batchClaims) {
      const p = payments.get(c.insuredId)!
      const isPaid = p.amount > 0
      c.status = isPaid ? 'paid' : 'processed'
      for (const l of c.lines) {
        l.paymentId = isPaid ? p.id : null
        l.paidOn = isPaid ? options.paidOn : null
      }
    }
    const carryOvers: NewCarryOver[] = []
    if (final) {
      for (const due of ledger.pending()) {
        const origin = carryOrigin.get(due.beneficiary)
        if (!origin) continue
        for (const [kind, amount] of [['participation', due.participation], ['franchise', due.franchises]] as const) {
          if (amount > 0) {
            carryOvers.push({ id: nextId(), insuredId: origin.claimant.insuredId, beneficiaryId: origin.claimant.beneficiaryId, kind, amount, year: origin.year, originLineId: origin.lineId })
          }
        }
      }
    }
    // Wait for the previous batch (at most one transaction in flight), then start this one.
    await settleInflight()
    if (lines === 0 && carryOvers.length === 0) {
      await writeAll(output)
      return
    }
    const fail = options.failAfterBatches !== undefined && counts.batches === options.failAfterBatches
    inflight = {
      done: writer!.write({ claims: batchClaims, payments: paid, carryOvers }, { failBeforeCommit: fail }).then(
        () => null,
        (error: unknown) => error ?? new Error('write failed'),
      ),
      output,
      lines,
      claims: batchClaims.length,
      payments: paid.length,
      carryOvers: carryOvers.length,
    }
  }

  for await (const raw of input) {
    if (raw.trim() === '') continue
    counts.lines++
    let value: unknown
    try {
      value = JSON.parse(raw)
    } catch {
      reject(undefined, [{ path: '', message: tLiquidation('json') }])
      value = undefined
    }
    if (value !== undefined) {
      const parsed = parseLine(value)
      if (!parsed.ok) {
        reject(parsed.id, translateErrors(parsed.errors, options.lang))
      } else {
        const line = parsed.line
        let claimant: TClaimant | null = null
        let refused: FieldError | null = null
        if (options.save) {
          if (line.beneficiaryId === undefined) refused = { path: 'beneficiaryId', code: 'required' }
          else if (!(claimant = claimantOf(line.beneficiaryId))) refused = { path: 'beneficiaryId', code: 'unknown', params: { id: line.beneficiaryId } }
        }
        if (refused) {
          reject(line.id, [{ path: refused.path, message: tLiquidation(`beneficiaryId.${refused.code}`, refused.params) }])
        } else {
          // Without a beneficiary id a line cannot share caps with others: it stands alone (as in simulateBatch).
          const key = line.beneficiaryId ?? null
          const outcome = engine.compute(line, ledger, key)
          if (!outcome.ok) {
            reject(outcome.id, translateErrors(engineErrors(outcome.errors, line, engine), options.lang))
          } else {
            counts.valid++
            const result = outcome.result
            outChunk.pushResult(result)
            if (claimant) {
              const professionalId = line.professionalId !== undefined ? (directory!.professionals.get(line.professionalId) ?? null) : null
              const o: OpenClaim | null = open
              let current: OpenClaim
              if (
                o &&
                o.claimant === claimant &&
                o.careDate === line.careDate &&
                o.professionalId === professionalId &&
                o.claim.lines.length < MAX_LINES_PER_CLAIM
              ) {
                current = o
              } else {
                const id = nextId()
                current = {
                  claimant,
                  careDate: line.careDate,
                  professionalId,
                  claim: {
                    id,
                    reference: `LIQ-${runId}-${String(++claimNo).padStart(7, '0')}`,
                    insuredId: claimant.insuredId,
                    beneficiaryId: claimant.beneficiaryId,
                    professionalId,
                    source: 'batch',
                    careDate: line.careDate,
                    receivedOn: options.paidOn,
                    status: 'paid',
                    tiersPayant: false,
                    lines: [],
                  },
                }
                claims.push(current.claim)
                ibanByInsured.set(claimant.insuredId, claimant.ibanMasked)
                open = current
              }
              const lineId = nextId()
              const stored: NewClaimLine = {
                id: lineId,
                lineNo: current.claim.lines.length + 1,
                input: line,
                result,
                careType: engine.acts.get(line.act)!.careType,
                paymentId: null,
                paidOn: null,
                stepsJson: stepsToStorageJson(result.steps),
              }
              current.claim.lines.push(stored)
              if (result.carriedForward > 0 && key !== null) carryOrigin.set(key, { claimant, lineId, year: Number(line.careDate.slice(0, 4)) })
            }
          }
        }
      }
    }
    if (++batchLines >= options.batchSize) await flush(false)
  }
  await flush(true)
  await settleInflight()
  return counts
}
