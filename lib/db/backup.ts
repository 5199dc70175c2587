/**
 * Backups you can restore (issue 14 item 4), for both providers DATABASE_URL can select:
 *  - SQLite: `VACUUM INTO`, SQLite's online snapshot: one read transaction copies a consistent state of the database
 *    while the portal keeps writing (WAL mode: readers never block writers). Not the step-wise backup API
 *    (`sqlite3_backup_step`): it starts again from the first page whenever another connection writes, so under a
 *    steady write load it never finishes (seen in tests/integration/backup-restore.test.ts). The result is one
 *    compact file, checked with `PRAGMA integrity_check` before it is kept.
 *  - PostgreSQL: `pg_dump --format=custom` (a consistent snapshot in one repeatable-read transaction), restored with
 *    `pg_restore` into a temporary database that replaces the target only once it is complete.
 *
 * A restore never changes anything until the backup has been checked (corrupt or foreign file → BackupError with a
 * clear message), and refuses to replace a database some process is using (the portal) unless `force` is given.
 * Plain Node code (no `server-only`): used by scripts/db/backup.ts, scripts/db/restore.ts, the job runner and tests.
 */
import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'
import Database from 'better-sqlite3'
import pg from 'pg'
import { parseDatabaseUrl, type TDatabaseTarget } from './database-url'

const run = promisify(execFile)

export class BackupError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'BackupError'
  }
}

export type TBackupResult = { file: string; bytes: number; ms: number; removed: string[] }
export type TRestoreResult = { file: string; ms: number; replaced: boolean }

/** The file name of a backup made at `now`: ameli-<provider>-<UTC timestamp>.<ext>, sortable by name. */
export function backupFileName(provider: TDatabaseTarget['provider'], now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')
  return `ameli-${provider}-${stamp}.${provider === 'sqlite' ? 'db' : 'dump'}`
}

export async function backupDatabase(options: { databaseUrl: string | undefined; projectRoot: string; dir: string; keep: number; now: Date }): Promise<TBackupResult> {
  const started = performance.now()
  const target = parseDatabaseUrl(options.databaseUrl, options.projectRoot)
  fs.mkdirSync(options.dir, { recursive: true })
  const file = path.join(options.dir, backupFileName(target.provider, options.now))
  const partial = `${file}.partial`
  try {
    if (target.provider === 'sqlite') await backupSqlite(target.filePath, partial)
    else await backupPostgres(target, partial)
    fs.renameSync(partial, file)
  } finally {
    fs.rmSync(partial, { force: true })
  }
  const removed = applyRetention(options.dir, target.provider, options.keep)
  return { file, bytes: fs.statSync(file).size, ms: Math.round(performance.now() - started), removed }
}

/** Keeps the `keep` newest backups of the provider in `dir`; returns the files removed. */
export function applyRetention(dir: string, provider: TDatabaseTarget['provider'], keep: number): string[] {
  const pattern = new RegExp(`^ameli-${provider}-\\d{8}T\\d{6}Z\\.(db|dump)$`)
  const files = fs.readdirSync(dir).filter((name) => pattern.test(name)).sort()
  const old = files.slice(0, Math.max(0, files.length - Math.max(1, keep)))
  for (const name of old) fs.rmSync(path.join(dir, name), { force: true })
  return old.map((name) => path.join(dir, name))
}

async function backupSqlite(filePath: string, destination: string): Promise<void> {
  if (!fs.existsSync(filePath)) throw new BackupError(`no SQLite database at ${filePath}`)
  const source = new Database(filePath, { fileMustExist: true, timeout: 10_000 })
  try {
    // One read transaction: a consistent snapshot while the portal keeps writing (WAL readers do not block writers).
    source.prepare('VACUUM INTO ?').run(destination)
  } finally {
    source.close()
  }
  toRollbackJournal(destination)
  assertSqliteBackup(destination)
}

/**
 * The copy inherits the source's WAL mode; a backup is one self-contained file, so it is switched to the rollback
 * journal (no -wal/-shm files beside it). The portal turns WAL back on when it opens a restored file.
 */
