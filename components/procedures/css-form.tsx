'use client'

import { useKeptForm } from '@/components/ui/use-kept-form'
import { useLocale, useTranslations } from 'next-intl'
import type { ReactNode } from 'react'
import { cssAction, type TCssResult } from '@/app/actions/procedures'
import { fmtMoney } from '@/components/format'
import { ErrorSummary, SelectField, SubmitButton, TextField } from './form-kit'
import { CSS_MAX_MEMBERS, initialFormState } from './form-state'
import { ProcedureDone } from './situation-forms'

const cardClass = 'rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-6'

/** The figures of the assessment: outcome, ceilings for the household, participation per person and per month. */
function Assessment({ result, names }: { result: TCssResult; names: string[] }) {
  const t = useTranslations('procedurePages.css')
  const locale = useLocale()
  const a = result.assessment
  const tone = a.outcome === 'not-eligible' ? 'border-danger-700 bg-danger-50' : 'border-ok-700 bg-ok-50'
  return (
    <section aria-labelledby="css-assessment" className={`space-y-3 rounded-lg border-l-4 p-4 sm:p-6 ${tone}`} data-testid="css-assessment">
      <h2 id="css-assessment" className="text-xl font-semibold text-ameli-900">
        {t(`outcome.${a.outcome}`)}
      </h2>
      <p>{t(`outcomeText.${a.outcome}`, { amount: fmtMoney(a.monthlyParticipation, locale) })}</p>
      <dl className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
        <dt className="font-semibold">{t('householdSize')}</dt>
        <dd>{a.householdSize}</dd>
        <dt className="font-semibold">{t('yearlyIncomeShown')}</dt>
        <dd>{fmtMoney(a.yearlyIncome, locale)}</dd>
        <dt className="font-semibold">{t('freeCeiling')}</dt>
        <dd>{fmtMoney(a.freeCeiling, locale)}</dd>
        <dt className="font-semibold">{t('participationCeiling')}</dt>
        <dd>{fmtMoney(a.participationCeiling, locale)}</dd>
      </dl>
      {a.outcome === 'participation' ? (
        <div className="overflow-x-auto">
          <table className="w-full min-w-72 border-collapse bg-white text-sm">
            <caption className="py-1 text-left font-semibold">{t('tableCaption')}</caption>
            <thead>
              <tr className="border-b border-slate-300 text-left">
                <th scope="col" className="p-2">{t('person')}</th>
                <th scope="col" className="p-2">{t('age')}</th>
                <th scope="col" className="p-2 text-right">{t('perMonth')}</th>
              </tr>
            </thead>
            <tbody>
              {a.members.map((m, i) => (
                <tr key={i} className="border-b border-slate-200">
                  <th scope="row" className="p-2 text-left font-normal">{names[i] ?? t('personN', { n: i + 1 })}</th>
                  <td className="p-2">{t('years', { age: m.ageOnFirstJanuary })}</td>
                  <td className="p-2 text-right">{fmtMoney(m.monthlyParticipation, locale)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={2} className="p-2 text-left">{t('total')}</th>
                <td className="p-2 text-right font-semibold">{fmtMoney(a.monthlyParticipation, locale)}</td>
              </tr>
            </tfoot>
          </table>
        </div>
      ) : null}
    </section>
  )
}

/**
 * `blocked`: why no application can be filed (issue 17 §3: an application in progress, a CSS running beyond its
 * renewal window), shown instead of the fields. The confirmation of an application just sent stays on screen even
 * though the refreshed page now says an application is in progress.
 */
export function CssForm({ idempotencyKey, applicantName, blocked }: { idempotencyKey: string; applicantName: string; blocked?: ReactNode }) {
  const t = useTranslations('procedurePages.css')
  const { state, form } = useKeptForm(cssAction, initialFormState<TCssResult>())
  const v = state.values
  const filled = Array.from({ length: CSS_MAX_MEMBERS }, (_, i) => i).filter((i) => ['firstNames', 'lastName', 'birthDate'].some((f) => (v[`members.${i}.${f}`] ?? '').trim()))
  const rows = Math.min(CSS_MAX_MEMBERS, Math.max(1, (filled.length ? Math.max(...filled) + 1 : 0) + 1))
  const names = [applicantName, ...filled.map((i) => `${v[`members.${i}.firstNames`] ?? ''} ${v[`members.${i}.lastName`] ?? ''}`.trim())]
  if (state.status === 'success' && state.result?.done) {
    return (
      <div className="space-y-6">
        <ProcedureDone title={t('successTitle')} result={state.result.done}>
          <p>{t('successText')}</p>
        </ProcedureDone>
        <Assessment result={state.result} names={names} />
      </div>
    )
  }
  if (blocked) return <>{blocked}</>
  const order = ['yearlyIncome', ...Array.from({ length: rows }, (_, i) => ['firstNames', 'lastName', 'birthDate', 'relationship'].map((f) => `members.${i}.${f}`)).flat()]
  return (
    <form {...form} noValidate className="space-y-6">
      <ErrorSummary state={state} order={order} />
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      <div className={cardClass}>
        <fieldset className="min-w-0 space-y-4">
          <legend className="text-lg font-semibold text-ameli-900">{t('householdLegend')}</legend>
          <p className="text-sm text-slate-700">{t('householdText', { name: applicantName })}</p>
          {Array.from({ length: rows }, (_, i) => (
            <fieldset key={i} className="min-w-0 space-y-3 rounded-md border border-slate-200 p-3">
              <legend className="px-1 font-semibold text-slate-900">{t('memberLegend', { n: i + 2 })}</legend>
              <div className="grid gap-3 sm:grid-cols-2">
                <TextField name={`members.${i}.firstNames`} label={t('firstNames')} error={state.errors[`members.${i}.firstNames`]} defaultValue={v[`members.${i}.firstNames`]} autoComplete="off" />
                <TextField name={`members.${i}.lastName`} label={t('lastName')} error={state.errors[`members.${i}.lastName`]} defaultValue={v[`members.${i}.lastName`]} autoComplete="off" />
                <TextField name={`members.${i}.birthDate`} type="date" label={t('birthDate')} error={state.errors[`members.${i}.birthDate`]} defaultValue={v[`members.${i}.birthDate`]} />
                <SelectField
                  name={`members.${i}.relationship`}
                  label={t('relationship')}
                  error={state.errors[`members.${i}.relationship`]}
                  defaultValue={v[`members.${i}.relationship`] ?? 'child'}
                  options={(['spouse', 'child', 'other'] as const).map((r) => ({ value: r, label: t(`relationships.${r}`) }))}
                />
              </div>
            </fieldset>
          ))}
          <p className="text-sm text-slate-700">{t('addMemberHint')}</p>
        </fieldset>
      </div>
      <div className={cardClass}>
        <fieldset className="min-w-0 space-y-4">
          <legend className="text-lg font-semibold text-ameli-900">{t('incomeLegend')}</legend>
          <TextField name="yearlyIncome" label={t('yearlyIncome')} hint={t('yearlyIncomeHint')} error={state.errors.yearlyIncome} defaultValue={v.yearlyIncome} inputMode="decimal" autoComplete="off" suffix="€" width="w-full max-w-64" required />
        </fieldset>
      </div>
      {state.status === 'preview' && state.result ? <Assessment result={state.result} names={names} /> : null}
      <div className="flex flex-wrap gap-3">
        <SubmitButton name="intent" value="assess" variant={state.status === 'preview' ? 'secondary' : 'primary'}>
          {state.status === 'preview' ? t('reassess') : t('assess')}
        </SubmitButton>
        {state.status === 'preview' && state.result && state.result.assessment.outcome !== 'not-eligible' ? (
          <SubmitButton name="intent" value="apply">
            {t('apply')}
          </SubmitButton>
        ) : null}
      </div>
    </form>
  )
}
