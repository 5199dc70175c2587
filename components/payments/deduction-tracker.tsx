import { getTranslations } from 'next-intl/server'
import { fmtMoney } from '@/components/format'
import type { TDeductionTracker } from '@/lib/services/home/get-insured-home'

function Gauge({ amount, cap, label, reached }: { amount: number; cap: number; label: string; reached: string }) {
  const ratio = cap > 0 ? Math.min(1, amount / cap) : 0
  return (
    <div className="min-w-40">
      <p className="tabular-nums">
        {label}
        {amount >= cap ? <span className="ml-2 rounded bg-ok-50 px-1.5 py-0.5 text-xs font-semibold text-ok-700">{reached}</span> : null}
      </p>
      <div aria-hidden="true" className="mt-1 h-2.5 w-full overflow-hidden rounded-full bg-slate-200">
        <div className="h-full rounded-full bg-ameli-700" style={{ width: `${Math.round(ratio * 100)}%` }} />
      </div>
    </div>
  )
}

/**
 * The year's participations forfaitaires and franchises médicales per person against their annual caps (rule rows).
 * A table (caption, headers) with a bar per figure; the bars are decorative (the text says the same).
 */
export async function DeductionTracker({ tracker, locale }: { tracker: TDeductionTracker; locale: 'fr' | 'en' }) {
  const t = await getTranslations('insuredHome')
  const ts = await getTranslations('situations')
  const money = (c: number) => fmtMoney(c, locale)
  // Exempt persons (the engine's rule on today): the reason instead of "0 € of 50 €"; an amount deducted before the
  // exemption began (maternity from the 6th month) is still said.
  const cell = (p: TDeductionTracker['persons'][number], amount: number, cap: number) =>
    p.exempt ? (
      <p>
        <span className="font-semibold">{ts('exempt', { reason: ts(`reasons.${p.exempt}`) })}</span>
        {amount > 0 ? <span className="block text-slate-700">{' '}{ts('exemptEarlier', { amount: money(amount) })}</span> : null}
      </p>
    ) : (
      <Gauge amount={amount} cap={cap} label={t('ofCap', { amount: money(amount), cap: money(cap) })} reached={t('capReached')} />
    )
  return (
    <section aria-labelledby="tracker-title" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <h2 id="tracker-title" className="text-lg font-semibold text-ameli-900">{t('trackerTitle', { year: tracker.year })}</h2>
      <p className="mb-3 text-sm text-slate-700">{t('trackerLead', { participationCap: money(tracker.participationCap), franchiseCap: money(tracker.franchiseCap) })}</p>
      <div className="overflow-x-auto">
        <table className="w-full text-sm" data-testid="deduction-tracker">
          <caption className="sr-only">{t('trackerCaption', { year: tracker.year })}</caption>
          <thead className="text-left">
            <tr className="border-b border-slate-300">
              <th scope="col" className="py-2 pr-4">{t('trackerPerson')}</th>
              <th scope="col" className="py-2 pr-4">{t('participation')}</th>
              <th scope="col" className="py-2">{t('franchise')}</th>
            </tr>
          </thead>
          <tbody>
            {tracker.persons.map((p) => (
              <tr key={p.id ?? 'self'} className="border-b border-slate-100 align-top">
                <th scope="row" className="py-2 pr-4 text-left font-semibold">{p.name}</th>
                <td className="py-2 pr-4">{cell(p, p.participation, tracker.participationCap)}</td>
                <td className="py-2">{cell(p, p.franchise, tracker.franchiseCap)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  )
}
