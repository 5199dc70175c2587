/**
 * The CSS eligibility simulator (SIMULATION-API.md "CSS eligibility"): one request (date, household members,
 * yearly income, Alsace-Moselle, overseas) → outcome, the two ceilings for that household at that date, the
 * monthly participation and the explanation steps. Built on assessCss (RULEBOOK §7, Corrections C7). A date with
 * no table is a typed error on `date`, never an exception. Pure.
 */
import { compareDates, type CalendarDate } from '../dates';
import { basisPointsOf, type Cents } from '../money';
import type { CompiledRow, RuleSet } from '../rules/rule-set';
import type { TExplanationStep } from '../daily-allowances/simulate';
import { assessCss, hasCssTable } from './eligibility';

export interface TCssRequest {
  id?: string;
  date: CalendarDate;
  members: readonly { birthDate: CalendarDate }[];
  yearlyIncome: Cents;
  alsaceMoselle: boolean;
  overseas: boolean;
}

export type TCssSimOutcome = 'free' | 'with-participation' | 'not-eligible';

export interface TCssResult {
  id?: string;
  outcome: TCssSimOutcome;
  freeCeiling: Cents;
  participationCeiling: Cents;
  monthlyParticipation: Cents;
  steps: TExplanationStep[];
}

export interface TCssError {
  path: string;
  code: string;
  params?: Record<string, string | number>;
}

export type TCssSimulation = { ok: true; result: TCssResult } | { ok: false; id?: string; errors: TCssError[] };

export function simulateCss(request: TCssRequest, rules: RuleSet): TCssSimulation {
  const fail = (errors: TCssError[]): TCssSimulation => (request.id === undefined ? { ok: false, errors } : { ok: false, id: request.id, errors });
  const noTable = (date: string) => fail([{ path: 'date', code: 'date.noTable', params: { date } }]);
  if (!hasCssTable(request.date, rules)) return noTable(request.date);
  for (let i = 0; i < request.members.length; i++) {
    if (compareDates(request.members[i]!.birthDate, request.date) > 0) return fail([{ path: `members.${i}.birthDate`, code: 'members.birthDate.afterDate' }]);
  }
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
  const size = request.members.length;
  const overseasRow = request.overseas ? rules.rowAt('css.overseas.increase', request.date) : undefined;
  if (request.overseas && !overseasRow) return noTable(request.date);
  // The overseas ceilings are the métropole ones raised by the rule's share, truncated to the euro.
  const raise = (c: Cents) => (overseasRow ? Math.floor((c + basisPointsOf(c, overseasRow.value)) / 100) * 100 : c);
  const assessed = assessCss({ today: request.date, members: request.members, yearlyIncome: 0, alsaceMoselle: request.alsaceMoselle }, rules);
  if (!assessed.ok) return noTable(String(assessed.details?.date ?? request.date));
  const freeCeiling = raise(assessed.value.freeCeiling);
  const participationCeiling = raise(assessed.value.participationCeiling);
  const sizeKey = size <= 4 ? String(size) : 'extra';
  const freeRow = rules.rowAt(`css.ceiling.free.${sizeKey}`, request.date)!;
  const partRow = rules.rowAt(`css.ceiling.participation.${sizeKey}`, request.date)!;
  push('household', size, undefined, { size });
  push('ceiling.free', freeCeiling, freeRow, { size, from: freeRow.from });
  push('ceiling.participation', participationCeiling, partRow, { size });
  if (overseasRow) push('ceiling.overseas', 0, overseasRow, { rate: overseasRow.value / 100 });
  const income = request.yearlyIncome;
  const outcome: TCssSimOutcome = income <= freeCeiling ? 'free' : income <= participationCeiling ? 'with-participation' : 'not-eligible';
  push(`outcome.${outcome}`, income, outcome === 'free' ? freeRow : partRow, { income, free: freeCeiling, participation: participationCeiling });
  let monthlyParticipation = 0;
  if (outcome === 'with-participation') {
    const withParticipation = assessCss({ today: request.date, members: request.members, yearlyIncome: assessed.value.participationCeiling, alsaceMoselle: request.alsaceMoselle }, rules);
    if (!withParticipation.ok) return noTable(String(withParticipation.details?.date ?? request.date));
    const start = withParticipation.value.rightStart;
    const bandRow = rules.rowAt(`css.participation.${request.alsaceMoselle ? 'alsace-moselle.' : ''}band.1.amount`, start);
    withParticipation.value.members.forEach((m, i) => {
      push('participation.member', m.monthlyParticipation, bandRow, { member: i + 1, age: m.ageOnFirstJanuary, year: Number(start.slice(0, 4)), alsaceMoselle: request.alsaceMoselle ? 1 : 0 });
    });
    monthlyParticipation = withParticipation.value.monthlyParticipation;
    push('participation.total', monthlyParticipation, undefined, { rightStart: start });
  }
  const result: TCssResult = { id: request.id, outcome, freeCeiling, participationCeiling, monthlyParticipation, steps };
  if (request.id === undefined) delete result.id;
  return { ok: true, result };
}
