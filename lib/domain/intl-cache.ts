/**
 * Intl formatters made once per (locale, options) and kept for the process (ADR 0014): constructing an
 * Intl.DateTimeFormat with a time zone costs tens to hundreds of microseconds (ICU loads the zone and the locale's
 * patterns), and the pages made several per request (parisToday alone was 2–4 % of a page's data work). A formatter is
 * immutable and its `format` pure, so sharing one is safe. The number of distinct keys is small and fixed by the code.
 */
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();
const numberFormats = new Map<string, Intl.NumberFormat>();

export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = dateTimeFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, options);
    dateTimeFormats.set(key, f);
  }
  return f;
}

export function numberFormat(locale: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = numberFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, options);
    numberFormats.set(key, f);
  }
  return f;
}
