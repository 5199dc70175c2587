/**
 * Offline Prisma migrations: `@prisma/schema-engine-wasm` driven through the same driver adapters the app uses
 * (better-sqlite3, pg). The Prisma CLI cannot download its native schema engine on these machines
 * (shared/STACK-NOTES.md, "Prisma 7 offline").
 *
 * Layout is Prisma's own, so `prisma migrate deploy` on a connected machine accepts the same folders:
 *   prisma/<sqlite|postgres>/migrations/<YYYYMMDDHHMMSS>_<name>/migration.sql
 *   prisma/<sqlite|postgres>/migrations/migration_lock.toml
 *   table _prisma_migrations (written by the engine itself, sha256 checksums).
 *
 * Adapter / engine faults worked around here, and only here:
 *  (1) better-sqlite3 rejects multi-statement SQL in executeRaw (shadow replay) → fall back to executeScript;
 *  (2) adapter-pg cannot read Postgres's internal "char" type (oid 18) that catalog queries return → read it as text;
 *  (3) adapter-pg's connectToShadowDb reconnects to the main database when configured with a connection string, and
 *      drops the shadow before closing its pool → our own shadow: a temporary database, dropped after its pool ends;
 *  (4) adapter-pg's executeScript splits on ";" (breaks $$ bodies) → the whole script goes as one simple query;
 *  (5) SQLite migrations are not transactional → the database file is backed up before pending migrations are
 *      applied and restored if one fails (PostgreSQL migrations are all-or-nothing already).
 *
 * Used by scripts/db/migrate.ts (CLI) and by test setup code (in-process).
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3'
import { PrismaPg } from '@prisma/adapter-pg'
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQuery,
} from '@prisma/driver-adapter-utils'
import type { MigrationList, SchemaEngine } from '@prisma/schema-engine-wasm'
import Database from 'better-sqlite3'
import pg from 'pg'

import { derivePostgresSchema } from './derive-postgres-schema'
import { DEFAULT_DATABASE_URL, isPostgresUrl, parseDatabaseUrl, type TDatabaseTarget } from '../../lib/db/database-url'

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
export { DEFAULT_DATABASE_URL }
const DEFAULT_SHADOW_BASE_URL = 'postgresql://postgres@127.0.0.1:5432/postgres'
const FILTERS = { externalTables: [] as string[], externalEnums: [] as string[] }

export type Provider = 'sqlite' | 'postgresql'
export const PROVIDERS: readonly Provider[] = ['sqlite', 'postgresql']
/** Folder of each provider under prisma/. */
const PROVIDER_DIR: Record<Provider, string> = { sqlite: 'sqlite', postgresql: 'postgres' }

export type DatabaseTarget = TDatabaseTarget

export interface MigrateOptions {
  /** Project root; SQLite `file:` paths are relative to it. Default: the folder holding scripts/. */
  projectRoot?: string
  /** Folder holding sqlite/ and postgres/ (schema.prisma + migrations/). Default: <projectRoot>/prisma. */
  prismaDir?: string
  /** Where progress lines go. Default: console.log. Pass `() => {}` for silence. */
  log?: (line: string) => void
  /** Base URL used to create temporary shadow databases on PostgreSQL. Default: env SHADOW_DATABASE_URL, then
   * DATABASE_URL when it is PostgreSQL, then postgresql://postgres@127.0.0.1:5432/postgres. */
  shadowDatabaseUrl?: string
  /** Print the engine's own log lines (also env MIGRATE_DEBUG=1). */
  debug?: boolean
}

/** A failure with a one-line, user-facing message. */
export class MigrateError extends Error {
  /** The engine's full error text, when the failure came from the engine. */
  readonly engineText: string | undefined
  constructor(message: string, options?: { cause?: unknown; engineText?: string }) {
    super(message, options)
    this.name = 'MigrateError'
    this.engineText = options?.engineText
  }
}

// ───────────────────────────── URLs and paths ─────────────────────────────

export { isPostgresUrl }

/** Which database DATABASE_URL points at (lib/db/database-url.ts, shared with the app's client). */
export function resolveDatabase(databaseUrl?: string, projectRoot: string = PROJECT_ROOT): DatabaseTarget {
  let target: DatabaseTarget
  try {
    target = parseDatabaseUrl(databaseUrl, projectRoot)
  } catch (e) {
    throw new MigrateError(e instanceof Error ? e.message : String(e))
  }
  if (target.provider === 'sqlite' && target.filePath === ':memory:') {
    throw new MigrateError('an in-memory SQLite database cannot be migrated from here')
  }
  return target
}

