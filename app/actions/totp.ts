'use server'

import { log } from '@/lib/observability/log'
import { ZodError } from 'zod'
import { requireStaffEnrolling } from '@/lib/auth/session'
import { requestInfo } from '@/lib/auth/request-info'
import { isAppError } from '@/lib/errors'
import { translateCode } from '@/lib/forms/procedure-action'
import { confirmTotpEnrolment } from '@/lib/services/auth/totp-enrolment'
import type { TFormState } from '@/components/procedures/form-state'

export type TTotpEnrolResult = { recoveryCodes: string[] }

/** Confirms two-factor enrolment with the first code; answers the 10 recovery codes (shown once). */
export async function confirmTotpAction(_prev: TFormState<TTotpEnrolResult>, formData: FormData): Promise<TFormState<TTotpEnrolResult>> {
  const user = await requireStaffEnrolling()
  const actor = { id: user.id, role: user.role, insuredId: user.insuredId, organisationId: user.organisationId }
  try {
    const r = await confirmTotpEnrolment({ actor, input: { code: String(formData.get('code') ?? '') }, ...(await requestInfo()) })
    return { status: 'success', errors: {}, formError: null, values: {}, result: r }
  } catch (error) {
    if (error instanceof ZodError || (isAppError(error) && error.code === 'auth.otpInvalid')) {
      return { status: 'invalid', errors: { code: await translateCode('errors.auth.otpInvalid') }, formError: null, values: {}, result: null }
    }
    if (isAppError(error)) return { status: 'refused', errors: {}, formError: await translateCode(`errors.${error.code}`), values: {}, result: null }
    log.error('two-factor enrolment failed', { err: error })
    return { status: 'refused', errors: {}, formError: await translateCode('unexpected'), values: {}, result: null }
  }
}
