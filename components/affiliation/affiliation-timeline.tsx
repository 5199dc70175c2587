import { getLocale, getTranslations } from 'next-intl/server'
import type { TTimelineStep } from '@/lib/domain/affiliation/timeline'
import { fmtDate } from '@/components/format'

const markers: Record<TTimelineStep['state'], { icon: string; ring: string }> = {
  done: { icon: '✓', ring: 'border-ok-700 bg-ok-700 text-white' },
  current: { icon: '●', ring: 'border-ameli-700 bg-white text-ameli-700 ring-4 ring-ameli-100' },
  upcoming: { icon: '', ring: 'border-slate-400 bg-white text-slate-500' },
  skipped: { icon: '–', ring: 'border-slate-300 bg-slate-100 text-slate-500' },
}

/**
 * The steps of an affiliation request as an ordered list: each with its state (done / current / upcoming / not
 * needed) in words for screen readers and as a marker, the actual date once done, and otherwise the usual delay
 * and the expected dates. The current step carries aria-current="step".
 */
export async function AffiliationTimeline({ steps, documentLabel }: { steps: TTimelineStep[]; documentLabel: (document: string) => string }) {
  const t = await getTranslations('affiliation.timeline')
  const tf = await getTranslations('affiliationPublic.follow')
  const locale = await getLocale()
  const date = (d: string | null) => fmtDate(d, locale)
  const stateText: Record<TTimelineStep['state'], string> = { done: tf('stateDone'), current: tf('stateCurrent'), upcoming: tf('stateUpcoming'), skipped: tf('stateSkipped') }
  return (
    <ol className="relative space-y-0" data-testid="affiliation-timeline">
      {steps.map((s, index) => {
        const title = s.key === 'document' ? t('steps.document', { document: documentLabel(s.detail ?? '') }) : t(`steps.${s.key}`)
        const hint = t.has(`hints.${s.key}`) ? t(`hints.${s.key}`) : null
        const last = index === steps.length - 1
        return (
          <li key={`${s.key}-${index}`} aria-current={s.state === 'current' ? 'step' : undefined} className="relative flex gap-4 pb-6 last:pb-0">
            {!last ? <span aria-hidden="true" className={`absolute top-8 left-[0.9375rem] h-[calc(100%-2rem)] w-0.5 ${s.state === 'done' ? 'bg-ok-700' : 'bg-slate-300'}`} /> : null}
            <span aria-hidden="true" className={`relative z-10 flex size-8 shrink-0 items-center justify-center rounded-full border-2 text-sm font-bold ${markers[s.state].ring}`}>
              {markers[s.state].icon}
            </span>
            <div className={`min-w-0 flex-1 ${s.state === 'current' ? 'rounded-md bg-ameli-50 p-3 -mt-1' : ''}`}>
              <p className="text-xs font-semibold tracking-wide text-slate-600 uppercase">
                <span className="sr-only">{tf('timelineStep', { index: index + 1, count: steps.length })} · </span>
                {stateText[s.state]}
              </p>
              <p className={`font-semibold ${s.state === 'upcoming' || s.state === 'skipped' ? 'text-slate-700' : 'text-slate-900'}`}>{title}</p>
              {s.state === 'done' && s.on ? <p className="text-sm text-ok-700">{t('states.done', { date: date(s.on) })}</p> : null}
              {s.state === 'done' && (s.key === 'rejected' || s.key === 'cancelled') && s.detail ? <p className="text-sm text-slate-700">{s.detail}</p> : null}
              {s.state !== 'done' && s.state !== 'skipped' && s.expectedFrom ? (
                <p className="text-sm text-slate-800">
                  {s.expectedTo ? t('expectedBetween', { from: date(s.expectedFrom), to: date(s.expectedTo) }) : t('expectedFrom', { from: date(s.expectedFrom) })}
                </p>
              ) : null}
              {s.state !== 'done' && s.state !== 'skipped' && hint ? (
                <p className="text-sm text-slate-600">{hint.charAt(0).toUpperCase() + hint.slice(1)}.</p>
              ) : null}
            </div>
          </li>
        )
      })}
    </ol>
  )
}
