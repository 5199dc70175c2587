import { fmtMoney } from '@/components/format'
import type { RuleDisplay } from '@/lib/domain/rules/rule-catalogue'

type TValues = (key: 'days' | 'years' | 'months' | 'minutes' | 'pixels' | 'yes' | 'no', values?: { n: number }) => string

/** A rule's integer value as a person reads it: "2,00 €", "70 %", "6,2 %" (basis points), "3 jours", "91,25". */
export function formatRuleValue(value: number, display: RuleDisplay, locale: 'fr' | 'en', t: TValues): string {
  const tag = locale === 'fr' ? 'fr-FR' : 'en-GB'
  switch (display) {
    case 'money':
      return fmtMoney(value, locale)
    case 'percent':
      return new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 2 }).format(value / 100)
    case 'basisPoints':
      return new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 2 }).format(value / 10_000)
    case 'hundredths':
      return new Intl.NumberFormat(tag, { maximumFractionDigits: 2 }).format(value / 100)
    case 'count':
      return new Intl.NumberFormat(tag).format(value)
    case 'yesNo':
      return value ? t('yes') : t('no')
    default:
      return t(display, { n: value })
  }
}

/** The host of an official page, said in words ("ameli.fr", "legifrance.gouv.fr"). */
export function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '')
  } catch {
    return url
  }
}
