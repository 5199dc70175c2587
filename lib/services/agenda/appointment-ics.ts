import 'server-only'
import { createEvent } from 'ics'
import { getDb } from '@/lib/db/client'
import { findAppointmentOfInsured } from '@/lib/db/repositories/agenda'
import { AppError } from '@/lib/errors'
import { renderMessage, type TActor } from '@/lib/services/procedures/common'
import { ownInsuredId } from './common'

const utcParts = (d: Date): [number, number, number, number, number] => [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes()]

/**
 * The calendar file (RFC 5545, written by the `ics` package) of one's own appointment: UTC start and end, the
 * reception point as LOCATION, the reason as SUMMARY, a stable UID (the reference). Errors: forbidden, notFound.
 */
export async function appointmentIcs({ actor, appointmentId, locale }: { actor: TActor; appointmentId: string; locale: 'fr' | 'en' }): Promise<{ filename: string; content: string }> {
  const insuredId = ownInsuredId(actor)
  const a = await findAppointmentOfInsured(getDb(), insuredId, appointmentId)
  if (!a) throw new AppError('notFound', 404)
  const reason = renderMessage(locale, `agenda.reasons.${a.reason}`)
  const { error, value } = createEvent({
    uid: `${a.reference}@ameli-simulateur.example`,
    productId: 'ameli-simulateur/agenda',
    title: renderMessage(locale, 'agenda.ics.summary', { reason, caisse: a.point.organisationName }),
    description: `${renderMessage(locale, 'agenda.ics.reference', { reference: a.reference })}\n${a.description}`,
    location: `${a.point.name}, ${a.point.addressLine1}, ${a.point.postalCode} ${a.point.city}`,
    start: utcParts(a.slot.startsAt),
    startInputType: 'utc',
    startOutputType: 'utc',
    end: utcParts(a.slot.endsAt),
    endInputType: 'utc',
    endOutputType: 'utc',
    status: a.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED',
    method: 'PUBLISH',
  })
  if (error || !value) throw new AppError('notFound', 404)
  return { filename: `rendez-vous-${a.reference}.ics`, content: value }
}
