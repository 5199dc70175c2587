/**
 * The daily amounts a recorded leave is paid with, per kind (RULEBOOK §6 and Corrections C6): an illness leave
 * one daily amount (computeDailyAmount: 3 salaries capped at the SMIC ratio, / 91.25, 50 %); a work
 * accident or occupational disease the AT/MP formula of the simulator (last month / 30.42 capped, 60 % up to day 28,
 * 80 % from day 29, no waiting day); its 50 % taxable share is applied by the tax statement. Pure.
 */
import { calendarDate, type CalendarDate } from '../dates';
import type { Cents } from '../money';
import { allow, refuse, type Decision } from '../procedures/decision';
import type { RuleSet } from '../rules/rule-set';
import { computeDailyAmount, type TSickLeaveKind } from './compute';
import { simulateAllowance } from './simulate';

export type TAllowanceTerms = {
  /** Daily gross amount from the first paid day. */
  dailyGross: Cents;
  /** From the `fromDay`-th day of the leave (day 1 = its first day), the daily gross becomes `dailyGross`. */
  increase: { fromDay: number; dailyGross: Cents } | null;
};

export function allowanceTermsFor(kind: TSickLeaveKind, salaries: readonly Cents[], startDate: CalendarDate, rules: RuleSet): Decision<TAllowanceTerms> {
  if (kind === 'work-accident' || kind === 'occupational-disease') {
    const out = simulateAllowance({ kind, startDate, endDate: startDate, salaries, initial: true }, rules);
    if (!out.ok) return refuse(out.errors.some((e) => e.path === 'salaries') ? 'procedureErrors.sickLeave.salaries' : 'procedureErrors.sickLeave.noRules');
    const fromDay = rules.rowAt('ij.work-accident.increased-from-day', startDate);
    if (!fromDay || out.result.dailyGrossFrom29 === undefined) return refuse('procedureErrors.sickLeave.noRules');
    return allow({ dailyGross: out.result.dailyGross, increase: { fromDay: fromDay.value, dailyGross: out.result.dailyGrossFrom29 } });
  }
  const amount = computeDailyAmount(salaries, startDate, rules);
  if (!amount.ok) return amount;
  return allow({ dailyGross: amount.value.dailyGross, increase: null });
}

/**
 * The day-29 increase of a recorded work accident / occupational disease, from its stored salaries (oldest first),
 * for leaveSchedule; nothing for other kinds (their stored daily amount applies throughout). The 50 % taxable share
 * is applied by the tax statement (services/documents/statements.ts), not here.
 */
export function workRelatedTerms(
  leave: { kind: string; startDate: string; salary1: number | null; salary2: number | null; salary3: number | null },
  rules: RuleSet,
): { increase?: TAllowanceTerms['increase'] } {
  if (leave.kind !== 'work-accident' && leave.kind !== 'occupational-disease') return {};
  const salaries = [leave.salary1, leave.salary2, leave.salary3].filter((s): s is number => s !== null);
  const terms = allowanceTermsFor(leave.kind, salaries, calendarDate(leave.startDate), rules);
  return terms.ok ? { increase: terms.value.increase } : {};
}
