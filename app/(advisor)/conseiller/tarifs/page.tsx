import type { Metadata } from 'next'
import { getLocale, getTranslations } from 'next-intl/server'
import { z } from 'zod'
import { requireRole } from '@/lib/auth/session'
import { getDb } from '@/lib/db/client'
import { listRuleRowsForAdmin } from '@/lib/db/repositories/rules'
import { dayKey } from '@/lib/domain/rules/rule-set'
import { addDays, formatDate, type CalendarDate } from '@/lib/domain/dates'
import { formatEuros } from '@/lib/domain/money'
import { parisToday } from '@/lib/domain/paris-today'
import { bundledRuleRows } from '@/prisma/rules'
import { Card } from '@/components/ui/card'
import { buttonClass } from '@/components/ui/button'
import { AddRuleForm } from '@/components/tariffs/add-rule-form'
import { reviewRuleRowAction } from '@/app/actions/tariffs'
import { translateCode } from '@/lib/forms/procedure-action'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('tariffs'))('title') }
}

const ZSearch = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  done: z.enum(['approved', 'withdrawn']).optional().catch(undefined),
  error: z.string().regex(/^[\w.-]{1,80}$/).optional().catch(undefined),
})

/** Supervisor: every dated rule the engine applies, with its sources; add a future-dated value. */
export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireRole(['supervisor'], '/conseiller/tarifs')
  const t = await getTranslations('tariffs')
  const locale = (await getLocale()) === 'en' ? 'en' : 'fr'
  const { q, done, error: errorCode } = ZSearch.parse(await searchParams)
  const error = errorCode ? await translateCode(errorCode) : null
  const today = parisToday(new Date())
  const todayKey = dayKey(today)
  const rows = await listRuleRowsForAdmin(getDb())
  const keys = [...new Set(rows.map((r) => r.key))].sort()
  const units = Object.fromEntries(rows.map((r) => [r.key, r.unit]))
  const shipped = new Set(bundledRuleRows.map((r) => `${r.key}@${r.from}`))
  const needle = q?.toLowerCase()
  const shown = needle ? rows.filter((r) => r.key.toLowerCase().includes(needle) || r.source.toLowerCase().includes(needle)) : rows
  const groups = new Map<string, typeof rows>()
  for (const r of shown) groups.set(r.key, [...(groups.get(r.key) ?? []), r])
  const value = (v: number, unit: string) => (unit === 'cents' ? formatEuros(v, locale) : `${v.toLocaleString(locale)} ${t(`units.${unit}` as never)}`)
  const inForce = (list: typeof rows) => {
    let best: (typeof rows)[number] | undefined
    for (const r of list) if (r.status === 'approved' && dayKey(r.from) <= todayKey && (!r.to || dayKey(r.to) >= todayKey) && (!best || dayKey(r.from) > dayKey(best.from))) best = r
    return best?.id
  }

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-3xl font-bold text-ameli-900">{t('title')}</h1>
        <p className="max-w-3xl text-slate-700">{t('lead')}</p>
      </div>

      <Card title={t('add.title')}>
        <p className="mb-4 text-slate-700">{t('add.lead')}</p>
        <AddRuleForm keys={keys} units={units} minDate={addDays(today as CalendarDate, 1)} />
      </Card>

      {done && (
        <p role="status" className="rounded-md border border-green-700 bg-green-50 p-3 text-green-900">
          {t(`review.done.${done}`)}
        </p>
      )}
      {error && (
        <p role="alert" className="rounded-md border-2 border-danger-700 bg-red-50 p-3 font-semibold text-danger-700">
          {error}
        </p>
      )}

      <form method="get" className="flex flex-wrap items-end gap-3" role="search">
        <div>
          <label htmlFor="rules-q" className="font-semibold">
            {t('filterLabel')}
          </label>
          <p id="rules-q-hint" className="text-sm text-slate-700">
            {t('filterHint')}
          </p>
          <input id="rules-q" name="q" defaultValue={q ?? ''} aria-describedby="rules-q-hint" className="mt-1 block min-h-11 w-72 max-w-full rounded-md border border-slate-500 bg-white px-3 py-2" />
        </div>
        <button type="submit" className={buttonClass('secondary')}>
          {t('filterSubmit')}
        </button>
      </form>
      <p className="text-slate-700">{t('count', { count: groups.size, rows: shown.length })}</p>

      <div className="space-y-4">
        {[...groups].map(([key, list]) => {
          const current = inForce(list)
          return (
            <div key={key} className="overflow-x-auto rounded-lg border border-slate-300 bg-white">
              <table className="w-full min-w-[48rem] text-left text-sm">
                <caption className="bg-ameli-50 px-3 py-2 text-left font-mono font-semibold text-ameli-900">{t('table.caption', { key })}</caption>
                <thead>
                  <tr className="border-b border-slate-300">
                    <th scope="col" className="px-3 py-2">{t('table.from')}</th>
                    <th scope="col" className="px-3 py-2">{t('table.to')}</th>
                    <th scope="col" className="px-3 py-2 text-right">{t('table.value')}</th>
                    <th scope="col" className="px-3 py-2">{t('table.source')}</th>
                    <th scope="col" className="px-3 py-2">{t('table.addedBy')}</th>
                    <th scope="col" className="px-3 py-2">{t('table.status')}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((r) => (
                    <tr key={r.id} className={`border-b border-slate-200 last:border-0 ${r.id === current ? 'bg-green-50' : ''}`}>
                      <td className="px-3 py-2 whitespace-nowrap">
                        {formatDate(r.from as CalendarDate, locale)}
                        {r.id === current && <span className="ml-2 rounded bg-green-700 px-1.5 py-0.5 text-xs font-semibold text-white">{t('table.inForce')}</span>}
                      </td>
                      <td className="px-3 py-2 whitespace-nowrap">{r.to ? formatDate(r.to as CalendarDate, locale) : t('table.openEnded')}</td>
                      <td className="px-3 py-2 text-right font-semibold whitespace-nowrap">{value(r.value, r.unit)}</td>
                      <td className="px-3 py-2">
                        {r.source}
                        {r.note && <span className="block text-slate-600">{r.note}</span>}
                      </td>
                      <td className="px-3 py-2 whitespace-nowrap">{r.createdBy ?? (shipped.has(`${r.key}@${r.from}`) ? t('table.shipped') : '—')}</td>
                      <td className="px-3 py-2">
                        <span className={`rounded px-1.5 py-0.5 text-xs font-semibold ${r.status === 'pending' ? 'bg-amber-100 text-amber-900' : r.status === 'withdrawn' ? 'bg-slate-200 text-slate-800 line-through' : 'text-slate-800'}`}>
                          {t(`status.${r.status}`)}
                        </span>
                        {r.approvedBy && <span className="block text-xs text-slate-700">{t('table.approvedBy', { name: r.approvedBy })}</span>}
                        {r.withdrawnBy && <span className="block text-xs text-slate-700">{t('table.withdrawnBy', { name: r.withdrawnBy })}</span>}
                        {r.createdById !== null && r.status !== 'withdrawn' && dayKey(r.from) > todayKey && (
                          <form action={reviewRuleRowAction} className="mt-1 flex flex-wrap gap-2">
                            <input type="hidden" name="rowId" value={r.id} />
                            {r.status === 'pending' && r.createdById !== user.id && (
                              <button type="submit" name="intent" value="approve" className={buttonClass('primary')} aria-label={t('review.approveLabel', { key: r.key, date: formatDate(r.from as CalendarDate, locale) })}>
                                {t('review.approve')}
                              </button>
                            )}
                            {r.status === 'pending' && r.createdById === user.id && <span className="text-xs text-slate-700">{t('review.waitingOther')}</span>}
                            <button type="submit" name="intent" value="withdraw" className={buttonClass('secondary')} aria-label={t('review.withdrawLabel', { key: r.key, date: formatDate(r.from as CalendarDate, locale) })}>
                              {t('review.withdraw')}
                            </button>
                          </form>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        })}
      </div>
    </div>
  )
}
