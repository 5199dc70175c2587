import type { Metadata } from 'next'
import Link from 'next/link'
import { getLocale, getTranslations } from 'next-intl/server'
import { getDb } from '@/lib/db/client'
import { getCaisseStats, getOrganisationName } from '@/lib/db/repositories/insured'
import { fmtDateTime, requireStaffActor } from '@/lib/forms/staff-page'
import { QUEUE_OPEN_CARD_STATUSES, QUEUE_OPEN_PROCEDURE_STATUSES, QUEUE_TYPES, ZQueueFilter } from '@/lib/schemas/back-office'
import { listQueueForStaff } from '@/lib/services/back-office/queue'
import { Card } from '@/components/ui/card'
import { buttonClass } from '@/components/ui/button'
import { SignOutEverywhere } from '@/components/auth/sign-out-everywhere'
import { DataTable, dataRowClass } from '@/components/ui/data-table'
import { Pager } from '@/components/back-office/pager'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('nav'))('advisorQueue') }
}

/** Affiliation requests have their own page (identity, checklist of documents, numbers); other procedures and card orders theirs. */
const requestHref = (item: { kind: string; type: string; id: string }) =>
  `/conseiller/demandes/${item.kind === 'procedure' ? (item.type === 'affiliation' ? 'affiliation' : 'procedure') : 'carte'}/${item.id}`

const selectClass = 'mt-1 block min-h-11 w-72 max-w-full rounded-md border border-slate-500 bg-white px-3 py-2'

