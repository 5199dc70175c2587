'use client'

import { useActionState } from 'react'
import Link from 'next/link'
import { useTranslations } from 'next-intl'
import { passwordResetAction, type TPasswordResetStep } from '@/app/actions/password-reset'
import { ErrorSummary, SubmitButton, TextField } from '@/components/procedures/form-kit'
import { initialFormState } from '@/components/procedures/form-state'

/**
 * Forgotten password (issue 13 item 5): NIR + birth date, then the code received and the new password, on one page
 * (server action; works without JavaScript). The answer to step 1 never says whether the NIR exists.
 */
export function PasswordResetForm({ maxBirthDate }: { maxBirthDate: string }) {
  const t = useTranslations('security.reset')
  const [state, action] = useActionState(passwordResetAction, initialFormState<TPasswordResetStep>())
  const v = state.values
  if (state.result?.step === 'code') {
    return (
      <div className="space-y-4">
        {state.status === 'success' ? (
          <div role="status" className="space-y-1 rounded-lg border-l-4 border-ok-700 bg-ok-50 p-5 text-ok-700" data-testid="reset-sent">
            <h2 className="text-lg font-semibold">{t('sentTitle')}</h2>
            <p>{t('sent')}</p>
          </div>
        ) : null}
        <form action={action} noValidate className="space-y-5 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          <ErrorSummary state={state} order={['code', 'password', 'confirmation']} />
          <input type="hidden" name="intent" value="reset" />
          <input type="hidden" name="nir" value={v.nir ?? ''} />
          <TextField name="code" label={t('codeLabel')} error={state.errors.code} inputMode="numeric" autoComplete="one-time-code" maxLength={6} width="w-full max-w-40" required />
          <TextField name="password" type="password" label={t('passwordLabel')} hint={t('passwordHint')} error={state.errors.password} autoComplete="new-password" minLength={12} maxLength={128} required />
          <TextField name="confirmation" type="password" label={t('confirmLabel')} error={state.errors.confirmation} autoComplete="new-password" maxLength={128} required />
          <SubmitButton>{t('submitReset')}</SubmitButton>
        </form>
        <p>
          <Link href="/mot-de-passe-oublie" className="font-semibold">{t('restart')}</Link>
        </p>
      </div>
    )
  }
  return (
    <form action={action} noValidate className="space-y-5 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <ErrorSummary state={state} order={['nir', 'birthDate']} />
      <input type="hidden" name="intent" value="request" />
      <TextField name="nir" label={t('nirLabel')} hint={t('nirHint')} error={state.errors.nir} defaultValue={v.nir} inputMode="numeric" autoComplete="username" spellCheck={false} maxLength={25} required />
      <TextField name="birthDate" type="date" label={t('birthDateLabel')} error={state.errors.birthDate} defaultValue={v.birthDate} max={maxBirthDate} autoComplete="bday" width="w-full max-w-56" required />
      <SubmitButton>{t('submitRequest')}</SubmitButton>
    </form>
  )
}
