import { formatDate, parseCalendarDate } from '@/lib/domain/dates'
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