function toRollbackJournal(file: string): void {
  const db = new Database(file, { fileMustExist: true })
  try {
    db.pragma('journal_mode = DELETE')
  } finally {
    db.close()
  }
}

/** A SQLite file that passes `integrity_check` and holds the portal's migrations table; else BackupError. */
function assertSqliteBackup(file: string): void {
  const header = Buffer.alloc(16)
  const fd = fs.openSync(file, 'r')
  try {
    fs.readSync(fd, header, 0, 16, 0)
  } finally {
    fs.closeSync(fd)
  }
  if (header.toString('latin1') !== 'SQLite format 3\0') throw new BackupError(`${path.basename(file)} is not a SQLite backup (wrong file header)`)
  let db: Database.Database | undefined
  try {
    db = new Database(file, { readonly: true, fileMustExist: true })
    const check = db.pragma('integrity_check', { simple: true })
    if (check !== 'ok') throw new BackupError(`${path.basename(file)} is damaged (integrity check: ${String(check).slice(0, 120)})`)
    const migrations = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'").get() as { n: number }
    if (migrations.n !== 1) throw new BackupError(`${path.basename(file)} is a SQLite file but not a backup of this portal (no _prisma_migrations table)`)
  } catch (error) {
    if (error instanceof BackupError) throw error
    throw new BackupError(`${path.basename(file)} cannot be read as a SQLite database (${(error as Error).message})`)
  } finally {
    db?.close()
  }
}

/** The PostgreSQL connection string without Prisma's `?schema=` parameter (libpq does not know it). */
function libpqUrl(url: string, database?: string): string {
  const u = new URL(url)
  u.searchParams.delete('schema')
  if (database) u.pathname = `/${database}`
  return u.toString()
}

function databaseName(url: string): string {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''))
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(name)) throw new BackupError(`unsupported database name "${name}" (letters, digits and _ only)`)
  return name
}

async function backupPostgres(target: Extract<TDatabaseTarget, { provider: 'postgresql' }>, destination: string): Promise<void> {
  const args = ['--format=custom', '--no-owner', '--no-acl', `--file=${destination}`, `--dbname=${libpqUrl(target.url)}`]
  if (target.schema) args.push(`--schema=${target.schema}`)
  try {
    await run('pg_dump', args, { maxBuffer: 16 * 1024 * 1024 })
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { stderr?: string }
    if (e.code === 'ENOENT') throw new BackupError('pg_dump is not installed (Debian package postgresql-client)')
    throw new BackupError(`pg_dump failed: ${(e.stderr ?? e.message).trim().split('\n')[0]}`)
  }
}

/** Processes that hold the SQLite file or its WAL open (this one included), read from /proc (Linux). */
export function sqliteUsers(filePath: string): number[] {
  const watched = new Set([filePath, `${filePath}-wal`, `${filePath}-shm`].map((p) => (fs.existsSync(p) ? fs.realpathSync(p) : p)))
  const pids: number[] = []
  let entries: string[] = []
  try {
    entries = fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))
  } catch {
    return pids // not Linux: nothing detected
  }
  for (const pid of entries) {
    let fds: string[] = []
    try {
      fds = fs.readdirSync(`/proc/${pid}/fd`)
    } catch {
      continue
    }
    for (const fd of fds) {
      try {
        if (watched.has(fs.readlinkSync(`/proc/${pid}/fd/${fd}`))) {
          pids.push(Number(pid))
          break
        }
      } catch {
        // the descriptor closed meanwhile
      }
    }
  }
  return pids
}

export async function restoreDatabase(options: { databaseUrl: string | undefined; projectRoot: string; file: string; force: boolean }): Promise<TRestoreResult> {
  const started = performance.now()
  const target = parseDatabaseUrl(options.databaseUrl, options.projectRoot)
  const file = path.resolve(options.file)
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new BackupError(`no backup file at ${file}`)
  const replaced = target.provider === 'sqlite' ? await restoreSqlite(target.filePath, file, options.force) : await restorePostgres(target.url, file, options.force)
  return { file, ms: Math.round(performance.now() - started), replaced }
}

