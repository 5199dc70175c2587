import type { Db, Tx } from '../client'
import type { RuleRow, RuleUnit } from '@/lib/domain/rules/rule-set'

/** Every dated rule parameter, as plain rows (the engine compiles them). */
export async function listRuleRows(db: Db | Tx): Promise<RuleRow[]> {
  const rows = await db.ruleParameter.findMany({
    select: { key: true, value: true, unit: true, from: true, to: true, source: true, note: true },
    orderBy: [{ key: 'asc' }, { from: 'asc' }],
  })
  return rows.map((r) => ({ ...r, unit: r.unit as RuleUnit }))
}

/** A fingerprint that changes when a row is added or edited (cheap: count + latest creation). */
export async function ruleRowsVersion(db: Db | Tx): Promise<string> {
  const agg = await db.ruleParameter.aggregate({ _count: { _all: true }, _max: { createdAt: true } })
  return `${agg._count._all}:${agg._max.createdAt?.toISOString() ?? '-'}`
}

/** Writes the shipped rule rows into an empty table (the seed); returns how many were written. */
export async function insertRuleRows(db: Db | Tx, rows: readonly RuleRow[]): Promise<number> {
  const result = await db.ruleParameter.createMany({
    data: rows.map((r) => ({ key: r.key, value: r.value, unit: r.unit, from: r.from, to: r.to ?? null, source: r.source, note: r.note ?? null })),
  })
  return result.count
}

export type TRuleRowDto = RuleRow & { id: string; createdAt: Date; createdBy: string | null }

/** Every row with who added it (the supervisor's tariff table). */
export async function listRuleRowsForAdmin(db: Db | Tx): Promise<TRuleRowDto[]> {
  const rows = await db.ruleParameter.findMany({
    select: { id: true, key: true, value: true, unit: true, from: true, to: true, source: true, note: true, createdAt: true, createdById: true },
    orderBy: [{ key: 'asc' }, { from: 'asc' }],
  })
  const authorIds = [...new Set(rows.map((r) => r.createdById).filter((id): id is string => id !== null))]
  const authors = authorIds.length ? await db.user.findMany({ where: { id: { in: authorIds } }, select: { id: true, displayName: true } }) : []
  const name = new Map(authors.map((a) => [a.id, a.displayName]))
  return rows.map(({ createdById, ...r }) => ({ ...r, unit: r.unit as RuleUnit, createdBy: createdById ? (name.get(createdById) ?? null) : null }))
}

/** Adds one dated row; returns its id. */
export async function insertRuleRow(db: Db | Tx, row: RuleRow, createdById: string): Promise<string> {
  const created = await db.ruleParameter.create({
    data: { key: row.key, value: row.value, unit: row.unit, from: row.from, to: row.to ?? null, source: row.source, note: row.note ?? null, createdById },
    select: { id: true },
  })
  return created.id
}
