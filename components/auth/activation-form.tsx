'use client'

import { useKeptForm } from '@/components/ui/use-kept-form'
import Link from 'next/link'
import { useTranslations } from 'next-intl'
import { requestActivationAction, type TActivationResult } from '@/app/actions/activation'
import { ErrorSummary, SubmitButton, TextField } from '@/components/procedures/form-kit'
import { initialFormState } from '@/components/procedures/form-state'

/** "Activer mon compte ameli": NIR with key, birth date, postal code → a code by SMS (server action; works without JavaScript). */
export function ActivationForm({ maxBirthDate }: { maxBirthDate: string }) {
  const t = useTranslations('activation.page')
  const { state, form } = useKeptForm(requestActivationAction, initialFormState<TActivationResult>())
  if (state.status === 'success' && state.result?.sent) {
    return (
      <div role="status" className="space-y-3 rounded-lg border-l-4 border-ok-700 bg-ok-50 p-5 text-ok-700" data-testid="activation-sent">
        <h2 className="text-lg font-semibold">{t('sentTitle')}</h2>
        <p>{t('sent')}</p>
        <p>{t('sentNext')}</p>
        <p>
          <Link href="/connexion" className="font-semibold text-ameli-800 underline">{t('signInLink')}</Link>
        </p>
      </div>
    )
  }
  const v = state.values
  const temporary = state.result?.temporary === true
  return (
    <form {...form} noValidate className="space-y-5 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      {temporary ? (
        <div role="alert" tabIndex={-1} className="rounded-md border-l-4 border-amber-500 bg-warn-50 p-4 text-warn-800" data-testid="activation-temporary">
          <h2 className="font-semibold">{t('temporaryTitle')}</h2>
          <p className="mt-1">{state.formError}</p>
        </div>
      ) : (
        <ErrorSummary state={state} order={['nir', 'birthDate', 'postalCode']} />
      )}
      <TextField name="nir" label={t('nirLabel')} hint={t('nirHint')} error={state.errors.nir} defaultValue={v.nir} inputMode="numeric" autoComplete="off" spellCheck={false} maxLength={25} required />
      <TextField name="birthDate" type="date" label={t('birthDateLabel')} error={state.errors.birthDate} defaultValue={v.birthDate} max={maxBirthDate} autoComplete="bday" width="w-full max-w-56" required />
      <TextField name="postalCode" label={t('postalCodeLabel')} hint={t('postalCodeHint')} error={state.errors.postalCode} defaultValue={v.postalCode} inputMode="numeric" autoComplete="postal-code" maxLength={5} width="w-full max-w-40" required />
      <SubmitButton>{t('submit')}</SubmitButton>
    </form>
  )
}
