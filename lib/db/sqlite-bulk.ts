/**
 * Bulk inserts of claims, lines, payments and carried-forward deductions straight through better-sqlite3
 * (ADR 0005): prepared multi-row INSERTs, one transaction per batch. Used in-thread or from the worker
 * thread of lib/db/sqlite-bulk-worker.ts. Imports nothing but the driver, so the worker starts fast.
 */
import Database from 'better-sqlite3'

export const quoteIdent = (name: string): string => `"${name}"`

export type Value = string | number | boolean | null

export interface TableSpec {
  table: string
  /** Column name and PostgreSQL array type for unnest. */
  columns: readonly (readonly [string, 'text' | 'int' | 'boolean'])[]
  /** Has a `createdAt` column (filled by the database on PostgreSQL, written like Prisma writes it on SQLite). */
  createdAt: boolean
}

export const CLAIM: TableSpec = {
  table: 'Claim',
  createdAt: true,
  columns: [
    ['id', 'text'],
    ['reference', 'text'],
    ['insuredId', 'text'],
    ['beneficiaryId', 'text'],
    ['professionalId', 'text'],
    ['source', 'text'],
    ['careDate', 'text'],
    ['receivedOn', 'text'],
    ['status', 'text'],
    ['tiersPayant', 'boolean'],
    ['totalCharged', 'int'],
    ['totalAmoPaid', 'int'],
    ['totalComplementary', 'int'],
    ['totalPatient', 'int'],
  ],
}

export const CLAIM_LINE: TableSpec = {
  table: 'ClaimLine',
  createdAt: false,
  columns: [
    ['id', 'text'],
    ['claimId', 'text'],
    ['lineNo', 'int'],
    ['careDate', 'text'],
    ['act', 'text'],
    ['careType', 'text'],
    ['quantity', 'int'],
    ['feeCharged', 'int'],
    ['sector', 'text'],
    ['pathway', 'text'],
    ['situations', 'text'],
    ['label', 'text'],
    ['base', 'int'],
    ['rate', 'int'],
    ['amoGross', 'int'],
    ['localRegime', 'int'],
    ['participation', 'int'],
    ['franchise', 'int'],
    ['carriedForward', 'int'],
    ['amoPaid', 'int'],
    ['complementary', 'int'],
    ['patient', 'int'],
    ['steps', 'text'],
    ['paymentId', 'text'],
    ['paidOn', 'text'],
  ],
}

export const PAYMENT: TableSpec = {
  table: 'Payment',
  createdAt: true,
  columns: [
    ['id', 'text'],
    ['reference', 'text'],
    ['insuredId', 'text'],
    ['paidOn', 'text'],
    ['amount', 'int'],
    ['kind', 'text'],
    ['status', 'text'],
    ['ibanMasked', 'text'],
  ],
}

export const CARRY_OVER: TableSpec = {
  table: 'DeductionCarryOver',
  createdAt: true,
  columns: [
    ['id', 'text'],
    ['insuredId', 'text'],
    ['beneficiaryId', 'text'],
    ['kind', 'text'],
    ['amount', 'int'],
    ['year', 'int'],
    ['originLineId', 'text'],
  ],
}

/** A row sink: the values of a row in column order, then `endRow` (lib/db/repositories/claims.ts writes rows into it). */
export interface RowSink {
  value(v: Value): void
  endRow(): void
}

/** Rows per prepared multi-row INSERT on SQLite (fewer calls into the driver; the statement is prepared once). */
const SQLITE_ROWS_PER_STATEMENT = 64

class SqliteInserter {
  private readonly many: Database.Statement
  private readonly one: Database.Statement
  private readonly width: number
  private readonly buffer: Value[]

