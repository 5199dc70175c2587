/**
 * Complémentaire santé solidaire (CSS/C2S) eligibility and monthly participation (RULEBOOK §7).
 * Yearly household resources compared with the ceilings for the household size (1–4 from the table, then
 * + the "extra" amount per further person): free ≤ free ceiling; with participation ≤ participation ceiling;
 * else not eligible. Participation: per person, by age on 1 January of the year in which the right starts (the
 * first day of the month after the decision), with the amounts in force that day, summed per month (Alsace-Moselle
 * has its own amounts). Ceilings from 01/04/2023 (RULEBOOK Corrections C7); a date with no table is a typed
 * refusal ('procedureErrors.css.noTable'), never an exception. All figures are rule rows (prisma/rules/css.json). Pure.
 */
import { addDays, addMonths, ageOnFirstJanuary, compareDates, type CalendarDate } from '../dates';
import type { Cents } from '../money';
import type { RuleSet } from '../rules/rule-set';
import { allow, refuse, type Decision } from '../procedures/decision';

export type TCssMember = { birthDate: CalendarDate };
export type TCssOutcome = 'free' | 'participation' | 'not-eligible';

export type TCssAssessment = {
  outcome: TCssOutcome;
  householdSize: number;
  yearlyIncome: Cents;
  freeCeiling: Cents;
  participationCeiling: Cents;
  /** Per member (in the given order): age on 1 January and monthly participation (0 when free or not eligible). */
  members: { birthDate: CalendarDate; ageOnFirstJanuary: number; monthlyParticipation: Cents }[];
  monthlyParticipation: Cents;
  /** The day the right would start, whose year sets the ages and the participation amounts. */
  rightStart: CalendarDate;
};

/** Whether a full CSS table (ceilings) is in force on `date`. */
export function hasCssTable(date: CalendarDate, rules: RuleSet): boolean {
  return ['free', 'participation'].every((kind) => ['1', '2', '3', '4', 'extra'].every((n) => rules.rowAt(`css.ceiling.${kind}.${n}`, date) !== undefined));
}

/** The yearly ceilings for a household of `size` people in force on `date`. */
export function cssCeilings(size: number, date: CalendarDate, rules: RuleSet): { free: Cents; participation: Cents } {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`household size must be ≥ 1, got ${size}`);
  const at = (kind: 'free' | 'participation') => {
    if (size <= 4) return rules.valueAt(`css.ceiling.${kind}.${size}`, date);
    return rules.valueAt(`css.ceiling.${kind}.4`, date) + (size - 4) * rules.valueAt(`css.ceiling.${kind}.extra`, date);
  };
  return { free: at('free'), participation: at('participation') };
}

/** Monthly participation of one person of `age` (on 1 January of the attribution year). */
export function cssParticipationForAge(age: number, date: CalendarDate, alsaceMoselle: boolean, rules: RuleSet): Cents {
  const bands = rules.valueAt('css.participation.bands', date);
  const prefix = alsaceMoselle ? 'css.participation.alsace-moselle.band' : 'css.participation.band';
  for (let band = 1; band < bands; band++) {
    if (age <= rules.valueAt(`css.participation.band.${band}.max-age`, date)) return rules.valueAt(`${prefix}.${band}.amount`, date);
  }
  return rules.valueAt(`${prefix}.${bands}.amount`, date);
}

/**
 * Eligibility on `today` of a household (the applicant first, then the other members) with `yearlyIncome`
 * (cents, resources of the last 12 months). Refuses only malformed input; "not eligible" is an outcome.
 */
export function assessCss(
  input: { today: CalendarDate; members: readonly TCssMember[]; yearlyIncome: Cents; alsaceMoselle: boolean },
  rules: RuleSet,
): Decision<TCssAssessment> {
  const { today, members, yearlyIncome } = input;
  if (members.length < 1) return refuse('procedureErrors.css.noMember');
  if (!Number.isSafeInteger(yearlyIncome) || yearlyIncome < 0) return refuse('procedureErrors.css.income');
  const size = members.length;
  if (!hasCssTable(today, rules)) return refuse('procedureErrors.css.noTable', { date: today });
  const { free, participation } = cssCeilings(size, today, rules);
  const outcome: TCssOutcome = yearlyIncome <= free ? 'free' : yearlyIncome <= participation ? 'participation' : 'not-eligible';
  const rightStart = firstDayOfNextMonth(today);
  if (outcome === 'participation' && !rules.rowAt('css.participation.bands', rightStart)) return refuse('procedureErrors.css.noTable', { date: rightStart });
  const year = Number(rightStart.slice(0, 4));
  const rows = members.map((m) => {
    const age = ageOnFirstJanuary(m.birthDate, year);
    return { birthDate: m.birthDate, ageOnFirstJanuary: age, monthlyParticipation: outcome === 'participation' ? cssParticipationForAge(age, rightStart, input.alsaceMoselle, rules) : 0 };
  });
  return allow({
    outcome,
    householdSize: size,
    yearlyIncome,
    freeCeiling: free,
    participationCeiling: participation,
    members: rows,
    monthlyParticipation: rows.reduce((sum, r) => sum + r.monthlyParticipation, 0),
    rightStart,
  });
}

function firstDayOfNextMonth(date: CalendarDate): CalendarDate {
  return addMonths(`${date.slice(0, 7)}-01` as CalendarDate, 1);
}

/**
 * The CSS period set on approval: from the first day of the month after `approvedOn`, for the attribution length. A
 * renewal (`currentEnd`: the running CSS ends on or after that day) starts the day after the running one ends, so
 * that the two never overlap and no day is lost (issue 17 §3).
 */
export function cssPeriod(approvedOn: CalendarDate, rules: RuleSet, currentEnd?: CalendarDate | null): { from: CalendarDate; to: CalendarDate } {
  const next = firstDayOfNextMonth(approvedOn);
  const from = currentEnd && compareDates(currentEnd, next) >= 0 ? addDays(currentEnd, 1) : next;
  return { from, to: addDays(addMonths(from, rules.valueAt('css.attribution.months', approvedOn)), -1) };
}
