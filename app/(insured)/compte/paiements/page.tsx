import type { Metadata } from 'next'
import Link from 'next/link'
import { getLocale, getTranslations } from 'next-intl/server'
import { requireInsured } from '@/lib/auth/session'
import { parisToday } from '@/lib/domain/paris-today'
import type { CalendarDate } from '@/lib/domain/dates'
import { CARE_TYPES } from '@/lib/domain/reimbursement/acts'
import { parsePaymentFilters, ZAllTransfers, type TPaymentFilters } from '@/lib/schemas/payments'
import { listPayments } from '@/lib/services/payments/list-payments'
import { getRuleEngine } from '@/lib/services/simulation/rule-engine'
import { Alert } from '@/components/ui/alert'
import { buttonClass } from '@/components/ui/button'
import { fmtDate, fmtMoney } from '@/components/format'
import { MonthlyChart } from '@/components/payments/monthly-chart'
import { dateTimeFormat } from '@/lib/domain/intl-cache'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('nav'))('payments') }
}

type SearchParams = Record<string, string | string[] | undefined>

const TRANSFERS_SHOWN = 12
/** The amount columns of the lines table, in order (the 5th to the 8th; app/globals.css `.pay-lines` relies on it). */
const AMOUNT_COLUMNS = ['charged', 'amoPaid', 'complementary', 'patient'] as const

const control = 'mt-1 block min-h-11 w-full rounded-md border border-slate-500 bg-white px-3 py-2 text-base shadow-sm focus:border-ameli-600'
const label = 'block font-semibold text-slate-900'

/** The query string of the current filters (no paging), plus `extra`. */
function queryOf(filters: TPaymentFilters, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams()
  for (const key of ['from', 'to', 'who', 'careType', 'pro', 'q'] as const) {
    const v = filters[key]
    if (v) q.set(key, v)
  }
  for (const [k, v] of Object.entries(extra)) q.set(k, v)
  const s = q.toString()
  return s ? `?${s}` : ''
}

/**
 * "Mes paiements": the household's claim lines of the last 27 months with filters (a GET form that works without
 * JavaScript; the query string is parsed by zod field by field), totals and a monthly chart for the filter, and
 * keyset paging. Each line opens its explanation.
 */
