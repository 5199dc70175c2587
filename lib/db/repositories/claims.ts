import fs from 'node:fs'
import path from 'node:path'

import pg from 'pg'
import { from as copyFrom } from 'pg-copy-streams'

import type { ClaimLineInput, LineResult } from '@/lib/domain/reimbursement/types'
import { stepsToStorageJson } from '@/lib/domain/reimbursement/steps-json'
import { databaseProvider, type Db, type DatabaseProvider, type Tx } from '../client'
import { CARRY_OVER, CLAIM, CLAIM_LINE, openSqliteBulk, PAYMENT, quoteIdent, type RowSink, type TableSpec, type Value } from '../sqlite-bulk'
import { openSqliteBulkWorker } from '../sqlite-bulk-worker-client'
import { copyTextRows, copyTextValue } from '../pg-copy'
import { parseDatabaseUrl } from '../database-url'

/**
 * Claims, their lines, the payments that paid them and the deductions carried forward, written in bulk.
 * Used by the batch liquidation (scripts/liquidate.ts, up to millions of lines) and by the seed's demo
 * history. One fast path for both providers (docs/decisions/0005-batch-liquidation.md): ids come from the
 * caller (no read-back), rows go in as multi-row INSERTs with parameters (SQLite) or
 * `INSERT … SELECT * FROM unnest($1::text[], …)` (PostgreSQL), through the Prisma client's raw queries.
 */

export interface NewClaimLine {
  id: string
  /** 1, 2, … within the claim. */
  lineNo: number
  /** The validated line (defaults applied), as the engine read it. */
  input: ClaimLineInput
  /** The engine's result for it. */
  result: LineResult
  label?: string | null
  /** Care type of the act (lib/domain/reimbursement/acts). */
  careType: string
  paymentId: string | null
  /** "YYYY-MM-DD" (the payment's date), null while unpaid. */
  paidOn: string | null
  /** The steps in their stored form (`stepsToStorageJson`: no `source`, put back on reading) when the caller already has it. */
  stepsJson?: string
}

export interface NewClaim {
  id: string
  reference: string
  insuredId: string
  /** null = care for the insured person themself. */
  beneficiaryId: string | null
  /** A HealthProfessional id, or null. */
  professionalId: string | null
  /** "fse" | "paper" | "batch" | … */
  source: string
  /** "YYYY-MM-DD": the first date of care of the claim. */
  careDate: string
  /** "YYYY-MM-DD" */
  receivedOn: string
  status: string
  tiersPayant: boolean
  lines: NewClaimLine[]
}

export interface NewPayment {
  id: string
  reference: string
  insuredId: string
  /** "YYYY-MM-DD" */
  paidOn: string
  /** Cents. */
  amount: number
  /** "reimbursement" | "daily-allowance" | "refund" */
  kind: string
  /** "scheduled" | "paid" */
  status: string
  ibanMasked: string | null
}

export interface NewCarryOver {
  id: string
  insuredId: string
  beneficiaryId: string | null
  kind: 'participation' | 'franchise'
  /** Cents still due. */
  amount: number
  /** Calendar year the deduction belongs to. */
  year: number
  originLineId: string
}

/** The fee charged per unit: as given, or the base per unit when the line gave none (then base = fee × quantity). */
export function lineFeePerUnit(input: ClaimLineInput, result: LineResult): number {
  return input.feeCharged ?? Math.round(result.base / input.quantity)
}

/** SQLite allows 32 766 bound parameters per statement; stay well below. */
const SQLITE_MAX_PARAMS = 30_000
/** PostgreSQL: rows per unnest statement (each column is one array parameter). */
const PG_MAX_ROWS = 20_000

function providerOf(db: Db | Tx): DatabaseProvider {
  const active = (db as unknown as { _activeProvider?: string })._activeProvider
  if (active === 'sqlite') return 'sqlite'
  if (active === 'postgresql' || active === 'postgres') return 'postgresql'
  return databaseProvider()
}

/** What Prisma's SQLite adapter writes for a DateTime (ISO 8601 with an explicit offset): the same text sorts with its rows. */
function sqliteNow(): string {
  return new Date().toISOString().replace('Z', '+00:00')
}