/** The URL without its password, for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url)
    if (u.password) u.password = '***'
    return u.toString()
  } catch {
    return url
  }
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url)
  u.pathname = `/${encodeURIComponent(database)}`
  u.searchParams.delete('schema')
  return u.toString()
}

function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, ''))
}

function dbg(line: string): void {
  if (process.env.MIGRATE_DEBUG === '1') console.error(`[migrate] ${line}`)
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`
}

interface Paths {
  root: string
  prismaDir: string
  schemaPath(provider: Provider): string
  migrationsDir(provider: Provider): string
}

function paths(opts: MigrateOptions): Paths {
  const root = path.resolve(opts.projectRoot ?? PROJECT_ROOT)
  const prismaDir = path.resolve(root, opts.prismaDir ?? 'prisma')
  return {
    root,
    prismaDir,
    schemaPath: (p) => path.join(prismaDir, PROVIDER_DIR[p], 'schema.prisma'),
    migrationsDir: (p) => path.join(prismaDir, PROVIDER_DIR[p], 'migrations'),
  }
}

function rel(p: string): string {
  const r = path.relative(process.cwd(), p)
  return r && !r.startsWith('..') ? r : p
}

// ───────────────────────────── migrations folder ─────────────────────────────

export function lockfileContent(provider: Provider): string {
  // Same text as the Prisma CLI writes.
  return `# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "${provider}"\n`
}

export function checksum(sql: string): string {
  return crypto.createHash('sha256').update(sql, 'utf8').digest('hex')
}

/** Reads a migrations folder the way the Prisma CLI does: every sub-folder, sorted by name. */
export function readMigrationsList(migrationsDir: string): MigrationList {
  const lockPath = path.join(migrationsDir, 'migration_lock.toml')
  const lockContent = fs.existsSync(lockPath) ? fs.readFileSync(lockPath, 'utf8') : null
  const dirs = fs.existsSync(migrationsDir)
    ? fs
        .readdirSync(migrationsDir, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort((a, b) => a.localeCompare(b))
    : []
  return {
    baseDir: migrationsDir,
    lockfile: { path: 'migration_lock.toml', content: lockContent },
    shadowDbInitScript: '',
    migrationDirectories: dirs.map((name) => {
      const file = path.join(migrationsDir, name, 'migration.sql')
      let content: { tag: 'ok'; value: string } | { tag: 'error'; value: string }
      try {
        content = { tag: 'ok', value: fs.readFileSync(file, 'utf8') }
      } catch (e) {
        content = { tag: 'error', value: (e as Error).message }
      }
      return { path: name, migrationFile: { path: 'migration.sql', content } }
    }),
  }
}

function checkLockfile(list: MigrationList, provider: Provider): void {
  const content = list.lockfile.content
  if (content === null) return
  const m = /^\s*provider\s*=\s*"([^"]*)"/m.exec(content)
  if (m && m[1] !== provider) {
    throw new MigrateError(
      `${rel(path.join(list.baseDir, 'migration_lock.toml'))} says provider "${m[1]}" but this database is ${provider}`,
    )
  }
}

// ───────────────────────────── the WASM engine ─────────────────────────────

type EngineModule = typeof import('@prisma/schema-engine-wasm')
let engineModule: Promise<EngineModule> | undefined

/** Loads the wasm-bindgen "bundler" build on plain Node: instantiate the .wasm with the JS glue as its imports. */
export function loadSchemaEngineModule(): Promise<EngineModule> {
  engineModule ??= (async () => {
    const require = createRequire(path.join(PROJECT_ROOT, 'package.json'))
    const gluePath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg')
    const bg = (await import(pathToFileURL(gluePath).href)) as EngineModule & {
      __wbg_set_wasm(exports: WebAssembly.Exports): void
    }
    const wasmBytes = fs.readFileSync(path.join(path.dirname(gluePath), 'schema_engine_bg.wasm'))
    // The engine races some operations against timers (e.g. the 10 s PostgreSQL advisory-lock timeout) and never
    // clears them: unref them, or a finished command keeps Node alive until they fire.
    const imports: Record<string, unknown> = { ...bg }
    for (const key of Object.keys(imports)) {
      if (!key.startsWith('__wbg_setTimeout_')) continue
      const original = imports[key] as (...a: unknown[]) => unknown
      imports[key] = (...a: unknown[]) => {
        const handle = original(...a) as { unref?: () => void }
        handle?.unref?.()
        return handle
      }
    }
    const { instance } = await WebAssembly.instantiate(wasmBytes, {
      './schema_engine_bg.js': imports as WebAssembly.ModuleImports,
    })
    bg.__wbg_set_wasm(instance.exports)
    ;(instance.exports.__wbindgen_start as () => void)()
    return bg
  })()
  return engineModule
}

