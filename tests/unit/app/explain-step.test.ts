/**
 * Issue 19 §5, "say how the estimate was made", in the words the refund forms show (components/procedures/
 * explain-step.ts with the real FR/EN messages): "120 km × 0,30 € × 55 % = 19,80 € ; pas de franchise pour un
 * véhicule personnel"; an ambulance / VSL / taxi with its transport franchise; tolls and parking.
 */
import { describe, expect, it } from 'vitest'
import { explainStep } from '@/components/procedures/explain-step'
import { fmtMoney } from '@/components/format'
import { translatorFor } from '@/lib/i18n/translator'

const fr = translatorFor('fr', 'procedurePages.refund')
const en = translatorFor('en', 'procedurePages.refund')
/** Thin spaces and no-break spaces as plain spaces, to compare with readable strings. */
const plain = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ')
const say = (t: typeof fr, locale: string, step: Parameters<typeof explainStep>[0]) => plain(explainStep(step, t, (c) => fmtMoney(c, locale)))

describe('the estimate in words (issue 19 §5)', () => {
  it('personal car: "120 km × 0,30 € × 55 % = 19,80 € ; pas de franchise pour un véhicule personnel"', () => {
    const step = { act: 'KM', quantity: 120, baseCents: 3600, ratePercent: 55, participationCents: 0, franchiseCents: 0, amoCents: 1980 }
    expect(say(fr, 'fr', step)).toBe('120 km × 0,30 € × 55 % = 19,80 € ; pas de franchise pour un véhicule personnel')
    expect(say(en, 'en', step)).toBe('120 km × €0.30 × 55% = €19.80; no deductible (franchise) for a personal car')
  })

  it('taxi conventionné: "taxi conventionné : facture 80,00 € × 55 % − 4,00 € de franchise = 40,00 €" (transport franchise 4 € per trip since 31/03/2024)', () => {
    const step = { act: 'TAXI', quantity: 1, baseCents: 8000, ratePercent: 55, participationCents: 0, franchiseCents: 400, amoCents: 4000 }
    expect(say(fr, 'fr', step)).toBe('taxi conventionné : facture 80,00 € × 55 % − 4,00 € de franchise = 40,00 € ; votre mutuelle peut compléter')
    expect(say(en, 'en', step)).toBe('approved taxi: invoice €80.00 × 55% − €4.00 deductible (franchise) = €40.00; your mutuelle (top-up insurance) may pay more')
  })

  it('an ambulance with no franchise says why (under 18 on 1 January), or that the 8 €/day cap limited it', () => {
    const step = { act: 'AMB', quantity: 1, baseCents: 12000, ratePercent: 55, participationCents: 0, franchiseCents: 0, amoCents: 6600, franchiseExempt: 'minor' }
    expect(say(fr, 'fr', step)).toBe('ambulance : facture 120,00 € × 55 % = 66,00 € ; pas de franchise : moins de 18 ans au 1er janvier ; votre mutuelle peut compléter')
    const capped = { act: 'VSL', quantity: 1, baseCents: 5000, ratePercent: 55, participationCents: 0, franchiseCents: 0, amoCents: 2750, franchiseCapped: 'daily' as const }
    expect(say(fr, 'fr', capped)).toBe('VSL : facture 50,00 € × 55 % = 27,50 € ; franchise limitée au plafond journalier des transports ; votre mutuelle peut compléter')
  })

  it('tolls and parking at the rate of the trip, without franchise: "péages 12,50 € × 55 % = 6,88 € ; sans franchise"', () => {
    expect(say(fr, 'fr', { act: 'TOLL', quantity: 1, baseCents: 1250, ratePercent: 55, participationCents: 0, franchiseCents: 0, amoCents: 688 })).toBe('péages 12,50 € × 55 % = 6,88 € ; sans franchise')
    expect(say(en, 'en', { act: 'PARK', quantity: 1, baseCents: 400, ratePercent: 100, participationCents: 0, franchiseCents: 0, amoCents: 400 })).toBe('parking €4.00 × 100% = €4.00; no deductible')
  })

  it('care priced at a base: "base 30,00 € × 70 % − 2,00 € de participation forfaitaire = 19,00 € ; votre mutuelle peut compléter"', () => {
    expect(say(fr, 'fr', { act: 'G', quantity: 1, baseCents: 3000, ratePercent: 70, participationCents: 200, franchiseCents: 0, amoCents: 1900 })).toBe(
      'base 30,00 € × 70 % − 2,00 € de participation forfaitaire = 19,00 € ; votre mutuelle peut compléter',
    )
  })
})
