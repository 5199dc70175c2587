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

/**
 * One table's rows packed for a cheap trip to the writer thread (ADR 0005): every number — integers, booleans as
 * 0/1, and the UTF-16 length of each text value (-1 = NULL) — in one Float64Array (transferred, not copied), and
 * the text values end to end in ONE string (copied in one piece). Structured cloning an array of values costs
 * per value; this costs per batch.
 */
export interface PackedRows {
  count: number
  numbers: Float64Array
  text: string
}

/** A row sink: the values of a row in column order, then `endRow` (lib/db/repositories/claims.ts writes rows into it). */
export interface RowSink {
  value(v: Value): void
  endRow(): void
}

/** Packs rows of one table (`PackedRows`); `take` hands them over and starts empty. */
export class RowPacker implements RowSink {
  private numbers = new Float64Array(4096)
  private n = 0
  private parts: string[] = []
  private count = 0
  private column = 0
  private readonly text: boolean[]

  constructor(spec: TableSpec) {
    this.text = spec.columns.map(([, type]) => type === 'text')
  }

  value(v: Value): void {
    if (this.n === this.numbers.length) {
      const grown = new Float64Array(this.numbers.length * 2)
      grown.set(this.numbers)
      this.numbers = grown
    }
    if (this.text[this.column++]) {
      if (v === null) this.numbers[this.n++] = -1
      else {
        const s = v as string
        this.numbers[this.n++] = s.length
        this.parts.push(s)
      }
    } else this.numbers[this.n++] = typeof v === 'boolean' ? (v ? 1 : 0) : (v as number)
  }

  endRow(): void {
    if (this.column !== this.text.length) throw new Error(`RowPacker: a row of ${this.column} values, expected ${this.text.length}`)
    this.column = 0
    this.count++
  }

  take(): PackedRows {
    const packed: PackedRows = { count: this.count, numbers: this.numbers.subarray(0, this.n), text: this.parts.join('') }
    this.numbers = new Float64Array(Math.max(4096, this.n))
    this.n = 0
    this.parts = []
    this.count = 0
    return packed
  }
}

/** Rows per prepared multi-row INSERT on SQLite (fewer calls into the driver; the statement is prepared once). */
const SQLITE_ROWS_PER_STATEMENT = 64

/** Inserts packed rows of one table through two statements prepared once per connection (64 rows, 1 row). */
class SqliteInserter {
  private readonly many: Database.Statement
  private readonly one: Database.Statement
  private readonly width: number
  private readonly buffer: Value[]
  private readonly oneBuffer: Value[]
  private readonly text: boolean[]

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
    this.oneBuffer = new Array(this.width)
    this.text = spec.columns.map(([, type]) => type === 'text')
  }

  insert(rows: PackedRows, now: string): void {
    const { numbers, text } = rows
    const isText = this.text
    const cols = isText.length
    const stamp = this.spec.createdAt
    let k = 0 // position in numbers
    let at = 0 // position in text
    let r = 0
    const fill = (buffer: Value[], count: number): void => {
      let b = 0
      for (let j = 0; j < count; j++) {
        for (let c = 0; c < cols; c++) {
          const x = numbers[k++]!
          if (!isText[c]) buffer[b++] = x
          else if (x < 0) buffer[b++] = null
          else {
            buffer[b++] = text.substring(at, at + x)
            at += x
          }
        }
        if (stamp) buffer[b++] = now
      }
    }
    for (; r + SQLITE_ROWS_PER_STATEMENT <= rows.count; r += SQLITE_ROWS_PER_STATEMENT) {
      fill(this.buffer, SQLITE_ROWS_PER_STATEMENT)
      this.many.run(this.buffer)
    }
    for (; r < rows.count; r++) {
      fill(this.oneBuffer, 1)
      this.one.run(this.oneBuffer)
    }
    if (k !== numbers.length || at !== text.length) throw new Error(`SqliteInserter: packed rows of ${this.spec.table} do not match its columns`)
  }
}

/** One batch's rows, ready to insert (packed by lib/db/repositories/claims.ts). */
export interface SqliteBatchRows {
  payments: PackedRows
  claims: PackedRows
  lines: PackedRows
  carryOvers: PackedRows
  /** createdAt, written like Prisma writes it. */
  now: string
  /** Tests: fail after the inserts so the transaction rolls back. */
  fail: boolean
}

/** The ArrayBuffers of a batch, to transfer (not copy) to the writer thread. */
export function batchTransferList(batch: SqliteBatchRows): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>()
  for (const t of [batch.payments, batch.claims, batch.lines, batch.carryOvers]) buffers.add(t.numbers.buffer as ArrayBuffer)
  return [...buffers]
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
    payments.insert(batch.payments, batch.now)
    claims.insert(batch.claims, batch.now)
    lines.insert(batch.lines, batch.now)
    carry.insert(batch.carryOvers, batch.now)
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
