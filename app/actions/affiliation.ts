'use server'

import { log } from '@/lib/observability/log'
import { redirect } from 'next/navigation'
import { getTranslations } from 'next-intl/server'
import { ZodError } from 'zod'
import { requestInfo } from '@/lib/auth/request-info'
import { AFFILIATION_DOCUMENTS, missingDocuments } from '@/lib/domain/affiliation/documents'
import { uploadSizeProblem } from '@/lib/domain/procedures/upload-limits'
import { ZAffiliationSituation } from '@/lib/schemas/affiliation'
import { AppError, isAppError } from '@/lib/errors'
import { clearFollowAccess, followedRequestId, grantFollowAccess } from '@/lib/forms/affiliation-access'
import { formValues } from '@/lib/forms/form-action'
import { translateCode } from '@/lib/forms/procedure-action'
import { addAffiliationDocument } from '@/lib/services/affiliation/add-affiliation-document'
import { followAffiliationRequest } from '@/lib/services/affiliation/follow-affiliation-request'
import { submitAffiliationRequest, type TAffiliationFile } from '@/lib/services/affiliation/submit-affiliation-request'
import { withdrawAffiliationRequest } from '@/lib/services/affiliation/withdraw-affiliation-request'
import type { TFormState } from '@/components/procedures/form-state'

/**
 * The public affiliation request and its follow-up (no account). Who asks: anyone for the request and the follow-up
 * form; for the steps on a request (add a document, withdraw), only the holder of the signed follow-up cookie, whose
 * request id is the only one the services act on. Every form works without JavaScript (useActionState + redirect).
 */

/** Schema and service messages are i18n keys; a few come from shared validators with a short prefix. */
async function message(code: string, details?: Record<string, unknown>): Promise<string> {
  const key = /^(iban|bic)\./.test(code) ? `procedureErrors.${code}` : code.startsWith('nir.') ? `errors.${code}` : code
  return translateCode(key, details)
}

/** "Add this document, required in your situation: <its name>." (the error summary lists several). */
async function documentMissing(document: string): Promise<string> {
  const t = await getTranslations('affiliation.documents')
  return message('affiliationPublic.errors.documentMissing', { document: t.has(document) ? t(document) : document })
}

/** The form field a service refusal concerns (its details name it, or the code implies it). */
function fieldOf(error: AppError): string | undefined {
  if (typeof error.details?.field === 'string') return error.details.field
  if (typeof error.details?.document === 'string') return `doc-${error.details.document}`
  if (/^affiliation\.errors\.(residenceTooShort|arrivalInFuture|arrivalBeforeBirth)$/.test(error.code)) return 'arrivalDate'
  return undefined
}

async function failure<R>(error: unknown, values: Record<string, string>): Promise<TFormState<R>> {
  if (error instanceof ZodError) {
    const errors: Record<string, string> = {}
    for (const issue of error.issues) errors[String(issue.path[0] ?? '_form')] ??= await message(issue.message.includes('.') ? issue.message : 'procedureErrors.field.required')
    return { status: 'invalid', errors, formError: null, values, result: null }
  }
  if (isAppError(error)) {
    if (error.code === 'affiliation.errors.documentsMissing') {
      const t = await getTranslations('affiliation.documents')
      const missing = String(error.details?.documents ?? '').split(',').filter(Boolean)
      const errors: Record<string, string> = {}
      for (const d of missing) errors[`doc-${d}`] = await documentMissing(d)
      return { status: 'invalid', errors, formError: await message(error.code, { documents: missing.map((d) => (t.has(d) ? t(d) : d)).join(' ; ') }), values, result: null }
    }
    const text = await message(error.code, error.details)
    const field = fieldOf(error)
    if (field) return { status: 'invalid', errors: { [field]: text }, formError: null, values, result: null }
    return { status: 'refused', errors: {}, formError: text, values, result: null }
  }
  // Next's redirect() must go through.
  if (error && typeof error === 'object' && 'digest' in error) throw error
  log.error('affiliation action failed', { err: error })
  return { status: 'refused', errors: {}, formError: await message('unexpected'), values, result: null }
}

/**
 * The shared upload limits (UPLOAD_LIMITS: per file, per form), checked before any file is read, as the browser
 * checks them: a refusal names the file (on its field) or the total, and the answers are kept.
 */
