/**
 * Daily allowances (indemnités journalières, IJ maladie of employees), RULEBOOK §6 and IJ examples A and B.
 *  - each of the 3 last monthly gross salaries is capped at ratio × monthly SMIC: the ratio in force on the leave's
 *    first day (1.8 SMIC for leaves starting ≤ 31/03/2025, 1.4 SMIC from 01/04/2025), the SMIC in force on the last
 *    day of the month before the leave starts (R323-4, RULEBOOK Corrections C5), the cap rounded half-up to the cent;
 *  - SJB = sum / 91.25; IJ = 50 % SJB, rounded half-up to the cent (computed exactly: sum × 50 / 9 125);
 *  - 3 waiting days (carence) at the start of an initial illness leave (none for an extension or a work accident);
 *  - per payment period: gross = IJ × days; CSG 6.2 %, CRDS 0.5 % (each rounded half-up); net = gross − CSG − CRDS;
 *    "net fiscal" (tax statement) = gross − deductible CSG (3.8 %).
 * Every figure is a rule row (prisma/rules/daily-allowances.json). Pure.
 */
import { addDays, compareDates, daysBetween, type CalendarDate } from '../dates';
import { basisPointsOf, percentOf, type Cents } from '../money';
import type { RuleSet } from '../rules/rule-set';
import { allow, refuse, type Decision } from '../procedures/decision';

export type TSickLeaveKind = 'illness' | 'work-accident' | 'occupational-disease' | 'maternity' | 'paternity';

/**
 * The day whose SMIC caps the salaries of a leave starting on `startDate`: the last day of the month before
 * (R323-4, RULEBOOK Corrections C5), or the first day itself when the rule row says so (value 0).
 */
export function smicReferenceDate(startDate: CalendarDate, rules: RuleSet): CalendarDate {
  const previousMonthEnd = rules.rowAt('ij.smic-reference.previous-month-end', startDate)?.value ?? 1;
  if (previousMonthEnd === 0) return startDate;
  return addDays(`${startDate.slice(0, 8)}01` as CalendarDate, -1);
}

export type TDailyAmount = {
  /** Monthly SMIC (on the last day of the month before the leave) and cap ratio (percent, on the first day). */
  smicMonthly: Cents;
  smicDate: CalendarDate;
  capRatioPercent: number;
  /** Cap per monthly salary. */
  monthlyCap: Cents;
  cappedSalaries: Cents[];
  /** SJB in hundredths of a cent (exact enough to show "106.63 €"). */
  sjbCentsTimes100: number;
  dailyGross: Cents;
};

/** The gross daily allowance of a leave starting on `startDate`, from the last monthly gross salaries. */
export function computeDailyAmount(salaries: readonly Cents[], startDate: CalendarDate, rules: RuleSet): Decision<TDailyAmount> {
  const months = rules.valueAt('ij.reference-months', startDate);
  if (salaries.length !== months) return refuse('procedureErrors.sickLeave.salaries', { months });
  if (salaries.some((s) => !Number.isSafeInteger(s) || s < 0)) return refuse('procedureErrors.sickLeave.salaries', { months });
  const smicDate = smicReferenceDate(startDate, rules);
  const smicRow = rules.rowAt('smic.monthly', smicDate);
  if (!smicRow) return refuse('procedureErrors.sickLeave.noRules', { date: startDate });
  const smicMonthly = smicRow.value;
  const capRatioPercent = rules.valueAt('ij.cap.smic-ratio', startDate);
  const monthlyCap = percentOf(smicMonthly, capRatioPercent);
  const cappedSalaries = salaries.map((s) => Math.min(s, monthlyCap));
  const sum = cappedSalaries.reduce((a, b) => a + b, 0);
  const divisor = rules.valueAt('ij.sjb-divisor-hundredths', startDate);
  const rate = rules.valueAt('ij.rate', startDate);
  // IJ = rate% × sum / (divisor/100) = sum × rate / divisor, half-up (integers, exact).
  const dailyGross = Math.floor((2 * sum * rate + divisor) / (2 * divisor));
  return allow({ smicMonthly, smicDate, capRatioPercent, monthlyCap, cappedSalaries, sjbCentsTimes100: Math.round((sum * 10_000) / divisor), dailyGross });
}

