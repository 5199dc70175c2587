import type { Metadata } from 'next'
import Link from 'next/link'
import { getLocale, getTranslations } from 'next-intl/server'
import { fmtDate } from '@/components/format'
import { fieldOfPath, isSubmitted, readForm, toQuery, toRawLine, actGroupOf, type ActOption, type FormFieldError, type SearchParams, type SimulatorField } from '@/components/simulator/form-query'
import { SimulatorForm, fieldAnchor, type SimulatorErrors } from '@/components/simulator/simulator-form'
import { SimulationResult, type SimulationView } from '@/components/simulator/simulation-result'
import { toCalendarDate } from '@/lib/domain/dates'
import { isLocale, type Locale } from '@/lib/i18n/config'
import { engineErrors, parseLine, readableSteps, translateErrors } from '@/lib/services/simulation/simulate-lines'
import { getRuleEngine, getRuleSet } from '@/lib/services/simulation/rule-engine'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('simulator'))('title') }
}

/** The worked example of SIMULATION-API.md, one click away from the empty form. */
const EXAMPLE = toQuery({ act: 'G', careDate: '2023-06-15', fee: '25', quantity: '1', sector: '1', birthDate: '1990-01-01', regime: 'general', pathway: 'coordinated', mutuelle: 'tm' })

/** Field order of the form, for the error summary. */
const FIELD_ORDER: SimulatorField[] = ['act', 'careDate', 'fee', 'quantity', 'sector', 'birthDate', 'regime', 'pathway', 'situations', 'mutuelle']

/**
 * Public reimbursement simulator (no sign-in). A GET form: the query string is parsed with the contract's
 * schema (SIMULATION-API.md), computed by the rule engine of the date of care, and the result is explained.
 * Works without JavaScript.
 */
export default async function SimulatorPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams
  const rawLocale = await getLocale()
  const locale: Locale = isLocale(rawLocale) ? rawLocale : 'fr'
  const t = await getTranslations('simulator')
  const engine = await getRuleEngine()
  const rules = await getRuleSet()

  const acts: ActOption[] = [...engine.acts.values()].map((a) => ({ code: a.code, label: a.label[locale], group: actGroupOf(a.careType), baseFromFee: Boolean(a.baseFromFee) }))
  const values = readForm(params, toCalendarDate(new Date()))

  let errorList: FormFieldError[] = []
  let view: SimulationView | null = null
  if (isSubmitted(params)) {
    const { raw, errors: formErrors } = toRawLine(values)
    // An act that is not in the list is said at once, with the other mistakes (the engine would say it only after them).
    if (values.act !== '' && !engine.acts.has(values.act)) formErrors.push({ field: 'act', code: 'act.unknown' })
    const parsed = parseLine(raw)
    const contractErrors: FormFieldError[] = parsed.ok
      ? []
      : parsed.errors.flatMap((e) => {
          const field = fieldOfPath(e.path)
          return field ? [{ field, code: e.code, ...(e.params ? { params: e.params } : {}) }] : []
        })
    errorList = [...formErrors, ...contractErrors.filter((e) => !formErrors.some((f) => f.field === e.field))]
    if (parsed.ok && errorList.length === 0) {
      const outcome = engine.simulate(parsed.line)
      if (!outcome.ok) {
        errorList = engineErrors(outcome.errors, parsed.line, engine).flatMap((e) => {
          const field = fieldOfPath(e.path)
          return field ? [{ field, code: e.code, ...(e.params ? { params: e.params } : {}) }] : []
        })
      } else {
        const r = outcome.result
        const def = engine.acts.get(parsed.line.act)
        view = {
          act: { code: parsed.line.act, label: def?.label[locale] ?? parsed.line.act },
          careDate: parsed.line.careDate,
          localRegimeApplies: parsed.line.regime === 'alsace-moselle',
          participationApplies: Boolean(def?.participation),
          franchiseApplies: Boolean(def?.franchise),
          css: parsed.line.situations.includes('css'),
          base: r.base,
          rate: r.rate,
          amoGross: r.amoGross,
          localRegime: r.localRegime,
          participation: r.participation,
          franchise: r.franchise,
          carriedForward: r.carriedForward,
          amoPaid: r.amoPaid,
          complementary: r.complementary,
          patient: r.patient,
          steps: readableSteps(r.steps, locale, rules),
        }
      }
    }
  }

  /** The form's own wording where it has one (euros, not cents), else the contract's translated message. */
  const message = (e: FormFieldError): string => {
    const key = `errors.${e.code}`
    const params = { ...e.params, date: values.careDate ? fmtDate(values.careDate, locale) : '' }
    if (t.has(key)) return t(key, params)
    return translateErrors([{ path: e.field, code: e.code, params }], locale)[0]?.message ?? e.code
  }
  const errors: SimulatorErrors = {}
  for (const e of errorList) errors[e.field] ??= message(e)
  const summary = FIELD_ORDER.filter((f) => errors[f] !== undefined)

  return (
    <div className="space-y-6">
      <div className="max-w-3xl">
        <h1 className="text-3xl font-bold text-ameli-900">{t('title')}</h1>
        <p className="mt-3 text-lg text-slate-700">{t('lead')}</p>
      </div>

      <div className="grid items-start gap-8 lg:grid-cols-12">
        <div className="min-w-0 space-y-6 lg:col-span-7">
          {summary.length > 0 ? (
            <div id="resultat" tabIndex={-1} role="alert" aria-labelledby="sim-error-title" className="rounded-md border-l-4 border-danger-700 bg-danger-50 p-4 text-danger-700">
              <h2 id="sim-error-title" className="text-lg font-semibold">
                {t('errorSummaryTitle')}
              </h2>
              <p className="mt-1 text-sm">{t('errorSummaryText')}</p>
              <ul className="mt-2 list-disc space-y-1 pl-5">
                {summary.map((field) => (
                  <li key={field}>
                    <a href={`#${fieldAnchor(field)}`} className="font-semibold text-danger-700 underline">
                      {errors[field]}
                    </a>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          <SimulatorForm values={values} acts={acts} errors={errors} />
        </div>

        <section
          id={view ? 'resultat' : undefined}
          tabIndex={view ? -1 : undefined}
          aria-labelledby="sim-result-title"
          className="min-w-0 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-6 lg:col-span-5"
        >
          <h2 id="sim-result-title" className="mb-3 text-xl font-semibold text-ameli-900">
            {view ? t('result.title') : t('empty.title')}
          </h2>
          {view ? (
            <SimulationResult view={view} locale={locale} />
          ) : (
            <div className="space-y-3 text-slate-700">
              <p>{t('empty.text')}</p>
              <p>{t('empty.exampleText')}</p>
              <p>
                <Link href={`/simulateur?${EXAMPLE}#resultat`} className="font-semibold">
                  {t('empty.exampleLink')}
                </Link>
              </p>
            </div>
          )}
        </section>
      </div>
    </div>
  )
}
