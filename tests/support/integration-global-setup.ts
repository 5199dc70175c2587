import fs from 'node:fs'
import path from 'node:path'
import { hash } from '@node-rs/argon2'
import pg from 'pg'
import type { TestProject } from 'vitest/node'
import { migrateDeploy } from '../../scripts/db/migrate-lib'
import { createPrismaClient } from '../../lib/db/client'
import { seedDemo } from '../../prisma/seed/seed-demo'
import { ARGON2ID_OPTIONS } from '../../lib/auth/password-options'
import { adminUrl, TEST_DB_DIR } from './test-db'

/** The integration tests' demo world is seeded as of this day (history up to the day before): fixed, so amounts are stable. */
export const DEMO_TODAY = '2026-11-24'

declare module 'vitest' {
  export interface ProvidedContext {
    dbProvider: 'sqlite' | 'postgresql'
    templateUrl: string
    templateName: string
  }
}

/**
 * Once per run: a migrated database with the demo world, used as the template every test file copies.
 * TEST_DATABASE=postgres → PostgreSQL (a fresh database named ameli_tpl_<pid>), else a SQLite file.
 */
export default async function setup(project: TestProject) {
  const usePg = process.env.TEST_DATABASE === 'postgres'
  const quiet = { log: () => {} }
  let templateUrl: string
  let templateName = ''
  if (usePg) {
    templateName = `ameli_tpl_${process.pid}`
    const admin = new pg.Client({ connectionString: adminUrl() })
    await admin.connect()
    await admin.query(`DROP DATABASE IF EXISTS ${templateName}`)
    await admin.query(`CREATE DATABASE ${templateName}`)
    await admin.end()
    const u = new URL(adminUrl())
    u.pathname = `/${templateName}`
    templateUrl = u.toString()
  } else {
    fs.mkdirSync(TEST_DB_DIR, { recursive: true })
    const file = path.join(TEST_DB_DIR, `template-${process.pid}.db`)
    for (const s of ['', '-wal', '-shm']) fs.rmSync(`${file}${s}`, { force: true })
    templateUrl = `file:${file}`
  }
  await migrateDeploy(templateUrl, quiet)
  const db = createPrismaClient(templateUrl)
  await seedDemo(db, (p) => hash(p, ARGON2ID_OPTIONS), { today: DEMO_TODAY })
  await db.$disconnect()
  if (!usePg) {
    // Fold the WAL into the main file so that a plain file copy is complete.
    const Database = (await import('better-sqlite3')).default
    const raw = new Database(templateUrl.slice('file:'.length))
    raw.pragma('wal_checkpoint(TRUNCATE)')
    raw.pragma('journal_mode = DELETE')
    raw.close()
  }
  project.provide('dbProvider', usePg ? 'postgresql' : 'sqlite')
  project.provide('templateUrl', templateUrl)
  project.provide('templateName', templateName)

  return async () => {
    if (usePg) {
      const admin = new pg.Client({ connectionString: adminUrl() })
      await admin.connect()
      const { rows } = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE 'ameli_t_${process.pid}_%' OR datname = $1`, [templateName])
      for (const r of rows) await admin.query(`DROP DATABASE IF EXISTS ${r.datname} WITH (FORCE)`)
      await admin.end()
    } else {
      for (const s of ['', '-wal', '-shm']) fs.rmSync(`${templateUrl.slice('file:'.length)}${s}`, { force: true })
    }
  }
}
