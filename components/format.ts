import { formatDate, parseCalendarDate } from '@/lib/domain/dates'
import { formatFileSize } from '@/lib/domain/file-size'
import { formatEuros } from '@/lib/domain/money'
import { formatNir } from '@/lib/domain/nir'

type L = 'fr' | 'en'
const asLocale = (locale: string): L => (locale === 'en' ? 'en' : 'fr')

/** "15/06/2023" (fr) · "15 Jun 2023" (en); a malformed value is shown as is rather than crashing a page. */
export function fmtDate(value: string | null | undefined, locale: string): string {
  if (!value) return '—'
  const d = parseCalendarDate(value)
  return d ? formatDate(d, asLocale(locale)) : value
}

export function fmtMoney(cents: number, locale: string): string {
  return formatEuros(cents, asLocale(locale))
}

export function fmtNir(nir: string, key?: string): string {
  return formatNir(nir, key)
}

/** A file size for people: "1 Ko" / "1 kB" under a megabyte (at least 1), "1,5 Mo" / "1.5 MB" above (issue 17 §4). */
export function fmtFileSize(bytes: number, locale: string): string {
  return formatFileSize(bytes, asLocale(locale))
}
