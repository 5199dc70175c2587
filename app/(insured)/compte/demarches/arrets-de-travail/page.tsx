import type { Metadata } from 'next'
import { getLocale, getTranslations } from 'next-intl/server'
import { requireInsured } from '@/lib/auth/session'
import { listSickLeaves } from '@/lib/services/sick-leave/list-sick-leaves'
import { fmtDate, fmtMoney } from '@/components/format'
import { ProcedurePageHeader } from '@/components/procedures/page-header'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('procedurePages.sickLeave'))('title') }
}

const dt = 'text-xs font-semibold uppercase tracking-wide text-slate-600'

/**
 * "Mes arrêts de travail": each leave, its waiting days, the daily allowance and how it was computed (the three
 * last gross salaries capped at the SMIC ratio in force on the first day), the payments made and the next one.
 */
export default async function SickLeavesPage() {
  const user = await requireInsured('/compte/demarches/arrets-de-travail')
  const leaves = await listSickLeaves({ actor: { id: user.id, role: user.role, insuredId: user.insuredId, organisationId: user.organisationId }, now: new Date() })
  const t = await getTranslations('procedurePages.sickLeave')
  const locale = await getLocale()
  const money = (c: number) => fmtMoney(c, locale)
  const date = (d: string | null) => fmtDate(d, locale)
  const ratio = (percent: number) => new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'fr-FR', { maximumFractionDigits: 2 }).format(percent / 100)

  return (
    <div className="space-y-6">
      <ProcedurePageHeader title={t('title')} lead={t('lead')} />
      {leaves.length === 0 ? <p className="text-slate-700">{t('none')}</p> : null}
      {leaves.map((l) => {
        const titleId = `leave-${l.id}`
        return (
          <section key={l.id} aria-labelledby={titleId} className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
            <div>
              <h2 id={titleId} className="text-xl font-semibold text-ameli-900">
                {t('leaveTitle', { from: date(l.startDate), to: date(l.endDate) })}
              </h2>
              <p className="text-sm text-slate-700">
                {t(`kinds.${l.kind}`)} · {t('reference')} <span className="font-mono">{l.reference}</span>
                {l.employerName ? ` · ${l.employerName}` : ''}
              </p>
            </div>

            <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-3">
              <div>
                <dt className={dt}>{t('waitingDays')}</dt>
                <dd>{t('waitingDaysValue', { days: l.waitingDays })}</dd>
              </div>
              <div>
                <dt className={dt}>{t('firstPaidDay')}</dt>
                <dd>{date(l.firstPaidDay)}</dd>
              </div>
              <div>
                <dt className={dt}>{t('dailyGross')}</dt>
                <dd className="text-lg font-semibold" data-testid="daily-gross">
                  {l.dailyGross !== null ? money(l.dailyGross) : '—'}
                </dd>
              </div>
            </dl>

            {l.computation ? (
              <details className="rounded-md border border-slate-200 p-3 text-sm" open>
                <summary className="cursor-pointer font-semibold text-ameli-700">{t('howTitle')}</summary>
                <ol className="mt-2 list-decimal space-y-2 pl-5">
                  <li>
                    {t('howSalaries')}
                    <ul className="mt-1 list-disc pl-5">
                      {l.computation.salaries.map((s, i) => (
                        <li key={i}>
                          {money(s)}
                          {l.computation!.cappedSalaries[i] !== s ? ` → ${t('cappedTo', { amount: money(l.computation!.cappedSalaries[i]!) })}` : ''}
                        </li>
                      ))}
                    </ul>
                  </li>
                  <li data-testid="smic-cap">
                    {t('howCap', { ratio: ratio(l.computation.capRatioPercent), smic: money(l.computation.smicMonthly), cap: money(l.computation.monthlyCap), date: date(l.startDate) })}
                  </li>
                  <li>{t('howRule')}</li>
                  <li>
                    {t('howResult', {
                      sum: money(l.computation.cappedSalaries.reduce((a, b) => a + b, 0)),
                      amount: l.dailyGross !== null ? money(l.dailyGross) : '—',
                    })}
                  </li>
                </ol>
              </details>
            ) : null}

            <div className="space-y-2">
              <h3 className="text-lg font-semibold text-ameli-900">{t('paymentsTitle')}</h3>
              {l.payments.length === 0 ? (
                <p className="text-sm text-slate-700">{t('noPayments')}</p>
              ) : (
                <div className="overflow-x-auto">
                  <table className="w-full min-w-[36rem] border-collapse text-sm">
                    <caption className="sr-only">{t('paymentsCaption', { reference: l.reference })}</caption>
                    <thead>
                      <tr className="border-b border-slate-300 text-left">
                        <th scope="col" className="p-2">{t('period')}</th>
                        <th scope="col" className="p-2 text-right">{t('days')}</th>
                        <th scope="col" className="p-2 text-right">{t('gross')}</th>
                        <th scope="col" className="p-2 text-right">{t('levies')}</th>
                        <th scope="col" className="p-2 text-right">{t('net')}</th>
                        <th scope="col" className="p-2">{t('paidOn')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {l.payments.map((p) => (
                        <tr key={p.id} className="border-b border-slate-200">
                          <th scope="row" className="p-2 text-left font-normal">
                            {t('periodValue', { from: date(p.fromDate), to: date(p.toDate) })}
                          </th>
                          <td className="p-2 text-right">{p.days}</td>
                          <td className="p-2 text-right">{money(p.gross)}</td>
                          <td className="p-2 text-right">{money(p.csg + p.crds)}</td>
                          <td className="p-2 text-right font-semibold">{money(p.net)}</td>
                          <td className="p-2">{date(p.paidOn)}</td>
                        </tr>
                      ))}
                    </tbody>
                    <tfoot>
                      <tr>
                        <th scope="row" colSpan={2} className="p-2 text-left">
                          {t('total')}
                        </th>
                        <td className="p-2 text-right">{money(l.totals.gross)}</td>
                        <td className="p-2 text-right">{money(l.totals.gross - l.totals.net)}</td>
                        <td className="p-2 text-right font-semibold">{money(l.totals.net)}</td>
                        <td className="p-2" />
                      </tr>
                    </tfoot>
                  </table>
                </div>
              )}
              <p className="text-sm text-slate-700">{t('taxable', { amount: money(l.totals.taxable) })}</p>
            </div>

            <p className="rounded-md bg-ameli-50 p-3 text-sm" data-testid="next-payment">
              {l.next
                ? t('next', { from: date(l.next.fromDate), to: date(l.next.toDate), net: money(l.next.net), payOn: date(l.next.payOn) })
                : t('allPaid')}
            </p>
          </section>
        )
      })}
    </div>
  )
}
