import { AGENDA_TIME_ZONE } from './slots';
import { dateTimeFormat } from '../intl-cache';

/** "mardi 1 décembre 2026" / "Tuesday, 1 December 2026" of an instant, in Paris time (for sentences). */
export function formatSlotDay(instant: Date, locale: 'fr' | 'en'): string {
  return dateTimeFormat(locale === 'en' ? 'en-GB' : 'fr-FR', { timeZone: AGENDA_TIME_ZONE, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(instant);
}

/** The same, starting with a capital letter (for headings): "Mardi 1 décembre 2026". */
export function formatSlotDayTitle(instant: Date, locale: 'fr' | 'en'): string {
  const text = formatSlotDay(instant, locale);
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "09:30" of an instant, in Paris time. */
export function formatSlotTime(instant: Date): string {
  return dateTimeFormat('fr-FR', { timeZone: AGENDA_TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(instant);
}
