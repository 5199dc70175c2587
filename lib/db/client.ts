/**
 * The Prisma client, for SQLite or PostgreSQL depending on DATABASE_URL:
 *  - unset or `file:…`  → SQLite through better-sqlite3 (default file:./data/ameli.db, relative to the project root);
 *  - `postgres://…` or `postgresql://…` → PostgreSQL through pg (optional `?schema=name`).
 * Each provider has its own generated client (prisma/sqlite/schema.prisma and the derived prisma/postgres/schema.prisma);
 * both expose the same model API, typed here as the SQLite one (the portable subset: no `skipDuplicates`, no
 * `mode: 'insensitive'`).
 *
 * No `import 'server-only'` here on purpose: seed scripts and tests import this module. Only lib/db/ imports it.
 */
import fs from 'node:fs'
import path from 'node:path'

import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3'
import { PrismaPg } from '@prisma/adapter-pg'
import Database from 'better-sqlite3'

import { DEFAULT_DATABASE_URL, parseDatabaseUrl } from './database-url'
import { withStatementCache } from './sqlite-statement-cache'
import { metricsInstalled, observeDbQuery } from '../observability/metrics'

import { PrismaClient as PostgresPrismaClient } from './generated/postgres/client'
import { PrismaClient as SqlitePrismaClient, type Prisma } from './generated/sqlite/client'

export type Db = SqlitePrismaClient
/** The client handed to `db.$transaction(async (tx) => …)`. */
export type Tx = Prisma.TransactionClient
export type DatabaseProvider = 'sqlite' | 'postgresql'

export { DEFAULT_DATABASE_URL }
/** How long a SQLite connection waits on a locked database before failing (ms). */
const SQLITE_BUSY_TIMEOUT_MS = 10_000

type Target =
  | { provider: 'sqlite'; filePath: string }
  | { provider: 'postgresql'; connectionString: string; schema: string | undefined }

/** The project root: the nearest folder above the working directory that holds a package.json. */
function projectRoot(): string {
  let dir = process.cwd()
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir
    const parent = path.dirname(dir)
    if (parent === dir) return process.cwd()
    dir = parent
  }
}

function resolveTarget(databaseUrl: string | undefined): Target {
  const target = parseDatabaseUrl(databaseUrl, projectRoot())
  if (target.provider === 'sqlite') return { provider: 'sqlite', filePath: target.filePath }
  const u = new URL(target.url)
  u.searchParams.delete('schema')
  return { provider: 'postgresql', connectionString: u.toString(), schema: target.schema }
}

/** The provider DATABASE_URL (or the given URL) selects. */
export function databaseProvider(databaseUrl: string | undefined = process.env.DATABASE_URL): DatabaseProvider {
  return resolveTarget(databaseUrl).provider
}

/** WAL lets readers run while a writer commits (journal_mode is stored in the file, so once is enough). */
function enableWal(filePath: string): void {
  if (filePath === ':memory:' || !fs.existsSync(filePath)) return
  try {
    const db = new Database(filePath, { timeout: SQLITE_BUSY_TIMEOUT_MS })
    try {
      if (String(db.pragma('journal_mode', { simple: true })).toLowerCase() !== 'wal') db.pragma('journal_mode = WAL')
    } finally {
      db.close()
    }
  } catch {
    // Read-only file system or a locked file: the database still works in its current journal mode.
  }
}

/** Called once per SQL statement sent (an include's follow-up queries each count): query counts in tests and scripts. */
export type TQueryListener = (event: { query: string; duration: number }) => void

/**
 * A new client for the given URL (default: DATABASE_URL). The caller owns it: `await db.$disconnect()` when done.
 * `onQuery`: every statement is reported to it (Prisma's `query` log event), e.g. to count a service's queries.
 */
export function createPrismaClient(databaseUrl: string | undefined = process.env.DATABASE_URL, { onQuery }: { onQuery?: TQueryListener } = {}): Db {
  const target = resolveTarget(databaseUrl)
  const observe = (provider: DatabaseProvider) => (event: { query: string; duration: number }) => {
    observeDbQuery(provider, event.duration)
    onQuery?.(event)
  }
  if (target.provider === 'postgresql') {
    const adapter = new PrismaPg(
      {
        connectionString: target.connectionString,
        ...(target.schema ? { options: `-c search_path="${target.schema.replace(/"/g, '""')}"` } : {}),
      },
      target.schema ? { schema: target.schema } : undefined,
    )
    if (!metricsInstalled() && !onQuery) return new PostgresPrismaClient({ adapter }) as unknown as Db
    const client = new PostgresPrismaClient({ adapter, log: [{ emit: 'event', level: 'query' }] })
    client.$on('query', observe('postgresql'))
    return client as unknown as Db
  }
  enableWal(target.filePath)
  // better-sqlite3's `timeout` is SQLite's busy_timeout for the adapter's connection.
  // Statements are prepared once per SQL text and reused (lib/db/sqlite-statement-cache.ts, ADR 0013).
  const adapter = withStatementCache(new PrismaBetterSqlite3({ url: target.filePath, timeout: SQLITE_BUSY_TIMEOUT_MS }))
  if (!metricsInstalled() && !onQuery) return new SqlitePrismaClient({ adapter })
  // Under the production server (metrics installed): every query's duration goes to the Prometheus histogram.
  const client = new SqlitePrismaClient({ adapter, log: [{ emit: 'event', level: 'query' }] })
  client.$on('query', observe('sqlite'))
  return client as unknown as Db
}

const globalForDb = globalThis as typeof globalThis & { __ameliDb?: { url: string; db: Db } }

/** The process-wide client for DATABASE_URL, created on first use and kept on globalThis across Next dev hot reloads. */
export function getDb(): Db {
  const url = process.env.DATABASE_URL ?? ''
  const cached = globalForDb.__ameliDb
  if (cached && cached.url === url) return cached.db
  if (cached) void cached.db.$disconnect().catch(() => undefined)
  const db = createPrismaClient(url)
  globalForDb.__ameliDb = { url, db }
  return db
}
