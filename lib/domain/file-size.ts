/**
 * File sizes as people read them, in the page's language (issue 17 §4: an English page says "kB", not "Ko"):
 * kilobytes (1024 bytes, at least 1) under a megabyte, megabytes with one decimal above.
 */
export function formatFileSize(bytes: number, locale: 'fr' | 'en'): string {
  const tag = locale === 'en' ? 'en-GB' : 'fr-FR';
  if (bytes < 1024 * 1024) {
    const kb = Math.max(1, Math.round(bytes / 1024));
    return `${new Intl.NumberFormat(tag, { maximumFractionDigits: 0 }).format(kb)} ${locale === 'en' ? 'kB' : 'Ko'}`;
  }
  const mb = new Intl.NumberFormat(tag, { maximumFractionDigits: 1 }).format(bytes / (1024 * 1024));
  return `${mb} ${locale === 'en' ? 'MB' : 'Mo'}`;
}
