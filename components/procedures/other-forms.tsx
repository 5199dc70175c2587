'use client'

import { useKeptForm } from '@/components/ui/use-kept-form'
import { useLocale, useTranslations } from 'next-intl'
import { abroadRefundAction, declareDoctorAction, transportRefundAction, type TProcedureDone, type TRefundResult } from '@/app/actions/procedures'
import { fmtDate, fmtMoney } from '@/components/format'
import type { TPersonOption } from '@/lib/forms/insured-context'
import type { TAbroadExchangeOutcome } from '@/lib/domain/procedures/refunds'
import { explainStep } from './explain-step'
import { TRANSPORT_MODES, TRANSPORT_REASONS } from '@/lib/domain/procedures/refunds'
import { FileUpload, keptUpload } from './file-upload'
import { Checkbox, ChoiceGroup, ErrorSummary, Section, SelectField, SubmitButton, TextField } from './form-kit'
import { initialFormState, type TFormState } from './form-state'
import { ProcedureDone } from './situation-forms'

export type TDoctorOption = { id: string; name: string; specialty: string; city: string; postalCode: string; rpps: string }

export function DoctorForm({ idempotencyKey, doctors, current }: { idempotencyKey: string; doctors: TDoctorOption[]; current: string | null }) {
  const t = useTranslations('procedurePages.doctor')
  const { state, form } = useKeptForm(declareDoctorAction, initialFormState<TProcedureDone>())
  if (state.status === 'success' && state.result) {
    return (
      <ProcedureDone title={t('successTitle')} result={state.result}>
        <p>{t('successText', { doctor: state.result.extra?.doctor ?? '' })}</p>
      </ProcedureDone>
    )
  }
  const v = state.values
  return (
    <form {...form} noValidate className="space-y-6">
      <ErrorSummary state={state} order={['professionalId', 'rpps']} />
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      <Section legend={t('chooseLegend')} description={current ? t('current', { doctor: current }) : t('noCurrent')}>
        {doctors.length > 0 ? (
          <ChoiceGroup
            name="professionalId"
            type="radio"
            legend={t('resultsLegend')}
            error={state.errors.professionalId}
            choices={doctors.map((d) => ({ value: d.id, label: d.name, description: `${t(`specialties.${d.specialty}`)} · ${d.postalCode} ${d.city} · RPPS ${d.rpps}` }))}
            checked={(value) => value === v.professionalId}
          />
        ) : null}
        <TextField name="rpps" label={t('rpps')} hint={t('rppsHint')} optional={doctors.length > 0} error={state.errors.rpps} defaultValue={v.rpps} inputMode="numeric" autoComplete="off" width="w-full max-w-64" />
      </Section>
      <SubmitButton>{t('submit')}</SubmitButton>
    </form>
  )
}

/**
 * Care abroad (issue 19 §4): how the amount paid reached euros, first step of the estimate: "1 500,00 USD à 1,1547 USD
 * pour 1 € (BCE, 12/03/2026) = 1 299,04 €", or why there is no conversion yet.
 */
function ExchangeExplanation({ exchange }: { exchange: TAbroadExchangeOutcome }) {
  const t = useTranslations('procedurePages.abroad')
  const locale = useLocale()
  const tag = locale === 'en' ? 'en-GB' : 'fr-FR'
  let line: string
  if (exchange.kind === 'euro') return null
  if (exchange.kind === 'no-rate') {
    line = t('noConversion', { date: fmtDate(exchange.careDate, locale), lastDate: fmtDate(exchange.lastDate, locale) })
  } else {
    const c = exchange.conversion
    const amount = `${new Intl.NumberFormat(tag, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(c.amountCents / 100)} ${c.currency}`
    const rate = new Intl.NumberFormat(tag, { maximumFractionDigits: 6 }).format(c.rate)
    const values = { amount, rate, currency: c.currency, date: fmtDate(c.rateDate, locale), euros: fmtMoney(c.euroCents, locale) }
    line = c.source === 'fixed' ? t('conversionFixed', values) : t('conversion', values)
  }
  return (
    <div className="mt-2" data-testid="refund-conversion">
      <h3 className="font-semibold text-ameli-900">{t('conversionTitle')}</h3>
      <p>{line}</p>
      {exchange.kind === 'converted' ? <p className="text-sm text-slate-700">{t('conversionNote')}</p> : null}
      <h3 className="mt-2 font-semibold text-ameli-900">{t('reimbursementTitle')}</h3>
    </div>
  )
}