/** The advisor's home: the caisse in figures and the queue (procedures and card orders), oldest first. */
export default async function AdvisorHome({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireStaffActor('/conseiller')
  const t = await getTranslations('advisor')
  const tb = await getTranslations('backoffice')
  const tt = await getTranslations('procedureTypes')
  const ts = await getTranslations('procedurePages.status')
  const locale = await getLocale()
  const filter = ZQueueFilter.parse(await searchParams)
  const db = getDb()
  // Supervisors see every caisse; an advisor only theirs.
  const scope = actor.role === 'supervisor' ? null : actor.organisationId
  const [stats, caisse, queue] = await Promise.all([
    getCaisseStats(db, scope),
    scope ? getOrganisationName(db, scope) : Promise.resolve(t('nationalScope')),
    listQueueForStaff({ actor, filter }),
  ])
  const figures = [
    { label: t('insuredCount'), value: stats.insured },
    { label: t('proceduresWaiting'), value: stats.proceduresWaiting },
    { label: t('lockedAccounts'), value: stats.lockedAccounts },
  ]
  const statuses = [...new Set([...QUEUE_OPEN_PROCEDURE_STATUSES, ...QUEUE_OPEN_CARD_STATUSES, 'rejected', 'completed', 'delivered', 'cancelled'])]
  const pageHref = (page: number) => `/conseiller?${new URLSearchParams({ ...(filter.type ? { type: filter.type } : {}), ...(filter.status ? { status: filter.status } : {}), page: String(page) })}#file`
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-3xl font-bold text-ameli-900">{t('homeTitle', { caisse: caisse ?? '—' })}</h1>
        <p className="text-slate-700">{t('homeLead', { name: actor.displayName, role: t(`roles.${actor.role === 'supervisor' ? 'supervisor' : 'advisor'}`) })}</p>
      </div>
      <Card title={t('stats')}>
        <dl className="grid gap-4 sm:grid-cols-3">
          {figures.map((f) => (
            <div key={f.label} className="rounded-md bg-ameli-50 p-4">
              <dt className="text-sm text-slate-700">{f.label}</dt>
              <dd className="text-2xl font-bold text-ameli-900">{f.value.toLocaleString(locale)}</dd>
            </div>
          ))}
        </dl>
      </Card>

      <section aria-labelledby="file" className="space-y-4">
        <h2 id="file" className="text-2xl font-semibold text-ameli-900">
          {tb('queue.title')}
        </h2>
        <p className="max-w-3xl text-slate-700">{tb('queue.lead')}</p>
        <form method="get" action="/conseiller" role="search" aria-label={tb('queue.filterLabel')} className="flex flex-wrap items-end gap-4 rounded-lg border border-slate-200 bg-white p-4">
          <div>
            <label htmlFor="queue-type" className="font-semibold">
              {tb('queue.type')}
            </label>
            <select id="queue-type" name="type" defaultValue={filter.type ?? ''} className={selectClass}>
              <option value="">{tb('queue.allTypes')}</option>
              {QUEUE_TYPES.map((type) => (
                <option key={type} value={type}>
                  {tt.has(type) ? tt(type) : type}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="queue-status" className="font-semibold">
              {tb('queue.status')}
            </label>
            <select id="queue-status" name="status" defaultValue={filter.status ?? 'open'} className={selectClass}>
              <option value="open">{tb('queue.openStatuses')}</option>
              <option value="all">{tb('queue.allStatuses')}</option>
              {statuses.map((s) => (
                <option key={s} value={s}>
                  {ts.has(s) ? ts(s) : s}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className={buttonClass('secondary')}>
            {tb('queue.filter')}
          </button>
        </form>
        <p role="status" className="text-slate-700">
          {tb('queue.count', { count: queue.total })}
        </p>
        {queue.items.length > 0 ? (
          <>
          {/* Phones: one card per request (the six columns do not fit); the table from md up. */}
          <ul className="space-y-3 md:hidden" aria-label={tb('queue.caption')}>
            {queue.items.map((item) => (
              <li key={`${item.kind}-${item.id}`} className="rounded-lg border border-slate-300 bg-white p-3 text-sm">
                <Link href={requestHref(item)} className="font-semibold">
                  {item.reference}
                </Link>
                <p>{tt.has(item.type) ? tt(item.type) : item.type} · {item.insuredName ?? '—'}</p>
                <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-slate-700">
                  <dt>{tb('queue.received')}</dt>
                  <dd>{fmtDateTime(item.submittedAt, locale)}</dd>
                  <dt>{tb('queue.status')}</dt>
                  <dd>{ts.has(item.status) ? ts(item.status) : item.status}</dd>
                  <dt>{tb('queue.assignedTo')}</dt>
                  <dd>{item.assignedTo ?? '—'}</dd>
                </dl>
              </li>
            ))}
          </ul>
          <DataTable
            caption={tb('queue.caption')}
            className="min-w-[48rem]"
            wrapperClassName="hidden md:block"
            columns={[tb('queue.received'), tb('queue.reference'), tb('queue.type'), tb('queue.person'), tb('queue.status'), tb('queue.assignedTo')]}
          >
            {queue.items.map((item) => (
              <tr key={`${item.kind}-${item.id}`} className={dataRowClass.boxed}>
                <td className="px-3 py-2 whitespace-nowrap">{fmtDateTime(item.submittedAt, locale)}</td>
                <td className="px-3 py-2 whitespace-nowrap">
                  <Link href={requestHref(item)} className="font-semibold">
                    {item.reference}
                  </Link>
                </td>
                <td className="px-3 py-2">{tt.has(item.type) ? tt(item.type) : item.type}</td>
                <td className="px-3 py-2">{item.insuredName ?? '—'}</td>
                <td className="px-3 py-2">{ts.has(item.status) ? ts(item.status) : item.status}</td>
                <td className="px-3 py-2">{item.assignedTo ?? '—'}</td>
              </tr>
            ))}
          </DataTable>
          </>
        ) : (
          <p className="rounded-md bg-ameli-50 p-4">{tb('queue.empty')}</p>
        )}
        <Pager page={queue.page} pages={queue.pages} href={pageHref} />
      </section>
      <SignOutEverywhere />
    </div>
  )
}
