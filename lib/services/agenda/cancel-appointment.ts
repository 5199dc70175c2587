import 'server-only'
import { getDb } from '@/lib/db/client'
import { writeAudit } from '@/lib/db/repositories/audit'
import { findAppointmentOfInsured, releaseSlotPlace, updateBookedAppointment } from '@/lib/db/repositories/agenda'
import { findInsuredFacts } from '@/lib/db/repositories/people'
import { canChangeAppointment } from '@/lib/domain/appointments/slots'
import { AppError } from '@/lib/errors'
import { ZCancelAppointment } from '@/lib/schemas/agenda'
import type { TActor, TRequestContext } from '@/lib/services/procedures/common'
import { notifyAppointment, ownInsuredId, TX_OPTIONS } from './common'

/**
 * Cancels one's appointment, until 24 hours before it: the status, the freed place, the audit event and the
 * notice in one transaction. The input must carry the confirmation (confirm=yes). Errors: notFound,
 * agenda.errors.{confirmCancel, tooLate, notBooked}.
 */
export async function cancelAppointment({ actor, input, ...ctx }: { actor: TActor; input: unknown } & TRequestContext): Promise<{ id: string; reference: string }> {
  const db = getDb()
  const insuredId = ownInsuredId(actor)
  const parsed = ZCancelAppointment.safeParse(input)
  if (!parsed.success) {
    if (parsed.error.issues.some((i) => i.path[0] === 'confirm')) throw new AppError('agenda.errors.confirmCancel', 422)
    throw parsed.error
  }
  const data = parsed.data
  const now = ctx.now
  const [insured, current] = await Promise.all([findInsuredFacts(db, insuredId), findAppointmentOfInsured(db, insuredId, data.appointmentId)])
  if (!insured || !current) throw new AppError('notFound', 404)
  if (current.status !== 'booked') throw new AppError('agenda.errors.notBooked', 409)
  if (!canChangeAppointment(current.slot.startsAt, now)) throw new AppError('agenda.errors.tooLate', 422)
  return db.$transaction(async (tx) => {
    if (!(await updateBookedAppointment(tx, current.id, { status: 'cancelled', cancelledAt: now }))) throw new AppError('agenda.errors.notBooked', 409)
    await releaseSlotPlace(tx, current.slot.id)
    await writeAudit(tx, {
      actorUserId: actor.id, actorRole: 'insured', action: 'appointment.cancel', targetType: 'appointment', targetId: current.id, insuredId, ip: ctx.ip ?? null, userAgent: ctx.userAgent ?? null,
      details: { reference: current.reference, slotId: current.slot.id, startsAt: current.slot.startsAt.toISOString() },
    })
    await notifyAppointment(tx, insured, 'cancelled', { reference: current.reference, reason: current.reason, point: current.point, startsAt: current.slot.startsAt })
    return { id: current.id, reference: current.reference }
  }, TX_OPTIONS)
}
