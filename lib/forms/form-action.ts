import 'server-only'
import { log } from '@/lib/observability/log'
import { ZodError } from 'zod'
import { requireRole } from '@/lib/auth/session'
import { requestInfo } from '@/lib/auth/request-info'
import type { Role } from '@/lib/auth/permissions'
import { isAppError } from '@/lib/errors'
import type { TActor } from '@/lib/services/procedures/common'
import type { TFormState } from '@/components/procedures/form-state'
import { translateCode } from './procedure-action'

export type TFormActionContext = { actor: TActor; ip: string | null; userAgent: string | null; now: Date; values: Record<string, string>; formData: FormData }

/** The submitted text values (to fill the form again after an error). */
export function formValues(formData: FormData): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [key, value] of formData.entries()) if (typeof value === 'string' && !key.startsWith('$ACTION')) out[key] = value
  return out
}

/**
 * The body of the agenda and messaging form actions: a signed-in user of these roles (else sign-in page / 403),
 * the service call, and the errors translated for the form (zod issues carry i18n keys; an AppError goes next to
 * its field when `fieldOf` names one, else it is the form's refusal). Unexpected errors are logged, never shown.
 * Next's redirect()/notFound() thrown by `run` go through.
 */
export async function runFormAction<R>(
  formData: FormData,
  options: { path: string; roles: readonly Role[]; fieldOf?: (code: string) => string | undefined; run: (ctx: TFormActionContext) => Promise<R> },
): Promise<TFormState<R>> {
  const user = await requireRole(options.roles, options.path)
  const actor: TActor = { id: user.id, role: user.role, insuredId: user.insuredId, organisationId: user.organisationId }
  const values = formValues(formData)
  try {
    const result = await options.run({ actor, ...(await requestInfo()), values, formData })
    return { status: 'success', errors: {}, formError: null, values, result }
  } catch (error) {
    if (error instanceof ZodError) {
      const errors: Record<string, string> = {}
      for (const issue of error.issues) {
        const field = String(issue.path[0] ?? '_form')
        errors[field] ??= await translateCode(issue.message.includes('.') ? issue.message : 'errors.generic')
      }
      return { status: 'invalid', errors, formError: null, values, result: null }
    }
    if (isAppError(error)) {
      const message = await translateCode(error.code, error.details)
      const field = options.fieldOf?.(error.code)
      if (field) return { status: 'invalid', errors: { [field]: message }, formError: null, values, result: null }
      return { status: 'refused', errors: {}, formError: message, values, result: null }
    }
    if (error && typeof error === 'object' && 'digest' in error) throw error
    log.error('form action failed', { err: error })
    return { status: 'refused', errors: {}, formError: await translateCode('unexpected'), values, result: null }
  }
}
