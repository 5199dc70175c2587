/**
 * One CSS at a time (issue 17 §3): a person who already has a CSS application in progress, or a CSS right that runs
 * beyond the renewal window, cannot file another application. The renewal window opens `css.renewal.earliest-months`
 * before the right ends (ameli "Renouvellement de la Complémentaire santé solidaire": request at the latest 2 months
 * and at the earliest 4 months before the end of the rights; rule row in prisma/rules/css.json).
 *
 * Pure: the caller passes the periods, the open application, `today` and the rule set.
 */
import { addDays, addMonths, calendarDate, compareDates, type CalendarDate } from '../dates';
import type { RuleSet } from '../rules/rule-set';

export type TCssPeriod = { from: string; to: string | null; label: string | null; monthlyParticipation: number | null }

export type TCssApplicationBlock =
  /** An application not decided yet: follow it instead of filing another. */
  | { kind: 'application-running'; reference: string; status: string }
  /** A CSS right in force (or approved and starting later) that ends after the renewal window opens. */
  | { kind: 'css-running'; from: CalendarDate; to: CalendarDate | null; level: string | null; monthlyParticipation: number | null; renewalFrom: CalendarDate | null; renewalMonths: number }

/** The first day a renewal can be requested for a right ending on `to`: N months before the day after the end. */
export function cssRenewalOpensOn(to: CalendarDate, rules: RuleSet, today: CalendarDate): CalendarDate {
  return addMonths(addDays(to, 1), -rules.valueAt('css.renewal.earliest-months', today))
}

/** The end of the CSS that runs longest among those not ended on `today` (null: none, or one without an end). */
export function latestCssEnd(periods: readonly TCssPeriod[], today: CalendarDate): CalendarDate | null {
  let end: CalendarDate | null = null
  for (const p of periods) {
    if (p.to === null) return null
    const to = calendarDate(p.to)
    if (compareDates(to, today) >= 0 && (end === null || compareDates(to, end) > 0)) end = to
  }
  return end
}

/**
 * Why a new CSS application is refused on `today`, or null when one may be filed (no CSS, a CSS that has ended, or
 * one inside its renewal window). The running application wins: it is the thing to follow.
 */
export function cssApplicationBlock({
  periods,
  openApplication,
  today,
  rules,
}: {
  periods: readonly TCssPeriod[]
  openApplication: { reference: string; status: string } | null
  today: CalendarDate
  rules: RuleSet
}): TCssApplicationBlock | null {
  if (openApplication) return { kind: 'application-running', reference: openApplication.reference, status: openApplication.status }
  // The period that ends last among those not ended yet (an approved renewal starts after the current one).
  let latest: TCssPeriod | null = null
  for (const p of periods) {
    if (p.to !== null && compareDates(calendarDate(p.to), today) < 0) continue
    if (latest === null) latest = p
    else if (latest.to !== null && (p.to === null || compareDates(calendarDate(p.to), calendarDate(latest.to)) > 0)) latest = p
  }
  if (!latest) return null
  const to = latest.to === null ? null : calendarDate(latest.to)
  const renewalFrom = to === null ? null : cssRenewalOpensOn(to, rules, today)
  if (renewalFrom !== null && compareDates(today, renewalFrom) >= 0) return null
  const renewalMonths = rules.valueAt('css.renewal.earliest-months', today)
  return { kind: 'css-running', from: calendarDate(latest.from), to, level: latest.label, monthlyParticipation: latest.monthlyParticipation, renewalFrom, renewalMonths }
}
