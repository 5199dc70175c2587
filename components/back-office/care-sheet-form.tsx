'use client'

import { useKeptForm } from '@/components/ui/use-kept-form'
import { useEffect, useRef } from 'react'
import { useLocale, useTranslations } from 'next-intl'
import { paperCareSheetAction, type TCareSheetState } from '@/app/actions/back-office'
import { Checkbox, ErrorSummary, SelectField, SubmitButton, TextField } from '@/components/procedures/form-kit'
import { initialFormState } from '@/components/procedures/form-state'
import { fmtMoney } from '@/components/format'

const ROWS = 3

/**
 * The paper care sheet (feuille de soins) as the advisor reads it: who, when, which professional (RPPS), the care
 * pathway, and up to three act lines (fee per unit and quantity). The engine computes each line on the server; the
 * result shows the amounts and the payment date.
 */
export function CareSheetForm({
  insuredId,
  persons,
  acts,
  maxDate,
  hasAld,
}: {
  insuredId: string
  persons: { value: string; label: string }[]
  acts: { value: string; label: string }[]
  maxDate: string
  hasAld: boolean
}) {
  const t = useTranslations('backoffice.file.careSheet')
  const tp = useTranslations('simulator.pathway.options')
  const locale = useLocale()
  // A saved sheet clears the form; a preview keeps every field for the save that follows.
  const saved = (s: TCareSheetState) => s.status === 'success' && !s.result?.sheet.preview
  const { state, form, formKey } = useKeptForm<TCareSheetState>(paperCareSheetAction, initialFormState(), { clearWhen: saved })
  const ref = useRef<HTMLDivElement>(null)
  useEffect(() => {
    if (state.status === 'success') ref.current?.focus()
  }, [state])
  const v = (name: string, fallback = '') => (saved(state) ? fallback : (state.values[name] ?? fallback))
  const sheet = state.status === 'success' ? state.result?.sheet : null
  const isPreview = Boolean(sheet?.preview)
  const order = ['beneficiaryId', 'careDate', 'professionalRpps', 'pathway', 'ald', ...Array.from({ length: ROWS }, (_, i) => [`lines.${i}.act`, `lines.${i}.fee`, `lines.${i}.quantity`]).flat(), 'lines', 'confirmDuplicate']
  return (
    <form key={formKey} {...form} className="space-y-4" noValidate>
      <input type="hidden" name="insuredId" value={insuredId} />
      <ErrorSummary audience="staff" state={state} order={order} />
      {sheet && state.result ? (
        <div ref={ref} tabIndex={-1} role="status" aria-labelledby="care-sheet-done" data-testid={isPreview ? 'care-sheet-preview' : 'care-sheet-saved'} className={`space-y-2 rounded-md border-l-4 p-4 ${isPreview ? 'border-ameli-600 bg-ameli-50' : 'border-ok-700 bg-ok-50'}`}>
          <p id="care-sheet-done" className={`font-semibold ${isPreview ? 'text-ameli-900' : 'text-ok-700'}`}>
            {state.result.message}
          </p>
          <div className="overflow-x-auto">
          <table className="w-full min-w-[36rem] text-left text-sm">
            <caption className="sr-only">{t('resultCaption')}</caption>
            <thead>
              <tr>
                <th scope="col" className="pr-2">{t('act')}</th>
                <th scope="col" className="pr-2 text-right">{t('charged')}</th>
                <th scope="col" className="pr-2 text-right">{t('base')}</th>
                <th scope="col" className="pr-2 text-right">{t('rate')}</th>
                <th scope="col" className="pr-2 text-right">{t('deductions')}</th>
                <th scope="col" className="pr-2 text-right">{t('paid')}</th>
                <th scope="col" className="pr-2 text-right">{t('complementary')}</th>
                <th scope="col" className="text-right">{t('patient')}</th>
              </tr>
            </thead>
            <tbody>
              {sheet.lines.map((l, i) => (
                <tr key={i}>
                  <td className="pr-2">
                    {l.act} × {l.quantity}
                  </td>
                  <td className="pr-2 text-right">{fmtMoney(l.feeCharged * l.quantity, locale)}</td>
                  <td className="pr-2 text-right">{fmtMoney(l.base, locale)}</td>
                  <td className="pr-2 text-right">{l.rate} %</td>
                  <td className="pr-2 text-right">{fmtMoney(l.participation + l.franchise, locale)}</td>
                  <td className="pr-2 text-right font-semibold" data-testid="care-sheet-paid">
                    {fmtMoney(l.amoPaid, locale)}
                  </td>
                  <td className="pr-2 text-right">{fmtMoney(l.complementary, locale)}</td>
                  <td className="text-right">{fmtMoney(l.patient, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          </div>
        </div>
      ) : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField key={`p-${state.status}`} name="beneficiaryId" label={t('person')} options={persons} defaultValue={v('beneficiaryId', 'self')} error={state.errors.beneficiaryId} />
        <TextField key={`d-${state.status}`} name="careDate" type="date" max={maxDate} label={t('careDate')} defaultValue={v('careDate')} error={state.errors.careDate} width="w-56 max-w-full" />
        <TextField key={`r-${state.status}`} name="professionalRpps" label={t('rpps')} hint={t('rppsHint')} inputMode="numeric" autoComplete="off" defaultValue={v('professionalRpps')} error={state.errors.professionalRpps} />
        <SelectField
          key={`w-${state.status}`}
          name="pathway"
          label={t('pathway')}
          options={(['coordinated', 'direct-access', 'out-of-pathway', 'emergency'] as const).map((p) => ({ value: p, label: tp(p) }))}
          defaultValue={v('pathway', 'coordinated')}
          error={state.errors.pathway}
        />
      </div>
      {hasAld ? <Checkbox key={`a-${state.status}`} name="ald" label={t('ald')} defaultChecked={v('ald') === 'yes'} error={state.errors.ald} /> : null}
      {Array.from({ length: ROWS }, (_, i) => (
        <fieldset key={`${i}-${state.status}`} className="grid gap-3 rounded-md border border-slate-200 p-3 sm:grid-cols-[2fr_1fr_1fr]">
          <legend className="px-1 font-semibold text-ameli-900">{t('line', { n: i + 1 })}</legend>
          <SelectField name={`lines.${i}.act`} label={t('act')} options={[{ value: '', label: '—' }, ...acts]} defaultValue={v(`lines.${i}.act`)} error={state.errors[`lines.${i}.act`]} />
          <TextField name={`lines.${i}.fee`} label={t('fee')} inputMode="decimal" suffix="€" defaultValue={v(`lines.${i}.fee`)} error={state.errors[`lines.${i}.fee`]} />
          <TextField name={`lines.${i}.quantity`} label={t('quantity')} inputMode="numeric" defaultValue={v(`lines.${i}.quantity`, '1')} error={state.errors[`lines.${i}.quantity`]} />
        </fieldset>
      ))}
      {state.errors.confirmDuplicate ? <Checkbox key={`dup-${state.status}`} name="confirmDuplicate" label={t('confirmDuplicate')} defaultChecked={false} error={state.errors.confirmDuplicate} /> : null}
      <div className="flex flex-wrap gap-3">
        <SubmitButton name="intent" value="preview" variant="secondary">
          {t('preview')}
        </SubmitButton>
        <SubmitButton name="intent" value="save">
          {t('submit')}
        </SubmitButton>
      </div>
    </form>
  )
}
