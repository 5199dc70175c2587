'use server'

import { log } from '@/lib/observability/log'
import { redirect } from 'next/navigation'
import { ZodError } from 'zod'
import { requireInsuredSettingPassword } from '@/lib/auth/session'
import { requestInfo } from '@/lib/auth/request-info'
import { reissueSessionCookie } from '@/lib/auth/refresh-session'
import { isAppError } from '@/lib/errors'
import { formValues } from '@/lib/forms/form-action'
import { translateCode } from '@/lib/forms/procedure-action'
import { requestAccountActivation } from '@/lib/services/auth/request-account-activation'
import { setFirstPassword } from '@/lib/services/auth/set-first-password'
import type { TFormState } from '@/components/procedures/form-state'

async function fieldErrors(error: ZodError): Promise<Record<string, string>> {
  const out: Record<string, string> = {}
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? '_form')
    out[field] ??= await translateCode(issue.message.includes('.') ? issue.message : 'errors.generic')
  }
  return out
}

export type TActivationResult = { sent: true; temporary?: false } | { sent: false; temporary: true }

/** Public: "Activer mon compte ameli" (no session needed). The answer never says whether the NIR exists. */
export async function requestActivationAction(_prev: TFormState<TActivationResult>, formData: FormData): Promise<TFormState<TActivationResult>> {
  const values = formValues(formData)
  try {
    await requestAccountActivation({ input: { nir: values.nir ?? '', birthDate: values.birthDate ?? '', postalCode: values.postalCode ?? '' }, ...(await requestInfo()) })
    return { status: 'success', errors: {}, formError: null, values: {}, result: { sent: true } }
  } catch (error) {
    if (error instanceof ZodError) return { status: 'invalid', errors: await fieldErrors(error), formError: null, values, result: null }
    if (isAppError(error)) {
      const temporary = error.code === 'activation.errors.temporaryNumber'
      return { status: 'refused', errors: {}, formError: await translateCode(error.code, error.details), values, result: temporary ? { sent: false, temporary: true } : null }
    }
    log.error('account activation request failed', { err: error })
    return { status: 'refused', errors: {}, formError: await translateCode('unexpected'), values, result: null }
  }
}

/** The first password (after a sign-in with the temporary code); then this session is kept and the person lands on /compte. */
export async function setFirstPasswordAction(_prev: TFormState, formData: FormData): Promise<TFormState> {
  const user = await requireInsuredSettingPassword()
  const actor = { id: user.id, role: user.role, insuredId: user.insuredId, organisationId: user.organisationId }
  let sessionVersion: number
  try {
    const input = { password: String(formData.get('password') ?? ''), confirmation: String(formData.get('confirmation') ?? '') }
    sessionVersion = (await setFirstPassword({ actor, input, ...(await requestInfo()) })).sessionVersion
  } catch (error) {
    // Passwords are never sent back to the form.
    if (error instanceof ZodError) return { status: 'invalid', errors: await fieldErrors(error), formError: null, values: {}, result: null }
    if (isAppError(error)) return { status: 'refused', errors: {}, formError: await translateCode(error.code), values: {}, result: null }
    log.error('setting the first password failed', { err: error })
    return { status: 'refused', errors: {}, formError: await translateCode('unexpected'), values: {}, result: null }
  }
  await reissueSessionCookie(sessionVersion)
  redirect('/compte')
}
