import { describe, expect, it } from 'vitest'
import { DEFAULT_DATABASE_URL, parseDatabaseUrl } from '@/lib/db/database-url'

describe('parseDatabaseUrl (issue 2 §2: SQLite by default, PostgreSQL when DATABASE_URL is a postgres:// URL)', () => {
  const root = '/srv/ameli'
  it('defaults to the SQLite file data/ameli.db under the project root', () => {
    expect(DEFAULT_DATABASE_URL).toBe('file:./data/ameli.db')
    expect(parseDatabaseUrl(undefined, root)).toEqual({ provider: 'sqlite', url: 'file:/srv/ameli/data/ameli.db', filePath: '/srv/ameli/data/ameli.db' })
    expect(parseDatabaseUrl('  ', root).provider).toBe('sqlite')
  })
  it('resolves relative and absolute SQLite files', () => {
    expect(parseDatabaseUrl('file:./.e2e/e2e.db', root)).toMatchObject({ filePath: '/srv/ameli/.e2e/e2e.db' })
    expect(parseDatabaseUrl('file:///tmp/x.db', root)).toMatchObject({ filePath: '/tmp/x.db' })
  })
  it('selects PostgreSQL for postgres:// and postgresql://, with an optional schema', () => {
    expect(parseDatabaseUrl('postgres://u@127.0.0.1:5432/ameli', root)).toEqual({ provider: 'postgresql', url: 'postgres://u@127.0.0.1:5432/ameli', schema: undefined })
    expect(parseDatabaseUrl('postgresql://u@h/db?schema=t1', root)).toMatchObject({ provider: 'postgresql', schema: 't1' })
  })
  it('refuses anything else with a clear one-line message', () => {
    expect(() => parseDatabaseUrl('mysql://u@h/db', root)).toThrow(/must start with file: \(SQLite\) or postgres/)
    expect(() => parseDatabaseUrl('file:', root)).toThrow(/needs a path/)
  })
})
