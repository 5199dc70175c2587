'use server'

import { log } from '@/lib/observability/log'
import { redirect } from 'next/navigation'
import { ZodError } from 'zod'
import { requestInfo } from '@/lib/auth/request-info'
import { isAppError } from '@/lib/errors'
import { formValues } from '@/lib/forms/form-action'
import { translateCode } from '@/lib/forms/procedure-action'
import { requestPasswordReset, resetPassword } from '@/lib/services/auth/password-reset'
import type { TFormState } from '@/components/procedures/form-state'

export type TPasswordResetStep = { step: 'code' }

async function fieldErrors(error: ZodError): Promise<Record<string, string>> {
  const out: Record<string, string> = {}
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? '_form')
    out[field] ??= await translateCode(issue.message.includes('.') ? issue.message : 'errors.generic')
  }
  return out
}

/**
 * Public, two steps on one page (works without JavaScript): `intent=request` (NIR + birth date → a code, the same
 * answer whether the NIR exists or not), then `intent=reset` (code + new password → sign-in page).
 */
export async function passwordResetAction(_prev: TFormState<TPasswordResetStep>, formData: FormData): Promise<TFormState<TPasswordResetStep>> {
  const values = formValues(formData)
  const nir = values.nir ?? ''
  if (values.intent === 'reset') {
    try {
      await resetPassword({ input: { nir, code: values.code ?? '', password: values.password ?? '', confirmation: values.confirmation ?? '' }, ...(await requestInfo()) })
    } catch (error) {
      // Passwords and the code are never sent back to the form; the NIR stays (hidden field).
      const keep = { nir }
      if (error instanceof ZodError) return { status: 'invalid', errors: await fieldErrors(error), formError: null, values: keep, result: { step: 'code' } }
      if (isAppError(error)) return { status: 'refused', errors: {}, formError: await translateCode(error.code, error.details), values: keep, result: { step: 'code' } }
      log.error('password reset failed', { err: error })
      return { status: 'refused', errors: {}, formError: await translateCode('unexpected'), values: keep, result: { step: 'code' } }
    }
    redirect('/connexion?status=password-reset')
  }
  try {
    await requestPasswordReset({ input: { nir, birthDate: values.birthDate ?? '' }, ...(await requestInfo()) })
    return { status: 'success', errors: {}, formError: null, values: { nir }, result: { step: 'code' } }
  } catch (error) {
    if (error instanceof ZodError) return { status: 'invalid', errors: await fieldErrors(error), formError: null, values, result: null }
    if (isAppError(error)) return { status: 'refused', errors: {}, formError: await translateCode(error.code, error.details), values, result: null }
    log.error('password reset request failed', { err: error })
    return { status: 'refused', errors: {}, formError: await translateCode('unexpected'), values, result: null }
  }
}
