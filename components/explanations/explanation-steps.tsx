import { getTranslations } from 'next-intl/server'
import { fmtDate } from '@/components/format'

/** A step as a person reads it: a sentence, the day its rule took effect, the official page. */
export interface ExplanationStepView {
  code: string
  text: string
  from: string | null
  url: string | null
}

/** The host of an official page, said in words ("ameli.fr", "legifrance.gouv.fr"). */
function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '')
  } catch {
    return url
  }
}

/**
 * The ordered explanation of a computation (a payment line, a simulation): each step in plain words, since when
 * its rule applies, and a link to the official text. No rule ids, no developer references (issue 16 item 6).
 */
export async function ExplanationSteps({ steps, locale, testId }: { steps: readonly ExplanationStepView[]; locale: 'fr' | 'en'; testId?: string }) {
  const t = await getTranslations('explanations')
  return (
    <ol className="space-y-3" data-testid={testId}>
      {steps.map((step, i) => (
        <li key={`${step.code}-${i}`} className="flex gap-3">
          <span aria-hidden="true" className="flex size-7 shrink-0 items-center justify-center rounded-full bg-ameli-100 text-sm font-semibold text-ameli-800">
            {i + 1}
          </span>
          <div className="min-w-0">
            <p className="text-slate-900">{step.text}</p>
            {step.from || step.url ? (
              <p className="mt-0.5 break-words text-xs text-slate-700">
                {step.from ? <>{t('since', { date: fmtDate(step.from, locale) })} </> : null}
                {step.url ? (
                  <a href={step.url} className="font-semibold underline" rel="noopener noreferrer external">
                    {t('official', { site: hostOf(step.url) })}
                  </a>
                ) : null}
              </p>
            ) : null}
          </div>
        </li>
      ))}
    </ol>
  )
}
