'use client'

import { useId, useState, type FormEvent } from 'react'
import { useTranslations } from 'next-intl'
import { checkSignInFieldsAction, type TSignInFieldErrors } from '@/app/actions/sign-in'
import { credentialsSignIn, fetchCsrfToken } from '@/lib/auth/credentials-sign-in'
import { signInErrorMessage } from '@/lib/auth/sign-in-error'

type Kind = 'insured' | 'staff'
type FieldErrors = TSignInFieldErrors

/**
 * Sign-in form for both spaces. Inputs are checked with the zod schemas of the server (a server action, so that zod is
 * not sent to the browser), then sent to next-auth's credentials callback; the server's answer (an error code) is
 * shown translated.
 */
export function LoginForm({ callbackUrl, initialTab }: { callbackUrl: string; initialTab: Kind }) {
  const t = useTranslations('login')
  const te = useTranslations('errors')
  const [kind, setKind] = useState<Kind>(initialTab)
  const [errors, setErrors] = useState<FieldErrors>({})
  const [formError, setFormError] = useState<string | null>(null)
  const [pending, setPending] = useState(false)
  const [showPassword, setShowPassword] = useState(false)
  const id = useId()

  const message = (code: string) => (te.has(code) ? te(code) : te('unexpected'))

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    setFormError(null)
    const data = Object.fromEntries(new FormData(event.currentTarget)) as Record<string, string>
    setPending(true)
    let next: FieldErrors
    let csrfToken: string
    try {
      // Both at once: a valid form costs the same two round trips as next-auth/react's signIn (token, then sign-in).
      const [codes, token] = await Promise.all([checkSignInFieldsAction(kind, data), fetchCsrfToken()])
      next = Object.fromEntries(Object.entries(codes).map(([field, code]) => [field, message(code)]))
      csrfToken = token
    } catch {
      setFormError(te('unexpected'))
      setPending(false)
      return
    }
    if (Object.keys(next).length > 0) {
      setErrors(next)
      setPending(false)
      const first = (['nir', 'email', 'password'] as const).find((field) => next[field])
      if (first) document.getElementById(`${id}-${first}`)?.focus()
      return
    }
    setErrors({})
    try {
      const result = await credentialsSignIn(kind, data, window.location.href, csrfToken)
      if (result.error) {
        setFormError(signInErrorMessage(te, result.error !== 'CredentialsSignin' ? result.error : 'auth.invalidCredentials', 'unexpected'))
        setPending(false)
        return
      }
      window.location.assign(callbackUrl)
    } catch {
      setFormError(te('unexpected'))
      setPending(false)
    }
  }

  const inputClass = (invalid: boolean) =>
    `mt-1 block w-full min-h-11 rounded-md border px-3 py-2 text-base shadow-sm ${invalid ? 'border-danger-700' : 'border-slate-400'} focus:border-ameli-600`

  return (
    // method="post": without JavaScript the browser must never put the password in the page address (a GET form
    // did: history, logs, Referer). The sign-in itself runs in onSubmit; without JavaScript the page says so.
    <form noValidate method="post" onSubmit={onSubmit} className="space-y-5 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <noscript>
        <p role="note" className="rounded-md border-l-4 border-amber-500 bg-warn-50 p-4 text-sm text-warn-800">
          {t('needsJavaScript')}
        </p>
      </noscript>
      <fieldset>
        <legend className="mb-2 text-sm font-semibold text-slate-800">{t('tabsLabel')}</legend>
        <div className="grid grid-cols-2 gap-2">
          {(['insured', 'staff'] as const).map((k) => (
            <label
              key={k}
              className={`flex min-h-11 cursor-pointer items-center justify-center rounded-md border px-3 py-2 text-sm font-semibold has-[:focus-visible]:outline has-[:focus-visible]:outline-3 has-[:focus-visible]:outline-sky-accent ${
                kind === k ? 'border-ameli-700 bg-ameli-700 text-white' : 'border-slate-300 bg-white text-ameli-800'
              }`}
            >
              <input
                type="radio"
                name="kind"
                value={k}
                checked={kind === k}
                onChange={() => {
                  setKind(k)
                  setErrors({})
                  setFormError(null)
                }}
                className="sr-only"
              />
              {k === 'insured' ? t('insuredTab') : t('staffTab')}
            </label>
          ))}
        </div>
      </fieldset>

      {formError ? (
        <div role="alert" className="rounded-md border-l-4 border-danger-700 bg-danger-50 p-4 text-sm text-danger-700">
          <p className="font-semibold">{t('errorTitle')}</p>
          <p>{formError}</p>
        </div>
      ) : null}

      {kind === 'insured' ? (
        <div>
          <label htmlFor={`${id}-nir`} className="block text-sm font-semibold text-slate-800">{t('nirLabel')}</label>
          <p id={`${id}-nir-hint`} className="text-sm text-slate-600">{t('nirHint')}</p>
          <input
            id={`${id}-nir`}
            name="nir"
            type="text"
            inputMode="numeric"
            autoComplete="username"
            aria-invalid={errors.nir ? true : undefined}
            aria-describedby={`${id}-nir-hint${errors.nir ? ` ${id}-nir-error` : ''}`}
            className={inputClass(Boolean(errors.nir))}
          />
          {errors.nir ? <p id={`${id}-nir-error`} className="mt-1 text-sm text-danger-700">{errors.nir}</p> : null}
        </div>
      ) : (
        <div>
          <label htmlFor={`${id}-email`} className="block text-sm font-semibold text-slate-800">{t('emailLabel')}</label>
          <input
            id={`${id}-email`}
            name="email"
            type="email"
            autoComplete="username"
            aria-invalid={errors.email ? true : undefined}
            aria-describedby={errors.email ? `${id}-email-error` : undefined}
            className={inputClass(Boolean(errors.email))}
          />
          {errors.email ? <p id={`${id}-email-error`} className="mt-1 text-sm text-danger-700">{errors.email}</p> : null}
        </div>
      )}

      <div>
        <label htmlFor={`${id}-password`} className="block text-sm font-semibold text-slate-800">{t('passwordLabel')}</label>
        {kind === 'insured' ? <p id={`${id}-password-hint`} className="text-sm text-slate-600">{t('codeHint')}</p> : null}
        <div className="flex gap-2">
          <input
            id={`${id}-password`}
            name="password"
            type={showPassword ? 'text' : 'password'}
            autoComplete="current-password"
            aria-invalid={errors.password ? true : undefined}
            aria-describedby={[kind === 'insured' ? `${id}-password-hint` : '', errors.password ? `${id}-password-error` : ''].filter(Boolean).join(' ') || undefined}
            className={inputClass(Boolean(errors.password))}
          />
          <button
            type="button"
            onClick={() => setShowPassword((v) => !v)}
            aria-label={showPassword ? t('hidePasswordLabel') : t('showPasswordLabel')}
            className="mt-1 min-h-11 shrink-0 rounded-md border border-slate-400 px-3 text-sm text-ameli-800 hover:bg-ameli-50"
          >
            {showPassword ? t('hidePassword') : t('showPassword')}
          </button>
        </div>
        {errors.password ? <p id={`${id}-password-error`} className="mt-1 text-sm text-danger-700">{errors.password}</p> : null}
      </div>

      {kind === 'staff' ? (
        // Staff two-factor sign-in (issue 13 item 6): the authenticator's 6-digit code or a recovery code.
        <div>
          <label htmlFor={`${id}-otp`} className="block text-sm font-semibold text-slate-800">{t('otpLabel')}</label>
          <p id={`${id}-otp-hint`} className="text-sm text-slate-600">{t('otpHint')}</p>
          <input
            id={`${id}-otp`}
            name="otp"
            type="text"
            inputMode="text"
            autoComplete="one-time-code"
            spellCheck={false}
            maxLength={20}
            aria-describedby={`${id}-otp-hint`}
            className={`${inputClass(false)} max-w-56 font-mono`}
          />
        </div>
      ) : null}

      <button type="submit" disabled={pending} className="inline-flex min-h-11 w-full items-center justify-center rounded-md bg-ameli-700 px-4 py-2 font-semibold text-white hover:bg-ameli-800 disabled:bg-slate-500">
        {pending ? t('submitting') : t('submit')}
      </button>
    </form>
  )
}
