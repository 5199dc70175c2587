import type { Db } from '../client'
import type { RuleRow, RuleUnit } from '../../domain/rules/rule-set'

/** Rule parameters stored in the database (loaded by the seed, added by supervisors). */
export async function listRuleParameterRows(db: Db): Promise<RuleRow[]> {
  const rows = await db.ruleParameter.findMany({ select: { key: true, value: true, unit: true, from: true, to: true, source: true, note: true } })
  return rows.map((r) => ({ ...r, unit: r.unit as RuleUnit }))
}
