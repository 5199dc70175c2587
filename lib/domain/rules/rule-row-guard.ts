/**
 * Plausibility of a value a supervisor proposes for a dated rule (issue 17 §5: a GP base typed 3200 instead of
 * 32,00 paid 2 238 € for a visit; a base of 0, a rate of 150 % and a start in 9999 were accepted). Pure.
 */

/** A new value may start at most this many months after today (a date in 9999 is a typing error). */
export const RULE_ROW_HORIZON_MONTHS = 60

/** Past this relative change from the value in force, the supervisor must confirm (±50 %). */
export const BIG_CHANGE_PERCENT = 50

/** Why a value is refused for its rule, or null: the code is an i18n key under `tariffs.errors`. */
export function checkRuleValue(key: string, unit: string, value: number): 'rateRange' | 'zeroBase' | 'valueNegative' | 'percentRange' | null {
  if (!Number.isInteger(value) || value < 0) return 'valueNegative'
  // Reimbursement rates (rate.*) are a share of the base: 0 to 100 %.
  if (unit === 'percent' && key.startsWith('rate.')) return value <= 100 ? null : 'rateRange'
  if (unit === 'percent') return value <= 1000 ? null : 'percentRange'
  // A tariff of an act (act.X.base…) of 0 € would reimburse nothing: a typing error, not a tariff.
  if (unit === 'cents' && key.startsWith('act.') && value === 0) return 'zeroBase'
  return null
}

/** True when `proposed` moves more than ±50 % away from `current` (any change from 0 counts as large). */
export function isBigChange(current: number, proposed: number): boolean {
  if (current === 0) return proposed !== 0
  return Math.abs(proposed - current) * 100 > Math.abs(current) * BIG_CHANGE_PERCENT
}
