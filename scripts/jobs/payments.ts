/**
 * npm run jobs:payments [-- --today 2026-11-27]
 * The payment run: every scheduled transfer whose date is reached (paidOn ≤ today, Paris day) becomes paid and the
 * person gets a "paiement effectué" e-mail in the outbox; one system audit event records the count. Meant to run
 * every day (cron); running it again pays nothing twice. DATABASE_URL selects the database.
 */
import { createPrismaClient } from '../../lib/db/client'
import { calendarDate } from '../../lib/domain/dates'
import { parisToday } from '../../lib/domain/paris-today'
import { runPayments } from '../../lib/services/payments/run-payments'

async function main() {
  const i = process.argv.indexOf('--today')
  const raw = i > 0 ? (process.argv[i + 1] ?? '') : parisToday(new Date())
  if (!/^\d{4}-\d{2}-\d{2}$/.test(raw)) throw new Error('--today must be a date YYYY-MM-DD, e.g. 2026-11-27')
  const today = calendarDate(raw)
  const db = createPrismaClient()
  try {
    const { paid, amount, scheduled } = await runPayments(db, { today, now: new Date() })
    console.log(`payments marked paid: ${paid} (${(amount / 100).toFixed(2)} €); claims released by new bank details, scheduled: ${scheduled}`)
  } finally {
    await db.$disconnect()
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