function Estimate({ state }: { state: TFormState<TRefundResult> }) {
  const t = useTranslations('procedurePages.refund')
  const locale = useLocale()
  if (!state.result) return null
  return (
    <section aria-labelledby="estimate-title" className="rounded-lg border-l-4 border-ameli-600 bg-ameli-50 p-4" data-testid="refund-estimate">
      <h2 id="estimate-title" className="text-lg font-semibold text-ameli-900">
        {t('estimateTitle')}
      </h2>
      {state.result.exchange ? <ExchangeExplanation exchange={state.result.exchange} /> : null}
      <p className="mt-1">{state.result.estimateCents !== null ? t('estimate', { amount: fmtMoney(state.result.estimateCents, locale) }) : t('noEstimate')}</p>
      {state.result.steps.length > 0 ? (
        <ul className="mt-1 space-y-1 text-sm" data-testid="refund-explanation">
          {state.result.steps.map((s, i) => (
            <li key={i}>{explainStep(s, t as unknown as Parameters<typeof explainStep>[1], (c) => fmtMoney(c, locale))}</li>
          ))}
        </ul>
      ) : null}
      <p className="mt-1 text-sm text-slate-700">{t('estimateNote')}</p>
    </section>
  )
}

/** A refund request filed: what was recorded, then the estimate it was filed with. */
function RefundDone({ title, state, done }: { title: string; state: TFormState<TRefundResult>; done: TProcedureDone }) {
  return (
    <div className="space-y-6">
      <ProcedureDone title={title} result={done} />
      <Estimate state={state} />
    </div>
  )
}

/** The two steps of a refund request: estimate first (again after a change), then send what the estimate showed. */
function EstimateThenSubmit({ state }: { state: TFormState<TRefundResult> }) {
  const tr = useTranslations('procedurePages.refund')
  return (
    <div className="flex flex-wrap gap-3">
      <SubmitButton name="intent" value="estimate" variant={state.status === 'preview' ? 'secondary' : 'primary'}>
        {tr('estimateButton')}
      </SubmitButton>
      {state.status !== 'idle' ? (
        <SubmitButton name="intent" value="submit">
          {tr('submit')}
        </SubmitButton>
      ) : null}
    </div>
  )
}

function personChoices(persons: TPersonOption[], self: (name: string) => string) {
  return persons.map((p) => ({ value: p.value, label: p.self ? self(p.name) : p.name }))
}

export function TransportForm({ persons, idempotencyKey, today }: { persons: TPersonOption[]; idempotencyKey: string; today: string }) {
  const t = useTranslations('procedurePages.transport')
  const tr = useTranslations('procedurePages.refund')
  const { state, form } = useKeptForm(transportRefundAction, initialFormState<TRefundResult>())
  if (state.status === 'success' && state.result?.done) return <RefundDone title={t('successTitle')} state={state} done={state.result.done} />
  const v = state.values
  const reasons = TRANSPORT_REASONS
  const mode = v.mode ?? 'car'
  return (
    <form {...form} noValidate className="space-y-6">
      <ErrorSummary state={state} order={['person', 'mode', 'tripDate', 'prescriptionDate', 'km', 'amount', 'returnTrip', 'reason', 'tolls', 'parking', 'prescription', 'invoice', 'receipts']} />
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      <Section legend={t('tripLegend')}>
        <SelectField name="person" label={tr('person')} error={state.errors.person} defaultValue={v.person ?? 'self'} options={personChoices(persons, (name) => tr('self', { name }))} />
        <ChoiceGroup
          name="mode"
          type="radio"
          legend={t('mode')}
          hint={t('modeHint')}
          error={state.errors.mode}
          columns
          choices={TRANSPORT_MODES.map((m) => ({ value: m, label: t(`modes.${m}`), description: t(`modeDescriptions.${m}`) }))}
          checked={(value) => value === mode}
        />
        <TextField name="tripDate" type="date" label={t('tripDate')} error={state.errors.tripDate} defaultValue={v.tripDate} max={today} width="w-full max-w-56" required />
        <TextField name="prescriptionDate" type="date" label={t('prescriptionDate')} hint={t('prescriptionDateHint')} error={state.errors.prescriptionDate} defaultValue={v.prescriptionDate} max={today} width="w-full max-w-56" required />
        <TextField name="km" label={t('km')} hint={t('kmHint')} error={state.errors.km} defaultValue={v.km} inputMode="numeric" suffix="km" width="w-full max-w-48" />
        <TextField name="amount" label={t('amount')} hint={t('amountHint')} error={state.errors.amount} defaultValue={v.amount} inputMode="decimal" autoComplete="off" suffix="€" width="w-full max-w-48" />
        <Checkbox name="returnTrip" label={t('returnTrip')} hint={t('returnTripHint')} error={state.errors.returnTrip} defaultChecked={v.returnTrip === 'yes'} />
        <SelectField name="reason" label={t('reason')} error={state.errors.reason} defaultValue={v.reason ?? 'hospitalisation'} options={reasons.map((r) => ({ value: r, label: t(`reasons.${r}`) }))} />
      </Section>
      <Section legend={t('feesLegend')} description={t('feesLead')}>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField name="tolls" label={t('tolls')} error={state.errors.tolls} defaultValue={v.tolls} inputMode="decimal" autoComplete="off" suffix="€" optional />
          <TextField name="parking" label={t('parking')} error={state.errors.parking} defaultValue={v.parking} inputMode="decimal" autoComplete="off" suffix="€" optional />
        </div>
      </Section>
      <Section legend={t('documentLegend')}>
        <FileUpload
          name="prescription"
          kind="prescription"
          label={t('prescription')}
          hint={t('prescriptionHint')}
          accept="image/jpeg,image/png,application/pdf"
          {...keptUpload(state, 'prescription')}
        />
        <FileUpload
          name="invoice"
          kind="receipt"
          label={t('invoice')}
          hint={t('invoiceHint')}
          accept="image/jpeg,image/png,application/pdf"
          {...keptUpload(state, 'invoice')}
        />
        <FileUpload
          name="receipts"
          kind="receipt"
          label={t('receipts')}
          hint={t('receiptsHint')}
          accept="image/jpeg,image/png,application/pdf"
          {...keptUpload(state, 'receipts')}
        />
      </Section>
      {state.status === 'preview' ? <Estimate state={state} /> : null}
      <EstimateThenSubmit state={state} />
    </form>
  )
}

