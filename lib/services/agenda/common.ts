import 'server-only'
import type { Tx } from '@/lib/db/client'
import type { TAppointmentDto } from '@/lib/db/repositories/agenda'
import { queueOutboxMessages, type TOutboxInput } from '@/lib/db/repositories/outbox'
import type { TInsuredFacts } from '@/lib/db/repositories/people'
import { formatSlotDay, formatSlotTime } from '@/lib/domain/appointments/format'
import { AppError } from '@/lib/errors'
import { renderMessage, type TActor } from '@/lib/services/procedures/common'

export type TAgendaNotice = 'confirmation' | 'moved' | 'cancelled' | 'reminder'

/** The insured person acting on their own agenda (advisors book nothing here). */
export function ownInsuredId(actor: TActor): string {
  if (actor.role !== 'insured' || !actor.insuredId) throw new AppError('forbidden', 403)
  return actor.insuredId
}

/** Parameters of the agenda e-mails, in the person's language. */
export function noticeParams(locale: 'fr' | 'en', a: Pick<TAppointmentDto, 'reference' | 'reason' | 'point'> & { startsAt: Date }) {
  return {
    reference: a.reference,
    day: formatSlotDay(a.startsAt, locale),
    time: formatSlotTime(a.startsAt),
    place: `${a.point.name}, ${a.point.addressLine1}, ${a.point.postalCode} ${a.point.city}`,
    reason: renderMessage(locale, `agenda.reasons.${a.reason}`),
  }
}

/**
 * Queues the e-mail (and, for the reminder, the SMS) of an appointment change in the person's language, in the
 * caller's transaction (confirmation, move, cancellation, reminder the day before).
 */
export async function notifyAppointment(
  tx: Tx,
  insured: Pick<TInsuredFacts, 'id' | 'email' | 'phone' | 'preferredLocale'>,
  notice: TAgendaNotice,
  a: Pick<TAppointmentDto, 'reference' | 'reason' | 'point'> & { startsAt: Date },
): Promise<void> {
  const locale = insured.preferredLocale === 'en' ? 'en' : 'fr'
  const params = noticeParams(locale, a)
  const template = `agendaNotifications.${notice}`
  const subject = renderMessage(locale, `agendaNotifications.${notice}.subject`, params)
  const body = renderMessage(locale, `agendaNotifications.${notice}.body`, params)
  const out: TOutboxInput[] = []
  if (insured.email) out.push({ channel: 'email', recipient: insured.email, insuredId: insured.id, template, subject, body, locale })
  if (notice === 'reminder' && insured.phone) out.push({ channel: 'sms', recipient: insured.phone, insuredId: insured.id, template, subject: null, body: renderMessage(locale, 'agendaNotifications.reminder.sms', params), locale })
  await queueOutboxMessages(tx, out)
}

/** SQLite runs one write transaction at a time: concurrent bookings wait their turn rather than time out. */
export const TX_OPTIONS = { maxWait: 20_000, timeout: 20_000 } as const
