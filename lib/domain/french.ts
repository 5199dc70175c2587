/**
 * French typography shared by the screens and the documents (issue 17 §4): month names stay lower-case inside a
 * sentence ("octobre 2026", never "Octobre"), and "de" elides before a vowel or a mute h ("d’octobre", "d’août",
 * "d’avril", but "de mai", "de juin"). Pure: no clock, no locale detection.
 */

export const FRENCH_MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'] as const;
const ENGLISH_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;

/** Whether "de" elides before this word: a vowel (accented or not) or a mute h ("d’avril", "d’hiver"). */
export function elidesBefore(word: string): boolean {
  return /^[aeiouyhâàäéèêëîïôöûùüœæ]/i.test(word.trim());
}

/** "de" + the word, elided with the typographic apostrophe: "d’octobre 2026", "d’août", "de mai 2026". */
export function frenchOf(word: string): string {
  const w = word.trim();
  return elidesBefore(w) ? `d’${w}` : `de ${w}`;
}

/** The month of a "YYYY-MM" (or "YYYY-MM-DD") string with its year: "octobre 2026" (fr, lower-case) / "October 2026" (en). */
export function monthYearLabel(month: string, locale: 'fr' | 'en'): string {
  const m = Number(month.slice(5, 7));
  if (!/^\d{4}-\d{2}/.test(month) || m < 1 || m > 12) throw new RangeError(`Invalid month: "${month}"`);
  const name = locale === 'en' ? ENGLISH_MONTHS[m - 1] : FRENCH_MONTHS[m - 1];
  return `${name} ${month.slice(0, 4)}`;
}
