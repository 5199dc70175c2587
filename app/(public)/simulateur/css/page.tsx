import type { Metadata } from 'next'
import { getLocale, getTranslations } from 'next-intl/server'
import { z } from 'zod'
import { fmtMoney } from '@/components/format'
import { CheckField, ErrorSummary, TextField } from '@/components/explanations/contract-fields'
import { ExplanationSteps } from '@/components/explanations/explanation-steps'
import { buttonClass } from '@/components/ui/button'
import { FiguresTable, type FigureRow } from '@/components/ui/figures-table'
import { toCalendarDate } from '@/lib/domain/dates'
import { parseEurosToCents } from '@/lib/domain/money'
import { isLocale, type Locale } from '@/lib/i18n/config'
import { computeOne, type ReadableContractStep } from '@/lib/services/simulation/allowances-css'
import { getRuleSet } from '@/lib/services/simulation/rule-engine'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('cssSimulator'))('title') }
}

const ZQuery = z.object({
  date: z.string().max(20).optional(),
  birthDates: z.string().max(400).optional(),
  yearlyIncome: z.string().max(30).optional(),
  alsaceMoselle: z.string().max(5).optional(),
  overseas: z.string().max(5).optional(),
  sent: z.string().max(5).optional(),
})
type SearchParams = Record<string, string | string[] | undefined>
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)

interface CssView {
  outcome: 'free' | 'with-participation' | 'not-eligible'
  freeCeiling: number
  participationCeiling: number
  monthlyParticipation: number
  steps: ReadableContractStep[]
}

/**
 * Public CSS eligibility simulator (SIMULATION-API.md "CSS eligibility"): a GET form parsed with the contract's
 * schema, assessed with the dated ceilings, explained step by step with official links. Works without JavaScript.
 */
export default async function CssSimulatorPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const raw = await searchParams
  const rawLocale = await getLocale()
  const locale: Locale = isLocale(rawLocale) ? rawLocale : 'fr'
  const t = await getTranslations('cssSimulator')
  const tErr = await getTranslations('cssSimulator.errors')
  const q = ZQuery.safeParse(Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, first(v)])))
  const query = q.success ? q.data : {}
  const values = {
    date: query.date ?? toCalendarDate(new Date()),
    birthDates: query.birthDates ?? '',
    yearlyIncome: query.yearlyIncome ?? '',
    alsaceMoselle: query.alsaceMoselle === '1',
    overseas: query.overseas === '1',
  }

  const errors: { name: string; message: string }[] = []
  let view: CssView | null = null
  if (query.sent) {
    const births = values.birthDates.split(/[;\n,]/).map((s) => s.trim()).filter(Boolean)
    const income = values.yearlyIncome.trim() === '' ? undefined : parseEurosToCents(values.yearlyIncome)
    if (income === null) errors.push({ name: 'yearlyIncome', message: tErr('yearlyIncome.form') })
    if (errors.length === 0) {
      const request = {
        date: values.date,
        members: births.map((birthDate) => ({ birthDate })),
        ...(income !== undefined ? { yearlyIncome: income } : {}),
        alsaceMoselle: values.alsaceMoselle,
        overseas: values.overseas,
      }
      const out = computeOne('css', request, await getRuleSet(), locale)
      if (out.ok) view = out.result as unknown as CssView
      else
        for (const e of out.errors) {
          const name = e.path.startsWith('members') ? 'birthDates' : e.path.split('.')[0] || 'date'
          if (!errors.some((x) => x.name === name)) errors.push({ name, message: e.message })
        }
    }
  }
  const errorOf = (name: string) => errors.find((e) => e.name === name)?.message
  const money = (c: number) => fmtMoney(c, locale)
  const rows: FigureRow[] = view
    ? [
        { key: 'freeCeiling', label: t('result.freeCeiling'), value: money(view.freeCeiling) },
        { key: 'participationCeiling', label: t('result.participationCeiling'), value: money(view.participationCeiling) },
        { key: 'monthlyParticipation', label: t('result.monthlyParticipation'), value: money(view.monthlyParticipation), strong: true },
      ]
    : []

  return (
    <div className="space-y-6">
      <div className="max-w-3xl">
        <h1 className="text-3xl font-bold text-ameli-900">{t('title')}</h1>
        <p className="mt-3 text-lg text-slate-700">{t('lead')}</p>
      </div>
      <div className="grid items-start gap-8 lg:grid-cols-12">
        <div className="min-w-0 space-y-6 lg:col-span-6">
          <ErrorSummary title={t('form.errorTitle')} errors={errors} />
          <form method="get" action="/simulateur/css#resultat" className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
            <h2 className="text-xl font-semibold text-ameli-900">{t('form.title')}</h2>
            <input type="hidden" name="sent" value="1" />
            <TextField name="date" label={t('form.date')} hint={t('form.dateHint')} value={values.date} error={errorOf('date')} />
            <TextField name="birthDates" label={t('form.birthDates')} hint={t('form.birthDatesHint')} value={values.birthDates} error={errorOf('birthDates')} />
            <TextField name="yearlyIncome" label={t('form.yearlyIncome')} value={values.yearlyIncome} error={errorOf('yearlyIncome')} inputMode="decimal" />
            <CheckField name="alsaceMoselle" label={t('form.alsaceMoselle')} checked={values.alsaceMoselle} />
            <CheckField name="overseas" label={t('form.overseas')} checked={values.overseas} />
            <button type="submit" className={buttonClass('primary')}>
              {t('form.submit')}
            </button>
          </form>
        </div>
        <section id={view ? 'resultat' : undefined} tabIndex={view ? -1 : undefined} aria-labelledby="css-result-title" className="min-w-0 space-y-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-6 lg:col-span-6">
          <h2 id="css-result-title" className="text-xl font-semibold text-ameli-900">
            {t('result.title')}
          </h2>
          {view ? (
            <>
              <p className="text-lg font-semibold text-slate-900">{t(`result.outcome.${view.outcome}`)}</p>
              <FiguresTable caption={t('result.tableCaption')} captionClassName="text-lg text-ameli-900" itemLabel={t('result.item')} amountLabel={t('result.amount')} rows={rows} />
              <h3 className="text-lg font-semibold text-ameli-900">{t('result.stepsTitle')}</h3>
              <ExplanationSteps steps={view.steps} locale={locale} />
              <p className="rounded-md bg-slate-100 p-3 text-sm text-slate-700">{t('result.disclaimer')}</p>
            </>
          ) : (
            <p className="text-slate-700">{t('result.empty')}</p>
          )}
        </section>
      </div>
    </div>
  )
}
