import type { Metadata } from 'next'
import Link from 'next/link'
import { getLocale, getTranslations } from 'next-intl/server'
import { fmtNir } from '@/components/format'
import { fmtDateTime, requireStaffActor, staffTranslator } from '@/lib/forms/staff-page'
import { auditActionLabel, auditOutcomeLabel, auditTargetLabel } from '@/lib/services/back-office/present-codes'
import { ZAuditFilter } from '@/lib/schemas/back-office'
import { openSearch } from '@/lib/forms/search-token'
import { filterAuditAction } from '@/app/actions/back-office-search'
import { listAuditJournal } from '@/lib/services/back-office/audit-journal'
import { buttonClass } from '@/components/ui/button'
import { controlClass } from '@/components/back-office/control-class'
import { DataTable, dataRowClass } from '@/components/ui/data-table'
import { Pager } from '@/components/back-office/pager'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('nav'))('advisorAudit') }
}

/** Supervisor: the audit journal with filters (actor, insured person, action, dates), paging and the CSV export. */
export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireStaffActor('/conseiller/audit', ['supervisor'])
  const t = await getTranslations('backoffice.audit')
  const tb = await getTranslations('backoffice')
  const locale = await getLocale()
  const tr = await staffTranslator()
  const sp = await searchParams
  // The filters come sealed in `q` (posted by filterAuditAction: a NIR or a name never in the URL); the page number is plain.
  const q = typeof sp.q === 'string' ? sp.q : undefined
  // What the supervisor typed is shown as typed (issue 19 §1); a criterion the filter cannot apply says so.
  const typed = openSearch(actor.id, q, new Date()) ?? {}
  const filter = ZAuditFilter.parse({ ...typed, page: sp.page })
  const journal = await listAuditJournal({ actor, filter })
  const query = new URLSearchParams(q && openSearch(actor.id, q, new Date()) ? [['q', q]] : [])
  const pageHref = (page: number) => `/conseiller/audit?${new URLSearchParams([...query, ['page', String(page)]])}`
  const input = (name: 'actor' | 'insured' | 'action' | 'from' | 'to', type: 'text' | 'date', hint?: string) => {
    const ignored = Boolean(typed[name]?.trim()) && filter[name] === undefined
    const described = [hint ? `a-${name}-hint` : null, ignored ? `a-${name}-error` : null].filter(Boolean).join(' ') || undefined
    return (
      <div>
        <label htmlFor={`a-${name}`} className="block font-semibold">
          {t(`filters.${name}`)}
        </label>
        {hint ? (
          <p id={`a-${name}-hint`} className="text-sm text-slate-600">
            {hint}
          </p>
        ) : null}
        {ignored ? (
          <p id={`a-${name}-error`} className="text-sm font-semibold text-danger-700">
            {t('filters.ignored')}
          </p>
        ) : null}
        <input
          id={`a-${name}`}
          name={name}
          type={type}
          defaultValue={typed[name] ?? ''}
          list={name === 'action' ? 'audit-actions' : undefined}
          autoComplete="off"
          aria-invalid={ignored || undefined}
          aria-describedby={described}
          className={controlClass(ignored, type === 'date' ? 'w-48 max-w-full' : 'w-64 max-w-full')}
        />
      </div>
    )
  }

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-3xl font-bold text-ameli-900">{t('title')}</h1>
        <p className="max-w-3xl text-slate-700">{t('lead')}</p>
      </div>
      <form action={filterAuditAction} role="search" aria-label={t('filtersLabel')} className="flex flex-wrap items-end gap-4 rounded-lg border border-slate-200 bg-white p-4">
        {input('actor', 'text', t('filters.actorHint'))}
        {input('insured', 'text', t('filters.insuredHint'))}
        {input('action', 'text', t('filters.actionHint'))}
        <datalist id="audit-actions">
          {journal.actions.map((a) => (
            <option key={a} value={a} label={auditActionLabel(a, tr)} />
          ))}
        </datalist>
        {input('from', 'date')}
        {input('to', 'date')}
        <button type="submit" className={buttonClass('primary')}>
          {t('submit')}
        </button>
        <Link href="/conseiller/audit" className={buttonClass('ghost')}>
          {t('reset')}
        </Link>
      </form>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p role="status">{t('count', { count: journal.total })}</p>
        <a href={`/conseiller/audit/export?${query}`} className={buttonClass('secondary')} download>
          {t('export')}
        </a>
      </div>
      {journal.rows.length > 0 ? (
        <DataTable
          caption={t('caption')}
          className="min-w-[64rem]"
          columns={[t('cols.at'), t('cols.actor'), t('cols.action'), t('cols.target'), t('cols.insured'), t('cols.outcome'), t('cols.ip')]}
        >
          {journal.rows.map((r) => (
            <tr key={r.id} className={dataRowClass.boxed}>
              <td className="px-3 py-2 whitespace-nowrap">{fmtDateTime(r.at, locale)}</td>
              <td className="px-3 py-2">
                {r.actorName ?? '—'} <span className="text-slate-600">({tb.has(`roles.${r.actorRole}`) ? tb(`roles.${r.actorRole}` as never) : r.actorRole})</span>
              </td>
              <td className="px-3 py-2">
                {auditActionLabel(r.action, tr)}
                {/* The code stays visible (small): it is what the Action filter and the CSV export use. */}
                <span className="block font-mono text-xs text-slate-600">{r.action}</span>
              </td>
              <td className="px-3 py-2">{r.targetType ? auditTargetLabel(r.targetType, tr) : '—'}</td>
              <td className="px-3 py-2">{r.insuredName ? `${r.insuredName} · ${fmtNir(r.insuredNir ?? '')}` : '—'}</td>
              <td className={`px-3 py-2 ${r.outcome === 'success' ? '' : 'font-semibold text-danger-700'}`}>{auditOutcomeLabel(r.outcome, tr)}</td>
              <td className="px-3 py-2">{r.ip ?? '—'}</td>
            </tr>
          ))}
        </DataTable>
      ) : (
        <p className="rounded-md bg-ameli-50 p-4">{t('empty')}</p>
      )}
      <Pager page={journal.page} pages={journal.pages} href={pageHref} />
    </div>
  )
}
