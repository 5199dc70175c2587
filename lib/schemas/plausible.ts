import { z } from 'zod'
import { type CalendarDate } from '@/lib/domain/dates'
import { dateWindowOn, isInDateWindow, type TDateWindow } from '@/lib/domain/date-windows'
import { AppError } from '@/lib/errors'

/**
 * Plausible data (issue 17 §2 and §7): the windows of the dates people type, the identity-name rule and the town-name
 * normalisation used to check a postal address against the official list (lib/services/address/communes.ts).
 * Pure: the windows are relative to the `today` the caller passes (never the clock).
 */

export { DATE_WINDOWS, dateWindowOn, isInDateWindow, type TDateWindow } from '@/lib/domain/date-windows'

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