/** Waiting days of a leave: the rule's carence for an initial illness leave, none for an extension or AT/MP. */
export function waitingDaysFor(kind: TSickLeaveKind, prescription: 'initial' | 'extension', startDate: CalendarDate, rules: RuleSet): number {
  if (prescription === 'extension' || kind === 'work-accident' || kind === 'occupational-disease') return 0;
  return rules.valueAt('ij.waiting-days', startDate);
}

export type TAllowancePeriod = {
  fromDate: CalendarDate;
  toDate: CalendarDate;
  days: number;
  dailyGross: Cents;
  gross: Cents;
  csg: Cents;
  crds: Cents;
  net: Cents;
  taxable: Cents;
  /** The day this period is paid (last day + the payment delay). */
  payOn: CalendarDate;
};

/** Gross, levies, net and net fiscal of `days` allowances of `dailyGross` (rates looked up at `date`). */
export function allowanceAmounts(dailyGross: Cents, days: number, date: CalendarDate, rules: RuleSet): Pick<TAllowancePeriod, 'gross' | 'csg' | 'crds' | 'net' | 'taxable'> {
  const gross = dailyGross * days;
  const csg = basisPointsOf(gross, rules.valueAt('ij.csg', date));
  const crds = basisPointsOf(gross, rules.valueAt('ij.crds', date));
  const deductible = basisPointsOf(gross, rules.valueAt('ij.csg-deductible', date));
  return { gross, csg, crds, net: gross - csg - crds, taxable: gross - deductible };
}

export type TLeaveSchedule = {
  totalDays: number;
  waitingDays: number;
  /** First day paid (after the waiting days), null when the leave is shorter than the waiting period. */
  firstPaidDay: CalendarDate | null;
  periods: TAllowancePeriod[];
  totals: { days: number; gross: Cents; csg: Cents; crds: Cents; net: Cents; taxable: Cents };
};

/**
 * The payment schedule of a leave: the days after the waiting days, cut into payment periods of the rule's
 * length (14 days), each paid a few days after its last day. A work-related leave's daily amount increases from a
 * given day (`increase`, day 1 = the leave's first day: 80 % from day 29): a period is cut there, so that each
 * period has one daily amount. `taxable` is the net fiscal amount: the tax statement applies the AT/MP 50 % share.
 */
export function leaveSchedule(
  leave: {
    startDate: CalendarDate;
    endDate: CalendarDate;
    waitingDays: number;
    dailyGross: Cents;
    increase?: { fromDay: number; dailyGross: Cents } | null;
  },
  rules: RuleSet,
): Decision<TLeaveSchedule> {
  if (compareDates(leave.endDate, leave.startDate) < 0) return refuse('procedureErrors.sickLeave.dates');
  const totalDays = daysBetween(leave.startDate, leave.endDate) + 1;
  const periodLength = rules.valueAt('ij.payment-period-days', leave.startDate);
  const delay = rules.valueAt('ij.payment-delay-days', leave.startDate);
  const periods: TAllowancePeriod[] = [];
  const firstPaid = leave.waitingDays < totalDays ? addDays(leave.startDate, leave.waitingDays) : null;
  const increaseOn = leave.increase ? addDays(leave.startDate, leave.increase.fromDay - 1) : null;
  if (firstPaid) {
    let from = firstPaid;
    while (compareDates(from, leave.endDate) <= 0) {
      const candidate = addDays(from, periodLength - 1);
      let to = compareDates(candidate, leave.endDate) < 0 ? candidate : leave.endDate;
      const increased = increaseOn !== null && compareDates(from, increaseOn) >= 0;
      if (increaseOn !== null && !increased && compareDates(to, increaseOn) >= 0) to = addDays(increaseOn, -1);
      const daily = increased && leave.increase ? leave.increase.dailyGross : leave.dailyGross;
      const days = daysBetween(from, to) + 1;
      periods.push({ fromDate: from, toDate: to, days, dailyGross: daily, ...allowanceAmounts(daily, days, leave.startDate, rules), payOn: addDays(to, delay) });
      from = addDays(to, 1);
    }
  }
  const sum = (k: 'days' | 'gross' | 'csg' | 'crds' | 'net' | 'taxable') => periods.reduce((a, p) => a + p[k], 0);
  return allow({
    totalDays,
    waitingDays: Math.min(leave.waitingDays, totalDays),
    firstPaidDay: firstPaid,
    periods,
    totals: { days: sum('days'), gross: sum('gross'), csg: sum('csg'), crds: sum('crds'), net: sum('net'), taxable: sum('taxable') },
  });
}
