import { z } from 'zod'
import { addDays, addMonths, compareDates, type CalendarDate } from '@/lib/domain/dates'
import { AppError } from '@/lib/errors'

/**
 * Plausible data (issue 17 §2 and §7): the windows of the dates people type, the identity-name rule and the town-name
 * normalisation used to check a postal address against the official list (lib/services/address/communes.ts).
 * Pure: the windows are relative to the `today` the caller passes (never the clock).
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

/**
 * Refuses a date out of its window: AppError `procedureErrors.field.dateWindow` (422) with the field it concerns and
 * the window ("the date must be between {from} and {to}"), which the forms show next to the field.
 */
export function assertDateInWindow(date: CalendarDate, window: TDateWindow, today: CalendarDate, field: string): void {
  if (isInDateWindow(date, window, today)) return
  const { from, to } = dateWindowOn(window, today)
  throw new AppError('procedureErrors.field.dateWindow', 422, { field, from, to })
}

/**
 * A first name, last name or usual name (issue 17 §7): letters (accents included), spaces, hyphens and apostrophes,
 * 1–64 characters, starting with a letter. So no digits, no markup (<, >) and no spreadsheet formula (a leading =, +,
 * -, @ cannot pass). Message: procedureErrors.field.personName.
 */
export const PERSON_NAME_MAX = 64
const PERSON_NAME = /^\p{L}[\p{L}\p{M} '’-]*$/u
export function isPersonName(value: string): boolean {
  return value.length >= 1 && value.length <= PERSON_NAME_MAX && PERSON_NAME.test(value)
}
/** Spaces around and repeated inside are dropped ("Émily  anne" → "Émily anne"), then the rule applies. */
const collapse = (v: string) => v.trim().replace(/\s+/g, ' ')
export const ZPersonName = z
  .string({ error: 'procedureErrors.field.required' })
  .transform(collapse)
  .pipe(z.string().min(1, 'procedureErrors.field.required').refine(isPersonName, 'procedureErrors.field.personName'))
/** An optional name: empty → null. */
export const ZOptionalPersonName = z
  .string()
  .optional()
  .transform((v) => (v ? collapse(v) : ''))
  .refine((v) => !v || isPersonName(v), 'procedureErrors.field.personName')
  .transform((v) => v || null)

/**
 * A town name as compared with the official list: uppercase, no accents, hyphens/apostrophes/dots → spaces, one space
 * between words, "ST"/"STE" → "SAINT"/"SAINTE" (La Poste writes "ST ETIENNE", INSEE "Saint-Étienne"), a leading
 * article kept. "Saint-Étienne", "ST ETIENNE" and "saint etienne" all give "SAINT ETIENNE".
 */
export function normaliseTownName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/Œ/g, 'OE')
    .replace(/Æ/g, 'AE')
    .replace(/[-'’.,]/g, ' ')
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => (w === 'ST' ? 'SAINT' : w === 'STE' ? 'SAINTE' : w))
    .join(' ')
}