async function bulkInsert(db: Db | Tx, provider: DatabaseProvider, spec: TableSpec, rows: readonly Value[][]): Promise<void> {
  if (rows.length === 0) return
  const names = spec.columns.map(([name]) => quoteIdent(name))
  if (provider === 'postgresql') {
    const casts = spec.columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ')
    const sql = `INSERT INTO ${quoteIdent(spec.table)} (${names.join(', ')}) SELECT * FROM unnest(${casts})`
    for (let start = 0; start < rows.length; start += PG_MAX_ROWS) {
      const end = Math.min(rows.length, start + PG_MAX_ROWS)
      const arrays: Value[][] = spec.columns.map(() => new Array<Value>(end - start))
      for (let r = start; r < end; r++) {
        const row = rows[r]!
        for (let c = 0; c < arrays.length; c++) arrays[c]![r - start] = row[c]!
      }
      await db.$executeRawUnsafe(sql, ...arrays)
    }
    return
  }
  // SQLite: one multi-row INSERT per chunk; createdAt written like Prisma writes it.
  const stamp = spec.createdAt
  const width = spec.columns.length + (stamp ? 1 : 0)
  const perStatement = Math.max(1, Math.floor(SQLITE_MAX_PARAMS / width))
  const tuple = `(${new Array(width).fill('?').join(',')})`
  const head = `INSERT INTO ${quoteIdent(spec.table)} (${names.join(', ')}${stamp ? ', "createdAt"' : ''}) VALUES `
  const now = sqliteNow()
  let fullSql: string | undefined
  for (let start = 0; start < rows.length; start += perStatement) {
    const end = Math.min(rows.length, start + perStatement)
    const count = end - start
    const sql =
      count === perStatement
        ? (fullSql ??= head + new Array(count).fill(tuple).join(','))
        : head + new Array(count).fill(tuple).join(',')
    const params: Value[] = new Array(count * width)
    let k = 0
    for (let r = start; r < end; r++) {
      const row = rows[r]!
      for (let c = 0; c < row.length; c++) {
        const v = row[c]!
        params[k++] = typeof v === 'boolean' ? (v ? 1 : 0) : v
      }
      if (stamp) params[k++] = now
    }
    await db.$executeRawUnsafe(sql, ...params)
  }
}

function carryOverRows(carryOvers: readonly NewCarryOver[] | undefined): Value[][] {
  return (carryOvers ?? []).map((c) => [c.id, c.insuredId, c.beneficiaryId, c.kind, c.amount, c.year, c.originLineId])
}

function paymentRows(payments: readonly NewPayment[]): Value[][] {
  return payments.map((p) => [p.id, p.reference, p.insuredId, p.paidOn, p.amount, p.kind, p.status, p.ibanMasked])
}

/** Collects rows as arrays (the Prisma client path). */
class ArrayRows implements RowSink {
  readonly rows: Value[][] = []
  private current: Value[] = []
  value(v: Value): void {
    this.current.push(v)
  }
  endRow(): void {
    this.rows.push(this.current)
    this.current = []
  }
}

/**
 * Rows laid end to end, one array per table: what crosses to the SQLite writer thread. (Tried: numbers in a
 * transferred Float64Array and the texts joined in one string — joining and slicing the texts cost as much as
 * the structured clone they saved; ADR 0005.)
 */
class FlatRows implements RowSink {
  values: Value[] = []
  value(v: Value): void {
    this.values.push(v)
  }
  endRow(): void {}
  take(): Value[] {
    const values = this.values
    this.values = []
    return values
  }
}

/** Writes rows as COPY text (the PostgreSQL bulk writer). */
class CopyText implements RowSink {
  text = ''
  private first = true
  value(v: Value): void {
    this.text += (this.first ? '' : '\t') + copyTextValue(v)
    this.first = false
  }
  endRow(): void {
    this.text += '\n'
    this.first = true
  }
}

function claimRows(claims: readonly NewClaim[]): { claimRows: Value[][]; lineRows: Value[][] } {
  const c = new ArrayRows()
  const l = new ArrayRows()
  writeClaimRows(claims, c, l)
  return { claimRows: c.rows, lineRows: l.rows }
}

/** Rows (arrays) into a sink. */
function sinkRows(sink: RowSink, rows: readonly Value[][]): void {
  for (const row of rows) {
    for (let i = 0; i < row.length; i++) sink.value(row[i]!)
    sink.endRow()
  }
}

