/**
 * What DATABASE_URL points at, shared by the Prisma client (lib/db/client.ts) and the migration tool
 * (scripts/db/migrate-lib.ts), so that both always open the same database.
 *  - unset or empty → the default SQLite file `data/ameli.db`;
 *  - `file:relative/path` → a SQLite file relative to the project root; `file:///abs` → that file;
 *  - `postgres://…` or `postgresql://…` → PostgreSQL (optional `?schema=name`).
 */
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const DEFAULT_DATABASE_URL = 'file:./data/ameli.db'

export type TDatabaseTarget =
  | { provider: 'sqlite'; url: string; filePath: string }
  | { provider: 'postgresql'; url: string; schema: string | undefined }

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url)
}

/** Throws an Error with a one-line message when the URL is not usable. */
export function parseDatabaseUrl(databaseUrl: string | undefined, projectRoot: string): TDatabaseTarget {
  const url = databaseUrl && databaseUrl.trim() !== '' ? databaseUrl.trim() : DEFAULT_DATABASE_URL
  if (isPostgresUrl(url)) {
    let schema: string | undefined
    try {
      schema = new URL(url).searchParams.get('schema') ?? undefined
    } catch {
      throw new Error('DATABASE_URL is not a valid PostgreSQL URL')
    }
    return { provider: 'postgresql', url, schema }
  }
  if (!url.startsWith('file:')) {
    throw new Error(`DATABASE_URL must start with file: (SQLite) or postgres:// / postgresql:// (got "${url.split(':')[0]}:")`)
  }
  if (url.startsWith('file://')) {
    const filePath = fileURLToPath(url.split('?')[0] ?? url)
    return { provider: 'sqlite', url: `file:${filePath}`, filePath }
  }
  const p = url.slice('file:'.length).split('?')[0] ?? ''
  if (p === ':memory:') return { provider: 'sqlite', url: 'file::memory:', filePath: ':memory:' }
  if (p === '') throw new Error('DATABASE_URL file: needs a path')
  const filePath = path.resolve(projectRoot, p)
  return { provider: 'sqlite', url: `file:${filePath}`, filePath }
}