export default async function PaymentsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requireInsured('/compte/paiements')
  const actor = { id: user.id, role: user.role, insuredId: user.insuredId, organisationId: user.organisationId }
  const raw = await searchParams
  const { filters, errors } = parsePaymentFilters(raw)
  const locale = (await getLocale()) === 'en' ? 'en' : 'fr'
  const t = await getTranslations('paymentsPage')
  const today = parisToday(new Date()) as CalendarDate
  const data = await listPayments({ actor, filters, today, engine: await getRuleEngine(), locale })
  const money = (c: number) => fmtMoney(c, locale)
  // The newest transfers by default; all of them on request (a page stays light for a person paid twice a week).
  const allTransfers = ZAllTransfers.safeParse(raw.virements).success
  const transfers = allTransfers ? data.transfers : data.transfers.slice(0, TRANSFERS_SHOWN)
  const personLabel = (p: { firstNames: string; lastName: string }) => `${p.firstNames.split(' ')[0]} ${p.lastName}`
  const errorText = (code: string) => (t.has(code.replace('paymentsPage.', '')) ? t(code.replace('paymentsPage.', '') as 'errors.invalid') : t('errors.invalid'))
  const dateError = (field: 'from' | 'to') => errors.find((e) => e.field === field)
  // The form is kept: a well-formed date that was refused (an inverted period) is shown again as typed.
  const rawDate = (field: 'from' | 'to') => {
    const v = raw[field]
    return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : ''
  }
  const tableMonth = dateTimeFormat(locale === 'en' ? 'en-GB' : 'fr-FR', { month: 'long', year: 'numeric', timeZone: 'UTC' })

  return (
    <div className="space-y-8">
      <div className="max-w-3xl">
        <h1 className="text-3xl font-bold text-ameli-900">{t('title')}</h1>
        <p className="mt-2 text-slate-700">{t('lead')}</p>
      </div>

      {errors.length > 0 ? (
        <Alert tone="warning" title={t('invalidTitle')} live>
          <ul className="list-disc pl-5">
            {errors.map((e) => (
              <li key={e.field}>
                {t(`fields.${e.field}` as 'fields.from')} : {errorText(e.code)}
              </li>
            ))}
          </ul>
        </Alert>
      ) : null}

      <section aria-labelledby="filters-title" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <h2 id="filters-title" className="mb-3 text-lg font-semibold text-ameli-900">
          {t('filtersTitle')}
        </h2>
        <form method="get" action="/compte/paiements" className="grid gap-4 md:grid-cols-2 lg:grid-cols-3">
          <div>
            <label htmlFor="f-from" className={label}>{t('from')}</label>
            <input
              id="f-from"
              name="from"
              type="date"
              min={data.windowStart}
              max={today}
              defaultValue={filters.from ?? rawDate('from')}
              aria-describedby={dateError('from') ? 'f-from-error f-period-hint' : 'f-period-hint'}
              {...(dateError('from') ? { 'aria-invalid': true } : {})}
              className={control}
            />
            {dateError('from') ? (
              <p id="f-from-error" className="mt-1 text-sm font-semibold text-danger-700" data-testid="f-from-error">
                {errorText(dateError('from')!.code)}
              </p>
            ) : null}
          </div>
          <div>
            <label htmlFor="f-to" className={label}>{t('to')}</label>
            <input
              id="f-to"
              name="to"
              type="date"
              min={data.windowStart}
              max={today}
              defaultValue={filters.to ?? rawDate('to')}
              aria-describedby={dateError('to') ? 'f-to-error f-period-hint' : 'f-period-hint'}
              {...(dateError('to') ? { 'aria-invalid': true } : {})}
              className={control}
            />
            {dateError('to') ? (
              <p id="f-to-error" className="mt-1 text-sm font-semibold text-danger-700" data-testid="f-to-error">
                {errorText(dateError('to')!.code)}
              </p>
            ) : null}
          </div>
          <p id="f-period-hint" className="self-end text-sm text-slate-600 lg:pb-3">
            {t('periodHint', { date: fmtDate(data.windowStart, locale) })}
          </p>
          <div>
            <label htmlFor="f-who" className={label}>{t('who')}</label>
            <select id="f-who" name="who" defaultValue={filters.who ?? ''} className={control}>
              <option value="">{t('everyone')}</option>
              {data.persons.map((p) => (
                <option key={p.id ?? 'self'} value={p.id ?? 'self'}>
                  {personLabel(p)}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="f-care" className={label}>{t('careType')}</label>
            <select id="f-care" name="careType" defaultValue={filters.careType ?? ''} className={control}>
              <option value="">{t('allCareTypes')}</option>
              {CARE_TYPES.map((c) => (
                <option key={c} value={c}>
                  {t(`careTypes.${c}`)}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="f-pro" className={label}>{t('professional')}</label>
            <select id="f-pro" name="pro" defaultValue={filters.pro ?? ''} className={control}>
              <option value="">{t('allProfessionals')}</option>
              {data.professionals.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name} ({p.city})
                </option>
              ))}
            </select>
          </div>
          <div className="md:col-span-2">
            <label htmlFor="f-q" className={label}>{t('search')}</label>
            <input id="f-q" name="q" type="search" maxLength={60} defaultValue={filters.q ?? ''} aria-describedby="f-q-hint" className={control} />
            <p id="f-q-hint" className="mt-1 text-sm text-slate-600">{t('searchHint')}</p>
          </div>
          <div className="flex flex-wrap items-end gap-3">
            <button type="submit" className={buttonClass('primary')}>{t('apply')}</button>
            <Link href="/compte/paiements" className={buttonClass('ghost')}>{t('reset')}</Link>
          </div>
        </form>
      </section>

      <section aria-labelledby="totals-title">
        <h2 id="totals-title" className="mb-3 text-xl font-semibold text-ameli-900">{t('totalsTitle')}</h2>
        <dl className="grid grid-cols-2 gap-3 lg:grid-cols-6" data-testid="payment-totals">
          {(
            [
              ['count', String(data.totals.count)],
              ['charged', money(data.totals.charged)],
              ['amoPaid', money(data.totals.amoPaid)],
              ['complementary', money(data.totals.complementary)],
              ['patient', money(data.totals.patient)],
              ['deductions', money(data.totals.deductions)],
            ] as const
          ).map(([key, value]) => (
            <div key={key} className="rounded-lg border border-slate-200 bg-white p-3 shadow-sm">
              <dt className="text-sm text-slate-700">{t(`totals.${key}`)}</dt>
              <dd className="mt-1 text-lg font-semibold tabular-nums text-slate-900">{value}</dd>
            </div>
          ))}
        </dl>
      </section>

      <section aria-labelledby="chart-title" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <h2 id="chart-title" className="text-xl font-semibold text-ameli-900">{t('chartTitle')}</h2>
        <p className="mb-3 text-sm text-slate-700">{t('chartLead')}</p>
        <MonthlyChart months={data.months} locale={locale} summary={t('chartSummary', { count: data.months.length })} labels={{ charged: t('series.charged'), amoPaid: t('series.amoPaid'), complementary: t('series.complementary') }} />
        <details className="mt-3">
          <summary className="cursor-pointer font-semibold text-ameli-700">{t('chartTableSummary')}</summary>
          <div className="mt-2 overflow-x-auto">
            <table className="data-table figures">
              <caption>{t('chartTableCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('month')}</th>
                  <th scope="col">{t('series.charged')}</th>
                  <th scope="col">{t('series.amoPaid')}</th>
                  <th scope="col">{t('series.complementary')}</th>
                </tr>
              </thead>
              <tbody>
                {data.months.map((m) => (
                  <tr key={m.month}>
                    <th scope="row">{tableMonth.format(new Date(`${m.month}-01T00:00:00Z`))}</th>
                    <td>{money(m.charged)}</td>
                    <td>{money(m.amoPaid)}</td>
                    <td>{money(m.complementary)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      </section>

      <section aria-labelledby="transfers-title" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <h2 id="transfers-title" className="text-xl font-semibold text-ameli-900">{t('transfersTitle')}</h2>
        <p className="text-sm text-slate-700" data-testid="transfers-lead">{t('transfersLead', { count: data.transfers.length, total: money(data.transfersTotal) })}</p>
        {data.transfers.length > 0 ? (
          <details className="mt-2" open={allTransfers}>
            <summary className="cursor-pointer font-semibold text-ameli-700">{t('transfersSummary')}</summary>
            <div className="mt-2 overflow-x-auto">
              <table className="data-table transfers">
                <caption>{t('transfersCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('transferDate')}</th>
                    <th scope="col">{t('transferKind')}</th>
                    <th scope="col">{t('transferReference')}</th>
                    <th scope="col">{t('transferAccount')}</th>
                    <th scope="col">{t('transferAmount')}</th>
                  </tr>
                </thead>
                <tbody>
                  {transfers.map((p) => (
                    <tr key={p.id}>
                      <td>{fmtDate(p.paidOn, locale)}</td>
                      <td>
                        {t.has(`transferKinds.${p.kind}`) ? t(`transferKinds.${p.kind}` as 'transferKinds.refund') : p.kind}
                        {p.procedureReference ? <small data-testid="transfer-request">{t('transferForRequest', { reference: p.procedureReference })}</small> : null}
                      </td>
                      <td>{p.reference}</td>
                      <td>{p.ibanMasked ?? '—'}</td>
                      <td>{money(p.amount)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {!allTransfers && data.transfers.length > TRANSFERS_SHOWN ? (
              <p className="mt-2 text-sm">
                <Link href={`/compte/paiements${queryOf(filters, { virements: 'tous' })}#transfers-title`} className="font-semibold">
                  {t('transfersAll', { count: data.transfers.length })}
                </Link>
              </p>
            ) : null}
          </details>
        ) : null}
      </section>

      <section aria-labelledby="list-title" className="space-y-3">
        <h2 id="list-title" className="text-xl font-semibold text-ameli-900">{t('listTitle')}</h2>
        {data.lines.length === 0 ? (
          <p className="text-slate-700">{t('empty')}</p>
        ) : (
          <div className="pay-lines-box">
            {/* One table for every width (issue 15: the lines were rendered twice, a card list and a hidden table).
                Under the md breakpoint app/globals.css lays each row out as a card, which changes the display of
                table elements: the explicit roles keep it a table for assistive technologies, and each amount is
                labelled visibly by its column's name (the custom properties below, read by ::before). */}
            <table
              role="table"
              aria-labelledby="pay-lines-caption"
              className="pay-lines"
              data-testid="payment-lines"
              style={Object.fromEntries(AMOUNT_COLUMNS.map((c, i) => [`--pay-col-${i + 5}`, JSON.stringify(t(`columns.${c}`))]))}
            >
              <caption id="pay-lines-caption">{t('listCaption', { shown: data.lines.length, count: data.totals.count })}</caption>
              <thead role="rowgroup">
                <tr role="row">
                  {(['careDate', 'care', 'person', 'professional', ...AMOUNT_COLUMNS] as const).map((c) => (
                    <th key={c} scope="col" role="columnheader">{t(`columns.${c}`)}</th>
                  ))}
                </tr>
              </thead>
              <tbody role="rowgroup">
                {data.lines.map((l) => {
                  const careDate = fmtDate(l.careDate, locale)
                  return (
                    <tr key={l.id} role="row">
                      <td role="cell">{careDate}</td>
                      <td role="cell">
                        {/* No prefetch: 25 explanation pages fetched in the background for a list the person scrolls through. */}
                        <Link href={`/compte/paiements/${l.id}`} prefetch={false} aria-label={t('explainLink', { care: l.actLabel, date: careDate })}>
                          {l.actLabel}
                        </Link>
                        {l.quantity > 1 ? <span className="qty"> × {l.quantity}</span> : null}
                        {l.disputed ? <span className="tag">{t('disputed')}</span> : null}
                      </td>
                      <td role="cell">{l.person}</td>
                      <td role="cell">{l.professional ?? ''}</td>
                      <td role="cell">{money(l.charged)}</td>
                      <td role="cell">
                        {money(l.amoPaid)}
                        <small>{l.paidOn ? t(l.scheduled ? 'scheduledOn' : 'paidOn', { date: fmtDate(l.paidOn, locale) }) : l.amoPaid > 0 ? t('processing') : t('notPaid')}</small>
                      </td>
                      <td role="cell">{money(l.complementary)}</td>
                      <td role="cell">{money(l.patient)}</td>
                    </tr>
                  )
                })}
              </tbody>
            </table>
          </div>
        )}
        {data.next || data.previous ? (
          <nav aria-label={t('pagination')} className="flex flex-wrap gap-3">
            {data.previous ? (
              <>
                <Link href={`/compte/paiements${queryOf(filters)}`} className={buttonClass('ghost')}>{t('firstPage')}</Link>
                <Link href={`/compte/paiements${queryOf(filters, { before: data.previous })}`} rel="prev" className={buttonClass('secondary')}>{t('previous')}</Link>
              </>
            ) : null}
            {data.next ? (
              <Link href={`/compte/paiements${queryOf(filters, { after: data.next })}`} rel="next" className={buttonClass('secondary')}>{t('next')}</Link>
            ) : null}
          </nav>
        ) : null}
      </section>
    </div>
  )
}