/**
 * THE row mapping of claims and their lines (every writer shares it): the values of each row, in the column order
 * of CLAIM_LINE and CLAIM, into the sinks; a claim's totals are computed from its lines.
 */
function writeClaimRows(claims: readonly NewClaim[], C: RowSink, L: RowSink): void {
  for (let i = 0; i < claims.length; i++) {
    const c = claims[i]!
    let charged = 0
    let amoPaid = 0
    let complementary = 0
    let patient = 0
    for (const l of c.lines) {
      const input = l.input
      const r = l.result
      const fee = lineFeePerUnit(input, r)
      charged += fee * input.quantity
      amoPaid += r.amoPaid
      complementary += r.complementary
      patient += r.patient
      L.value(l.id)
      L.value(c.id)
      L.value(l.lineNo)
      L.value(input.careDate)
      L.value(input.act)
      L.value(l.careType)
      L.value(input.quantity)
      L.value(fee)
      L.value(input.sector)
      L.value(input.pathway)
      L.value(input.situations.join(','))
      L.value(l.label ?? null)
      L.value(r.base)
      L.value(r.rate)
      L.value(r.amoGross)
      L.value(r.localRegime)
      L.value(r.participation)
      L.value(r.franchise)
      L.value(r.carriedForward)
      L.value(r.amoPaid)
      L.value(r.complementary)
      L.value(r.patient)
      L.value(l.stepsJson ?? stepsToStorageJson(r.steps))
      L.value(l.paymentId)
      L.value(l.paidOn)
      L.endRow()
    }
    C.value(c.id)
    C.value(c.reference)
    C.value(c.insuredId)
    C.value(c.beneficiaryId)
    C.value(c.professionalId)
    C.value(c.source)
    C.value(c.careDate)
    C.value(c.receivedOn)
    C.value(c.status)
    C.value(c.tiersPayant)
    C.value(charged)
    C.value(amoPaid)
    C.value(complementary)
    C.value(patient)
    C.endRow()
  }
}

async function insertAll(db: Db | Tx, input: { claims: NewClaim[]; payments: NewPayment[]; carryOvers?: NewCarryOver[] }): Promise<void> {
  const provider = providerOf(db)
  const { claimRows: cRows, lineRows } = claimRows(input.claims)
  await bulkInsert(db, provider, PAYMENT, paymentRows(input.payments))
  await bulkInsert(db, provider, CLAIM, cRows)
  await bulkInsert(db, provider, CLAIM_LINE, lineRows)
  await bulkInsert(db, provider, CARRY_OVER, carryOverRows(input.carryOvers))
}

/**
 * Writes claims (with their lines; claim totals computed from the lines), payments and carried-forward
 * deductions. Ids and references are the caller's (unique; lines may point at payments of the same call).
 * Given a transaction client, it writes inside it; given the client, it opens one transaction: all or nothing.
 */
export async function insertClaimsWithPayments(
  db: Db | Tx,
  input: { claims: NewClaim[]; payments: NewPayment[]; carryOvers?: NewCarryOver[] },
): Promise<void> {
  if ('$transaction' in db && typeof db.$transaction === 'function') {
    await db.$transaction((tx) => insertAll(tx, input), { timeout: 120_000, maxWait: 30_000 })
    return
  }
  await insertAll(db, input)
}

/** Runs `work` in one transaction sized for bulk writes (long timeout). */
export function inBulkTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.$transaction(work, { timeout: 120_000, maxWait: 30_000 })
}

/* ------------------------------------------------------------------------------------------------------
 * The bulk writer: the same rows through the database driver itself (better-sqlite3 or pg), for the batch
 * liquidation's throughput (ADR 0005: Prisma's raw queries cost ~10× more per row than the insert itself).
 * It owns its connection; each `write` is one transaction (all or nothing).
 * ---------------------------------------------------------------------------------------------------- */

export interface TClaimBatch {
  claims: NewClaim[]
  payments: NewPayment[]
  carryOvers?: NewCarryOver[]
}

export interface ClaimBulkWriter {
  readonly provider: DatabaseProvider
  /** Writes one batch in one transaction. `failBeforeCommit` (tests) throws after the inserts, so the transaction rolls back. */
  write(batch: TClaimBatch, options?: { failBeforeCommit?: boolean }): Promise<void>
  close(): Promise<void>
}

