import 'server-only'
import { getDb } from '@/lib/db/client'
import { writeAudit } from '@/lib/db/repositories/audit'
import { countUpcomingAppointments, createAppointment, findAppointmentByIdempotencyKey, findReceptionPoint, findSlot, hasBookingOnSlot, lockInsuredRow, takeSlotPlace, type TSlotDto } from '@/lib/db/repositories/agenda'
import { findInsuredFacts, type TInsuredFacts } from '@/lib/db/repositories/people'
import { CHANGE_LIMIT_HOURS, isBookableStart, isWithinOpeningHours, MAX_UPCOMING_APPOINTMENTS } from '@/lib/domain/appointments/slots'
import { AppError } from '@/lib/errors'
import { isUniqueViolation } from '@/lib/db/repositories/db-errors'
import { ZBookAppointment } from '@/lib/schemas/agenda'
import { newReference, type TActor, type TRequestContext } from '@/lib/services/procedures/common'
import { notifyAppointment, ownInsuredId, TX_OPTIONS } from './common'

/** created: false when the same form key had already booked it (double click, two submissions of one form). */
export type TBookingResult = { id: string; reference: string; startsAt: Date; pointName: string; created: boolean }

/** The appointment already booked with this key, for this person; another person's key is a conflict. */
async function bookedWithKey(insuredId: string, idempotencyKey: string | undefined): Promise<TBookingResult | null> {
  if (!idempotencyKey) return null
  const a = await findAppointmentByIdempotencyKey(getDb(), idempotencyKey)
  if (!a) return null
  if (a.insuredId !== insuredId) throw new AppError('procedureErrors.procedure.idempotencyConflict', 409)
  return { id: a.id, reference: a.reference, startsAt: a.slot.startsAt, pointName: a.slot.receptionPoint.name, created: false }
}

/**
 * Checks that a slot can be booked by this person: it exists at a reception point of their caisse that takes
 * appointments, has not started, and lies within the point's opening hours on a day that is not closed.
 * Errors: agenda.errors.{slotNotFound (404), slotPast, slotTooSoon (starts within the 24-hour cancellation delay), slotOutsideHours} (422).
 */
export async function bookableSlot(insured: Pick<TInsuredFacts, 'organisationId'>, slotId: string, now: Date) {
  const db = getDb()
  const slot = await findSlot(db, slotId)
  const point = slot ? await findReceptionPoint(db, slot.receptionPointId) : null
  if (!slot || !point || point.organisationId !== insured.organisationId || !point.byAppointment) throw new AppError('agenda.errors.slotNotFound', 404)
  if (slot.startsAt.getTime() <= now.getTime()) throw new AppError('agenda.errors.slotPast', 422)
  if (!isBookableStart(slot.startsAt, now)) throw new AppError('agenda.errors.slotTooSoon', 422, { hours: CHANGE_LIMIT_HOURS })
  const closed = point.closedDays.map((d) => d.date)
  if (slot.status !== 'open' || !isWithinOpeningHours(slot, point.hours, closed)) throw new AppError('agenda.errors.slotOutsideHours', 422)
  return { slot, point }
}

export function slotFull(): AppError {
  return new AppError('agenda.errors.slotFull', 409)
}

/**
 * Books an appointment with an advisor (issue 6 §2). In ONE transaction: the person's row is locked (their bookings
 * run one at a time, so "at most 2 upcoming" holds), one place of the slot is taken by a conditional UPDATE
 * (no double booking under concurrency), the appointment, its audit event and the confirmation e-mail are written.
 * The form's idempotencyKey (one per display) makes a double click or two submissions of one form book once: the
 * same key returns the first appointment (created: false), even when the second submission chose another slot.
 * Errors: forbidden, notFound, agenda.errors.{slotNotFound, slotPast, slotOutsideHours, tooMany, alreadyBooked, slotFull},
 * procedureErrors.procedure.idempotencyConflict (another person's key, 409).
 */
export async function bookAppointment({ actor, input, ...ctx }: { actor: TActor; input: unknown } & TRequestContext): Promise<TBookingResult> {
  const db = getDb()
  const insuredId = ownInsuredId(actor)
  const data = ZBookAppointment.parse(input)
  const now = ctx.now
  const existing = await bookedWithKey(insuredId, data.idempotencyKey)
  if (existing) return existing
  const insured = await findInsuredFacts(db, insuredId)
  if (!insured) throw new AppError('notFound', 404)
  const { slot, point } = await bookableSlot(insured, data.slotId, now)
  const book = (): Promise<TBookingResult> =>
    db.$transaction(async (tx) => {
      await lockInsuredRow(tx, insuredId)
      // Checked again under the person's lock: a second click waits for the first and then finds its appointment.
      if (data.idempotencyKey) {
        const again = await findAppointmentByIdempotencyKey(tx, data.idempotencyKey)
        if (again && again.insuredId === insuredId) return { id: again.id, reference: again.reference, startsAt: again.slot.startsAt, pointName: again.slot.receptionPoint.name, created: false }
      }
      if (await hasBookingOnSlot(tx, insuredId, slot.id)) throw new AppError('agenda.errors.alreadyBooked', 409)
      if ((await countUpcomingAppointments(tx, insuredId, now)) >= MAX_UPCOMING_APPOINTMENTS) throw new AppError('agenda.errors.tooMany', 422, { max: MAX_UPCOMING_APPOINTMENTS })
      if (!(await takeSlotPlace(tx, slot.id, now))) throw slotFull()
      const reference = newReference('RDV', now)
      const { id } = await createAppointment(tx, { reference, slotId: slot.id, insuredId, reason: data.reason, description: data.description, createdAt: now, idempotencyKey: data.idempotencyKey ?? null })
      await writeAudit(tx, {
        actorUserId: actor.id, actorRole: 'insured', action: 'appointment.book', targetType: 'appointment', targetId: id, insuredId, ip: ctx.ip ?? null, userAgent: ctx.userAgent ?? null,
        details: { reference, slotId: slot.id, startsAt: slot.startsAt.toISOString(), receptionPointId: point.id, reason: data.reason },
      })
      await notifyAppointment(tx, insured, 'confirmation', { reference, reason: data.reason, point, startsAt: slot.startsAt })
      return { id, reference, startsAt: slot.startsAt, pointName: point.name, created: true }
    }, TX_OPTIONS)
  try {
    return await book()
  } catch (error) {
    // Two clicks racing: the first one won (unique key); return its appointment.
    const first = isUniqueViolation(error, 'idempotencyKey') ? await bookedWithKey(insuredId, data.idempotencyKey) : null
    if (first) return first
    throw error
  }
}

export type { TSlotDto }
