import type { Metadata } from 'next'
import Link from 'next/link'
import { getLocale, getTranslations } from 'next-intl/server'
import { getDb } from '@/lib/db/client'
import { getCaisseStats, getOrganisationName } from '@/lib/db/repositories/insured'
import { fmtDateTime, requireStaffActor } from '@/lib/forms/staff-page'
import { formatDate } from '@/lib/domain/dates'
import { QUEUE_GROUPS, QUEUE_STATUSES, QUEUE_TYPES, queueFilterQuery, ZQueueFilter, type TQueueFilter } from '@/lib/schemas/back-office'
import { listWorkQueue, queueFiguresByCaisse, type TWorkQueueItem } from '@/lib/services/back-office/work-queue'
import { listSavedQueueFilters } from '@/lib/services/back-office/saved-queue-filters'
import { deleteQueueFilterAction, queueBulkAction, saveQueueFilterAction } from '@/app/actions/work-queue'
import { Card } from '@/components/ui/card'
import { buttonClass } from '@/components/ui/button'
import { SignOutEverywhere } from '@/components/auth/sign-out-everywhere'
import { DataTable, dataRowClass } from '@/components/ui/data-table'
import { Pager } from '@/components/back-office/pager'
import { ActionForm } from '@/components/back-office/action-form'
import { QueueBulkForm } from '@/components/back-office/queue-bulk-form'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('nav'))('advisorQueue') }
}

/** Affiliation requests have their own page (identity, checklist of documents, numbers); other procedures and card orders theirs. */
const requestHref = (item: { kind: string; type: string; id: string }) =>
  `/conseiller/demandes/${item.kind === 'procedure' ? (item.type === 'affiliation' ? 'affiliation' : 'procedure') : 'carte'}/${item.id}`

const selectClass = 'mt-1 block min-h-11 w-full sm:w-64 max-w-full rounded-md border border-slate-500 bg-white px-3 py-2'

/** SLA badge colours; the text always says the state (never the colour alone). */
const SLA_CLASS = {
  late: 'border-danger-700 bg-danger-50 text-danger-700',
  'due-soon': 'border-amber-700 bg-amber-50 text-amber-900',
  'on-time': 'border-ok-700 bg-ok-50 text-ok-700',
} as const
const SLA_ICON = { late: '●', 'due-soon': '▲', 'on-time': '✓' } as const

const queueHref = (f: Partial<TQueueFilter>, page?: number) => {
  const q = queueFilterQuery({ page: 1, ...f })
  const params = new URLSearchParams(q)
  if (page && page > 1) params.set('page', String(page))
  const s = params.toString()
  return `/conseiller${s ? `?${s}` : ''}#file`
}

/**
 * The advisor's home and work queue (issue 17 §7): the caisse in figures (supervisors: per caisse), saved filters,
 * tabs "waiting for the caisse" / "waiting for the person", the GET filter form, then the requests most urgent
 * first with their age and SLA state, "assign to me" on each row and bulk actions on a selection.
 */