const COUNTRIES = ['DE', 'BE', 'ES', 'IT', 'PT', 'NL', 'CH', 'GB', 'PL', 'RO', 'AT', 'GR', 'IE', 'SE', 'US', 'CA', 'MA', 'DZ', 'TN', 'SN', 'CN', 'IN', 'JP', 'BR', 'TR']
const CURRENCIES = ['EUR', 'GBP', 'CHF', 'USD', 'CAD', 'MAD', 'DZD', 'TND', 'XOF', 'CNY', 'INR', 'JPY', 'BRL', 'TRY', 'PLN', 'RON', 'SEK']

export function AbroadForm({ persons, idempotencyKey, today }: { persons: TPersonOption[]; idempotencyKey: string; today: string }) {
  const t = useTranslations('procedurePages.abroad')
  const tr = useTranslations('procedurePages.refund')
  const locale = useLocale()
  const { state, form } = useKeptForm(abroadRefundAction, initialFormState<TRefundResult>())
  if (state.status === 'success' && state.result?.done) return <RefundDone title={t('successTitle')} state={state} done={state.result.done} />
  const v = state.values
  const names = new Intl.DisplayNames([locale], { type: 'region' })
  const countries = COUNTRIES.map((c) => ({ value: c, label: names.of(c) ?? c })).sort((a, b) => a.label.localeCompare(b.label, locale))
  return (
    <form {...form} noValidate className="space-y-6">
      <ErrorSummary state={state} order={['person', 'country', 'careDate', 'careKind', 'amount', 'currency', 'otherCurrency', 'urgent', 'receipt']} />
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      <Section legend={t('careLegend')}>
        <SelectField name="person" label={tr('person')} error={state.errors.person} defaultValue={v.person ?? 'self'} options={personChoices(persons, (name) => tr('self', { name }))} />
        <SelectField name="country" label={t('country')} error={state.errors.country} defaultValue={v.country ?? 'DE'} options={countries} />
        <TextField name="careDate" type="date" label={t('careDate')} error={state.errors.careDate} defaultValue={v.careDate} max={today} width="w-full max-w-56" required />
        <SelectField
          name="careKind"
          label={t('careKind')}
          error={state.errors.careKind}
          defaultValue={v.careKind ?? 'gp-consultation'}
          options={(['gp-consultation', 'specialist-consultation', 'medicine', 'hospital'] as const).map((k) => ({ value: k, label: t(`careKinds.${k}`) }))}
        />
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField name="amount" label={t('amount')} hint={t('amountHint')} error={state.errors.amount} defaultValue={v.amount} inputMode="decimal" autoComplete="off" required />
          <SelectField name="currency" label={t('currency')} error={state.errors.currency} defaultValue={v.currency ?? 'EUR'} options={CURRENCIES.map((c) => ({ value: c, label: c }))} />
        </div>
        <Checkbox name="otherCurrency" label={t('otherCurrency')} hint={t('otherCurrencyHint')} error={state.errors.otherCurrency} defaultChecked={v.otherCurrency === 'yes'} />
        <Checkbox name="urgent" label={t('urgent')} hint={t('urgentHint')} error={state.errors.urgent} defaultChecked={v.urgent === 'yes'} />
      </Section>
      <Section legend={t('documentLegend')}>
        <FileUpload
          name="receipt"
          kind="receipt"
          label={t('receipt')}
          hint={t('receiptHint')}
          accept="image/jpeg,image/png,application/pdf"
          {...keptUpload(state, 'receipt')}
        />
      </Section>
      {state.status === 'preview' ? <Estimate state={state} /> : null}
      <p className="text-sm text-slate-700">{t('note', { date: fmtDate(today, locale) })}</p>
      <EstimateThenSubmit state={state} />
    </form>
  )
}