async function sizeRefusal<R>(formData: FormData, values: Record<string, string>): Promise<TFormState<R> | null> {
  const chosen = [...formData.entries()].flatMap(([field, value]) => (value instanceof File && value.size > 0 ? [{ field, name: value.name, size: value.size }] : []))
  const problem = uploadSizeProblem(chosen)
  if (!problem) return null
  if (problem.problem === 'form') return { status: 'invalid', errors: {}, formError: await message('procedureErrors.upload.formTooLarge', { maxMegabytes: problem.maxMegabytes }), values, result: null }
  const field = chosen.find((f) => f.name === problem.name && f.size > 0)?.field ?? '_form'
  return { status: 'invalid', errors: { [field]: await message('procedureErrors.upload.fileTooLarge', { name: problem.name, maxMegabytes: problem.maxMegabytes }) }, formError: null, values, result: null }
}

// ——— The request ———
export type TAffiliationDone = { reference: string; caisseName: string; email: string; created: boolean }

export async function submitAffiliationAction(_prev: TFormState<TAffiliationDone>, formData: FormData): Promise<TFormState<TAffiliationDone>> {
  const values = formValues(formData)
  try {
    const tooBig = await sizeRefusal<TAffiliationDone>(formData, values)
    if (tooBig) return tooBig
    const files: TAffiliationFile[] = []
    for (const kind of AFFILIATION_DOCUMENTS) {
      const f = formData.get(`doc-${kind}`)
      if (f instanceof File && f.size > 0) files.push({ kind, filename: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })
    }
    try {
      const r = await submitAffiliationRequest({ input: values, files, ...(await requestInfo()) })
      return { status: 'success', errors: {}, formError: null, values: {}, result: { reference: r.reference, caisseName: r.caisseName, email: values.email ?? '', created: r.created } }
    } catch (error) {
      const state = await failure<TAffiliationDone>(error, values)
      // Field errors: say at once which documents are missing too (the service checks them after the fields).
      if (error instanceof ZodError) for (const d of missingFiles(values, files)) state.errors[`doc-${d}`] ??= await documentMissing(d)
      return state
    }
  } catch (error) {
    return failure(error, values)
  }
}

/** The documents of the situation given (when it is a valid one) that no file answers. */
function missingFiles(values: Record<string, string>, files: TAffiliationFile[]): string[] {
  const situation = ZAffiliationSituation.safeParse(values.situation)
  if (!situation.success) return []
  const nationality = /^[A-Za-z]{2}$/.test(values.nationality ?? '') ? values.nationality! : 'FR'
  return missingDocuments({ situation: situation.data, nationality, birthCertificateInFrench: values.birthCertificateInFrench !== 'no' }, files.map((f) => f.kind))
}

// ——— The follow-up ———
export async function followAffiliationAction(_prev: TFormState<null>, formData: FormData): Promise<TFormState<null>> {
  const values = formValues(formData)
  try {
    const { id } = await followAffiliationRequest({ input: values, ...(await requestInfo()) })
    await grantFollowAccess(id)
  } catch (error) {
    return failure(error, values)
  }
  redirect('/affiliation/suivi')
}

/** The request of the follow-up cookie, or a refusal asking to identify again. */
async function followedOrThrow(): Promise<string> {
  const id = await followedRequestId()
  if (!id) throw new AppError('affiliationPublic.errors.expired', 401)
  return id
}

export async function addAffiliationDocumentAction(_prev: TFormState<null>, formData: FormData): Promise<TFormState<null>> {
  const values = formValues(formData)
  try {
    const procedureId = await followedOrThrow()
    const tooBig = await sizeRefusal<null>(formData, values)
    if (tooBig) return tooBig
    const f = formData.get('file')
    const file = f instanceof File && f.size > 0 ? { filename: f.name, bytes: new Uint8Array(await f.arrayBuffer()) } : null
    await addAffiliationDocument({ procedureId, input: values, file, ...(await requestInfo()) })
  } catch (error) {
    return failure(error, values)
  }
  redirect('/affiliation/suivi?sent=document')
}

export async function withdrawAffiliationAction(_prev: TFormState<null>, formData: FormData): Promise<TFormState<null>> {
  const values = formValues(formData)
  try {
    const procedureId = await followedOrThrow()
    await withdrawAffiliationRequest({ procedureId, input: values, ...(await requestInfo()) })
  } catch (error) {
    return failure(error, values)
  }
  redirect('/affiliation/suivi?sent=withdrawn')
}

/** "Sign out of this request": the cookie is cleared (plain form post, no state). */
export async function leaveAffiliationAction(): Promise<void> {
  await clearFollowAccess()
  redirect('/affiliation/suivi')
}
