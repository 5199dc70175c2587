import { addDays, addMonths, compareDates, type CalendarDate } from '@/lib/domain/dates'

/**
 * The date windows of the insured procedures (issue 17 §2), apart from lib/schemas/plausible.ts so that the forms
 * (client components, for their min/max) can read them without bringing zod into the browser. Pure: relative to the
 * `today` the caller passes (never the clock).
 */

/**
 * Every date window of the insured procedures, in one place, relative to today (Europe/Paris). `back`/`ahead` are
 * months (an age in years × 12); the window includes both ends. Why each one:
 */
export const DATE_WINDOWS = {
  /**
   * Birth declaration (Mes démarches › Déclarer une naissance): the form adds a NEWBORN to the parent's attestation
   * (usually done in the weeks after the birth, the maternity and the civil registry inform the caisse too). One year
   * back covers a late declaration; an older child is added as a beneficiary by the caisse, not with this form.
   * Never in the future (checkBirthDeclaration also says so).
   */
  newbornBirth: { back: 12, ahead: 0 },
  /** EHIC (CEAM) order: the departure is not in the past, and a card ordered more than a year ahead makes no sense. */
  ehicDeparture: { back: 0, ahead: 12 },
  /**
   * Address change: a move of up to a year ago (declared late) or planned up to 3 months ahead (the caisse applies
   * it at that date); older or further is a typing mistake.
   */
  addressEffective: { back: 12, ahead: 3 },
  /**
   * A person's birth date (CSS household members, affiliation applicant): not in the future, less than 120 years old.
   * (The affiliation's arrival date in France is bounded by checkResidence: not in the future, not before the birth.)
   */
  personBirth: { back: 120 * 12, ahead: 0 },
} as const satisfies Record<string, { back: number; ahead: number }>
export type TDateWindow = keyof typeof DATE_WINDOWS

/** The first and last accepted days of a window on `today`. A person born `back` months ago is out (age < 120). */
export function dateWindowOn(window: TDateWindow, today: CalendarDate): { from: CalendarDate; to: CalendarDate } {
  const w = DATE_WINDOWS[window]
  const from = w.back === 0 ? today : window === 'personBirth' ? addDays(addMonths(today, -w.back), 1) : addMonths(today, -w.back)
  return { from, to: addMonths(today, w.ahead) }
}

export function isInDateWindow(date: CalendarDate, window: TDateWindow, today: CalendarDate): boolean {
  const { from, to } = dateWindowOn(window, today)
  return compareDates(date, from) >= 0 && compareDates(date, to) <= 0
}
