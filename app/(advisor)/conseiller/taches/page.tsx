import type { Metadata } from 'next'
import { getLocale, getTranslations } from 'next-intl/server'
import { z } from 'zod'
import { requireRole } from '@/lib/auth/session'
import { getDb } from '@/lib/db/client'
import { JOB_NAMES } from '@/lib/jobs/registry'
import { getJobsOverview, type TJobRunDto } from '@/lib/services/system/jobs'
import { translateCode } from '@/lib/forms/procedure-action'
import { buttonClass } from '@/components/ui/button'
import { DataTable, dataRowClass } from '@/components/ui/data-table'
import { runJobNowAction } from '@/app/actions/jobs'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('jobs'))('title') }
}

const ZSearch = z.object({
  done: z.enum(['succeeded', 'retrying', 'failed']).optional().catch(undefined),
  job: z.enum(JOB_NAMES).optional().catch(undefined),
  run: z.string().regex(/^[\w-]{1,40}$/).optional().catch(undefined),
  error: z.string().regex(/^[\w.-]{1,80}$/).optional().catch(undefined),
})

const STATUS_CLASS: Record<string, string> = {
  succeeded: 'bg-green-100 text-green-900',
  running: 'bg-ameli-50 text-ameli-900',
  retrying: 'bg-amber-100 text-amber-900',
  failed: 'bg-red-100 text-danger-700',
}

/** Supervisor: the scheduled jobs (ADR 0011): last run, next run, duration, failures; run one by hand (audited). */
export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireRole(['supervisor'], '/conseiller/taches')
  const t = await getTranslations('jobs')
  const locale = (await getLocale()) === 'en' ? 'en' : 'fr'
  const { done, job: doneJob, run, error: errorCode } = ZSearch.parse(await searchParams)
  const error = errorCode ? await translateCode(errorCode) : null
  const { jobs, problems } = await getJobsOverview(getDb(), new Date())
  const when = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Paris' })
  const duration = (ms: number | null) => (ms === null ? '—' : ms < 1000 ? t('durationMs', { ms }) : t('durationS', { seconds: (ms / 1000).toLocaleString(locale, { maximumFractionDigits: 1 }) }))
  const name = (job: string) => ((JOB_NAMES as readonly string[]).includes(job) ? t(`names.${job}` as never) : job)
  const badge = (r: TJobRunDto) => <span className={`rounded px-1.5 py-0.5 text-xs font-semibold ${STATUS_CLASS[r.status] ?? ''}`}>{t(`status.${r.status}` as never)}</span>
  const doneRun = done && doneJob ? jobs.find((j) => j.name === doneJob)?.lastRun : undefined
  const doneSummary = doneRun && doneRun.id === run ? (doneRun.summary ?? doneRun.error ?? '') : ''

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-3xl font-bold text-ameli-900">{t('title')}</h1>
        <p className="max-w-3xl text-slate-700">{t('lead')}</p>
      </div>

      {done && doneJob && (
        <p role="status" className={`rounded-md border p-3 ${done === 'succeeded' ? 'border-green-700 bg-green-50 text-green-900' : 'border-danger-700 bg-red-50 text-danger-700'}`}>
          {t(`done.${done}`, { job: name(doneJob), summary: doneSummary })}
        </p>
      )}
      {error && (
        <p role="alert" className="rounded-md border-2 border-danger-700 bg-red-50 p-3 font-semibold text-danger-700">
          {error}
        </p>
      )}

      <DataTable
        caption={t('caption')}
        className="min-w-[64rem]"
        columns={[t('columns.job'), t('columns.schedule'), t('columns.lastRun'), t('columns.duration'), t('columns.nextRun'), { label: t('columns.failures'), className: 'text-right' }, t('columns.lastError'), t('columns.action')]}
      >
        {jobs.map((j) => (
          <tr key={j.name} className={dataRowClass.boxed}>
            <th scope="row" className="px-3 py-2 text-left align-top">
              <span className="font-semibold">{t(`names.${j.name}`)}</span>
              <span className="block font-normal text-slate-700">{t(`descriptions.${j.name}`)}</span>
            </th>
            <td className="px-3 py-2 align-top">{t(`schedules.${j.name}`)}</td>
            <td className="px-3 py-2 align-top">
              {j.lastRun ? (
                <>
                  <span className="block whitespace-nowrap">{when.format(j.lastRun.startedAt)}</span>
                  {badge(j.lastRun)} <span className="text-xs text-slate-700">{t(`trigger.${j.lastRun.trigger}` as never)}</span>
                  {j.lastRun.summary && <span className="block text-xs text-slate-700">{j.lastRun.summary}</span>}
                  {j.lastRun.status === 'retrying' && j.lastRun.nextAttemptAt && <span className="block text-xs text-amber-900">{t('retryAt', { time: when.format(j.lastRun.nextAttemptAt) })}</span>}
                </>
              ) : (
                <span className="text-slate-700">{t('never')}</span>
              )}
            </td>
            <td className="px-3 py-2 align-top whitespace-nowrap">{duration(j.lastRun?.durationMs ?? null)}</td>
            <td className="px-3 py-2 align-top whitespace-nowrap">{j.nextRun ? when.format(j.nextRun) : '—'}</td>
            <td className={`px-3 py-2 text-right align-top font-semibold ${j.failures > 0 ? 'text-danger-700' : ''}`}>{j.failures}</td>
            <td className="max-w-xs px-3 py-2 align-top break-words text-slate-800">
              {j.lastFailure ? (
                <>
                  <span className="block text-xs whitespace-nowrap text-slate-700">{when.format(j.lastFailure.startedAt)}</span>
                  {j.lastFailure.error}
                </>
              ) : (
                '—'
              )}
            </td>
            <td className="px-3 py-2 align-top">
              <form action={runJobNowAction}>
                <input type="hidden" name="job" value={j.name} />
                <button type="submit" className={buttonClass('secondary')} aria-label={t('runNowLabel', { job: t(`names.${j.name}`) })}>
                  {t('runNow')}
                </button>
              </form>
            </td>
          </tr>
        ))}
      </DataTable>

      <section aria-labelledby="job-problems" className="space-y-3">
        <h2 id="job-problems" className="text-xl font-bold text-ameli-900">
          {t('problemsTitle')}
        </h2>
        {problems.length === 0 ? (
          <p className="text-slate-700">{t('noProblems')}</p>
        ) : (
          <DataTable caption={t('problemsCaption')} className="min-w-[48rem]" columns={[t('columns.job'), t('columns.startedAt'), t('columns.status'), { label: t('columns.attempts'), className: 'text-right' }, t('columns.error')]}>
            {problems.map((r) => (
              <tr key={r.id} className={dataRowClass.boxed}>
                <td className="px-3 py-2">{name(r.job)}</td>
                <td className="px-3 py-2 whitespace-nowrap">{when.format(r.startedAt)}</td>
                <td className="px-3 py-2">
                  {badge(r)}
                  {r.status === 'retrying' && r.nextAttemptAt && <span className="block text-xs text-amber-900">{t('retryAt', { time: when.format(r.nextAttemptAt) })}</span>}
                </td>
                <td className="px-3 py-2 text-right">{r.attempts}</td>
                <td className="px-3 py-2 break-words">{r.error}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>
    </div>
  )
}
