import { fmtDate } from '@/components/format'
import type { TVitaleAvailability } from '@/lib/services/procedures/vitale-availability'

type TAvailabilityRules = { ownAge: number; onRequestAge: number }
type TNoteTranslator = (key: string, values?: Record<string, string | number>) => string

/**
 * What a person's choice on the Vitale order page says before anything is uploaded (issue 17 item 1): nothing for an
 * ordinary order, the on-request rule for a 12–15-year-old, or why no order is possible today (card in use, order in
 * progress, too young until a date, the wait after a block). `t` reads `procedurePages.vitale`.
 */
export function vitaleAvailabilityNote(a: TVitaleAvailability | undefined, rules: TAvailabilityRules, t: TNoteTranslator, locale: string): string | null {
  if (!a) return null
  if (a.ok) return a.kind === 'on-request' ? t('availability.onRequest', { ownAge: rules.ownAge, onRequestAge: rules.onRequestAge }) : null
  const d = a.details ?? {}
  switch (a.error) {
    case 'procedureErrors.vitale.activeCard':
      return t('availability.activeCard', { serial: String(d.serial ?? '') })
    case 'procedureErrors.vitale.pending':
      return t('availability.pending')
    case 'procedureErrors.vitale.tooYoung':
      return t('availability.tooYoung', { date: fmtDate(String(d.opensOn), locale), minAge: Number(d.minAge) })
    case 'procedureErrors.vitale.waitAfterBlock':
      return t('availability.waitAfterBlock', { date: fmtDate(String(d.opensOn), locale) })
    default:
      return t('availability.noNumber')
  }
}
