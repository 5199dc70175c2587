import 'server-only'
import { getDb } from '@/lib/db/client'
import { writeAudit } from '@/lib/db/repositories/audit'
import { findAppointmentOfInsured, lockInsuredRow, releaseSlotPlace, takeSlotPlace, updateBookedAppointment } from '@/lib/db/repositories/agenda'
import { findInsuredFacts } from '@/lib/db/repositories/people'
import { canChangeAppointment } from '@/lib/domain/appointments/slots'
import { AppError } from '@/lib/errors'
import { ZMoveAppointment } from '@/lib/schemas/agenda'
import type { TActor, TRequestContext } from '@/lib/services/procedures/common'
import { bookableSlot, slotFull } from './book-appointment'
import { notifyAppointment, ownInsuredId, TX_OPTIONS } from './common'

/**
 * Moves one's appointment to another free slot, until 24 hours before it (Paris time does not matter: it is a
 * duration). Atomic: the new place is taken and the old one given back in ONE transaction (in slot-id order, so
 * two people swapping slots cannot deadlock); if the new slot is full, nothing changes.
 * Errors: notFound, agenda.errors.{tooLate, notBooked, sameSlot, slotNotFound, slotPast, slotOutsideHours, slotFull}.
 */
export async function moveAppointment({ actor, input, ...ctx }: { actor: TActor; input: unknown } & TRequestContext): Promise<{ id: string; reference: string; startsAt: Date }> {
  const db = getDb()
  const insuredId = ownInsuredId(actor)
  const data = ZMoveAppointment.parse(input)
  const now = ctx.now
  const [insured, current] = await Promise.all([findInsuredFacts(db, insuredId), findAppointmentOfInsured(db, insuredId, data.appointmentId)])
  if (!insured || !current) throw new AppError('notFound', 404)
  if (current.status !== 'booked') throw new AppError('agenda.errors.notBooked', 409)
  if (!canChangeAppointment(current.slot.startsAt, now)) throw new AppError('agenda.errors.tooLate', 422)
  if (current.slot.id === data.slotId) throw new AppError('agenda.errors.sameSlot', 422)
  const { slot, point } = await bookableSlot(insured, data.slotId, now)
  return db.$transaction(async (tx) => {
    await lockInsuredRow(tx, insuredId)
    const steps = [
      { id: current.slot.id, run: () => releaseSlotPlace(tx, current.slot.id).then(() => true) },
      { id: slot.id, run: () => takeSlotPlace(tx, slot.id, now) },
    ].sort((a, b) => (a.id < b.id ? -1 : 1))
    for (const step of steps) if (!(await step.run())) throw slotFull()
    if (!(await updateBookedAppointment(tx, current.id, { slotId: slot.id, reminderSentAt: null }))) throw new AppError('agenda.errors.notBooked', 409)
    await writeAudit(tx, {
      actorUserId: actor.id, actorRole: 'insured', action: 'appointment.move', targetType: 'appointment', targetId: current.id, insuredId, ip: ctx.ip ?? null, userAgent: ctx.userAgent ?? null,
      details: { reference: current.reference, fromSlotId: current.slot.id, from: current.slot.startsAt.toISOString(), toSlotId: slot.id, to: slot.startsAt.toISOString() },
    })
    await notifyAppointment(tx, insured, 'moved', { reference: current.reference, reason: current.reason, point, startsAt: slot.startsAt })
    return { id: current.id, reference: current.reference, startsAt: slot.startsAt }
  }, TX_OPTIONS)
}
