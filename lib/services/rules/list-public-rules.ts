import 'server-only'
import { parametersInForce, type PublicRuleGroup } from '@/lib/domain/rules/rule-catalogue'
import { ZPublicRulesDate } from '@/lib/schemas/rules'
import { getRuleSnapshot } from '@/lib/services/simulation/rule-engine'

export type TPublicRules =
  | { ok: true; date: string; groups: PublicRuleGroup[] }
  /** `error` is an i18n key under `rulesPage.errors`. */
  | { ok: false; error: 'date' | 'range' }

/**
 * The public rules page (issue 16 item 7): every parameter in force on a date, with its dated history and official
 * source. Reads the approved rows of the database (a supervisor's approved future row shows from its date; pending
 * and withdrawn rows never do), overlaid on the shipped rows exactly as the engine reads them (same cache). No
 * permission: the law in force is public. `date` is the raw query value; absent or empty = `today` (Paris, from the
 * caller's clock).
 */
export async function listPublicRules({ date, today }: { date: unknown; today: string }): Promise<TPublicRules> {
  const raw = date === undefined || date === null || (typeof date === 'string' && date.trim() === '') ? today : date
  const parsed = ZPublicRulesDate.safeParse(raw)
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message === 'range' ? 'range' : 'date' }
  const { rows } = await getRuleSnapshot()
  return { ok: true, date: parsed.data, groups: parametersInForce(rows, parsed.data) }
}