async function restoreSqlite(filePath: string, file: string, force: boolean): Promise<boolean> {
  assertSqliteBackup(file) // before anything is touched
  if (filePath === ':memory:') throw new BackupError('cannot restore into an in-memory database')
  const users = sqliteUsers(filePath)
  if (users.length > 0 && !force) {
    throw new BackupError(`the database ${filePath} is in use by process ${users.join(', ')} (a running portal?): stop it first, or pass --force`)
  }
  const existed = fs.existsSync(filePath)
  fs.mkdirSync(path.dirname(filePath), { recursive: true })
  const staging = `${filePath}.restore-${randomBytes(4).toString('hex')}`
  try {
    const source = new Database(file, { readonly: true, fileMustExist: true })
    try {
      await source.backup(staging)
    } finally {
      source.close()
    }
    toRollbackJournal(staging)
    assertSqliteBackup(staging)
    // A stale WAL of the old file must not be replayed into the restored one.
    fs.rmSync(`${filePath}-wal`, { force: true })
    fs.rmSync(`${filePath}-shm`, { force: true })
    fs.renameSync(staging, filePath)
  } finally {
    fs.rmSync(staging, { force: true })
  }
  return existed
}

async function restorePostgres(url: string, file: string, force: boolean): Promise<boolean> {
  try {
    await run('pg_restore', ['--list', file], { maxBuffer: 64 * 1024 * 1024 })
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { stderr?: string }
    if (e.code === 'ENOENT') throw new BackupError('pg_restore is not installed (Debian package postgresql-client)')
    throw new BackupError(`${path.basename(file)} is not a PostgreSQL backup of this portal (pg_restore: ${(e.stderr ?? e.message).trim().split('\n')[0]})`)
  }
  const name = databaseName(libpqUrl(url))
  const admin = new pg.Client({ connectionString: libpqUrl(url, 'postgres') })
  await admin.connect()
  const staging = `${name.slice(0, 40)}_restore_${randomBytes(4).toString('hex')}`
  try {
    const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1
    if (exists) {
      const users = await admin.query<{ pid: number; application_name: string }>('SELECT pid, application_name FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name])
      if (users.rowCount && !force) {
        throw new BackupError(`the database ${name} has ${users.rowCount} open connection(s) (a running portal?): stop it first, or pass --force`)
      }
    }
    await admin.query(`CREATE DATABASE ${staging}`)
    try {
      await run('pg_restore', ['--no-owner', '--no-acl', '--exit-on-error', '--single-transaction', `--dbname=${libpqUrl(url, staging)}`, file], { maxBuffer: 64 * 1024 * 1024 })
    } catch (error) {
      const e = error as { stderr?: string; message: string }
      await admin.query(`DROP DATABASE IF EXISTS ${staging} WITH (FORCE)`)
      throw new BackupError(`restore failed, nothing was changed (pg_restore: ${(e.stderr ?? e.message).trim().split('\n')[0]})`)
    }
    if (exists) {
      const old = `${name.slice(0, 40)}_old_${randomBytes(4).toString('hex')}`
      // A running portal's pool may reconnect between the two statements: a few tries.
      for (let attempt = 1; ; attempt++) {
        if (force) await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name])
        try {
          await admin.query(`ALTER DATABASE ${name} RENAME TO ${old}`)
          break
        } catch (error) {
          if (attempt >= 5) {
            await admin.query(`DROP DATABASE IF EXISTS ${staging} WITH (FORCE)`)
            throw new BackupError(`the database ${name} could not be replaced, nothing was changed (${(error as Error).message})`)
          }
          await new Promise((resolve) => setTimeout(resolve, 200))
        }
      }
      await admin.query(`ALTER DATABASE ${staging} RENAME TO ${name}`)
      await admin.query(`DROP DATABASE ${old} WITH (FORCE)`)
    } else {
      await admin.query(`ALTER DATABASE ${staging} RENAME TO ${name}`)
    }
    return exists
  } finally {
    await admin.end()
  }
}
