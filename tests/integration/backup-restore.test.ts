import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { getDb, databaseProvider } from '@/lib/db/client'
import { backupDatabase, BackupError, restoreDatabase, applyRetention } from '@/lib/db/backup'
import { parseDatabaseUrl } from '@/lib/db/database-url'
import { writeAudit } from '@/lib/db/repositories/audit'
import { authenticate } from '@/lib/services/auth/authenticate'
import { createDbSignInThrottle, DEFAULT_THROTTLE_POLICY } from '@/lib/services/auth/sign-in-throttle'
import { listPayments } from '@/lib/services/payments/list-payments'
import { getRuleEngine } from '@/lib/services/simulation/rule-engine'
import type { CalendarDate } from '@/lib/domain/dates'
import { DEMO_INSURED_PASSWORD, insured } from '@/prisma/seed/demo-data'
import { nirOf } from '@/prisma/seed/seed-demo'
import { DEMO_TODAY } from '../support/integration-global-setup'
import { insuredActor } from '../support/procedures'

/**
 * Issue 14 item 4, "backups you can restore", on the provider of this run (SQLite file, or PostgreSQL database):
 * back up while writes go on, wipe the database, restore, sign in and see the same payments; a corrupt file and a
 * database in use are refused and change nothing.
 */
const root = process.cwd()
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ameli-backup-'))
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

const today = DEMO_TODAY as CalendarDate
const jonathanNir = () => {
  const n = nirOf(insured.find((p) => p.key === 'jonathan')!)
  return `${n.nir}${n.key}`
}

/** Drops the process's client so the next getDb() opens the database again (after a wipe or a restore). */
async function closeDb(): Promise<void> {
  await getDb().$disconnect()
  delete (globalThis as { __ameliDb?: unknown }).__ameliDb
}

async function wipe(): Promise<void> {
  await closeDb()
  const target = parseDatabaseUrl(process.env.DATABASE_URL, root)
  if (target.provider === 'sqlite') {
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${target.filePath}${suffix}`, { force: true })
    return
  }
  const u = new URL(target.url)
  const name = u.pathname.slice(1)
  u.pathname = '/postgres'
  const admin = new pg.Client({ connectionString: u.toString() })
  await admin.connect()
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
  await admin.end()
}

async function paymentsSeenBy(): Promise<string[]> {
  const actor = await insuredActor('Jonathan Pierre')
  const page = await listPayments({ actor, filters: {}, today, engine: await getRuleEngine(), locale: 'fr', pageSize: 100 })
  return page.lines.map((l) => `${l.careDate} ${l.person} ${l.act} ${l.charged} ${l.amoPaid} ${l.complementary} ${l.patient} ${l.paidOn}`)
}

async function signIn() {
  const limiter = createDbSignInThrottle({ policy: { ...DEFAULT_THROTTLE_POLICY, addressFailures: 1000, lockAfterFailures: 1000, delaysSeconds: [0] } })
  return authenticate({ kind: 'insured', credentials: { nir: jonathanNir(), password: DEMO_INSURED_PASSWORD }, ip: '192.0.2.9', userAgent: 'vitest', now: new Date('2026-11-24T10:00:00Z'), limiter })
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise
  } catch (error) {
    if (error instanceof BackupError) return error.message
    throw error
  }
  throw new Error('expected a refusal')
}

describe(`backup and restore on ${databaseProvider()} (issue 14 item 4)`, () => {
  it('backs up while the portal writes, wipes, restores, and the same person signs in to the same payments', async () => {
    const before = await paymentsSeenBy()
    expect(before.length).toBeGreaterThan(5)
    expect((await signIn()).role).toBe('insured')

    // Load: audit events written continuously while the backup runs.
    const db = getDb()
    await writeAudit(db, { actorRole: 'system', action: 'test.before-backup', targetType: 'test', targetId: 'marker', outcome: 'success' })
    let writing = true
    let written = 0
    const load = (async () => {
      while (writing) {
        await writeAudit(db, { actorRole: 'system', action: 'test.during-backup', targetType: 'test', targetId: String(written), outcome: 'success' })
        written++
      }
    })()
    const backup = await backupDatabase({ databaseUrl: process.env.DATABASE_URL, projectRoot: root, dir, keep: 3, now: new Date('2026-12-04T02:00:00Z') })
    writing = false
    await load
    expect(written).toBeGreaterThan(0)
    expect(path.basename(backup.file)).toBe(databaseProvider() === 'sqlite' ? 'ameli-sqlite-20261204T020000Z.db' : 'ameli-postgresql-20261204T020000Z.dump')
    expect(backup.bytes).toBeGreaterThan(10_000)

    // The test process has the database open: a restore without --force is refused and changes nothing.
    expect(await refusal(restoreDatabase({ databaseUrl: process.env.DATABASE_URL, projectRoot: root, file: backup.file, force: false }))).toMatch(/in use|open connection/)
    expect(await getDb().auditEvent.count({ where: { action: 'test.during-backup' } })).toBe(written)

    await wipe()
    const restored = await restoreDatabase({ databaseUrl: process.env.DATABASE_URL, projectRoot: root, file: backup.file, force: false })
    expect(restored.replaced).toBe(false) // the database was gone

    expect((await signIn()).role).toBe('insured')
    expect(await paymentsSeenBy()).toEqual(before)
    expect(await getDb().auditEvent.count({ where: { action: 'test.before-backup' } })).toBe(1)
    // Whatever was committed during the backup is in it or not, but never half: at most `written` rows.
    expect(await getDb().auditEvent.count({ where: { action: 'test.during-backup' } })).toBeLessThanOrEqual(written)
  })

  it('a corrupt or foreign file is refused with a clear message and nothing changes', async () => {
    const count = await getDb().payment.count()
    const garbage = path.join(dir, 'garbage.dump')
    fs.writeFileSync(garbage, 'this is not a backup\n'.repeat(100))
    await closeDb()
    const message = await refusal(restoreDatabase({ databaseUrl: process.env.DATABASE_URL, projectRoot: root, file: garbage, force: true }))
    expect(message).toMatch(databaseProvider() === 'sqlite' ? /not a SQLite backup/ : /not a PostgreSQL backup/)
    expect(await refusal(restoreDatabase({ databaseUrl: process.env.DATABASE_URL, projectRoot: root, file: path.join(dir, 'missing.db'), force: true }))).toMatch(/no backup file/)
    expect(await getDb().payment.count()).toBe(count)
  })

  it('keeps only the newest backups (retention count)', () => {
    const retention = fs.mkdtempSync(path.join(dir, 'retention-'))
    for (const stamp of ['20261201T020000Z', '20261202T020000Z', '20261203T020000Z', '20261204T020000Z']) fs.writeFileSync(path.join(retention, `ameli-sqlite-${stamp}.db`), 'x')
    fs.writeFileSync(path.join(retention, 'notes.txt'), 'kept')
    const removed = applyRetention(retention, 'sqlite', 2).map((f) => path.basename(f))
    expect(removed).toEqual(['ameli-sqlite-20261201T020000Z.db', 'ameli-sqlite-20261202T020000Z.db'])
    expect(fs.readdirSync(retention).sort()).toEqual(['ameli-sqlite-20261203T020000Z.db', 'ameli-sqlite-20261204T020000Z.db', 'notes.txt'])
  })
})
