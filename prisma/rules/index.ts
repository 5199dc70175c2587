/**
 * The rule data shipped with the portal (ARCHITECTURE Conventions §3): dated parameters, one JSON file
 * per area, and the act catalogue. The seed loads the parameters into the RuleParameter table (where a
 * supervisor can add future-dated rows); unit tests and the public simulator's fallback read them here.
 */
import type { RuleRow } from '../../lib/domain/rules/rule-set'
import type { ActDefinition } from '../../lib/domain/reimbursement/acts'
import acts from './acts.json'
import tariffs from './tariffs.json'
import rates from './rates.json'
import deductions from './deductions.json'
import complementary from './complementary.json'
import dailyAllowances from './daily-allowances.json'
import css from './css.json'
import procedures from './procedures.json'
import affiliation from './affiliation.json'
import queueSla from './queue-sla.json'

export const ruleFiles = { tariffs, rates, deductions, complementary, dailyAllowances, css, procedures, affiliation, queueSla } as const

export const bundledRuleRows: readonly RuleRow[] = Object.values(ruleFiles).flatMap((file) => file.rows as RuleRow[])

export const bundledActs: readonly ActDefinition[] = acts.acts as ActDefinition[]
