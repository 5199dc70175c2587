'use client'

import { dateWindowOn } from '@/lib/domain/date-windows'
import type { CalendarDate } from '@/lib/domain/dates'
import { useKeptForm } from '@/components/ui/use-kept-form'
import Link from 'next/link'
import { useLocale, useTranslations } from 'next-intl'
import { issueEhicCertificateAction, orderEhicAction, type TEhicCertificateResult, type TEhicOrderResult } from '@/app/actions/procedures'
import { fmtDate } from '@/components/format'
import type { TPersonOption } from '@/lib/forms/insured-context'
import { ChoiceGroup, ErrorSummary, Facts, Section, SubmitButton, SuccessPanel, TextField } from './form-kit'
import { initialFormState } from './form-state'

export const EHIC_CERTIFICATE_URL = '/api/procedures/ehic-certificates'

/** Issue the provisional replacement certificate (PDF at once) for one person, then offer the download. */
export function EhicCertificateForm({ person }: { person: TPersonOption }) {
  const t = useTranslations('procedurePages.ehic')
  const locale = useLocale()
  const { state, form } = useKeptForm(issueEhicCertificateAction, initialFormState<TEhicCertificateResult>())
  if (state.status === 'success' && state.result) {
    const r = state.result
    return (
      <div className="space-y-1 rounded-md border border-ok-700 bg-white p-3" role="status">
        <p>{t('certificateReady', { name: person.name, from: fmtDate(r.validFrom, locale), until: fmtDate(r.validUntil, locale) })}</p>
        {r.cappedByRights ? <p className="text-sm">{t('certificateCapped')}</p> : null}
        <a href={`${EHIC_CERTIFICATE_URL}/${encodeURIComponent(r.documentId)}`} download className="font-semibold">
          {t('certificateDownload', { name: person.name })}
        </a>
      </div>
    )
  }
  return (
    <form {...form} className="space-y-2">
      {state.formError ? <p className="font-semibold text-danger-700" role="alert">{state.formError}</p> : null}
      <input type="hidden" name="person" value={person.value} />
      <SubmitButton variant="secondary">{t('certificateButton', { name: person.name })}</SubmitButton>
    </form>
  )
}

export function EhicOrderForm({ persons, idempotencyKey, minDate }: { persons: TPersonOption[]; idempotencyKey: string; minDate: string }) {
  const t = useTranslations('procedurePages.ehic')
  const tc = useTranslations('procedurePages.common')
  const locale = useLocale()
  const { state, form } = useKeptForm(orderEhicAction, initialFormState<TEhicOrderResult>())
  if (state.status === 'success' && state.result) {
    const r = state.result
    return (
      <SuccessPanel title={t('successTitle')}>
        <p>{t('successText', { date: fmtDate(r.departureDate, locale) })}</p>
        <ul className="space-y-4">
          {r.orders.map((o) => {
            const person = persons.find((p) => p.id === o.personId)
            return (
              <li key={o.reference} className="space-y-2 rounded-md border border-slate-200 bg-white p-3">
                <p className="font-semibold">{person?.name}</p>
                <Facts
                  items={[
                    { label: tc('reference'), value: o.reference, testId: 'reference' },
                    { label: t('estimatedDelivery'), value: fmtDate(o.estimatedDelivery, locale), testId: 'estimated-date' },
                  ]}
                />
                {o.arrivesInTime ? (
                  <p>{t('inTime')}</p>
                ) : (
                  <div className="space-y-2 rounded-md border-l-4 border-amber-500 bg-warn-50 p-3 text-warn-800">
                    <p className="font-semibold">{t('notInTimeTitle')}</p>
                    <p>{t('notInTimeText')}</p>
                    {person ? <EhicCertificateForm person={person} /> : null}
                  </div>
                )}
              </li>
            )
          })}
        </ul>
        <p>
          <Link href="/compte/demarches" className="font-semibold">
            {tc('follow')}
          </Link>
        </p>
      </SuccessPanel>
    )
  }
  const v = state.values
  const chosen = new Set((v.persons ?? '').split(',').filter(Boolean))
  return (
    <form {...form} noValidate className="space-y-6">
      <ErrorSummary state={state} order={['persons', 'departureDate']} />
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      <Section legend={t('formLegend')}>
        <ChoiceGroup
          name="persons"
          type="checkbox"
          legend={t('personsQuestion')}
          hint={t('personsHint')}
          error={state.errors.persons}
          choices={persons.map((p) => ({ value: p.value, label: p.self ? t('self', { name: p.name }) : p.name, description: tc('bornOn', { date: fmtDate(p.birthDate, locale) }) }))}
          checked={(value) => (state.status === 'idle' ? value === 'self' : chosen.has(value))}
          columns
        />
        <TextField name="departureDate" type="date" label={t('departureLabel')} hint={t('departureHint')} error={state.errors.departureDate} defaultValue={v.departureDate} min={minDate} max={dateWindowOn('ehicDeparture', minDate as CalendarDate).to} width="w-full max-w-56" required />
      </Section>
      <SubmitButton>{t('submit')}</SubmitButton>
    </form>
  )
}
