import 'server-only'
import { getDb } from '@/lib/db/client'
import { writeAudit } from '@/lib/db/repositories/audit'
import { assignProcedure, findAdvisorOf } from '@/lib/db/repositories/back-office'
import { findProcedureInScope } from '@/lib/db/repositories/procedures'
import { can } from '@/lib/auth/permissions'
import { AppError } from '@/lib/errors'
import { ZReassignProcedure } from '@/lib/schemas/back-office'
import { auditRole, type TActor, type TRequestContext } from '../procedures/common'

/**
 * A supervisor gives a procedure to an advisor of the procedure's caisse. Audited (from → to) in the same
 * transaction. Errors: forbidden (not a supervisor), notFound (procedure), backoffice.errors.assignee (422).
 */
export async function reassignProcedure({ actor, input, ...ctx }: { actor: TActor; input: unknown } & TRequestContext): Promise<{ assigneeId: string; assigneeName: string }> {
  if (actor.role !== 'supervisor' || !can(actor.role, 'update:assignment:any')) throw new AppError('forbidden', 403)
  const data = ZReassignProcedure.parse(input)
  const db = getDb()
  // Supervisors act on every caisse (organisationId: null = no caisse filter).
  const procedure = await findProcedureInScope(db, data.procedureId, { organisationId: null })
  if (!procedure) throw new AppError('notFound', 404)
  const assignee = await findAdvisorOf(db, data.assigneeId, procedure.organisationId)
  if (!assignee) throw new AppError('backoffice.errors.assignee', 422, { field: 'assigneeId' })
  await db.$transaction(async (tx) => {
    await assignProcedure(tx, procedure.id, assignee.id)
    await writeAudit(tx, {
      actorUserId: actor.id,
      actorRole: auditRole(actor),
      action: 'procedure.reassign',
      targetType: 'procedure',
      targetId: procedure.id,
      insuredId: procedure.insuredId,
      ip: ctx.ip ?? null,
      userAgent: ctx.userAgent ?? null,
      details: { reference: procedure.reference, from: procedure.assignedToId, to: assignee.id },
    })
  })
  return { assigneeId: assignee.id, assigneeName: assignee.displayName }
}
