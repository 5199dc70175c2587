import type { TRefundEstimateStep } from '@/lib/domain/procedures/refunds'

/** The translator of `procedurePages.refund` (next-intl's, or translatorFor in tests). */
type T = (key: string, values?: Record<string, string | number>) => string

/** The act of an ambulance / VSL / taxi trip → its name in `explain.modes`. */
const INVOICE_MODES: Record<string, string> = { AMB: 'ambulance', VSL: 'vsl', TAXI: 'taxi' }

/**
 * One priced line in words (issue 19 §5), from the engine's figures: "120 km × 0,30 € × 55 % = 19,80 € ; pas de
 * franchise pour un véhicule personnel", "taxi conventionné : facture 80,00 € × 55 % − 4,00 € de franchise = 40,00 €",
 * "péage 12,50 € × 55 % = 6,88 €", "base 30,00 € × 70 % − 2,00 € de participation = 19,00 € ; votre mutuelle peut
 * compléter". Pure: the caller gives the translator and the money format.
 */
export function explainStep(s: TRefundEstimateStep, t: T, money: (cents: number) => string): string {
  const deductions = [
    s.localRegimeCents ? t('explain.localRegime', { amount: money(s.localRegimeCents) }) : '',
    s.participationCents > 0 ? t('explain.participation', { amount: money(s.participationCents) }) : '',
    s.franchiseCents > 0 ? t('explain.franchise', { amount: money(s.franchiseCents) }) : '',
  ].join('')
  const perKm = s.act === 'KM' && s.quantity > 0 && s.baseCents % s.quantity === 0
  const mode = INVOICE_MODES[s.act]
  const head = perKm
    ? t('explain.km', { km: s.quantity, unit: money(s.baseCents / s.quantity), rate: s.ratePercent })
    : mode
      ? t('explain.invoice', { mode: t(`explain.modes.${mode}`), base: money(s.baseCents), rate: s.ratePercent })
      : s.act === 'TOLL' || s.act === 'PARK'
        ? t(s.act === 'TOLL' ? 'explain.tolls' : 'explain.parking', { base: money(s.baseCents), rate: s.ratePercent })
        : t('explain.base', { base: money(s.baseCents), rate: s.ratePercent })
  let tail: string
  if (s.act === 'KM') tail = s.franchiseCents > 0 ? '' : t('explain.noFranchiseCar')
  else if (s.act === 'TOLL' || s.act === 'PARK') tail = t('explain.noFranchiseFees')
  else {
    const franchiseNote = s.franchiseExempt
      ? t('explain.franchiseExempt', { reason: t(`explain.exemptReasons.${s.franchiseExempt}`) })
      : s.franchiseCapped
        ? t(s.franchiseCapped === 'daily' ? 'explain.franchiseDailyCap' : 'explain.franchiseAnnualCap')
        : ''
    tail = `${franchiseNote}${t('explain.mutuelle')}`
  }
  return `${head}${deductions} = ${money(s.amoCents)}${tail}`
}
