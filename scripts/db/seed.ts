/**
 * npm run db:seed                    → wipes the database and writes the demo world
 * npm run db:seed -- --if-empty      → writes the demo world only into an empty database (first start)
 * npm run db:seed -- --today 2026-11-24 → the demo history ends the day before that date (default: today in Paris; env SEED_TODAY)
 * npm run db:seed -- --insured 100000 → (after the demo world) adds generated insured persons for benchmarks
 */
import { hash } from '@node-rs/argon2'
import { z } from 'zod'
import { createPrismaClient } from '../../lib/db/client'
import { clearAll, seedDemo } from '../../prisma/seed/seed-demo'
import { seedVolume } from '../../prisma/seed/seed-volume'
import { DEMO_INSURED_PASSWORD } from '../../prisma/seed/demo-data'
import { ARGON2ID_OPTIONS } from '../../lib/auth/password-options'

const ZArgs = z.object({
  ifEmpty: z.boolean(),
  insured: z.coerce.number().int().min(1).max(5_000_000).optional(),
  today: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'today must be YYYY-MM-DD').optional(),
})

function parseArgs(argv: string[]) {
  const out: { ifEmpty: boolean; insured?: string; today?: string } = { ifEmpty: false, today: process.env.SEED_TODAY || undefined }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    if (a === '--if-empty') out.ifEmpty = true
    else if (a === '--insured') out.insured = argv[++i]
    else if (a?.startsWith('--insured=')) out.insured = a.slice('--insured='.length)
    else if (a === '--today') out.today = argv[++i]
    else throw new Error(`unknown argument: ${a}`)
  }
  return ZArgs.parse(out)
}

const argon = (password: string) => hash(password, ARGON2ID_OPTIONS)

async function main() {
  const args = parseArgs(process.argv.slice(2))
  const db = createPrismaClient()
  const started = Date.now()
  try {
    const existing = await db.organisation.count()
    if (args.ifEmpty && existing > 0) {
      console.log('seed: the database already has data, nothing to do')
    } else if (!args.insured || existing === 0) {
      if (existing > 0) await clearAll(db)
      const r = await seedDemo(db, argon, { today: args.today })
      console.log(`seed: demo world written (${r.insured} insured persons, ${r.users} accounts, ${r.rules} rule rows, ${r.claims} claims / ${r.lines} lines / ${r.payments} payments of history)`)
    }
    if (args.insured) {
      const n = await seedVolume(db, args.insured, await argon(DEMO_INSURED_PASSWORD), { log: (m) => console.log(m) })
      console.log(`seed: ${n} generated insured persons added`)
    }
    console.log(`seed: done in ${((Date.now() - started) / 1000).toFixed(1)} s`)
  } finally {
    await db.$disconnect()
  }
}

main().catch((error: unknown) => {
  console.error(`seed failed: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
})
