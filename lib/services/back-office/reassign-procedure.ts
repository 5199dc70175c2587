import 'server-only'
import { getDb, type Tx } from '@/lib/db/client'
import { writeAudit } from '@/lib/db/repositories/audit'
import { assignProcedure, findAdvisorOf } from '@/lib/db/repositories/back-office'
import { findProcedureInScope } from '@/lib/db/repositories/procedures'
import { can } from '@/lib/auth/permissions'
import { AppError } from '@/lib/errors'
import { ZReassignProcedure } from '@/lib/schemas/back-office'
import { auditRole, type TActor, type TRequestContext } from '../procedures/common'

/** Who may give a procedure to someone else: supervisors (update:assignment:any). Else 403 forbidden. */
export function assertCanReassign(actor: TActor): void {
  if (actor.role !== 'supervisor' || !can(actor.role, 'update:assignment:any')) throw new AppError('forbidden', 403)
}

/**
 * The write of a reassignment in the caller's transaction: the assignee, and the audit event (from → to). Shared by
 * the request page (one procedure) and the queue's bulk action (several, one transaction).
 */
export async function reassignInTransaction(
  tx: Tx,
  actor: TActor,
  procedure: { id: string; reference: string; insuredId: string | null; assignedToId: string | null },
  assignee: { id: string },
  ctx: Partial<TRequestContext> & { bulk?: boolean },
): Promise<void> {
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
    details: { reference: procedure.reference, from: procedure.assignedToId, to: assignee.id, ...(ctx.bulk ? { bulk: true } : {}) },
  })
}

/**
 * A supervisor gives a procedure to an advisor of the procedure's caisse. Audited (from → to) in the same
 * transaction. Errors: forbidden (not a supervisor), notFound (procedure), backoffice.errors.assignee (422).
 */
export async function reassignProcedure({ actor, input, ...ctx }: { actor: TActor; input: unknown } & TRequestContext): Promise<{ assigneeId: string; assigneeName: string }> {
  assertCanReassign(actor)
  const data = ZReassignProcedure.parse(input)
  const db = getDb()
  // Supervisors act on every caisse (organisationId: null = no caisse filter).
  const procedure = await findProcedureInScope(db, data.procedureId, { organisationId: null })
  if (!procedure) throw new AppError('notFound', 404)
  const assignee = await findAdvisorOf(db, data.assigneeId, procedure.organisationId)
  if (!assignee) throw new AppError('backoffice.errors.assignee', 422, { field: 'assigneeId' })
  await db.$transaction(async (tx) => {
    await reassignInTransaction(tx, actor, procedure, assignee, ctx)
  })
  return { assigneeId: assignee.id, assigneeName: assignee.displayName }
}
