/**
 * Prepared-statement reuse for the SQLite driver adapter (ADR 0014).
 *
 * @prisma/adapter-better-sqlite3 (7.10) runs every query as `client.prepare(sql).bind(args)` then `.run()` or
 * `.columns()` + `.raw().all()`: SQLite parses and plans the same SQL text again on every query (a page runs 10–25
 * queries; `prepare` was ~3–4 % of a signed-in page's CPU time). No adapter option caches statements, so this wraps the
 * adapter factory: once a connection is open, its better-sqlite3 `prepare` answers from an LRU of Statements keyed by SQL
 * text (bounded: `max` entries). better-sqlite3's `bind` binds a statement for good, so the cached statement is never
 * bound: what `prepare` returns is a light view that keeps the arguments and passes them to `run` / `all`.
 *
 * Safe because every use is synchronous (better-sqlite3 runs a statement to completion in `run` / `all`; no iterator
 * is handed out), so one statement is never used by two queries at once, and SQLite re-prepares a cached statement by
 * itself when the schema changed (sqlite3_prepare_v2). Statements are finalised with their connection.
 */
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3'
import type { SqlDriverAdapter, SqlDriverAdapterFactory } from '@prisma/driver-adapter-utils'
import type BetterSqlite3 from 'better-sqlite3'

export type { SqlDriverAdapter }

type Statement = BetterSqlite3.Statement<unknown[], unknown>
type Args = unknown[]

/** What the adapter calls on a prepared statement (see the adapter's performIO / executeIO / startTransaction). */
class StatementView {
  constructor(
    private readonly statement: Statement,
    private readonly args: Args = [],
  ) {}

  get reader(): boolean {
    return this.statement.reader
  }

  bind(args: Args): StatementView {
    return new StatementView(this.statement, args)
  }

  columns(): BetterSqlite3.ColumnDefinition[] {
    return this.statement.columns()
  }

  run(): BetterSqlite3.RunResult {
    return this.statement.run(...this.args)
  }

  raw(): { all: () => unknown[] } {
    const statement = this.statement
    const args = this.args
    return { all: () => statement.raw(true).all(...args) as unknown[] }
  }
}

/** Replaces `db.prepare` with a cached one (LRU of `max` statements by SQL text). Returns the cache, for tests. */
export function cacheStatements(db: BetterSqlite3.Database, max: number): Map<string, Statement> {
  const prepare = db.prepare.bind(db) as (sql: string) => Statement
  const cache = new Map<string, Statement>()
  const cached = (sql: string): StatementView => {
    let statement = cache.get(sql)
    if (statement) {
      // Most recently used last: Map keeps insertion order, so the first key is the least recently used.
      cache.delete(sql)
    } else {
      statement = prepare(sql)
      if (cache.size >= max) cache.delete(cache.keys().next().value!)
    }
    cache.set(sql, statement)
    return new StatementView(statement)
  }
  ;(db as unknown as { prepare: (sql: string) => StatementView }).prepare = cached
  return cache
}

/** The better-sqlite3 connection an adapter of @prisma/adapter-better-sqlite3 holds (its `client` field). */
function connectionOf(adapter: SqlDriverAdapter): BetterSqlite3.Database {
  const client = (adapter as unknown as { client?: BetterSqlite3.Database }).client
  if (!client || typeof client.prepare !== 'function') throw new Error('sqlite-statement-cache: the adapter holds no better-sqlite3 connection (adapter version changed?)')
  return client
}

/** The adapter factory, with every connection it opens caching its statements. */
export function withStatementCache(factory: SqlDriverAdapterFactory, max = 500): SqlDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    async connect() {
      const adapter = await factory.connect()
      cacheStatements(connectionOf(adapter), max)
      return adapter
    },
  }
}

/** A connected SQLite adapter on this file with the statement cache (for tests and tools outside the Prisma client). */
export function openCachedSqliteAdapter(filePath: string, max = 500): Promise<SqlDriverAdapter> {
  return withStatementCache(new PrismaBetterSqlite3({ url: filePath }), max).connect()
}
