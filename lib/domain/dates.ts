import { dateTimeFormat } from './intl-cache';
/**
 * Calendar dates ("YYYY-MM-DD", no time, no zone): dates of care, birth dates, rule validity.
 * ARCHITECTURE Conventions §10: compared as dates, never as strings or timestamps.
 * All arithmetic goes through UTC day numbers (Date.UTC), never local time. No clock access.
 */

export type CalendarDate = string & { __brand: 'CalendarDate' };

const MS_PER_DAY = 86_400_000;

interface Ymd {
  y: number;
  m: number; // 1–12
  d: number; // 1–31
}

/** Milliseconds at 00:00 UTC of a calendar day; month/day may overflow (Date.UTC semantics). */
function utcMs(y: number, m: number, d: number): number {
  if (y >= 100) return Date.UTC(y, m - 1, d);
  // Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear does not.
  const date = new Date(Date.UTC(2000, 0, 1));
  date.setUTCFullYear(y, m - 1, d);
  return date.getTime();
}

function daysInMonth(y: number, m: number): number {
  return new Date(utcMs(y, m + 1, 1) - MS_PER_DAY).getUTCDate();
}

function split(d: CalendarDate): Ymd {
  return { y: Number(d.slice(0, 4)), m: Number(d.slice(5, 7)), d: Number(d.slice(8, 10)) };
}

function fromParts(y: number, m: number, d: number): CalendarDate {
  if (y < 0 || y > 9999) throw new RangeError(`Year out of range: ${y}`);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` as CalendarDate;
}

/** Day number since 1970-01-01 (UTC). */
function dayNumber(d: CalendarDate): number {
  const { y, m, d: day } = split(d);
  return Math.round(utcMs(y, m, day) / MS_PER_DAY);
}

function fromDayNumber(n: number): CalendarDate {
  const date = new Date(n * MS_PER_DAY);
  return fromParts(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Whether `s` is exactly "YYYY-MM-DD" and that day exists (leap years included). Character arithmetic only:
 * the batch command checks millions of dates.
 */
export function isCalendarDate(s: string): boolean {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return false;
  let y = 0;
  for (let i = 0; i < 4; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return false;
    y = y * 10 + c;
  }
  const m1 = s.charCodeAt(5) - 48;
  const m2 = s.charCodeAt(6) - 48;
  const d1 = s.charCodeAt(8) - 48;
  const d2 = s.charCodeAt(9) - 48;
  if (m1 < 0 || m1 > 9 || m2 < 0 || m2 > 9 || d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9) return false;
  const m = m1 * 10 + m2;
  const d = d1 * 10 + d2;
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= (m === 2 && leap ? 29 : DAYS_IN_MONTH[m - 1]!);
}

/** Parses "YYYY-MM-DD"; returns null for any other shape or a day that does not exist (2023-02-30). */
export function parseCalendarDate(s: string): CalendarDate | null {
  return isCalendarDate(s) ? (s as CalendarDate) : null;
}

/** The former implementation, kept as the reference the fast check is tested against. */
export function parseCalendarDateSlow(s: string): CalendarDate | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return null;
  const y = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(y, month)) return null;
  return s as CalendarDate;
}

/** Like parseCalendarDate but throws RangeError; for literals in data and tests. */
export function calendarDate(s: string): CalendarDate {
  const d = parseCalendarDate(s);
  if (d === null) throw new RangeError(`Invalid calendar date: "${s}"`);
  return d;
}

/** −1 if a is before b, 0 if same day, 1 if after. */
export function compareDates(a: CalendarDate, b: CalendarDate): -1 | 0 | 1 {
  const diff = dayNumber(a) - dayNumber(b);
  return diff < 0 ? -1 : diff > 0 ? 1 : 0;
}

/** The earlier of two days (a when equal): a validity capped by an end date, a period clipped to today. */
export function earlierDate(a: CalendarDate, b: CalendarDate): CalendarDate {
  return compareDates(b, a) < 0 ? b : a;
}

/** The later of two days (a when equal): a start that cannot precede another start. */
export function laterDate(a: CalendarDate, b: CalendarDate): CalendarDate {
  return compareDates(b, a) > 0 ? b : a;
}

/** Adds n days (n may be negative). */
export function addDays(d: CalendarDate, n: number): CalendarDate {
  if (!Number.isInteger(n)) throw new RangeError(`addDays: n must be an integer, got ${n}`);
  return fromDayNumber(dayNumber(d) + n);
}

/** Adds n months, clamping to the end of the month (2024-01-31 + 1 → 2024-02-29). */
export function addMonths(d: CalendarDate, n: number): CalendarDate {
  if (!Number.isInteger(n)) throw new RangeError(`addMonths: n must be an integer, got ${n}`);
  const { y, m, d: day } = split(d);
  const total = y * 12 + (m - 1) + n;
  const ty = Math.floor(total / 12);
  const tm = total - ty * 12 + 1;
  return fromParts(ty, tm, Math.min(day, daysInMonth(ty, tm)));
}

/** Signed number of days from a to b (b − a): daysBetween(2023-06-15, 2023-06-16) = 1. */
export function daysBetween(a: CalendarDate, b: CalendarDate): number {
  return dayNumber(b) - dayNumber(a);
}

/** Age in full years on a date (a person born on 29 February gets one year older on 1 March in common years). */
export function ageOn(birthDate: CalendarDate, onDate: CalendarDate): number {
  const b = split(birthDate);
  const o = split(onDate);
  const hadBirthday = o.m > b.m || (o.m === b.m && o.d >= b.d);
  return o.y - b.y - (hadBirthday ? 0 : 1);
}

/** Age in full years on 1 January of `year` (RULEBOOK "Decisions": under-18 exemption). */
export function ageOnFirstJanuary(birthDate: CalendarDate, year: number): number {
  return ageOn(birthDate, fromParts(year, 1, 1));
}

/** True when from ≤ d ≤ to (both inclusive); no `to` means an open end. */
export function isWithin(d: CalendarDate, from: CalendarDate, to?: CalendarDate | null): boolean {
  return compareDates(d, from) >= 0 && (to == null || compareDates(d, to) <= 0);
}

/** The calendar day of an instant in a time zone (default Europe/Paris), via Intl. */
export function toCalendarDate(date: Date, timeZone = 'Europe/Paris'): CalendarDate {
  if (Number.isNaN(date.getTime())) throw new RangeError('toCalendarDate: invalid Date');
  const parts = dateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
  }).formatToParts(date);
  const get = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(parts.find((p) => p.type === type)?.value ?? Number.NaN);
  return fromParts(get('year'), get('month'), get('day'));
}

const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** Formats for display: "15/06/2023" (fr) or "15 Jun 2023" (en). */
export function formatDate(d: CalendarDate, locale: 'fr' | 'en'): string {
  const { y, m, d: day } = split(d);
  const yyyy = String(y).padStart(4, '0');
  if (locale === 'fr') return `${String(day).padStart(2, '0')}/${String(m).padStart(2, '0')}/${yyyy}`;
  return `${day} ${EN_MONTHS[m - 1]} ${yyyy}`;
}
