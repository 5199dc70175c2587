/**
 * The portal's scheduled jobs (ADR 0011), Europe/Paris times. Each takes `now` from the scheduler.
 *   payments   Tuesdays and Fridays 06:00  the payment run (lib/services/payments/run-payments.ts)
 *   reminders  every day 08:00             reminders of tomorrow's appointments (send-appointment-reminders.ts)
 *   outbox     every minute                e-mails (SMTP) and SMS (gateway) of the outbox (deliver-outbox.ts)
 *   expiry     every hour at :05           expired codes and pending changes (expire.ts)
 *   backup     every day 02:30             database backup into BACKUP_DIR, keeping BACKUP_KEEP (lib/db/backup.ts)
 * Imports services that use `server-only`: run under the react-server condition (Next, scripts/jobs/cli.ts).
 */
import path from 'node:path'
import { backupDatabase } from '../db/backup'
import { calendarDate } from '../domain/dates'
import { parisToday } from '../domain/paris-today'
import { runPayments } from '../services/payments/run-payments'
import { sendAppointmentReminders } from '../services/agenda/send-appointment-reminders'
import { deliverOutbox } from './deliver-outbox'
import { expireStale } from './expire'
import type { TJobDefinition } from './scheduler'
import { emailSenderFromEnv, loggingSmsGateway, type EmailSender, type SmsGateway } from './transports'

export const JOB_NAMES = ['payments', 'reminders', 'outbox', 'expiry', 'backup'] as const
export type TJobName = (typeof JOB_NAMES)[number]

export type TJobEnvironment = { email?: EmailSender; sms?: SmsGateway; env?: NodeJS.ProcessEnv; root?: string }

export function portalJobs(options: TJobEnvironment = {}): TJobDefinition[] {
  const env = options.env ?? process.env
  const root = options.root ?? process.cwd()
  let email = options.email
  const sms = options.sms ?? loggingSmsGateway()
  return [
    {
      name: 'payments',
      schedule: '0 6 * * 2,5',
      catchUpMs: 18 * 3_600_000, // a payment day's run still happens if the portal comes back later that day
      run: async ({ db, now }) => {
        const r = await runPayments(db, { today: calendarDate(parisToday(now)), now })
        return `${r.paid} paid (${(r.amount / 100).toFixed(2)} €), ${r.scheduled} scheduled`
      },
    },
    {
      name: 'reminders',
      schedule: '0 8 * * *',
      catchUpMs: 12 * 3_600_000,
      run: async ({ db, now }) => `${(await sendAppointmentReminders(db, now)).sent} queued`,
    },
    {
      name: 'outbox',
      schedule: '* * * * *',
      maxAttempts: 1, // the next minute is the retry; each message has its own back-off
      catchUpMs: 60_000,
      leaseMs: 10 * 60_000,
      run: async ({ db, now }) => {
        email ??= emailSenderFromEnv(env, root)
        const r = await deliverOutbox(db, { now, email, sms })
        return `${r.delivered} delivered, ${r.retrying} to retry, ${r.failed} failed`
      },
    },
    {
      name: 'expiry',
      schedule: '5 * * * *',
      run: async ({ db, now }) => {
        const r = await expireStale(db, now)
        return `${r.contactChanges} contact changes, ${r.resetCodes} reset codes, ${r.accessCodes} access codes, ${r.sessions} ended sessions, ${r.staleSending} stale sendings, ${r.jobRuns} old runs, ${r.oauth} expired OAuth rows`
      },
    },
    {
      name: 'backup',
      schedule: '30 2 * * *',
      catchUpMs: 6 * 3_600_000,
      leaseMs: 2 * 3_600_000,
      run: async ({ now }) => {
        const keep = Number(env.BACKUP_KEEP ?? 14)
        if (!Number.isInteger(keep) || keep < 1) throw new Error('BACKUP_KEEP must be a whole number ≥ 1')
        const r = await backupDatabase({ databaseUrl: env.DATABASE_URL, projectRoot: root, dir: path.resolve(root, env.BACKUP_DIR ?? 'backups'), keep, now })
        return `${path.basename(r.file)} (${(r.bytes / 1024 / 1024).toFixed(1)} MB), ${r.removed.length} removed`
      },
    },
  ]
}
