'use client'

import { useActionState } from 'react'
import { useTranslations } from 'next-intl'
import { setFirstPasswordAction } from '@/app/actions/activation'
import { ErrorSummary, SubmitButton, TextField } from '@/components/procedures/form-kit'
import { initialFormState } from '@/components/procedures/form-state'

/** The password chosen after the first sign-in with a temporary code (server action; works without JavaScript). */
export function FirstPasswordForm() {
  const t = useTranslations('activation.newPassword')
  const [state, action] = useActionState(setFirstPasswordAction, initialFormState())
  return (
    <form action={action} noValidate className="space-y-5 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <ErrorSummary state={state} order={['password', 'confirmation']} />
      <TextField name="password" type="password" label={t('passwordLabel')} hint={t('passwordHint')} error={state.errors.password} autoComplete="new-password" minLength={12} maxLength={128} required />
      <TextField name="confirmation" type="password" label={t('confirmLabel')} error={state.errors.confirmation} autoComplete="new-password" maxLength={128} required />
      <SubmitButton>{t('submit')}</SubmitButton>
    </form>
  )
}
