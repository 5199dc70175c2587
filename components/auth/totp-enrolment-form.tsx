'use client'

import { useActionState } from 'react'
import Link from 'next/link'
import { useTranslations } from 'next-intl'
import { confirmTotpAction, type TTotpEnrolResult } from '@/app/actions/totp'
import { ErrorSummary, SubmitButton, TextField } from '@/components/procedures/form-kit'
import { initialFormState } from '@/components/procedures/form-state'

/** Two-factor enrolment: the first code from the authenticator, then the recovery codes shown once (works without JavaScript). */
export function TotpEnrolmentForm() {
  const t = useTranslations('security.totp')
  const [state, action] = useActionState(confirmTotpAction, initialFormState<TTotpEnrolResult>())
  if (state.status === 'success' && state.result) {
    return (
      <section role="status" aria-labelledby="recovery-title" className="space-y-3 rounded-lg border-l-4 border-ok-700 bg-ok-50 p-5">
        <h2 id="recovery-title" className="text-lg font-semibold text-ok-700">{t('recoveryTitle')}</h2>
        <p>{t('recoveryText')}</p>
        <ul aria-label={t('recoveryListLabel')} className="grid grid-cols-2 gap-2 font-mono text-lg" data-testid="recovery-codes">
          {state.result.recoveryCodes.map((c) => (
            <li key={c}>{c}</li>
          ))}
        </ul>
        <p>
          <Link href="/conseiller" className="font-semibold text-ameli-800 underline">{t('continue')}</Link>
        </p>
      </section>
    )
  }
  return (
    <form action={action} noValidate className="space-y-5 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <ErrorSummary state={state} order={['code']} />
      <TextField name="code" label={t('codeLabel')} error={state.errors.code} inputMode="numeric" autoComplete="one-time-code" maxLength={6} width="w-full max-w-40" required />
      <SubmitButton>{t('submit')}</SubmitButton>
    </form>
  )
}
