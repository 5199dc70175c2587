import { dateTimeFormat } from './intl-cache';

/** The calendar day of an instant in Europe/Paris, "YYYY-MM-DD" (the caller passes the clock). */
export function parisToday(now: Date): string {
  return dateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
