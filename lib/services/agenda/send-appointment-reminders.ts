import type { Db } from '@/lib/db/client'
import { writeAudit } from '@/lib/db/repositories/audit'
import { claimReminder, findAppointmentInScope, listRemindersDue } from '@/lib/db/repositories/agenda'
import { findInsuredFacts } from '@/lib/db/repositories/people'
import { addDays, calendarDate } from '@/lib/domain/dates'
import { parisToday } from '@/lib/domain/paris-today'
import { zonedTimeToUtc } from '@/lib/domain/appointments/slots'
import { notifyAppointment, TX_OPTIONS } from './common'

/**
 * The reminder job (npm run jobs:reminders): for every booked appointment of TOMORROW (Paris calendar day of `now`
 * + 1) whose reminder is not sent, one transaction marks it sent and queues the e-mail and SMS. Running it twice
 * sends nothing more. Returns how many reminders were queued.
 */
export async function sendAppointmentReminders(db: Db, now: Date): Promise<{ sent: number }> {
  const today = calendarDate(parisToday(now))
  const tomorrow = addDays(today, 1)
  const dayAfter = addDays(today, 2)
  const due = await listRemindersDue(db, zonedTimeToUtc(tomorrow, '00:00'), zonedTimeToUtc(dayAfter, '00:00'))
  let sent = 0
  for (const { id } of due) {
    const done = await db.$transaction(async (tx) => {
      if (!(await claimReminder(tx, id, now))) return false
      const a = await findAppointmentInScope(tx, id, null)
      const insured = a ? await findInsuredFacts(tx, a.insuredId) : null
      if (!a || !insured) return false
      await notifyAppointment(tx, insured, 'reminder', { reference: a.reference, reason: a.reason, point: a.point, startsAt: a.slot.startsAt })
      await writeAudit(tx, { actorRole: 'system', action: 'appointment.reminder', targetType: 'appointment', targetId: id, insuredId: a.insuredId, details: { reference: a.reference, startsAt: a.slot.startsAt.toISOString() } })
      return true
    }, TX_OPTIONS)
    if (done) sent++
  }
  return { sent }
}