/** The engine reports errors as Error objects or JSON-ish strings; keep the first meaningful line(s). */
export function engineErrorMessage(e: unknown): string {
  let msg = e instanceof Error ? e.message : typeof e === 'string' ? e : JSON.stringify(e)
  try {
    const parsed = JSON.parse(msg) as { message?: string; error?: string; error_code?: string; meta?: { message?: string } }
    msg = parsed.message ?? parsed.meta?.message ?? parsed.error ?? msg
  } catch {
    /* not JSON */
  }
  // Drop the Rust span trace ("   0: sql_schema_connector::… at …rs:113") and fold the rest onto one line.
  const lines: string[] = []
  for (const line of msg.split('\n')) {
    if (/^\s*\d+: \S/.test(line)) break
    if (line.trim()) lines.push(line.trim())
  }
  return (lines.length ? lines : [msg.trim()]).join(' — ').replace(/^external connector error — /, '')
}

async function withEngine<T>(
  schemaPath: string,
  factory: TrackingFactory,
  opts: MigrateOptions,
  fn: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  const mod = await loadSchemaEngineModule()
  const debug = opts.debug ?? process.env.MIGRATE_DEBUG === '1'
  const schemaText = fs.readFileSync(schemaPath, 'utf8')
  const logFn = (line: unknown) => {
    if (debug) console.error(`[schema-engine] ${typeof line === 'string' ? line : JSON.stringify(line)}`)
  }
  let engine: SchemaEngine | undefined
  try {
    engine = await mod.SchemaEngine.new(
      { datamodels: [[schemaPath, schemaText]] },
      logFn,
      bindMigrationAwareSqlAdapterFactory(factory),
    )
    return await fn(engine)
  } catch (e) {
    if (e instanceof MigrateError) throw e
    const engineText = e instanceof Error ? e.message : String(e)
    throw new MigrateError(engineErrorMessage(e), { cause: e, engineText })
  } finally {
    try {
      engine?.free()
    } catch {
      /* already freed */
    }
    await factory.disposeAll()
  }
}

// ───────────────────────────── adapters (with the workarounds) ─────────────────────────────

/** A migration-aware adapter factory that remembers what it opened, so everything is closed at the end. */
interface TrackingFactory extends SqlMigrationAwareDriverAdapterFactory {
  disposeAll(): Promise<void>
}

/** Wraps an adapter: idempotent dispose, optional overrides. Methods are bound (adapters use #private fields). */
function wrapAdapter(
  inner: SqlDriverAdapter,
  overrides: Partial<Pick<SqlDriverAdapter, 'executeRaw' | 'executeScript'>> & { afterDispose?: () => Promise<void> },
): SqlDriverAdapter & { disposed: boolean } {
  let disposing: Promise<void> | undefined
  const wrapped: SqlDriverAdapter & { disposed: boolean } = {
    provider: inner.provider,
    adapterName: inner.adapterName,
    disposed: false,
    queryRaw: inner.queryRaw.bind(inner),
    executeRaw: overrides.executeRaw ?? inner.executeRaw.bind(inner),
    executeScript: overrides.executeScript ?? inner.executeScript.bind(inner),
    startTransaction: inner.startTransaction.bind(inner),
    dispose: () => {
      disposing ??= (async () => {
        wrapped.disposed = true
        try {
          await inner.dispose()
        } finally {
          await overrides.afterDispose?.()
        }
      })()
      return disposing
    },
  }
  if (inner.getConnectionInfo) wrapped.getConnectionInfo = inner.getConnectionInfo.bind(inner)
  return wrapped
}

class Tracker {
  private adapters: Array<SqlDriverAdapter & { disposed: boolean }> = []
  track<A extends SqlDriverAdapter & { disposed: boolean }>(a: A): A {
    this.adapters.push(a)
    return a
  }
  async disposeAll(): Promise<void> {
    const open = this.adapters.filter((a) => !a.disposed)
    this.adapters = []
    for (const a of open) {
      try {
        await a.dispose()
      } catch {
        /* best effort */
      }
    }
  }
}

/** Fault (1): better-sqlite3's prepare() refuses several statements at once; the engine sends scripts that way. */
function sqliteAdapter(inner: SqlDriverAdapter): SqlDriverAdapter & { disposed: boolean } {
  return wrapAdapter(inner, {
    executeRaw: async (query: SqlQuery) => {
      try {
        return await inner.executeRaw(query)
      } catch (e) {
        if (query.args.length === 0 && e instanceof Error && /more than one statement/i.test(e.message)) {
          dbg('sqlite: multi-statement executeRaw → executeScript')
          await inner.executeScript(query.sql)
          return 0
        }
        throw e
      }
    },
  })
}

