/**
 * Appointment rules (issue 6 §2): slots cut from a reception point's opening hours, the 24-hour limit to move or
 * cancel, at most 2 upcoming appointments, Paris wall-clock times converted to UTC instants. Pure: the clock is passed in.
 */
import { dateTimeFormat } from '../intl-cache';

export const APPOINTMENT_REASONS = ['work-accident', 'sick-leave', 'care-abroad', 'maternity-paternity', 'affiliation', 'css', 'card', 'other'] as const;
export type AppointmentReason = (typeof APPOINTMENT_REASONS)[number];

/** At most this many upcoming (booked, not yet started) appointments per person. */
export const MAX_UPCOMING_APPOINTMENTS = 2;
/** Moving or cancelling is possible until this many hours before the start. */
export const CHANGE_LIMIT_HOURS = 24;
export const AGENDA_TIME_ZONE = 'Europe/Paris';

export type OpeningRange = { weekday: number; opens: string; closes: string };

const toMinutes = (hhmm: string): number => {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};
const toHhmm = (minutes: number): string => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** ISO weekday (1 = Monday … 7 = Sunday) of a "YYYY-MM-DD" calendar date. */
export function isoWeekday(date: string): number {
  const d = new Date(`${date}T12:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

/** The offset of a time zone at an instant, in minutes (Paris: +60 in winter, +120 in summer). */
function zoneOffsetMinutes(instant: Date, timeZone: string): number {
  const parts = dateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/** The UTC instant of a wall-clock time ("YYYY-MM-DD", "HH:MM") in a time zone. */
export function zonedTimeToUtc(date: string, time: string, timeZone = AGENDA_TIME_ZONE): Date {
  const naive = Date.parse(`${date}T${time}:00Z`);
  let instant = new Date(naive - zoneOffsetMinutes(new Date(naive), timeZone) * 60_000);
  // Second pass across a change of offset (the last Sunday of March or October).
  instant = new Date(naive - zoneOffsetMinutes(instant, timeZone) * 60_000);
  return instant;
}

/** The wall-clock date and time of an instant in a time zone: { date: "YYYY-MM-DD", time: "HH:MM" }. */
export function utcToZoned(instant: Date, timeZone = AGENDA_TIME_ZONE): { date: string; time: string } {
  const shifted = new Date(instant.getTime() + zoneOffsetMinutes(instant, timeZone) * 60_000);
  const iso = shifted.toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
}

/** Slot start/end wall-clock times of one day: each opening range cut in `slotMinutes` pieces (lunch breaks are gaps). */
export function daySlotTimes(ranges: Pick<OpeningRange, 'opens' | 'closes'>[], slotMinutes: number): { starts: string; ends: string }[] {
  const out: { starts: string; ends: string }[] = [];
  const sorted = [...ranges].sort((a, b) => toMinutes(a.opens) - toMinutes(b.opens));
  for (const r of sorted) {
    for (let t = toMinutes(r.opens); t + slotMinutes <= toMinutes(r.closes); t += slotMinutes) out.push({ starts: toHhmm(t), ends: toHhmm(t + slotMinutes) });
  }
  return out;
}

/** The slots of the calendar days [from, from + days): skipping closed days and days without opening hours. */
export function generateSlots(input: { from: string; days: number; hours: OpeningRange[]; closedDays: string[]; slotMinutes: number; timeZone?: string }): { date: string; startsAt: Date; endsAt: Date }[] {
  const closed = new Set(input.closedDays);
  const out: { date: string; startsAt: Date; endsAt: Date }[] = [];
  for (let i = 0; i < input.days; i++) {
    const date = new Date(Date.parse(`${input.from}T12:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10);
    if (closed.has(date)) continue;
    const weekday = isoWeekday(date);
    for (const s of daySlotTimes(input.hours.filter((h) => h.weekday === weekday), input.slotMinutes)) {
      out.push({ date, startsAt: zonedTimeToUtc(date, s.starts, input.timeZone), endsAt: zonedTimeToUtc(date, s.ends, input.timeZone) });
    }
  }
  return out;
}

/** Whether a slot lies entirely within one opening range of its day, on a day that is not closed (Paris time). */
export function isWithinOpeningHours(slot: { startsAt: Date; endsAt: Date }, hours: OpeningRange[], closedDays: string[], timeZone = AGENDA_TIME_ZONE): boolean {
  const start = utcToZoned(slot.startsAt, timeZone);
  const end = utcToZoned(slot.endsAt, timeZone);
  if (start.date !== end.date || closedDays.includes(start.date)) return false;
  const weekday = isoWeekday(start.date);
  return hours.some((h) => h.weekday === weekday && toMinutes(h.opens) <= toMinutes(start.time) && toMinutes(end.time) <= toMinutes(h.closes));
}

/** An appointment can be moved or cancelled until 24 hours before it starts. */
export function canChangeAppointment(startsAt: Date, now: Date): boolean {
  return startsAt.getTime() - now.getTime() >= CHANGE_LIMIT_HOURS * 3_600_000;
}

/**
 * A free slot is offered for booking or moving only if it starts at least the cancellation delay (24 hours) from
 * now: an appointment booked in less would be neither movable nor cancellable at once (issue 17 §4).
 */
export function isBookableStart(startsAt: Date, now: Date): boolean {
  return canChangeAppointment(startsAt, now);
}

/** The earliest start a bookable slot may have: now + the cancellation delay. */
export function earliestBookableStart(now: Date): Date {
  return new Date(now.getTime() + CHANGE_LIMIT_HOURS * 3_600_000);
}

/** The department of a French postal code: "69007" → "69", "20000" → "2A", "20200" → "2B", "97400" → "974". */
export function departmentOfPostalCode(postalCode: string): string | null {
  if (!/^\d{5}$/.test(postalCode)) return null;
  if (postalCode.startsWith('20')) return Number(postalCode) < 20200 ? '2A' : '2B';
  if (postalCode.startsWith('97') || postalCode.startsWith('98')) return postalCode.slice(0, 3);
  if (postalCode.startsWith('00')) return null;
  return postalCode.slice(0, 2);
}
