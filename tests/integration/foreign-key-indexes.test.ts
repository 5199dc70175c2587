import { describe, expect, inject, it } from 'vitest'
import { getDb } from '@/lib/db/client'

/**
 * Issue 15 item 4 (at scale): a relation loaded through its foreign key (Prisma's follow-up query
 * `WHERE "procedureId" IN (…)` of an include) needs an index whose first column is that key, else every call reads the
 * whole table. At 100 000 insured persons, listing a person's procedures read every Payment row: 260 ms a call, and
 * `/compte` went from 22 to 274 CPU ms per request. Checked in the migrated database itself (SQLite and PostgreSQL).
 */
const INDEXED_FOREIGN_KEYS: [table: string, column: string, why: string][] = [
  ['Payment', 'procedureId', "a procedure's transfers (Mes démarches, the home, the advisor's file)"],
  ['Upload', 'messageId', "a message's attachments (every thread read)"],
  ['Upload', 'procedureId', "a procedure's documents"],
  ['ClaimLine', 'claimId', "a claim's lines"],
  ['ProcedureEvent', 'procedureId', "a procedure's history"],
]

async function leadingIndexColumns(table: string): Promise<string[]> {
  const db = getDb()
  if (inject('dbProvider') === 'postgresql') {
    const rows = await db.$queryRawUnsafe<{ column: string }[]>(
      `SELECT a.attname AS "column"
       FROM pg_index i
       JOIN pg_class t ON t.oid = i.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = current_schema()
       JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = i.indkey[0]
       WHERE t.relname = $1`,
      table,
    )
    return rows.map((r) => r.column)
  }
  const indexes = await db.$queryRawUnsafe<{ name: string }[]>(`SELECT name FROM pragma_index_list(?)`, table)
  const first: string[] = []
  for (const { name } of indexes) {
    const cols = await db.$queryRawUnsafe<{ seqno: number | bigint; name: string }[]>(`SELECT seqno, name FROM pragma_index_info(?)`, name)
    const lead = cols.find((c) => Number(c.seqno) === 0)
    if (lead) first.push(lead.name)
  }
  return first
}

describe('foreign keys read in lists are indexed (issue 15 item 4)', () => {
  it.each(INDEXED_FOREIGN_KEYS)('%s.%s has an index that starts with it: %s', async (table, column) => {
    const leading = await leadingIndexColumns(table)
    expect(leading.length, `no index at all on ${table}: wrong table name?`).toBeGreaterThan(0)
    expect(leading).toContain(column)
  })

  it('a table without such an index is seen as one (the check can fail)', async () => {
    // Payment.kind has no index of its own.
    const leading = await leadingIndexColumns('Payment')
    expect(leading).not.toContain('kind')
  })
})