function sqliteFactory(filePath: string | ':memory:'): TrackingFactory {
  const tracker = new Tracker()
  const url = filePath === ':memory:' ? ':memory:' : `file:${filePath}`
  const main = new PrismaBetterSqlite3({ url })
  return {
    provider: 'sqlite',
    adapterName: main.adapterName,
    connect: async () => tracker.track(sqliteAdapter(await main.connect())),
    // The shadow database is always a private in-memory database.
    connectToShadowDb: async () => {
      dbg('sqlite: in-memory shadow database')
      return tracker.track(sqliteAdapter(await new PrismaBetterSqlite3({ url: ':memory:' }).connect()))
    },
    disposeAll: () => tracker.disposeAll(),
  }
}

const PG_CHAR_OID = 18
const PG_TEXT_OID = 25
type PgFieldLike = { dataTypeID: number }
type PgResultLike = { fields?: PgFieldLike[] }

/** Fault (2): read Postgres's internal "char" (oid 18) as text; adapter-pg throws UnsupportedNativeDataType on it. */
function fixCharFields<T>(result: T): T {
  const results = (Array.isArray(result) ? result : [result]) as PgResultLike[]
  for (const r of results) {
    for (const f of r?.fields ?? []) {
      if (f.dataTypeID === PG_CHAR_OID) {
        dbg('pg: "char" column read as text')
        f.dataTypeID = PG_TEXT_OID
      }
    }
  }
  return result
}

const patchedClients = new WeakSet<object>()
function patchClient<C extends pg.PoolClient>(client: C): C {
  if (patchedClients.has(client)) return client
  patchedClients.add(client)
  const original = client.query.bind(client) as (...args: unknown[]) => unknown
  ;(client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
    const res = original(...args)
    return typeof args[args.length - 1] !== 'function' && res instanceof Promise ? res.then(fixCharFields) : res
  }
  return client
}

/** A pg.Pool (adapter-pg checks `instanceof pg.Pool`) whose promise-returning query paths apply fixCharFields. */
function charTolerantPool(config: pg.PoolConfig): pg.Pool {
  const pool = new pg.Pool(config)
  const query = pool.query.bind(pool) as (...args: unknown[]) => unknown
  const connect = pool.connect.bind(pool) as (...args: unknown[]) => unknown
  // Instance properties shadow the prototype methods; pg-pool's own query() goes through this.connect(callback).
  Object.assign(pool, {
    query: (...args: unknown[]) => {
      const res = query(...args)
      return typeof args[args.length - 1] !== 'function' && res instanceof Promise ? res.then(fixCharFields) : res
    },
    connect: (...args: unknown[]) => {
      if (typeof args[0] === 'function') return connect(...args)
      return (connect() as Promise<pg.PoolClient>).then(patchClient)
    },
  })
  return pool
}

function pgPoolConfig(url: string, schema: string | undefined): pg.PoolConfig {
  const u = new URL(url)
  u.searchParams.delete('schema')
  const config: pg.PoolConfig = { connectionString: u.toString(), max: 4 }
  if (schema) config.options = `-c search_path=${quoteIdent(schema)}`
  return config
}

function pgAdapter(inner: SqlDriverAdapter, pool: pg.Pool, afterDispose?: () => Promise<void>) {
  return wrapAdapter(inner, {
    // Fault (4): one simple-protocol query carries the whole script, $$ bodies included.
    executeScript: async (script: string) => {
      dbg(`pg: executeScript as one query (${script.length} chars)`)
      await inner.executeRaw({ sql: script, args: [], argTypes: [] })
    },
    afterDispose: async () => {
      await pool.end().catch(() => undefined)
      await afterDispose?.()
    },
  })
}

async function pgConnectMain(url: string, schema: string | undefined) {
  const pool = charTolerantPool(pgPoolConfig(url, schema))
  const inner = await new PrismaPg(pool, schema ? { schema } : undefined).connect()
  return pgAdapter(inner, pool)
}

