'use client'

import { dateWindowOn } from '@/lib/domain/date-windows'
import type { CalendarDate } from '@/lib/domain/dates'
import { useKeptForm } from '@/components/ui/use-kept-form'
import Link from 'next/link'
import { useLocale, useTranslations } from 'next-intl'
import {
  declareAddressChangeAction,
  declareBankChangeAction,
  declareBirthAction,
  declareNameChangeAction,
  type TProcedureDone,
} from '@/app/actions/procedures'
import { fmtDate } from '@/components/format'
import { FileUpload, keptUpload } from './file-upload'
import { ChoiceGroup, ErrorSummary, Facts, Section, SubmitButton, SuccessPanel, TextField } from './form-kit'
import { initialFormState } from './form-state'

/** The confirmation of a procedure: reference, estimated date, and a sentence about what happens next. */
export function ProcedureDone({ title, result, children }: { title: string; result: TProcedureDone; children?: React.ReactNode }) {
  const tc = useTranslations('procedurePages.common')
  const locale = useLocale()
  return (
    <SuccessPanel title={title}>
      <Facts
        items={[
          { label: tc('reference'), value: result.reference, testId: 'reference' },
          ...(result.estimatedCompletion ? [{ label: tc('estimatedDate'), value: fmtDate(result.estimatedCompletion, locale), testId: 'estimated-date' }] : []),
        ]}
      />
      {children}
      <p>
        <Link href="/compte/demarches" className="font-semibold">
          {tc('follow')}
        </Link>
      </p>
    </SuccessPanel>
  )
}

export function BirthForm({ idempotencyKey, maxDate }: { idempotencyKey: string; maxDate: string }) {
  const t = useTranslations('procedurePages.birth')
  const { state, form } = useKeptForm(declareBirthAction, initialFormState<TProcedureDone>())
  if (state.status === 'success' && state.result) {
    return (
      <ProcedureDone title={t('successTitle')} result={state.result}>
        <p>{t('successText')}</p>
      </ProcedureDone>
    )
  }
  const v = state.values
  return (
    <form {...form} noValidate className="space-y-6">
      <ErrorSummary state={state} order={['firstNames', 'lastName', 'birthDate', 'sex', 'certificate', 'otherParentNir']} />
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      <Section legend={t('childLegend')}>
        <TextField name="firstNames" label={t('firstNames')} hint={t('firstNamesHint')} error={state.errors.firstNames} defaultValue={v.firstNames} autoComplete="off" required />
        <TextField name="lastName" label={t('lastName')} error={state.errors.lastName} defaultValue={v.lastName} autoComplete="off" required />
        <TextField name="birthDate" type="date" label={t('birthDate')} error={state.errors.birthDate} defaultValue={v.birthDate} min={dateWindowOn('newbornBirth', maxDate as CalendarDate).from} max={maxDate} width="w-full max-w-56" required />
        <ChoiceGroup
          name="sex"
          type="radio"
          legend={t('sex')}
          error={state.errors.sex}
          choices={[
            { value: '2', label: t('girl') },
            { value: '1', label: t('boy') },
          ]}
          checked={(value) => value === v.sex}
          columns
        />
      </Section>
      <Section legend={t('documentLegend')}>
        <FileUpload name="certificate" kind="birth-certificate" label={t('certificate')} hint={t('certificateHint')} accept="image/jpeg,image/png,application/pdf" {...keptUpload(state, 'certificate')} />
      </Section>
      <Section legend={t('otherParentLegend')} description={t('otherParentText')}>
        <TextField name="otherParentNir" label={t('otherParentNir')} hint={t('otherParentNirHint')} optional error={state.errors.otherParentNir} defaultValue={v.otherParentNir} inputMode="numeric" autoComplete="off" width="w-full max-w-80" />
      </Section>
      <SubmitButton>{t('submit')}</SubmitButton>
    </form>
  )
}

