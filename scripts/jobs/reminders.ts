/**
 * npm run jobs:reminders [-- --now 2026-11-25T07:00:00Z]
 * Queues in the outbox the reminder (e-mail + SMS) of every appointment of tomorrow (Paris day) not reminded yet.
 * Meant to run once a day (cron); running it again sends nothing twice. DATABASE_URL selects the database.
 */
import { createPrismaClient } from '../../lib/db/client'
import { sendAppointmentReminders } from '../../lib/services/agenda/send-appointment-reminders'

async function main() {
  const i = process.argv.indexOf('--now')
  const now = i > 0 ? new Date(process.argv[i + 1] ?? '') : new Date()
  if (Number.isNaN(now.getTime())) throw new Error('--now must be an ISO instant, e.g. 2026-11-25T07:00:00Z')
  const db = createPrismaClient()
  try {
    const { sent } = await sendAppointmentReminders(db, now)
    console.log(`appointment reminders queued: ${sent}`)
  } finally {
    await db.$disconnect()
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