/** Fault (3): a temporary shadow database created here, dropped once its pool has ended. */
async function pgConnectShadow(shadowBaseUrl: string) {
  const name = `ameli_shadow_${crypto.randomBytes(6).toString('hex')}`
  await pgAdmin(shadowBaseUrl, async (c) => {
    await c.query(`CREATE DATABASE ${quoteIdent(name)}`)
  })
  dbg(`pg: created shadow database ${name}`)
  const url = withDatabase(shadowBaseUrl, name)
  const pool = charTolerantPool(pgPoolConfig(url, undefined))
  const inner = await new PrismaPg(pool).connect()
  return pgAdapter(inner, pool, async () => {
    await pgAdmin(shadowBaseUrl, async (c) => {
      await c.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`)
    })
    dbg(`pg: dropped shadow database ${name}`)
  })
}

function pgFactory(mainUrl: string, schema: string | undefined, shadowBaseUrl: string): TrackingFactory {
  const tracker = new Tracker()
  return {
    provider: 'postgres',
    adapterName: '@prisma/adapter-pg',
    connect: async () => tracker.track(await pgConnectMain(mainUrl, schema)),
    connectToShadowDb: async () => tracker.track(await pgConnectShadow(shadowBaseUrl)),
    disposeAll: () => tracker.disposeAll(),
  }
}

/** A short-lived plain pg client; connection failures become one clear line. */
async function pgAdmin<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const u = new URL(url)
  u.searchParams.delete('schema')
  const client = new pg.Client({ connectionString: u.toString(), connectionTimeoutMillis: 5000 })
  try {
    await client.connect()
  } catch (e) {
    await client.end().catch(() => undefined)
    throw pgConnectError(url, e)
  }
  try {
    return await fn(client)
  } finally {
    await client.end().catch(() => undefined)
  }
}

function pgConnectError(url: string, e: unknown): MigrateError {
  const err = e as { code?: string; message?: string }
  const where = redactUrl(url)
  if (err.code === 'ECONNREFUSED' || err.code === 'ENOTFOUND' || err.code === 'ETIMEDOUT' || /timeout/i.test(err.message ?? '')) {
    return new MigrateError(`PostgreSQL is not reachable at ${where} (${err.code ?? err.message}); is the server running?`, { cause: e })
  }
  return new MigrateError(`cannot connect to PostgreSQL at ${where}: ${err.message ?? String(e)}`, { cause: e })
}

function shadowBaseUrl(opts: MigrateOptions): string {
  if (opts.shadowDatabaseUrl) return opts.shadowDatabaseUrl
  if (process.env.SHADOW_DATABASE_URL) return process.env.SHADOW_DATABASE_URL
  if (process.env.DATABASE_URL && isPostgresUrl(process.env.DATABASE_URL)) return process.env.DATABASE_URL
  return DEFAULT_SHADOW_BASE_URL
}

/** Like `prisma migrate deploy`: create the database (and the ?schema=) if they do not exist yet. */
async function ensurePostgresDatabase(target: Extract<DatabaseTarget, { provider: 'postgresql' }>, log: (l: string) => void) {
  const name = databaseName(target.url)
  try {
    await pgAdmin(target.url, async () => undefined)
  } catch (e) {
    const code = ((e as MigrateError).cause as { code?: string } | undefined)?.code
    if (code !== '3D000') throw e
    await pgAdmin(withDatabase(target.url, 'postgres'), async (c) => {
      await c.query(`CREATE DATABASE ${quoteIdent(name)}`)
    })
    log(`Created PostgreSQL database "${name}".`)
  }
  if (target.schema) {
    const schema = target.schema
    await pgAdmin(target.url, async (c) => {
      await c.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`)
    })
  }
}

// ───────────────────────────── _prisma_migrations (read-only, for status) ─────────────────────────────

export interface AppliedMigrationRow {
  name: string
  checksum: string
  finishedAt: Date | null
  rolledBackAt: Date | null
  logs: string | null
}

async function readAppliedMigrations(target: DatabaseTarget): Promise<AppliedMigrationRow[] | null> {
  if (target.provider === 'sqlite') {
    if (!fs.existsSync(target.filePath)) return null
    const db = new Database(target.filePath, { readonly: true, fileMustExist: true })
    try {
      const exists = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'`).get()
      if (!exists) return null
      const rows = db
        .prepare(
          `SELECT migration_name, checksum, finished_at, rolled_back_at, logs FROM _prisma_migrations ORDER BY started_at, migration_name`,
        )
        .all() as Array<{ migration_name: string; checksum: string; finished_at: unknown; rolled_back_at: unknown; logs: string | null }>
      const toDate = (v: unknown) => (v === null || v === undefined ? null : new Date(typeof v === 'number' ? v : String(v)))
      return rows.map((r) => ({
        name: r.migration_name,
        checksum: r.checksum,
        finishedAt: toDate(r.finished_at),
        rolledBackAt: toDate(r.rolled_back_at),
        logs: r.logs,
      }))
    } finally {
      db.close()
    }
  }
  return pgAdmin(target.url, async (c) => {
    const schema = target.schema ?? 'public'
    const exists = await c.query(`SELECT to_regclass($1) AS t`, [`${quoteIdent(schema)}._prisma_migrations`])
    if (!exists.rows[0]?.t) return null
    const res = await c.query(
      `SELECT migration_name, checksum, finished_at, rolled_back_at, logs FROM ${quoteIdent(schema)}._prisma_migrations ORDER BY started_at, migration_name`,
    )
    return res.rows.map((r: { migration_name: string; checksum: string; finished_at: Date | null; rolled_back_at: Date | null; logs: string | null }) => ({
      name: r.migration_name,
      checksum: r.checksum,
      finishedAt: r.finished_at,
      rolledBackAt: r.rolled_back_at,
      logs: r.logs,
    }))
  })
}