export default async function AdvisorHome({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireStaffActor('/conseiller')
  const t = await getTranslations('advisor')
  const tb = await getTranslations('backoffice')
  const tq = await getTranslations('backoffice.workQueue')
  const tt = await getTranslations('procedureTypes')
  const ts = await getTranslations('procedurePages.status')
  const locale = await getLocale()
  const lang = locale === 'en' ? 'en' : 'fr'
  const filter = ZQueueFilter.parse(await searchParams)
  const db = getDb()
  const now = new Date()
  const supervisor = actor.role === 'supervisor'
  // Supervisors see every caisse; an advisor only theirs.
  const scope = supervisor ? null : actor.organisationId
  const [stats, caisse, queue, figures, saved] = await Promise.all([
    getCaisseStats(db, scope),
    scope ? getOrganisationName(db, scope) : Promise.resolve(t('nationalScope')),
    listWorkQueue({ actor, filter, now }),
    supervisor ? queueFiguresByCaisse({ actor, now }) : Promise.resolve(null),
    listSavedQueueFilters({ actor }),
  ])
  const statsFigures = [
    { label: t('insuredCount'), value: stats.insured },
    { label: t('proceduresWaiting'), value: stats.proceduresWaiting },
    { label: t('lockedAccounts'), value: stats.lockedAccounts },
  ]
  const typeLabel = (type: string) => (tt.has(type) ? tt(type) : type)
  const statusLabel = (s: string) => (ts.has(s) ? ts(s) : s)
  const status = filter.status ?? 'open'
  const currentQuery = queueFilterQuery(filter)
  const sort = filter.sort ?? 'due'
  const groupLabel = { open: tq('groupOpen'), caisse: tq('groupCaisse'), person: tq('groupPerson'), closed: tq('groupClosed'), all: tq('groupAll') } as const
  const tabs = [
    { key: 'open', label: tq('tabOpen', { count: queue.counts.open }) },
    { key: 'caisse', label: tq('tabCaisse', { count: queue.counts.caisse }) },
    { key: 'person', label: tq('tabPerson', { count: queue.counts.person }) },
  ] as const
  const age = (i: TWorkQueueItem) => (i.age.unit === 'today' ? tq('ageToday') : i.age.unit === 'days' ? tq('ageDays', { count: i.age.count }) : i.age.unit === 'months' ? tq('ageMonths', { count: i.age.count }) : tq('ageYears', { count: i.age.count }))
  const waiting = (i: TWorkQueueItem) => (i.waitingFor === 'person' ? tq('waitingPerson') : i.waitingFor === 'caisse' ? tq('waitingCaisse') : tq('waitingClosed'))
  const advisorGroups = [...new Set(queue.advisors.map((a) => a.caisse))].map((c) => ({ caisse: c, people: queue.advisors.filter((a) => a.caisse === c).map((a) => ({ id: a.id, displayName: a.displayName })) }))

  function SlaBadge({ item }: { item: TWorkQueueItem }) {
    if (!item.sla) return <span className="text-slate-700">{item.waitingFor === 'closed' ? '—' : tq('slaNone')}</span>
    const s = item.sla
    const label = s.state === 'late' ? tq('slaLate') : s.state === 'due-soon' ? tq('slaDueSoon') : tq('slaOnTime')
    const detail = s.daysLeft < 0 ? tq('slaLateDetail', { count: -s.daysLeft }) : tq('slaLeftDetail', { count: s.daysLeft })
    return (
      <span className="inline-flex flex-col gap-0.5">
        <span className={`inline-flex w-fit items-center gap-1 rounded-full border px-2 py-0.5 text-xs font-semibold whitespace-nowrap ${SLA_CLASS[s.state]}`} data-testid="sla-state">
          <span aria-hidden="true">{SLA_ICON[s.state]}</span>
          {label}
        </span>
        <span className="text-xs whitespace-nowrap text-slate-700" title={tq('slaOf', { days: s.days })}>
          {detail}
        </span>
      </span>
    )
  }

  function RowActions({ item, prefix }: { item: TWorkQueueItem; prefix: string }) {
    return item.canTake ? (
      <button type="submit" name="intent" value={`take:${item.key}`} className={buttonClass('secondary', 'min-h-9 px-3 py-1 text-xs')} aria-label={tq('takeOne', { reference: item.reference })} id={`${prefix}-take-${item.id}`}>
        {tq('take')}
      </button>
    ) : null
  }

  function SelectBox({ item, prefix }: { item: TWorkQueueItem; prefix: string }) {
    if (!item.canTake && !item.canAssign) return prefix === 'card' ? <span className="size-5 shrink-0" aria-hidden="true" /> : null
    const id = `${prefix}-sel-${item.kind}-${item.id}`
    return (
      <>
        <input id={id} type="checkbox" name="keys" value={item.key} className="size-5" />
        <label htmlFor={id} className="sr-only">
          {tq('select', { reference: item.reference })}
        </label>
      </>
    )
  }

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-3xl font-bold text-ameli-900">{t('homeTitle', { caisse: caisse ?? '—' })}</h1>
        <p className="text-slate-700">{t('homeLead', { name: actor.displayName, role: t(`roles.${supervisor ? 'supervisor' : 'advisor'}`) })}</p>
      </div>
      <Card title={t('stats')}>
        <dl className="grid gap-4 sm:grid-cols-3">
          {statsFigures.map((f) => (
            <div key={f.label} className="rounded-md bg-ameli-50 p-4">
              <dt className="text-sm text-slate-700">{f.label}</dt>
              <dd className="text-2xl font-bold text-ameli-900">{f.value.toLocaleString(locale)}</dd>
            </div>
          ))}
        </dl>
      </Card>

      {figures ? (
        <section aria-labelledby="figures" className="space-y-2">
          <h2 id="figures" className="text-2xl font-semibold text-ameli-900">
            {tq('figuresTitle')}
          </h2>
          <DataTable
            caption={tq('figuresCaption')}
            className="min-w-[40rem]"
            columns={[tq('caisse'), tq('figOpen'), tq('figLate'), tq('figPerson'), tq('figCaisse'), tq('figDone')].map((label, i) => (i === 0 ? { label, className: 'sticky left-0 bg-ameli-50' } : label))}
          >
            {figures.map((f) => (
              <tr key={f.organisationId} className={dataRowClass.boxed}>
                <th scope="row" className="sticky left-0 bg-white px-3 py-2 text-left font-semibold">
                  <Link href={queueHref({ caisse: f.organisationId })} aria-label={tq('figShow', { caisse: f.caisse })}>
                    {f.caisse}
                  </Link>
                </th>
                <td className="px-3 py-2 tabular-nums">{f.open.toLocaleString(locale)}</td>
                <td className={`px-3 py-2 tabular-nums ${f.late ? 'font-semibold text-danger-700' : ''}`}>{f.late.toLocaleString(locale)}</td>
                <td className="px-3 py-2 tabular-nums">{f.person.toLocaleString(locale)}</td>
                <td className="px-3 py-2 tabular-nums">{f.caisseWaiting.toLocaleString(locale)}</td>
                <td className="px-3 py-2 tabular-nums">{f.doneThisWeek.toLocaleString(locale)}</td>
              </tr>
            ))}
          </DataTable>
        </section>
      ) : null}

      <section aria-labelledby="file" className="space-y-4">
        <h2 id="file" className="text-2xl font-semibold text-ameli-900">
          {tb('queue.title')}
        </h2>
        <p className="max-w-3xl text-slate-700">{tq('lead')}</p>

        <nav aria-label={tq('tabsLabel')} className="flex flex-wrap gap-2">
          {tabs.map((tab) => {
            const active = status === tab.key
            return (
              <Link
                key={tab.key}
                href={queueHref({ ...filter, status: tab.key })}
                aria-current={active ? 'page' : undefined}
                className={`${buttonClass(active ? 'primary' : 'secondary')}`}
              >
                {tab.label}
              </Link>
            )
          })}
          <Link href={queueHref({ ...filter, assignee: filter.assignee === 'me' ? undefined : 'me' })} aria-current={filter.assignee === 'me' ? 'page' : undefined} className={buttonClass(filter.assignee === 'me' ? 'primary' : 'secondary')}>
            {tq('myCases')}
          </Link>
        </nav>

        {/* Keyed by the filter: after a client-side navigation (a tab, a saved filter) the selects show the new one. */}
        <form key={currentQuery} method="get" action="/conseiller" role="search" aria-label={tb('queue.filterLabel')} className="flex flex-wrap items-end gap-4 rounded-lg border border-slate-200 bg-white p-4">
          <div className="w-full sm:w-auto">
            <label htmlFor="queue-type" className="font-semibold">
              {tb('queue.type')}
            </label>
            <select id="queue-type" name="type" defaultValue={filter.type ?? ''} className={selectClass}>
              <option value="">{tb('queue.allTypes')}</option>
              {QUEUE_TYPES.map((type) => (
                <option key={type} value={type}>
                  {typeLabel(type)}
                </option>
              ))}
            </select>
          </div>
          <div className="w-full sm:w-auto">
            <label htmlFor="queue-status" className="font-semibold">
              {tb('queue.status')}
            </label>
            <select id="queue-status" name="status" defaultValue={status} className={selectClass}>
              {QUEUE_GROUPS.map((g) => (
                <option key={g} value={g}>
                  {groupLabel[g]}
                </option>
              ))}
              <optgroup label={tq('oneStatus')}>
                {QUEUE_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {statusLabel(s)}
                  </option>
                ))}
              </optgroup>
            </select>
          </div>
          <div className="w-full sm:w-auto">
            <label htmlFor="queue-assignee" className="font-semibold">
              {tq('assignee')}
            </label>
            <select id="queue-assignee" name="assignee" defaultValue={filter.assignee ?? ''} className={selectClass}>
              <option value="">{tq('assigneeAny')}</option>
              <option value="me">{tq('assigneeMe')}</option>
              <option value="none">{tq('assigneeNone')}</option>
            </select>
          </div>
          {supervisor ? (
            <div className="w-full sm:w-auto">
              <label htmlFor="queue-caisse" className="font-semibold">
                {tq('caisse')}
              </label>
              <select id="queue-caisse" name="caisse" defaultValue={filter.caisse ?? ''} className={selectClass}>
                <option value="">{tq('allCaisses')}</option>
                {queue.caisses.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          <div className="w-full sm:w-auto">
            <label htmlFor="queue-sort" className="font-semibold">
              {tq('sort')}
            </label>
            <select id="queue-sort" name="sort" defaultValue={sort} className={selectClass}>
              <option value="due">{tq('sortDue')}</option>
              <option value="received">{tq('sortReceived')}</option>
              <option value="recent">{tq('sortRecent')}</option>
            </select>
          </div>
          <button type="submit" className={buttonClass('secondary')}>
            {tb('queue.filter')}
          </button>
        </form>

        <details className="rounded-lg border border-slate-200 bg-white p-4" open={saved.length > 0}>
          <summary className="cursor-pointer font-semibold text-ameli-900">
            {tq('savedTitle')} ({saved.length})
          </summary>
          <div className="mt-3 space-y-4">
            {saved.length ? (
              <ul className="space-y-2" aria-label={tq('savedTitle')}>
                {saved.map((f) => (
                  <li key={f.id} className="flex flex-wrap items-center gap-3">
                    <Link href={`/conseiller${f.query ? `?${f.query}` : ''}#file`} aria-label={tq('savedApply', { name: f.name })} className="font-semibold">
                      {f.name}
                    </Link>
                    {f.query === currentQuery ? <span className="rounded-full bg-ameli-50 px-2 text-xs text-ameli-900">{tq('current')}</span> : null}
                    <ActionForm id={`delete-filter-${f.id}`} action={deleteQueueFilterAction} hidden={{ filterId: f.id }} submitLabel={tq('savedDeleteNamed', { name: f.name })} variant="secondary" />
                  </li>
                ))}
              </ul>
            ) : (
              <p className="text-slate-700">{tq('savedNone')}</p>
            )}
            <ActionForm
              id="save-filter"
              action={saveQueueFilterAction}
              hidden={{ query: currentQuery }}
              fields={[{ kind: 'text', name: 'name', label: tq('savedName'), hint: tq('savedNameHint') }]}
              submitLabel={tq('savedSave')}
              variant="secondary"
            />
          </div>
        </details>

        <p role="status" className="text-slate-700">
          {tb('queue.count', { count: queue.total })}
        </p>
        {queue.items.length > 0 ? (
          <QueueBulkForm
            action={queueBulkAction}
            advisors={advisorGroups}
            labels={{
              bulkLabel: tq('bulkLabel'), bulkHint: tq('bulkHint'), selectAll: tq('selectAll'), takeSelected: tq('takeSelected'),
              assignTo: tq('assignTo'), assignChoose: tq('assignChoose'), assignSelected: tq('assignSelected'),
            }}
          >
            {/* Phones: one card per request (the columns do not fit); the table from lg up. */}
            <ul className="space-y-3 lg:hidden" aria-label={tq('caption', { sort: tq(sort === 'due' ? 'captionDue' : sort === 'received' ? 'captionReceived' : 'captionRecent') })}>
              {queue.items.map((item) => (
                <li key={item.key} className="rounded-lg border border-slate-300 bg-white p-3 text-sm">
                  <div className="flex items-start gap-3">
                    <SelectBox item={item} prefix="card" />
                    <div className="min-w-0 flex-1">
                      <div className="flex flex-wrap items-center justify-between gap-2">
                        <Link href={requestHref(item)} className="font-semibold">
                          {item.reference}
                        </Link>
                        <SlaBadge item={item} />
                      </div>
                      <p>
                        {typeLabel(item.type)} · {item.insuredName ?? '—'}
                      </p>
                      <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-slate-700">
                        <dt>{tq('age')}</dt>
                        <dd>
                          {age(item)} <span className="text-xs">({fmtDateTime(item.submittedAt, locale)})</span>
                        </dd>
                        {item.sla ? (
                          <>
                            <dt>{tq('due')}</dt>
                            <dd>{formatDate(item.sla.dueOn, lang)}</dd>
                          </>
                        ) : null}
                        <dt>{tb('queue.status')}</dt>
                        <dd>
                          {statusLabel(item.status)} · {tq('waiting')} {waiting(item)}
                        </dd>
                        {supervisor ? (
                          <>
                            <dt>{tq('caisse')}</dt>
                            <dd>{item.caisse}</dd>
                          </>
                        ) : null}
                        <dt>{tq('assignedTo')}</dt>
                        <dd>{item.assignedTo ?? '—'}</dd>
                      </dl>
                      <div className="mt-2">
                        <RowActions item={item} prefix="card" />
                      </div>
                    </div>
                  </div>
                </li>
              ))}
            </ul>
            <DataTable
              caption={tq('caption', { sort: tq(sort === 'due' ? 'captionDue' : sort === 'received' ? 'captionReceived' : 'captionRecent') })}
              className={supervisor ? 'min-w-[64rem]' : 'min-w-[56rem]'}
              wrapperClassName="hidden lg:block"
              columns={[
                { label: <span className="sr-only">{tq('select', { reference: '' }).trim()}</span>, className: 'w-10' },
                tb('queue.reference'),
                tb('queue.type'),
                tq('person'),
                tq('age'),
                tq('due'),
                tb('queue.status'),
                ...(supervisor ? [{ label: tq('caisse'), className: 'min-w-[9rem]' }] : []),
                tq('assignedTo'),
                tq('actions'),
              ]}
            >
              {queue.items.map((item) => (
                <tr key={item.key} className={dataRowClass.boxed}>
                  <td className="px-3 py-2">
                    <SelectBox item={item} prefix="row" />
                  </td>
                  <td className="px-3 py-2 whitespace-nowrap">
                    <Link href={requestHref(item)} className="font-semibold">
                      {item.reference}
                    </Link>
                  </td>
                  <td className="px-3 py-2">{typeLabel(item.type)}</td>
                  <td className="px-3 py-2">{item.insuredName ?? '—'}</td>
                  <td className="px-3 py-2 whitespace-nowrap">
                    <span title={fmtDateTime(item.submittedAt, locale)}>{age(item)}</span>
                  </td>
                  <td className="px-3 py-2">
                    {item.sla ? <span className="block whitespace-nowrap">{formatDate(item.sla.dueOn, lang)}</span> : null}
                    <SlaBadge item={item} />
                  </td>
                  <td className="px-3 py-2">
                    {statusLabel(item.status)}
                    <span className="block text-xs text-slate-700">
                      {tq('waiting')} {waiting(item)}
                    </span>
                  </td>
                  {supervisor ? <td className="px-3 py-2">{item.caisse}</td> : null}
                  <td className="px-3 py-2">{item.assignedTo ?? '—'}</td>
                  <td className="px-3 py-2">
                    <RowActions item={item} prefix="row" />
                  </td>
                </tr>
              ))}
            </DataTable>
          </QueueBulkForm>
        ) : (
          <p className="rounded-md bg-ameli-50 p-4">{tb('queue.empty')}</p>
        )}
        <Pager page={queue.page} pages={queue.pages} href={(page) => queueHref(filter, page)} />
      </section>
      <SignOutEverywhere />
    </div>
  )
}
