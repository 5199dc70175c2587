/**
 * The daily-allowance simulator (SIMULATION-API.md "Daily allowances"): one request (kind, dates, salaries) → the
 * daily amount, waiting days, paid days, gross, CSG, CRDS, net and taxable totals, with the explanation steps.
 *  - illness: RULEBOOK §6 (3 salaries each capped at ratio × SMIC of the last day of the month before the leave,
 *    Corrections C5; / 91.25; 50 %; 3 waiting days for an initial leave);
 *  - work accident and occupational disease (Corrections C6): the last month's salary / 30.42, capped at the
 *    yearly ceiling's share; 60 % from day 1 to 28, 80 % from day 29; no waiting day; 50 % taxable;
 *  - maternity (Corrections C6): 3 salaries each capped at the monthly social-security ceiling, minus 21 %
 *    flat-rate charges, / 91.25; no waiting day.
 * Every figure is a dated rule row (prisma/rules/daily-allowances.json). A date with no rule row gives a typed
 * error, never an exception. Pure: no clock, no I/O.
 */
import { addDays, daysBetween, type CalendarDate } from '../dates';
import { basisPointsOf, percentOf, type Cents } from '../money';
import type { CompiledRow, RuleSet } from '../rules/rule-set';
import { smicReferenceDate } from './compute';

export const ALLOWANCE_KINDS = ['illness', 'work-accident', 'occupational-disease', 'maternity'] as const;
export type TAllowanceKind = (typeof ALLOWANCE_KINDS)[number];

export interface TAllowanceRequest {
  id?: string;
  kind: TAllowanceKind;
  startDate: CalendarDate;
  endDate: CalendarDate;
  /** Monthly gross salaries in cents, most recent last. */
  salaries: readonly Cents[];
  /** false for a prolongation: no new waiting days. */
  initial: boolean;
}

/** One explanation step: what a person reads (translated from `code` and `values`) and the rule it applies. */
export interface TExplanationStep {
  code: string;
  amount: Cents;
  values?: Record<string, string | number>;
  /** The dated rule row applied, the day it took effect, its source and the official page. */
  rule?: string;
  from?: string;
  source?: string;
  url?: string;
}

export interface TAllowanceResult {
  id?: string;
  dailyGross: Cents;
  dailyGrossFrom29?: Cents;
  waitingDays: number;
  paidDays: number;
  totalGross: Cents;
  csg: Cents;
  crds: Cents;
  totalNet: Cents;
  taxable: Cents;
  steps: TExplanationStep[];
}

export interface TAllowanceError {
  path: string;
  /** i18n key under `allowances.errors`. */
  code: string;
  params?: Record<string, string | number>;
}

export type TAllowanceOutcome = { ok: true; result: TAllowanceResult } | { ok: false; id?: string; errors: TAllowanceError[] };

const isWorkRelated = (kind: TAllowanceKind) => kind === 'work-accident' || kind === 'occupational-disease';

class MissingRule extends Error {
  constructor(readonly key: string, readonly date: string) {
    super(`${key}@${date}`);
  }
}

export function simulateAllowance(request: TAllowanceRequest, rules: RuleSet): TAllowanceOutcome {
  const fail = (errors: TAllowanceError[]): TAllowanceOutcome => (request.id === undefined ? { ok: false, errors } : { ok: false, id: request.id, errors });
  if (daysBetween(request.startDate, request.endDate) < 0) return fail([{ path: 'endDate', code: 'endDate.beforeStart' }]);
  try {
    return compute(request, rules, fail);
  } catch (e) {
    if (e instanceof MissingRule) return fail([{ path: 'startDate', code: 'startDate.noRules', params: { date: request.startDate } }]);
    throw e;
  }
}

