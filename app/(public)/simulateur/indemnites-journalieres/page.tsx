import type { Metadata } from 'next'
import { getLocale, getTranslations } from 'next-intl/server'
import { z } from 'zod'
import { fmtMoney } from '@/components/format'
import { CheckField, ErrorSummary, SelectField, TextField } from '@/components/explanations/contract-fields'
import { ExplanationSteps } from '@/components/explanations/explanation-steps'
import { buttonClass } from '@/components/ui/button'
import { FiguresTable, type FigureRow } from '@/components/ui/figures-table'
import { ALLOWANCE_KINDS } from '@/lib/domain/daily-allowances/simulate'
import { parseEurosToCents } from '@/lib/domain/money'
import { isLocale, type Locale } from '@/lib/i18n/config'
import { computeOne, type ReadableContractStep } from '@/lib/services/simulation/allowances-css'
import { getRuleSet } from '@/lib/services/simulation/rule-engine'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('allowances'))('title') }
}

const ZQuery = z.object({
  kind: z.string().max(40).optional(),
  startDate: z.string().max(20).optional(),
  endDate: z.string().max(20).optional(),
  salaries: z.string().max(300).optional(),
  initial: z.string().max(5).optional(),
  sent: z.string().max(5).optional(),
})
type SearchParams = Record<string, string | string[] | undefined>
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)

interface AllowanceView {
  dailyGross: number
  dailyGrossFrom29?: number
  waitingDays: number
  paidDays: number
  totalGross: number
  csg: number
  crds: number
  totalNet: number
  taxable: number
  steps: ReadableContractStep[]
}

/**
 * Public daily-allowance simulator (SIMULATION-API.md "Daily allowances"): a GET form parsed with the contract's
 * schema, computed with the dated rules, explained step by step with official links. Works without JavaScript.
 */
export default async function AllowancesSimulatorPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const raw = await searchParams
  const rawLocale = await getLocale()
  const locale: Locale = isLocale(rawLocale) ? rawLocale : 'fr'
  const t = await getTranslations('allowances')
  const tErr = await getTranslations('allowances.errors')
  const q = ZQuery.safeParse(Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, first(v)])))
  const query = q.success ? q.data : {}
  const values = {
    kind: query.kind ?? 'illness',
    startDate: query.startDate ?? '',
    endDate: query.endDate ?? '',
    salaries: query.salaries ?? '',
    initial: query.sent ? query.initial === '1' : true,
  }

  const errors: { name: string; message: string }[] = []
  let view: AllowanceView | null = null
  if (query.sent) {
    const parts = values.salaries.split(/[;\n]/).map((s) => s.trim()).filter(Boolean)
    const cents = parts.map((p) => parseEurosToCents(p))
    if (parts.length > 0 && cents.some((c) => c === null)) errors.push({ name: 'salaries', message: tErr('salaries.form') })
    const request = {
      kind: values.kind,
      ...(values.startDate ? { startDate: values.startDate } : {}),
      ...(values.endDate ? { endDate: values.endDate } : {}),
      salaries: cents.filter((c): c is number => c !== null),
      initial: values.initial,
    }
    if (errors.length === 0) {
      const out = computeOne('allowances', request, await getRuleSet(), locale)
      if (out.ok) view = out.result as unknown as AllowanceView
      else for (const e of out.errors) if (!errors.some((x) => x.name === e.path.split('.')[0])) errors.push({ name: e.path.split('.')[0] || 'kind', message: e.message })
    }
  }
  const errorOf = (name: string) => errors.find((e) => e.name === name)?.message
  const money = (c: number) => fmtMoney(c, locale)
  const rows: FigureRow[] = view
    ? [
        { key: 'dailyGross', label: t('result.dailyGross'), value: money(view.dailyGross), strong: true },
        ...(view.dailyGrossFrom29 !== undefined ? [{ key: 'dailyGrossFrom29', label: t('result.dailyGrossFrom29'), value: money(view.dailyGrossFrom29) }] : []),
        { key: 'waitingDays', label: t('result.waitingDays'), value: String(view.waitingDays) },
        { key: 'paidDays', label: t('result.paidDays'), value: String(view.paidDays) },
        { key: 'totalGross', label: t('result.totalGross'), value: money(view.totalGross) },
        { key: 'csg', label: t('result.csg'), value: `− ${money(view.csg)}` },
        { key: 'crds', label: t('result.crds'), value: `− ${money(view.crds)}` },
        { key: 'totalNet', label: t('result.totalNet'), value: money(view.totalNet), strong: true },
        { key: 'taxable', label: t('result.taxable'), value: money(view.taxable) },
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
          <form method="get" action="/simulateur/indemnites-journalieres#resultat" className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
            <h2 className="text-xl font-semibold text-ameli-900">{t('form.title')}</h2>
            <input type="hidden" name="sent" value="1" />
            <SelectField name="kind" label={t('form.kind')} value={values.kind} error={errorOf('kind')} options={ALLOWANCE_KINDS.map((k) => ({ value: k, label: t(`form.kinds.${k}`) }))} />
            <TextField name="startDate" label={t('form.startDate')} hint={t('form.dateHint')} value={values.startDate} error={errorOf('startDate')} />
            <TextField name="endDate" label={t('form.endDate')} hint={t('form.dateHint')} value={values.endDate} error={errorOf('endDate')} />
            <TextField name="salaries" label={t('form.salaries')} hint={t('form.salariesHint')} value={values.salaries} error={errorOf('salaries')} inputMode="decimal" />
            <CheckField name="initial" label={t('form.initial')} checked={values.initial} />
            <button type="submit" className={buttonClass('primary')}>
              {t('form.submit')}
            </button>
          </form>
        </div>
        <section id={view ? 'resultat' : undefined} tabIndex={view ? -1 : undefined} aria-labelledby="ij-result-title" className="min-w-0 space-y-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-6 lg:col-span-6">
          <h2 id="ij-result-title" className="text-xl font-semibold text-ameli-900">
            {t('result.title')}
          </h2>
          {view ? (
            <>
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