  constructor(
    db: Database.Database,
    private readonly spec: TableSpec,
  ) {
    const names = spec.columns.map(([name]) => quoteIdent(name))
    this.width = spec.columns.length + (spec.createdAt ? 1 : 0)
    const tuple = `(${new Array(this.width).fill('?').join(',')})`
    const head = `INSERT INTO ${quoteIdent(spec.table)} (${names.join(', ')}${spec.createdAt ? ', "createdAt"' : ''}) VALUES `
    this.many = db.prepare(head + new Array(SQLITE_ROWS_PER_STATEMENT).fill(tuple).join(','))
    this.one = db.prepare(head + tuple)
    this.buffer = new Array(this.width * SQLITE_ROWS_PER_STATEMENT)
  }

  insert(rows: readonly Value[][], now: string): void {
    const flat: Value[] = []
    for (const row of rows) for (const v of row) flat.push(v)
    this.insertFlat(flat, now)
  }

  /** Rows laid end to end (`columns.length` values each, booleans as 0/1): one object to pass between threads. */
  insertFlat(values: readonly Value[], now: string): void {
    const buffer = this.buffer
    const stamp = this.spec.createdAt
    const cols = this.spec.columns.length
    const count = values.length / cols
    let r = 0
    for (; r + SQLITE_ROWS_PER_STATEMENT <= count; r += SQLITE_ROWS_PER_STATEMENT) {
      let k = 0
      for (let j = r; j < r + SQLITE_ROWS_PER_STATEMENT; j++) {
        const at = j * cols
        for (let c = 0; c < cols; c++) {
          const v = values[at + c]!
          buffer[k++] = typeof v === 'boolean' ? (v ? 1 : 0) : v
        }
        if (stamp) buffer[k++] = now
      }
      this.many.run(buffer)
    }
    for (; r < count; r++) {
      const row = values.slice(r * cols, (r + 1) * cols).map((v) => (typeof v === 'boolean' ? (v ? 1 : 0) : v))
      if (stamp) row.push(now)
      this.one.run(row)
    }
  }
}

/** One batch's rows, ready to insert (built by lib/db/repositories/claims.ts), each table's rows laid end to end. */
export interface SqliteBatchRows {
  payments: Value[]
  claims: Value[]
  lines: Value[]
  carryOvers: Value[]
  /** createdAt, written like Prisma writes it. */
  now: string
  /** Tests: fail after the inserts so the transaction rolls back. */
  fail: boolean
}

/** Resolves to null once committed, or 'injected' when the test failure rolled the batch back. */
export interface SqliteBulk {
  run(batch: SqliteBatchRows): Promise<null | 'injected'>
  close(): Promise<void>
}

class Injected extends Error {}

export function openSqliteBulk(filePath: string): SqliteBulk {
  const db = new Database(filePath, { timeout: 10_000 })
  db.pragma('journal_mode = WAL')
  // WAL + NORMAL: a crash cannot corrupt the file or split a transaction (it may lose the last commits, whole).
  db.pragma('synchronous = NORMAL')
  db.pragma('foreign_keys = ON')
  db.pragma('cache_size = -131072')
  db.pragma('temp_store = MEMORY')
  // Fewer, larger checkpoints during a bulk run (each one syncs the database file); SQLite checkpoints the
  // rest when the connection closes.
  db.pragma('wal_autocheckpoint = 16384')
  const payments = new SqliteInserter(db, PAYMENT)
  const claims = new SqliteInserter(db, CLAIM)
  const lines = new SqliteInserter(db, CLAIM_LINE)
  const carry = new SqliteInserter(db, CARRY_OVER)
  const transaction = db.transaction((batch: SqliteBatchRows) => {
    payments.insertFlat(batch.payments, batch.now)
    claims.insertFlat(batch.claims, batch.now)
    lines.insertFlat(batch.lines, batch.now)
    carry.insertFlat(batch.carryOvers, batch.now)
    if (batch.fail) throw new Injected()
  })
  return {
    async run(batch) {
      try {
        transaction.immediate(batch)
        return null
      } catch (error) {
        if (error instanceof Injected) return 'injected'
        throw error
      }
    },
    async close() {
      db.close()
    },
  }
}
