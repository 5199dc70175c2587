import fs from 'node:fs'
import path from 'node:path'
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { afterAll, inject } from 'vitest'
import { adminUrl, TEST_DB_DIR } from './test-db'

/**
 * Before each test file: a fresh database copied from the seeded template (ARCHITECTURE convention 12),
 * exposed through DATABASE_URL so that the code under test uses it exactly as in production.
 */
const provider = inject('dbProvider')
const templateUrl = inject('templateUrl')
const templateName = inject('templateName')
const suffix = randomBytes(5).toString('hex')
let cleanup: () => Promise<void>

if (provider === 'postgresql') {
  const name = `ameli_t_${templateName.replace('ameli_tpl_', '')}_${suffix}`
  const admin = new pg.Client({ connectionString: adminUrl() })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${templateName}`)
  await admin.end()
  const u = new URL(adminUrl())
  u.pathname = `/${name}`
  process.env.DATABASE_URL = u.toString()
  cleanup = async () => {
    const a = new pg.Client({ connectionString: adminUrl() })
    await a.connect()
    await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    await a.end()
  }
} else {
  const file = path.join(TEST_DB_DIR, `t-${process.pid}-${suffix}.db`)
  fs.copyFileSync(templateUrl.slice('file:'.length), file)
  process.env.DATABASE_URL = `file:${file}`
  cleanup = async () => {
    for (const s of ['', '-wal', '-shm']) fs.rmSync(`${file}${s}`, { force: true })
  }
}

afterAll(async () => {
  const holder = globalThis as { __ameliDb?: { db: { $disconnect(): Promise<void> } } }
  await holder.__ameliDb?.db.$disconnect().catch(() => undefined)
  delete holder.__ameliDb
  await cleanup()
})
