import 'server-only'
import { getDb } from '@/lib/db/client'
import { writeAudit } from '@/lib/db/repositories/audit'
import { findAdvisor, findCardOrderReferences, findProceduresForAssignment, takeProcedureIfFree } from '@/lib/db/repositories/work-queue'
import { AppError } from '@/lib/errors'
import { QUEUE_OPEN_PROCEDURE_STATUSES, ZQueueBulk } from '@/lib/schemas/back-office'
import { auditRole, staffScope, type TActor, type TRequestContext } from '../procedures/common'
import { assertCanReassign, reassignInTransaction } from './reassign-procedure'

export type TSkipReason = 'taken' | 'already' | 'closed' | 'card-order' | 'not-found' | 'assignee-caisse'
export type TBulkOutcome = {
  mode: 'take' | 'assign'
  assignee: string | null
  done: { reference: string }[]
  skipped: { reference: string; reason: TSkipReason; by?: string | null }[]
}

/**
 * The queue's bulk action (issue 17 §7): take the selected requests ("assign to me"), or — supervisors, with the
 * existing reassignment's authorization and audit — give them to an advisor. Every key is checked against the
 * actor's scope in one transaction; each change is audited (procedure.take, procedure.reassign). Nothing is
 * forced: a request someone else took is skipped and named, as are closed requests, card orders (not assigned:
 * they follow the card workflow), an advisor of another caisse, and ids outside the scope (skipped as not found and
 * audited as staff.scope.denied, nothing disclosed).
 */
export async function assignQueueRequests({ actor, input, ...ctx }: { actor: TActor; input: unknown } & TRequestContext): Promise<TBulkOutcome> {
  const scope = staffScope(actor, 'update:procedure:caisse')
  const data = ZQueueBulk.parse(input)
  if (data.mode === 'assign') assertCanReassign(actor)
  const db = getDb()
  const assignee = data.mode === 'assign' ? await findAdvisor(db, data.assigneeId!) : null
  if (data.mode === 'assign' && !assignee) throw new AppError('backoffice.errors.assignee', 422, { field: 'assigneeId' })
  const keys = [...new Set(data.keys)]
  const split = keys.map((k) => {
    const at = k.indexOf(':')
    return { kind: k.slice(0, at) as 'procedure' | 'card-order', id: k.slice(at + 1) }
  })
  const bulk = keys.length > 1
  return db.$transaction(async (tx) => {
    const procedures = new Map((await findProceduresForAssignment(tx, split.filter((s) => s.kind === 'procedure').map((s) => s.id))).map((p) => [p.id, p]))
    const orders = new Map((await findCardOrderReferences(tx, split.filter((s) => s.kind === 'card-order').map((s) => s.id), scope)).map((o) => [o.id, o]))
    const outcome: TBulkOutcome = { mode: data.mode, assignee: assignee?.displayName ?? null, done: [], skipped: [] }
    for (const { kind, id } of split) {
      const p = kind === 'procedure' ? procedures.get(id) : undefined
      const inScope = kind === 'procedure' ? p !== undefined && (scope === null || p.organisationId === scope) : orders.has(id)
      if (!inScope) {
        await writeAudit(tx, {
          actorUserId: actor.id, actorRole: auditRole(actor), action: 'staff.scope.denied', targetType: kind, targetId: id.slice(0, 100), outcome: 'denied',
          ip: ctx.ip ?? null, userAgent: ctx.userAgent ?? null, details: { organisationId: actor.organisationId, via: 'queue.bulk' },
        })
        outcome.skipped.push({ reference: id, reason: 'not-found' })
        continue
      }
      if (!p) {
        outcome.skipped.push({ reference: orders.get(id)!.reference, reason: 'card-order' })
        continue
      }
      if (!(QUEUE_OPEN_PROCEDURE_STATUSES as readonly string[]).includes(p.status)) {
        outcome.skipped.push({ reference: p.reference, reason: 'closed' })
        continue
      }
      if (data.mode === 'take') {
        if (p.assignedToId === actor.id) {
          outcome.skipped.push({ reference: p.reference, reason: 'already', by: p.assignedTo })
          continue
        }
        if (p.assignedToId !== null || !(await takeProcedureIfFree(tx, p.id, actor.id))) {
          outcome.skipped.push({ reference: p.reference, reason: 'taken', by: p.assignedTo })
          continue
        }
        await writeAudit(tx, {
          actorUserId: actor.id, actorRole: auditRole(actor), action: 'procedure.take', targetType: 'procedure', targetId: p.id, insuredId: p.insuredId,
          ip: ctx.ip ?? null, userAgent: ctx.userAgent ?? null, details: { reference: p.reference, from: null, to: actor.id, ...(bulk ? { bulk: true } : {}) },
        })
        outcome.done.push({ reference: p.reference })
        continue
      }
      const to = assignee!
      if (p.assignedToId === to.id) {
        outcome.skipped.push({ reference: p.reference, reason: 'already', by: to.displayName })
        continue
      }
      if (to.organisationId !== p.organisationId) {
        outcome.skipped.push({ reference: p.reference, reason: 'assignee-caisse', by: to.displayName })
        continue
      }
      await reassignInTransaction(tx, actor, p, to, { ...ctx, bulk })
      outcome.done.push({ reference: p.reference })
    }
    return outcome
  })
}
