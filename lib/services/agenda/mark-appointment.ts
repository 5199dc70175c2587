import 'server-only'
import { getDb } from '@/lib/db/client'
import { writeAudit } from '@/lib/db/repositories/audit'
import { findAppointmentInScope, setAppointmentOutcome } from '@/lib/db/repositories/agenda'
import { AppError } from '@/lib/errors'
import { ZMarkAppointment } from '@/lib/schemas/agenda'
import { auditRole, staffScope, type TActor, type TRequestContext } from '@/lib/services/procedures/common'

/**
 * Advisor: records that an appointment took place ("done") or that the person did not come ("no-show"), once it has
 * started; at a point of the advisor's caisse (supervisors: any). Audited in the same transaction.
 * Errors: forbidden, notFound, officeAgenda.errors.{notStarted, notBooked}.
 */
export async function markAppointment({ actor, input, ...ctx }: { actor: TActor; input: unknown } & TRequestContext): Promise<{ id: string; status: string }> {
  const db = getDb()
  const scope = staffScope(actor, 'update:agenda:caisse')
  const data = ZMarkAppointment.parse(input)
  const now = ctx.now
  const a = await findAppointmentInScope(db, data.appointmentId, scope)
  if (!a) throw new AppError('notFound', 404)
  if (a.slot.startsAt.getTime() > now.getTime()) throw new AppError('officeAgenda.errors.notStarted', 422)
  return db.$transaction(async (tx) => {
    if (!(await setAppointmentOutcome(tx, a.id, data.outcome))) throw new AppError('officeAgenda.errors.notBooked', 409)
    await writeAudit(tx, {
      actorUserId: actor.id, actorRole: auditRole(actor), action: `appointment.${data.outcome}`, targetType: 'appointment', targetId: a.id, insuredId: a.insuredId,
      ip: ctx.ip ?? null, userAgent: ctx.userAgent ?? null, details: { reference: a.reference, previous: a.status },
    })
    return { id: a.id, status: data.outcome }
  })
}