function compute(request: TAllowanceRequest, rules: RuleSet, fail: (errors: TAllowanceError[]) => TAllowanceOutcome): TAllowanceOutcome {
  const start = request.startDate;
  const row = (key: string, date: string = start): CompiledRow => {
    const r = rules.rowAt(key, date);
    if (!r) throw new MissingRule(key, date);
    return r;
  };
  const steps: TExplanationStep[] = [];
  const push = (code: string, amount: Cents, r?: CompiledRow, values?: TExplanationStep['values']) => {
    const s: TExplanationStep = { code, amount };
    if (values) s.values = values;
    if (r) {
      s.rule = r.key;
      s.from = r.from;
      s.source = r.source;
      if (r.url) s.url = r.url;
    }
    steps.push(s);
  };
  const kind = request.kind;
  const workRelated = isWorkRelated(kind);
  const prefix = workRelated ? 'ij.work-accident' : kind === 'maternity' ? 'ij.maternity' : 'ij';
  const monthsRow = row(workRelated ? 'ij.work-accident.reference-months' : kind === 'maternity' ? 'ij.maternity.reference-months' : 'ij.reference-months');
  const months = monthsRow.value;
  if (request.salaries.length < months) return fail([{ path: 'salaries', code: 'salaries.tooFew', params: { months } }]);
  const salaries = request.salaries.slice(request.salaries.length - months);

  let dailyGross: Cents;
  let dailyGrossFrom29: Cents | undefined;
  if (kind === 'illness') {
    const smicDate = smicReferenceDate(start, rules);
    const smic = row('smic.monthly', smicDate);
    const ratio = row('ij.cap.smic-ratio');
    const cap = percentOf(smic.value, ratio.value);
    push('illness.cap', cap, smic, { smic: smic.value, smicDate, ratio: ratio.value / 100 });
    const capped = salaries.map((s) => Math.min(s, cap));
    const sum = capped.reduce((a, b) => a + b, 0);
    push('illness.reference', sum, monthsRow, { months, capped: capped.filter((c, i) => c < salaries[i]!).length });
    const divisor = row('ij.sjb-divisor-hundredths');
    const rate = row('ij.rate');
    push('illness.daily-base', Math.floor((2 * sum * 100 + divisor.value) / (2 * divisor.value)), divisor, { divisor: divisor.value / 100 });
    dailyGross = Math.floor((2 * sum * rate.value + divisor.value) / (2 * divisor.value));
    push('illness.daily-gross', dailyGross, rate, { rate: rate.value });
  } else if (workRelated) {
    const salary = salaries[0]!;
    const divisor = row('ij.work-accident.divisor-hundredths');
    const cap = row('ij.work-accident.daily-base-cap');
    const exactBase = Math.floor((2 * salary * 100 + divisor.value) / (2 * divisor.value));
    const capped = exactBase > cap.value;
    push('work.daily-base', capped ? cap.value : exactBase, divisor, { salary, divisor: divisor.value / 100 });
    if (capped) push('work.daily-base-capped', cap.value, cap, { uncapped: exactBase });
    const rate = row('ij.work-accident.rate');
    const rate29 = row('ij.work-accident.rate-from-day-29');
    const ij = (r: number) => (capped ? percentOf(cap.value, r) : Math.floor((2 * salary * r + divisor.value) / (2 * divisor.value)));
    dailyGross = ij(rate.value);
    dailyGrossFrom29 = ij(rate29.value);
    const fromDay = row('ij.work-accident.increased-from-day').value;
    push('work.daily-gross', dailyGross, rate, { rate: rate.value, lastDay: fromDay - 1 });
    push('work.daily-gross-29', dailyGrossFrom29, rate29, { rate: rate29.value, fromDay });
  } else {
    const ceiling = row('pass.monthly');
    const capped = salaries.map((s) => Math.min(s, ceiling.value));
    const sum = capped.reduce((a, b) => a + b, 0);
    push('maternity.reference', sum, ceiling, { months, ceiling: ceiling.value, capped: capped.filter((c, i) => c < salaries[i]!).length });
    const charges = row('ij.maternity.flat-charges');
    const afterCharges = sum - percentOf(sum, charges.value);
    push('maternity.charges', -percentOf(sum, charges.value), charges, { rate: charges.value });
    const divisor = row('ij.maternity.divisor-hundredths');
    const kept = 100 - charges.value;
    dailyGross = Math.floor((2 * sum * kept + divisor.value) / (2 * divisor.value));
    push('maternity.daily-gross', dailyGross, divisor, { afterCharges, divisor: divisor.value / 100 });
  }

  // Waiting days (carence), paid days.
  const totalDays = daysBetween(start, request.endDate) + 1;
  const waitingRow = row(`${prefix}.waiting-days`);
  const waitingDays = kind === 'illness' && !request.initial ? 0 : Math.min(waitingRow.value, totalDays);
  push(waitingDays > 0 ? 'waiting-days' : request.initial ? 'waiting-days.none' : 'waiting-days.prolongation', 0, waitingRow, {
    days: waitingDays,
    totalDays,
    firstPaid: waitingDays < totalDays ? addDays(start, waitingDays) : '',
  });
  const paidDays = totalDays - waitingDays;

  let totalGross: Cents;
  if (dailyGrossFrom29 !== undefined) {
    const fromDay = row('ij.work-accident.increased-from-day').value;
    // Days are counted from the leave's first day (no waiting day for work-related leaves).
    const lowDays = Math.min(paidDays, Math.max(0, fromDay - 1 - waitingDays));
    const highDays = paidDays - lowDays;
    totalGross = lowDays * dailyGross + highDays * dailyGrossFrom29;
    push('total-gross.work', totalGross, undefined, { lowDays, daily: dailyGross, highDays, dailyFrom29: dailyGrossFrom29 });
  } else {
    totalGross = paidDays * dailyGross;
    push('total-gross', totalGross, undefined, { days: paidDays, daily: dailyGross });
  }
  const csgRow = row('ij.csg');
  const crdsRow = row('ij.crds');
  const deductibleRow = row('ij.csg-deductible');
  const csg = basisPointsOf(totalGross, csgRow.value);
  const crds = basisPointsOf(totalGross, crdsRow.value);
  push('csg', -csg, csgRow, { rate: csgRow.value / 100 });
  push('crds', -crds, crdsRow, { rate: crdsRow.value / 100 });
  const totalNet = totalGross - csg - crds;
  push('net', totalNet);
  const netFiscal = totalGross - basisPointsOf(totalGross, deductibleRow.value);
  let taxable = netFiscal;
  if (workRelated) {
    const share = row('ij.work-accident.taxable-percent');
    taxable = percentOf(netFiscal, share.value);
    push('taxable.work', taxable, share, { netFiscal, rate: share.value, deductible: deductibleRow.value / 100 });
  } else {
    push('taxable', taxable, deductibleRow, { deductible: deductibleRow.value / 100 });
  }

  const result: TAllowanceResult = { id: request.id, dailyGross, waitingDays, paidDays, totalGross, csg, crds, totalNet, taxable, steps };
  if (dailyGrossFrom29 !== undefined) result.dailyGrossFrom29 = dailyGrossFrom29;
  if (request.id === undefined) delete result.id;
  return { ok: true, result };
}