// ───────────────────────────── status ─────────────────────────────

export interface MigrationStatus {
  provider: Provider
  migrationsDir: string
  /** Applied and finished, in folder order. */
  applied: string[]
  /** In the folder, not applied yet. */
  pending: string[]
  /** Started but not finished (a failed migration): deploy refuses to go on until it is resolved. */
  failed: string[]
  /** Applied, but migration.sql changed since. */
  modified: string[]
  /** Recorded in the database, missing from the folder. */
  missingLocally: string[]
  upToDate: boolean
}

export async function migrateStatus(databaseUrl: string | undefined, opts: MigrateOptions = {}): Promise<MigrationStatus> {
  const p = paths(opts)
  const target = resolveDatabase(databaseUrl, p.root)
  const migrationsDir = p.migrationsDir(target.provider)
  const list = readMigrationsList(migrationsDir)
  checkLockfile(list, target.provider)
  const rows = (await readAppliedMigrations(target)) ?? []
  const live = rows.filter((r) => r.rolledBackAt === null)
  const local = new Map(
    list.migrationDirectories.map((d) => [d.path, d.migrationFile.content.tag === 'ok' ? d.migrationFile.content.value : null]),
  )
  const applied: string[] = []
  const pending: string[] = []
  const modified: string[] = []
  for (const [name, sql] of local) {
    const row = live.find((r) => r.name === name && r.finishedAt !== null)
    if (!row) {
      if (!live.some((r) => r.name === name)) pending.push(name)
      continue
    }
    applied.push(name)
    if (sql !== null && checksum(sql) !== row.checksum && checksum(sql.replace(/\r\n/g, '\n')) !== row.checksum) modified.push(name)
  }
  const failed = live.filter((r) => r.finishedAt === null).map((r) => r.name)
  const missingLocally = [...new Set(live.filter((r) => !local.has(r.name)).map((r) => r.name))]
  return {
    provider: target.provider,
    migrationsDir,
    applied,
    pending,
    failed,
    modified,
    missingLocally,
    upToDate: pending.length === 0 && failed.length === 0 && missingLocally.length === 0,
  }
}

// ───────────────────────────── deploy ─────────────────────────────

export interface DeployResult {
  provider: Provider
  applied: string[]
}

/** Applies the pending migrations of prisma/<provider>/migrations to DATABASE_URL (SQLite default file:./data/ameli.db). */
export async function migrateDeploy(databaseUrl: string | undefined, opts: MigrateOptions = {}): Promise<DeployResult> {
  const log = opts.log ?? ((l: string) => console.log(l))
  const p = paths(opts)
  const target = resolveDatabase(databaseUrl, p.root)
  const schemaPath = p.schemaPath(target.provider)
  const migrationsDir = p.migrationsDir(target.provider)
  if (!fs.existsSync(schemaPath)) throw new MigrateError(`schema not found: ${rel(schemaPath)}`)
  const list = readMigrationsList(migrationsDir)
  checkLockfile(list, target.provider)
  for (const d of list.migrationDirectories) {
    if (d.migrationFile.content.tag === 'error') {
      throw new MigrateError(`${rel(path.join(migrationsDir, d.path))} has no readable migration.sql`)
    }
  }
  const where = target.provider === 'sqlite' ? rel(target.filePath) : redactUrl(target.url)

  if (target.provider === 'postgresql') {
    await ensurePostgresDatabase(target, log)
    const factory = pgFactory(target.url, target.schema, shadowBaseUrl(opts))
    const out = await withEngine(schemaPath, factory, opts, (engine) =>
      engine.applyMigrations({ migrationsList: list, filters: FILTERS }),
    ).catch((e: unknown) => {
      const m = e instanceof MigrateError ? /migration_name="([^"]+)"/.exec(e.engineText ?? '') : null
      if (m && e instanceof MigrateError) {
        throw new MigrateError(
          `migration ${m[1]} failed: ${e.message} (rolled back; fix it, then \`migrate resolve --rolled-back ${m[1]}\` and deploy again)`,
          { cause: e },
        )
      }
      throw e
    })
    report(log, out.appliedMigrationNames, list, where)
    return { provider: 'postgresql', applied: out.appliedMigrationNames }
  }

  // SQLite
  fs.mkdirSync(path.dirname(target.filePath), { recursive: true })
  const existed = fs.existsSync(target.filePath)
  const before = existed ? await migrateStatus(databaseUrl, opts) : null
  // Nothing to apply: do not start the engine at all. It takes a write lock even for a no-op, which fails while a
  // running server holds the file (restarting `npm start` next to a running portal).
  if (before?.upToDate) {
    log(`Database is up to date (${list.migrationDirectories.length} migration${list.migrationDirectories.length === 1 ? '' : 's'} applied) — ${where}.`)
    return { provider: 'sqlite', applied: [] }
  }
  // Fault (5): back up an existing database before applying anything to it.
  let backupPath: string | null = null
  if (before && before.pending.length > 0 && before.failed.length === 0) {
    backupPath = path.join(os.tmpdir(), `ameli-migrate-backup-${process.pid}-${Date.now()}.db`)
    const db = new Database(target.filePath)
    try {
      await db.backup(backupPath)
    } finally {
      db.close()
    }
  }
  try {
    const factory = sqliteFactory(target.filePath)
    const out = await withEngine(schemaPath, factory, opts, (engine) =>
      engine.applyMigrations({ migrationsList: list, filters: FILTERS }),
    )
    report(log, out.appliedMigrationNames, list, where)
    setWal(target.filePath)
    return { provider: 'sqlite', applied: out.appliedMigrationNames }
  } catch (e) {
    const failed = await migrateStatus(databaseUrl, opts).then(
      (s) => s.failed,
      () => [] as string[],
    )
    const which = failed.length ? `migration ${failed.join(', ')} failed: ` : ''
    const msg = e instanceof Error ? e.message : String(e)
    if (backupPath) {
      const backup = new Database(backupPath, { readonly: true })
      try {
        await backup.backup(target.filePath)
      } finally {
        backup.close()
      }
      throw new MigrateError(`${which}${msg} (the SQLite database was restored to its state before this deploy)`, { cause: e })
    }
    if (!existed) {
      // A database this deploy created is removed again, so that the next try starts from nothing.
      for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(target.filePath + suffix, { force: true })
      throw new MigrateError(`${which}${msg} (the new SQLite file was removed)`, { cause: e })
    }
    throw new MigrateError(`${which}${msg}`, { cause: e })
  } finally {
    if (backupPath) fs.rmSync(backupPath, { force: true })
  }
}

