import 'server-only'
import { getDb } from '@/lib/db/client'
import { writeAudit } from '@/lib/db/repositories/audit'
import { approveRuleRowIfPending, findRuleRow, withdrawRuleRowIfActive } from '@/lib/db/repositories/rules'
import { can, type Role } from '@/lib/auth/permissions'
import { dayKey } from '@/lib/domain/rules/rule-set'
import { AppError } from '@/lib/errors'
import { ZRuleRowRef } from '@/lib/schemas/rules'
import { invalidateRuleEngine } from '@/lib/services/simulation/rule-engine'

type TReviewInput = {
  actor: { id: string; role: Role }
  input: unknown
  /** "YYYY-MM-DD" in Europe/Paris (the caller's clock). */
  today: string
  now: Date
  ip: string | null
  userAgent: string | null
}

async function loadRow(actor: TReviewInput['actor'], input: unknown) {
  if (!can(actor.role, 'update:tariffs:any')) throw new AppError('forbidden', 403)
  const parsed = ZRuleRowRef.safeParse(input)
  if (!parsed.success) throw new AppError('notFound', 404)
  const row = await findRuleRow(getDb(), parsed.data.rowId)
  if (!row) throw new AppError('notFound', 404)
  return row
}

/**
 * Four eyes (issue 17 §5): a second supervisor approves a pending row; from then on the engine applies it from its
 * date. The author cannot approve their own row; a row whose date has come while pending cannot be approved (it
 * would change amounts already computed): withdraw it and propose a new date. Audited; the engine is rebuilt.
 */
export async function approveRuleRow({ actor, input, today, now, ip, userAgent }: TReviewInput): Promise<{ key: string; from: string }> {
  const row = await loadRow(actor, input)
  if (row.status !== 'pending') throw new AppError('tariffs.errors.notPending', 409)
  if (row.createdById === actor.id) throw new AppError('tariffs.errors.ownRow', 403)
  if (dayKey(row.from) <= dayKey(today)) throw new AppError('tariffs.errors.startedWhilePending', 422)
  const db = getDb()
  await db.$transaction(async (tx) => {
    if (!(await approveRuleRowIfPending(tx, row.id, actor.id, now))) throw new AppError('tariffs.errors.notPending', 409)
    await writeAudit(tx, {
      actorUserId: actor.id,
      actorRole: actor.role,
      action: 'rule.approve',
      targetType: 'rule-parameter',
      targetId: row.id,
      details: { key: row.key, value: row.value, unit: row.unit, from: row.from, proposedBy: row.createdById },
      ip,
      userAgent,
    })
  })
  invalidateRuleEngine()
  return { key: row.key, from: row.from }
}

/**
 * Withdraws a row a supervisor added (pending or approved) before its start date: the engine stops applying it.
 * Rows shipped with the portal, and rows already in force, are history and cannot be withdrawn. Audited.
 */
export async function withdrawRuleRow({ actor, input, today, now, ip, userAgent }: TReviewInput): Promise<{ key: string; from: string }> {
  const row = await loadRow(actor, input)
  if (row.createdById === null) throw new AppError('tariffs.errors.shippedRow', 422)
  if (row.status === 'withdrawn') throw new AppError('tariffs.errors.alreadyWithdrawn', 409)
  if (dayKey(row.from) <= dayKey(today)) throw new AppError('tariffs.errors.alreadyStarted', 422)
  const db = getDb()
  await db.$transaction(async (tx) => {
    if (!(await withdrawRuleRowIfActive(tx, row.id, actor.id, now))) throw new AppError('tariffs.errors.alreadyWithdrawn', 409)
    await writeAudit(tx, {
      actorUserId: actor.id,
      actorRole: actor.role,
      action: 'rule.withdraw',
      targetType: 'rule-parameter',
      targetId: row.id,
      details: { key: row.key, value: row.value, unit: row.unit, from: row.from, previousStatus: row.status },
      ip,
      userAgent,
    })
  })
  invalidateRuleEngine()
  return { key: row.key, from: row.from }
}
