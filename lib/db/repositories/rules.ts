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