/** WAL mode is stored in the database file; lib/db/client.ts also sets it. */
function setWal(filePath: string): void {
  try {
    const db = new Database(filePath, { timeout: 10_000 })
    try {
      db.pragma('journal_mode = WAL')
    } finally {
      db.close()
    }
  } catch {
    /* a locked or read-only file keeps its journal mode */
  }
}

function report(log: (l: string) => void, applied: string[], list: MigrationList, where: string) {
  if (applied.length === 0) {
    log(`No pending migrations (${list.migrationDirectories.length} in folder) — ${where} is up to date.`)
    return
  }
  for (const name of applied) log(`Applied ${name}`)
  log(`${applied.length} migration${applied.length > 1 ? 's' : ''} applied to ${where}.`)
}

// ───────────────────────────── resolve ─────────────────────────────

/** Like `prisma migrate resolve`: mark a failed migration as rolled back, or a migration as applied without running it. */
export async function migrateResolve(
  databaseUrl: string | undefined,
  action: 'rolled-back' | 'applied',
  migrationName: string,
  opts: MigrateOptions = {},
): Promise<void> {
  const log = opts.log ?? ((l: string) => console.log(l))
  const p = paths(opts)
  const target = resolveDatabase(databaseUrl, p.root)
  const list = readMigrationsList(p.migrationsDir(target.provider))
  checkLockfile(list, target.provider)
  const factory =
    target.provider === 'sqlite' ? sqliteFactory(target.filePath) : pgFactory(target.url, target.schema, shadowBaseUrl(opts))
  await withEngine(p.schemaPath(target.provider), factory, opts, async (engine) => {
    if (action === 'rolled-back') await engine.markMigrationRolledBack({ migrationName })
    else await engine.markMigrationApplied({ migrationName, migrationsList: list })
  })
  log(`Migration ${migrationName} marked as ${action}.`)
}

// ───────────────────────────── create ─────────────────────────────

export interface CreateOptions extends MigrateOptions {
  /** Only these providers (default: both). */
  providers?: readonly Provider[]
  /** Folder timestamp (tests); default: now, UTC, YYYYMMDDHHMMSS. */
  now?: Date
}

export interface CreatedMigration {
  provider: Provider
  /** Absolute path of the new folder, or null when the schema and the migrations already agree. */
  dir: string | null
  sql: string | null
}

export function migrationSlug(name: string): string {
  const slug = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
  if (!slug) throw new MigrateError('give the migration a name made of letters or digits, e.g. `create add_card_orders`')
  return slug
}