export class InjectedFailure extends Error {
  constructor() {
    super('injected failure before commit (test option)')
  }
}

function projectRoot(): string {
  let dir = process.cwd()
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir
    const parent = path.dirname(dir)
    if (parent === dir) return process.cwd()
    dir = parent
  }
}

/** SQLite: the rows are built here, inserted on a worker thread (lib/db/sqlite-bulk.ts) while this thread reads on. */
function openSqliteWriter(filePath: string): ClaimBulkWriter {
  const bulk = process.env.LIQUIDATE_SQLITE_WORKER === '0' ? openSqliteBulk(filePath) : openSqliteBulkWorker(filePath)
  const [paymentPacker, claimPacker, linePacker, carryPacker] = [new FlatRows(), new FlatRows(), new FlatRows(), new FlatRows()]
  return {
    provider: 'sqlite',
    async write(batch, options) {
      writeClaimRows(batch.claims, claimPacker, linePacker)
      sinkRows(paymentPacker, paymentRows(batch.payments))
      sinkRows(carryPacker, carryOverRows(batch.carryOvers))
      const failed = await bulk.run({
        payments: paymentPacker.take(),
        claims: claimPacker.take(),
        lines: linePacker.take(),
        carryOvers: carryPacker.take(),
        now: sqliteNow(),
        fail: options?.failBeforeCommit === true,
      })
      if (failed === 'injected') throw new InjectedFailure()
    },
    close: () => bulk.close(),
  }
}

/**
 * PostgreSQL: the rows go through `COPY … FROM STDIN` (text format, lib/db/pg-copy.ts), one COPY per table, in the
 * batch's transaction: the server parses plain text rows, no statement or parameter per row.
 */
async function pgCopy(client: pg.Client, spec: TableSpec, text: string): Promise<void> {
  if (text.length === 0) return
  const names = spec.columns.map(([name]) => quoteIdent(name)).join(', ')
  const stream = client.query(copyFrom(`COPY ${quoteIdent(spec.table)} (${names}) FROM STDIN`))
  await new Promise<void>((resolve, reject) => {
    stream.once('finish', resolve)
    stream.once('error', reject)
    stream.end(text)
  })
}

/** One batch's rows as COPY text, one string per table. */
function claimCopyText(claims: readonly NewClaim[]): { claims: string; lines: string } {
  const c = new CopyText()
  const l = new CopyText()
  writeClaimRows(claims, c, l)
  return { claims: c.text, lines: l.text }
}

async function openPgWriter(url: string, schema: string | undefined): Promise<ClaimBulkWriter> {
  const u = new URL(url)
  u.searchParams.delete('schema')
  const client = new pg.Client({
    connectionString: u.toString(),
    ...(schema ? { options: `-c search_path="${schema.replace(/"/g, '""')}"` } : {}),
  })
  await client.connect()
  return {
    provider: 'postgresql',
    async write(batch, options) {
      const text = claimCopyText(batch.claims)
      await client.query('BEGIN')
      try {
        await pgCopy(client, PAYMENT, copyTextRows(paymentRows(batch.payments)))
        await pgCopy(client, CLAIM, text.claims)
        await pgCopy(client, CLAIM_LINE, text.lines)
        await pgCopy(client, CARRY_OVER, copyTextRows(carryOverRows(batch.carryOvers)))
        if (options?.failBeforeCommit) throw new InjectedFailure()
        await client.query('COMMIT')
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined)
        throw error
      }
    },
    async close() {
      await client.end()
    },
  }
}

/** True when DATABASE_URL (or the given URL) names a SQLite file that does not exist yet (nothing to read from it). */
export function databaseFileMissing(databaseUrl: string | undefined = process.env.DATABASE_URL): boolean {
  const target = parseDatabaseUrl(databaseUrl, projectRoot())
  return target.provider === 'sqlite' && target.filePath !== ':memory:' && !fs.existsSync(target.filePath)
}

/** A bulk writer on the database DATABASE_URL (or the given URL) points at. The caller closes it. */
export async function openClaimBulkWriter(databaseUrl: string | undefined = process.env.DATABASE_URL): Promise<ClaimBulkWriter> {
  const target = parseDatabaseUrl(databaseUrl, projectRoot())
  if (target.provider === 'postgresql') return openPgWriter(target.url, target.schema)
  return openSqliteWriter(target.filePath)
}