export function AddressChangeForm({ idempotencyKey, today }: { idempotencyKey: string; today: string }) {
  const t = useTranslations('procedurePages.address')
  const { state, form } = useKeptForm(declareAddressChangeAction, initialFormState<TProcedureDone>())
  if (state.status === 'success' && state.result) {
    const caisse = state.result.extra?.newCaisse
    return (
      <ProcedureDone title={t('successTitle')} result={state.result}>
        <p>{caisse ? t('newCaisse', { caisse }) : t('sameCaisse')}</p>
        {state.result.extra?.localRegime === 'entering' ? <p>{t('localRegimeEntering')}</p> : null}
        {state.result.extra?.localRegime === 'leaving' ? <p>{t('localRegimeLeaving')}</p> : null}
      </ProcedureDone>
    )
  }
  const v = state.values
  return (
    <form {...form} noValidate className="space-y-6">
      <ErrorSummary state={state} order={['addressLine1', 'addressLine2', 'postalCode', 'city', 'effectiveDate', 'proof']} />
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      <Section legend={t('legend')}>
        <TextField name="addressLine1" label={t('line1')} hint={t('line1Hint')} error={state.errors.addressLine1} defaultValue={v.addressLine1} autoComplete="address-line1" required />
        <TextField name="addressLine2" label={t('line2')} optional error={state.errors.addressLine2} defaultValue={v.addressLine2} autoComplete="address-line2" />
        <TextField name="postalCode" label={t('postalCode')} error={state.errors.postalCode} defaultValue={v.postalCode} autoComplete="postal-code" inputMode="numeric" width="w-full max-w-40" required />
        <TextField name="city" label={t('city')} error={state.errors.city} defaultValue={v.city} autoComplete="address-level2" required />
        <TextField name="effectiveDate" type="date" label={t('effectiveDate')} hint={t('effectiveDateHint')} error={state.errors.effectiveDate} defaultValue={v.effectiveDate ?? today} min={dateWindowOn('addressEffective', today as CalendarDate).from} max={dateWindowOn('addressEffective', today as CalendarDate).to} width="w-full max-w-56" required />
      </Section>
      <Section legend={t('proofLegend')}>
        <FileUpload name="proof" kind="proof-of-address" label={t('proof')} hint={t('proofHint')} accept="image/jpeg,image/png,application/pdf" {...keptUpload(state, 'proof')} />
      </Section>
      <SubmitButton>{t('submit')}</SubmitButton>
    </form>
  )
}

export function BankChangeForm({ idempotencyKey, currentMasked }: { idempotencyKey: string; currentMasked: string | null }) {
  const t = useTranslations('procedurePages.bank')
  const { state, form } = useKeptForm(declareBankChangeAction, initialFormState<TProcedureDone>())
  if (state.status === 'success' && state.result) {
    return (
      <ProcedureDone title={t('successTitle')} result={state.result}>
        <p>{t('successText', { iban: state.result.extra?.ibanMasked ?? '' })}</p>
      </ProcedureDone>
    )
  }
  const v = state.values
  return (
    <form {...form} noValidate className="space-y-6">
      <ErrorSummary state={state} order={['iban', 'bic', 'holder', 'rib']} />
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      <Section legend={t('legend')} description={currentMasked ? t('current', { iban: currentMasked }) : t('noCurrent')}>
        <TextField name="iban" label={t('iban')} hint={t('ibanHint')} error={state.errors.iban} defaultValue={v.iban} autoComplete="off" spellCheck={false} required />
        <TextField name="bic" label={t('bic')} hint={t('bicHint')} optional error={state.errors.bic} defaultValue={v.bic} autoComplete="off" spellCheck={false} width="w-full max-w-56" />
        <TextField name="holder" label={t('holder')} error={state.errors.holder} defaultValue={v.holder} autoComplete="name" required />
      </Section>
      <Section legend={t('ribLegend')}>
        <FileUpload name="rib" kind="rib" label={t('rib')} hint={t('ribHint')} accept="image/jpeg,image/png,application/pdf" {...keptUpload(state, 'rib')} />
      </Section>
      <SubmitButton>{t('submit')}</SubmitButton>
    </form>
  )
}

export function NameChangeForm({ idempotencyKey }: { idempotencyKey: string }) {
  const t = useTranslations('procedurePages.name')
  const { state, form } = useKeptForm(declareNameChangeAction, initialFormState<TProcedureDone>())
  if (state.status === 'success' && state.result) {
    return (
      <ProcedureDone title={t('successTitle')} result={state.result}>
        <p>{t('successText')}</p>
      </ProcedureDone>
    )
  }
  const v = state.values
  return (
    <form {...form} noValidate className="space-y-6">
      <ErrorSummary state={state} order={['usualName', 'document']} />
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      <Section legend={t('legend')}>
        <TextField name="usualName" label={t('usualName')} hint={t('usualNameHint')} error={state.errors.usualName} defaultValue={v.usualName} autoComplete="family-name" required />
        <FileUpload name="document" kind="identity" label={t('document')} hint={t('documentHint')} accept="image/jpeg,image/png,application/pdf" {...keptUpload(state, 'document')} />
      </Section>
      <SubmitButton>{t('submit')}</SubmitButton>
    </form>
  )
}