function timestamp(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}`
}

/** The SQL that takes the committed migrations to the schema, or null when there is nothing to do. */
export async function diffMigrationsToSchema(provider: Provider, opts: MigrateOptions = {}): Promise<string | null> {
  const p = paths(opts)
  const schemaPath = p.schemaPath(provider)
  const migrationsDir = p.migrationsDir(provider)
  if (!fs.existsSync(schemaPath)) throw new MigrateError(`schema not found: ${rel(schemaPath)}`)
  const list = readMigrationsList(migrationsDir)
  checkLockfile(list, provider)
  // The engine wants a lockfile when diffing from migrations; an empty folder gets one in memory.
  if (list.lockfile.content === null) list.lockfile.content = lockfileContent(provider)

  let factory: TrackingFactory
  if (provider === 'sqlite') {
    factory = sqliteFactory(':memory:')
  } else {
    const base = shadowBaseUrl(opts)
    // Fail early and clearly when the server is not there.
    await pgAdmin(base, async () => undefined).catch((e: unknown) => {
      const msg = e instanceof Error ? e.message : String(e)
      throw new MigrateError(
        `${msg} — the PostgreSQL diff needs a server for its shadow database (set SHADOW_DATABASE_URL, or pass --only sqlite)`,
      )
    })
    // The main connection is only there because the engine wants one: point it at the server's admin database.
    factory = pgFactory(base, undefined, base)
  }
  const schemaText = fs.readFileSync(schemaPath, 'utf8')
  const result = await withEngine(schemaPath, factory, opts, (engine) =>
    engine.diff({
      from: { tag: 'migrations', ...list },
      to: { tag: 'schemaDatamodel', files: [{ path: schemaPath, content: schemaText }] },
      script: true,
      exitCode: true,
      filters: FILTERS,
    }),
  )
  if (result.exitCode === 0) return null
  if (result.exitCode !== 2 || !result.stdout) throw new MigrateError(`schema engine diff failed (exit code ${result.exitCode})`)
  const sql = result.stdout
  return /\S/.test(sql.replace(/^--.*$/gm, '')) ? sql : null
}

/** prisma/postgres/schema.prisma is derived from the SQLite one: refresh it before diffing. */
function syncPostgresSchema(p: Paths, log: (l: string) => void): void {
  const sqlitePath = p.schemaPath('sqlite')
  const postgresPath = p.schemaPath('postgresql')
  if (!fs.existsSync(sqlitePath)) throw new MigrateError(`schema not found: ${rel(sqlitePath)}`)
  let derived: string
  try {
    derived = derivePostgresSchema(fs.readFileSync(sqlitePath, 'utf8'))
  } catch (e) {
    throw new MigrateError(`${rel(sqlitePath)}: ${(e as Error).message}`)
  }
  const current = fs.existsSync(postgresPath) ? fs.readFileSync(postgresPath, 'utf8') : null
  if (current !== derived) {
    fs.mkdirSync(path.dirname(postgresPath), { recursive: true })
    fs.writeFileSync(postgresPath, derived)
    log(`updated ${rel(postgresPath)} from the SQLite schema (regenerate the PostgreSQL client: npm run db:generate)`)
  }
}

/** Writes prisma/<provider>/migrations/<timestamp>_<name>/migration.sql for every provider whose schema changed. */
export async function migrateCreate(name: string, opts: CreateOptions = {}): Promise<CreatedMigration[]> {
  const log = opts.log ?? ((l: string) => console.log(l))
  const p = paths(opts)
  const slug = migrationSlug(name)
  const providers = opts.providers ?? PROVIDERS
  if (providers.includes('postgresql')) syncPostgresSchema(p, log)
  // Diff every provider first, write afterwards: a failure leaves no half-created migration.
  const diffs: Array<{ provider: Provider; sql: string | null }> = []
  for (const provider of providers) diffs.push({ provider, sql: await diffMigrationsToSchema(provider, opts) })

  const stamp = timestamp(opts.now ?? new Date())
  const folder = `${stamp}_${slug}`
  const created: CreatedMigration[] = []
  for (const { provider, sql } of diffs) {
    const migrationsDir = p.migrationsDir(provider)
    if (sql === null) {
      log(`${provider}: no changes — the schema matches ${rel(migrationsDir)}.`)
      created.push({ provider, dir: null, sql: null })
      continue
    }
    const dir = path.join(migrationsDir, folder)
    if (fs.existsSync(dir)) throw new MigrateError(`${rel(dir)} already exists`)
    fs.mkdirSync(dir, { recursive: true })
    const lockPath = path.join(migrationsDir, 'migration_lock.toml')
    if (!fs.existsSync(lockPath)) fs.writeFileSync(lockPath, lockfileContent(provider))
    fs.writeFileSync(path.join(dir, 'migration.sql'), sql)
    log(`${provider}: created ${rel(path.join(dir, 'migration.sql'))}`)
    created.push({ provider, dir, sql })
  }
  return created
}
