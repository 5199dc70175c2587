import 'server-only'
import { getDb } from '@/lib/db/client'
import { findPersonOfInsured } from '@/lib/db/repositories/people'
import { loadRuleSet, todayOf } from './common'
import { vitaleOrderDecision } from './vitale-order-core'

export type TVitaleAvailability = { ok: true; kind: 'own' | 'on-request' } | { ok: false; error: string; details?: Record<string, unknown> }

/**
 * Before the form (issue 17 item 1): for each person of the file, whether a Vitale card can be ordered today and, if
 * not, why (card in use, order in progress, too young until a date, the wait after a block until a date); and the
 * figures of the rules to show (own card age, on-request age, wait after a block). The form's own check stays the
 * authority at submission.
 */
export async function vitaleAvailability(insuredId: string, beneficiaryIds: readonly string[], now: Date) {
  const db = getDb()
  const rules = await loadRuleSet(db)
  const today = todayOf(now)
  const persons = await Promise.all([null, ...beneficiaryIds].map((id) => findPersonOfInsured(db, insuredId, id)))
  const byPerson: Record<string, TVitaleAvailability> = {}
  for (const person of persons) {
    if (!person) continue
    const d = await vitaleOrderDecision(db, { insuredId, person, rules, now })
    byPerson[person.beneficiaryId ?? 'self'] = d.ok ? { ok: true, kind: d.value.kind } : { ok: false, error: d.error, ...(d.details ? { details: d.details as Record<string, unknown> } : {}) }
  }
  return {
    byPerson,
    rules: {
      ownAge: rules.valueAt('card.vitale.min-age.own', today),
      onRequestAge: rules.valueAt('card.vitale.min-age.on-request', today),
      waitDays: rules.valueAt('card.vitale.reorder-wait-days', today),
    },
  }
}
