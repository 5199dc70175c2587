import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import Database from 'better-sqlite3'
import { cacheStatements, openCachedSqliteAdapter, type SqlDriverAdapter } from '@/lib/db/sqlite-statement-cache'
import { getDb } from '@/lib/db/client'

/** ADR 0014: the SQLite adapter's statements are prepared once per SQL text and reused; results must not change. */
const text = { scalarType: 'string', arity: 'scalar' } as const
const int = { scalarType: 'int', arity: 'scalar' } as const

let dir: string | undefined
let adapter: SqlDriverAdapter | undefined
afterEach(async () => {
  await adapter?.dispose()
  adapter = undefined
  if (dir) fs.rmSync(dir, { recursive: true, force: true })
  dir = undefined
})

async function open(): Promise<SqlDriverAdapter> {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ameli-stmt-cache-'))
  adapter = await openCachedSqliteAdapter(path.join(dir, 'db.sqlite'), 3)
  await adapter.executeScript('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL);')
  return adapter
}
const select = (a: SqlDriverAdapter, id: number) => a.queryRaw({ sql: 'SELECT name FROM t WHERE id = ?', args: [id], argTypes: [int] })

describe('SQLite statement cache (lib/db/sqlite-statement-cache.ts)', () => {
  it('one cached statement answers each query with its own arguments, inside and outside a transaction', async () => {
    const a = await open()
    for (const [id, name] of [[1, 'Jeanne'], [2, 'Marc']] as const) await a.executeRaw({ sql: 'INSERT INTO t (id, name) VALUES (?, ?)', args: [id, name], argTypes: [int, text] })
    expect((await select(a, 1)).rows).toEqual([['Jeanne']])
    expect((await select(a, 2)).rows).toEqual([['Marc']])
    expect((await select(a, 3)).rows).toEqual([])
    const tx = await a.startTransaction()
    await tx.executeRaw({ sql: 'INSERT INTO t (id, name) VALUES (?, ?)', args: [3, 'Inès'], argTypes: [int, text] })
    expect((await tx.queryRaw({ sql: 'SELECT name FROM t WHERE id = ?', args: [3], argTypes: [int] })).rows).toEqual([['Inès']])
    await tx.rollback()
    await a.executeRaw({ sql: 'ROLLBACK', args: [], argTypes: [] })
    expect((await select(a, 3)).rows).toEqual([])
    expect((await a.queryRaw({ sql: 'SELECT count(*) AS n FROM t', args: [], argTypes: [] })).columnNames).toEqual(['n'])
  })

  it('prepares a SQL text once, keeps at most `max` statements (least recently used out), and follows a schema change', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ameli-stmt-cache-'))
    const db = new Database(path.join(dir, 'raw.sqlite'))
    try {
      db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL); INSERT INTO t VALUES (1, \'Jeanne\')')
      const cache = cacheStatements(db, 2)
      type View = { bind: (args: unknown[]) => { raw: () => { all: () => unknown[] } } }
      const query = (sql: string, args: unknown[] = []) => (db.prepare(sql) as unknown as View).bind(args).raw().all()
      expect(query('SELECT * FROM t WHERE id = ?', [1])).toEqual([[1, 'Jeanne']])
      const first = cache.get('SELECT * FROM t WHERE id = ?')
      query('SELECT * FROM t WHERE id = ?', [1])
      expect(cache.get('SELECT * FROM t WHERE id = ?')).toBe(first)
      query('SELECT name FROM t')
      query('SELECT * FROM t WHERE id = ?', [1]) // used again: now the most recent
      query('SELECT id FROM t') // evicts 'SELECT name FROM t'
      expect([...cache.keys()]).toEqual(['SELECT * FROM t WHERE id = ?', 'SELECT id FROM t'])
      // `SELECT *` of a cached statement after a column is added: SQLite prepares it again by itself.
      db.exec("ALTER TABLE t ADD COLUMN city TEXT NOT NULL DEFAULT 'Dijon'")
      expect(query('SELECT * FROM t WHERE id = ?', [1])).toEqual([[1, 'Jeanne', 'Dijon']])
    } finally {
      db.close()
    }
  })

  it("the app's client (getDb) runs on it: the same query twice gives the same rows", async () => {
    const a = await getDb().insured.findMany({ orderBy: { id: 'asc' }, take: 3, select: { id: true, birthName: true } })
    const b = await getDb().insured.findMany({ orderBy: { id: 'asc' }, take: 3, select: { id: true, birthName: true } })
    expect(a.length).toBeGreaterThan(0)
    expect(b).toEqual(a)
  })
})
