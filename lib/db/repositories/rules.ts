import type { Db, Tx } from '../client'
import type { RuleRow, RuleUnit } from '@/lib/domain/rules/rule-set'

/** Every approved dated rule parameter, as plain rows (the engine compiles them; pending and withdrawn rows never reach it). */
export async function listRuleRows(db: Db | Tx): Promise<RuleRow[]> {
  const rows = await db.ruleParameter.findMany({
    where: { status: 'approved' },
    select: { key: true, value: true, unit: true, from: true, to: true, source: true, note: true },
    orderBy: [{ key: 'asc' }, { from: 'asc' }],
  })
  return rows.map((r) => ({ ...r, unit: r.unit as RuleUnit }))
}

/** A fingerprint that changes when a row is added, approved or withdrawn (cheap: count + latest change). */
export async function ruleRowsVersion(db: Db | Tx): Promise<string> {
  const agg = await db.ruleParameter.aggregate({ _count: { _all: true }, _max: { updatedAt: true } })
  return `${agg._count._all}:${agg._max.updatedAt?.toISOString() ?? '-'}`
}

/** Writes the shipped rule rows into an empty table (the seed); returns how many were written. */
export async function insertRuleRows(db: Db | Tx, rows: readonly RuleRow[]): Promise<number> {
  const result = await db.ruleParameter.createMany({
    data: rows.map((r) => ({ key: r.key, value: r.value, unit: r.unit, from: r.from, to: r.to ?? null, source: r.source, note: r.note ?? null })),
  })
  return result.count
}

export type TRuleRowStatus = 'approved' | 'pending' | 'withdrawn'

export type TRuleRowDto = RuleRow & {
  id: string
  createdAt: Date
  createdById: string | null
  createdBy: string | null
  status: TRuleRowStatus
  approvedBy: string | null
  withdrawnBy: string | null
}

/** Every row with who added, approved or withdrew it (the supervisor's tariff table). */
export async function listRuleRowsForAdmin(db: Db | Tx): Promise<TRuleRowDto[]> {
  const rows = await db.ruleParameter.findMany({
    select: { id: true, key: true, value: true, unit: true, from: true, to: true, source: true, note: true, createdAt: true, createdById: true, status: true, approvedById: true, withdrawnById: true },
    orderBy: [{ key: 'asc' }, { from: 'asc' }],
  })
  const staffIds = [...new Set(rows.flatMap((r) => [r.createdById, r.approvedById, r.withdrawnById]).filter((id): id is string => id !== null))]
  const staff = staffIds.length ? await db.user.findMany({ where: { id: { in: staffIds } }, select: { id: true, displayName: true } }) : []
  const name = new Map(staff.map((a) => [a.id, a.displayName]))
  const nameOf = (id: string | null) => (id ? (name.get(id) ?? null) : null)
  return rows.map(({ approvedById, withdrawnById, ...r }) => ({
    ...r,
    unit: r.unit as RuleUnit,
    status: r.status as TRuleRowStatus,
    createdBy: nameOf(r.createdById),
    approvedBy: nameOf(approvedById),
    withdrawnBy: nameOf(withdrawnById),
  }))
}

/** One stored row with its status (approval and withdrawal checks). */
export async function findRuleRow(db: Db | Tx, id: string) {
  const r = await db.ruleParameter.findUnique({ where: { id }, select: { id: true, key: true, value: true, unit: true, from: true, source: true, status: true, createdById: true } })
  return r ? { ...r, status: r.status as TRuleRowStatus } : null
}

/**
 * Adds one dated row waiting for a second supervisor's approval (four eyes); returns its id. A withdrawn row of the
 * same key and start date is reused (the pair is unique), so a withdrawn proposal can be proposed again.
 */
export async function insertPendingRuleRow(db: Db | Tx, row: RuleRow, createdById: string): Promise<string> {
  const data = { value: row.value, unit: row.unit, to: row.to ?? null, source: row.source, note: row.note ?? null, createdById, status: 'pending', approvedById: null, approvedAt: null, withdrawnById: null, withdrawnAt: null }
  const withdrawn = await db.ruleParameter.findFirst({ where: { key: row.key, from: row.from, status: 'withdrawn' }, select: { id: true } })
  if (withdrawn) {
    await db.ruleParameter.update({ where: { id: withdrawn.id }, data })
    return withdrawn.id
  }
  const created = await db.ruleParameter.create({ data: { key: row.key, from: row.from, ...data }, select: { id: true } })
  return created.id
}

/** Pending → approved, only if still pending (a concurrent approval or withdrawal wins once). */
export async function approveRuleRowIfPending(db: Db | Tx, id: string, approvedById: string, at: Date): Promise<boolean> {
  const { count } = await db.ruleParameter.updateMany({ where: { id, status: 'pending' }, data: { status: 'approved', approvedById, approvedAt: at } })
  return count === 1
}

/** Pending or approved → withdrawn, only if it is still in one of those states. */
export async function withdrawRuleRowIfActive(db: Db | Tx, id: string, withdrawnById: string, at: Date): Promise<boolean> {
  const { count } = await db.ruleParameter.updateMany({ where: { id, status: { in: ['pending', 'approved'] } }, data: { status: 'withdrawn', withdrawnById, withdrawnAt: at } })
  return count === 1
}
