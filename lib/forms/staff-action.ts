import 'server-only'
import { log } from '@/lib/observability/log'
import { revalidatePath } from 'next/cache'
import { redirect } from 'next/navigation'
import { ZodError } from 'zod'
import { requireRole } from '@/lib/auth/session'
import { requestInfo } from '@/lib/auth/request-info'
import { isAppError } from '@/lib/errors'
import type { TActor } from '@/lib/services/procedures/common'
import type { TFormState } from '@/components/procedures/form-state'
import { FormFieldsError, translateCode } from './procedure-action'
import { staffCode } from '@/lib/services/back-office/present-codes'

export type TStaffActionContext = { actor: TActor; ip: string | null; userAgent: string | null; now: Date; values: Record<string, string>; formData: FormData }

function textValues(formData: FormData): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [key, value] of formData.entries()) {
    if (typeof value !== 'string' || key.startsWith('$ACTION')) continue
    out[key] = value
  }
  return out
}

/** Zod issues → one translated message per field; schema messages are i18n keys (backoffice.*, procedureErrors.*). */
export async function staffFieldErrors(error: ZodError): Promise<Record<string, string>> {
  const out: Record<string, string> = {}
  for (const issue of error.issues) {
    const field = issue.path.map(String).join('.') || '_form'
    if (out[field]) continue
    const known = /^(backoffice|procedureErrors|simulation|affiliation|affiliationAdvisor)\./.test(issue.message)
    out[field] = await translateCode(known ? staffCode(issue.message) : 'backoffice.errors.invalid')
  }
  return out
}

/**
 * The body of every back-office form action: an advisor or supervisor (else sign-in page / 403 — an insured
 * person never reaches it), the service call, errors translated next to their field or as the form's refusal.
 * An unexpected error is logged and never shown as is.
 */
export async function runStaffAction<R>(
  formData: FormData,
  options: { path: string; revalidate?: string[]; run: (ctx: TStaffActionContext) => Promise<R>; redirectTo?: (result: R) => string | undefined },
): Promise<TFormState<R>> {
  const user = await requireRole(['advisor', 'supervisor'], options.path)
  const actor: TActor = { id: user.id, role: user.role, insuredId: user.insuredId, organisationId: user.organisationId }
  const values = textValues(formData)
  const ctx: TStaffActionContext = { actor, ...(await requestInfo()), values, formData }
  let target: string | undefined
  try {
    const result = await options.run(ctx)
    for (const p of options.revalidate ?? []) revalidatePath(p)
    // A step that changes what the page offers (the form disappears with its confirmation) reloads the page with
    // `?done=…`, which the page turns into its own translated confirmation (issue 17 §6).
    target = options.redirectTo?.(result)
    if (!target) return { status: 'success', errors: {}, formError: null, values: ctx.values, result }
  } catch (error) {
    if (error instanceof FormFieldsError) return { status: 'invalid', errors: error.fields, formError: null, values: ctx.values, result: null }
    if (error instanceof ZodError) return { status: 'invalid', errors: await staffFieldErrors(error), formError: null, values: ctx.values, result: null }
    if (isAppError(error)) {
      const message = await translateCode(staffCode(error.code), error.details)
      const field = typeof error.details?.field === 'string' ? error.details.field : undefined
      if (field) return { status: 'invalid', errors: { [field]: message }, formError: null, values: ctx.values, result: null }
      return { status: 'refused', errors: {}, formError: message, values: ctx.values, result: null }
    }
    if (error && typeof error === 'object' && 'digest' in error) throw error
    log.error('back-office action failed', { err: error })
    return { status: 'refused', errors: {}, formError: await translateCode('unexpected'), values: ctx.values, result: null }
  }
  redirect(target)
}
