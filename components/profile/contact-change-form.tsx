'use client'

import { useKeptForm } from '@/components/ui/use-kept-form'
import { useEffect } from 'react'
import { useTranslations } from 'next-intl'
import { contactChangeAction } from '@/app/(insured)/compte/profil/actions'
import { SubmitButton, TextField } from '@/components/procedures/form-kit'
import { fieldId } from '@/components/procedures/form-state'
import { Alert } from '@/components/ui/alert'
import { initialContactChangeState } from './contact-change-state'

/**
 * Change of e-mail or phone: type the new one, receive a 6-digit code there, type the code; the change is made
 * at once. Focus moves to the code field when it appears, and to the message after an error.
 */
export function ContactChangeForm({ channel }: { channel: 'email' | 'phone' }) {
  const t = useTranslations('profile.contact')
  const { state, form } = useKeptForm(contactChangeAction, initialContactChangeState)
  useEffect(() => {
    if (state.step === 'code') document.getElementById(fieldId(`${channel}Code`))?.focus()
  }, [state, channel])
  const label = channel === 'email' ? t('newEmail') : t('newPhone')
  return (
    <div className="space-y-3">
      {state.done ? (
        <Alert tone="success" live>
          {t(channel === 'email' ? 'doneEmail' : 'donePhone', { value: state.done })}
        </Alert>
      ) : null}
      <form {...form} noValidate className="space-y-3">
        <input type="hidden" name="channel" value={channel} />
        {state.step === 'idle' ? (
          <>
            <TextField
              name={channel}
              label={label}
              hint={channel === 'email' ? t('emailHint') : t('phoneHint')}
              error={state.error ?? undefined}
              defaultValue={state.value}
              type={channel === 'email' ? 'email' : 'tel'}
              autoComplete={channel === 'email' ? 'email' : 'tel'}
              width="w-full max-w-sm"
            />
            <SubmitButton name="intent" value="send" variant="secondary">
              {t('sendCode')}
            </SubmitButton>
          </>
        ) : (
          <>
            <input type="hidden" name={channel} value={state.value} />
            <p className="text-sm">{t(channel === 'email' ? 'codeSentEmail' : 'codeSentPhone', { value: state.value })}</p>
            <TextField
              name={`${channel}Code`}
              label={t('code')}
              hint={t('codeHint')}
              error={state.error ?? undefined}
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              width="w-full max-w-40"
            />
            <div className="flex flex-wrap gap-3">
              <SubmitButton name="intent" value="confirm">
                {t('confirm')}
              </SubmitButton>
              <SubmitButton name="intent" value="send" variant="secondary">
                {t('resend')}
              </SubmitButton>
            </div>
          </>
        )}
      </form>
    </div>
  )
}
