import 'server-only'
import { log } from '@/lib/observability/log'
import { revalidatePath } from 'next/cache'
import { getLocale, getTranslations } from 'next-intl/server'
import { ZodError, type ZodType } from 'zod'
import { requireInsured } from '@/lib/auth/session'
import { requestInfo } from '@/lib/auth/request-info'
import { formatDate, parseCalendarDate } from '@/lib/domain/dates'
import { formatEuros } from '@/lib/domain/money'
import { isAppError, AppError } from '@/lib/errors'
import type { TActor } from '@/lib/services/procedures/common'
import { uploadFile } from '@/lib/services/procedures/upload-file'
import type { TFormState } from '@/components/procedures/form-state'

export type TActionContext = { actor: TActor; ip: string | null; userAgent: string | null; now: Date; values: Record<string, string>; formData: FormData }

/** The submitted text values (files left out), to fill the form again after an error. */
function textValues(formData: FormData): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [key, value] of formData.entries()) {
    if (typeof value !== 'string' || key.startsWith('$ACTION')) continue
    out[key] = key in out ? `${out[key]},${value}` : value
  }
  return out
}

/** Placeholders of a message: cents as euros, calendar dates in the reader's format. */
function formatParams(details: Record<string, unknown> | undefined, locale: 'fr' | 'en'): Record<string, string | number> {
  const out: Record<string, string | number> = {}
  for (const [k, v] of Object.entries(details ?? {})) {
    if (typeof v === 'number' && /ceiling|amount|cents/i.test(k)) out[k] = formatEuros(v, locale)
    else if (typeof v === 'string' && parseCalendarDate(v)) out[k] = formatDate(parseCalendarDate(v)!, locale)
    else if (typeof v === 'string' || typeof v === 'number') out[k] = v
  }
  return out
}

/** The translated message of an error code (a full key, or `forbidden`/`notFound` of the `errors` namespace). */
export async function translateCode(code: string, details?: Record<string, unknown>): Promise<string> {
  const t = await getTranslations()
  const locale = (await getLocale()) === 'en' ? 'en' : 'fr'
  const key = code.includes('.') ? code : `errors.${code}`
  return t.has(key) ? t(key, formatParams(details, locale)) : t('errors.unexpected')
}

/** Zod issues → one translated message per field ("members.0.birthDate"); schema messages are i18n keys. */
export async function zodFieldErrors(error: ZodError, alias: Record<string, string> = {}): Promise<Record<string, string>> {
  const out: Record<string, string> = {}
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.') || '_form'
    const field = alias[path] ?? path
    if (out[field]) continue
    out[field] = await translateCode(issue.message.startsWith('procedureErrors.') ? issue.message : 'procedureErrors.field.required')
  }
  return out
}

/** Field errors found by the action itself (i18n keys), shown with the schema's. */
export class FormFieldsError extends Error {
  constructor(readonly fields: Record<string, string>) {
    super('form fields')
  }
}

/**
 * Checks the input with the service's schema first (ARCHITECTURE: show field errors before calling the service),
 * together with the action's own checks (`extra`: field → i18n key, e.g. a missing file), so that all errors show at
 * once. Returns the input as given: the service parses it again, and a schema's output (a transformed value) is
 * not always a valid input.
 */
export async function checkInput<I>(schema: ZodType, input: I, alias: Record<string, string> = {}, extra: Record<string, string | false | undefined> = {}): Promise<I> {
  const parsed = schema.safeParse(input)
  const own = Object.fromEntries(Object.entries(extra).filter((e): e is [string, string] => typeof e[1] === 'string'))
  if (parsed.success && Object.keys(own).length === 0) return input
  const fields: Record<string, string> = {}
  for (const [field, key] of Object.entries(own)) fields[field] = await translateCode(key)
  if (!parsed.success) for (const [field, message] of Object.entries(await zodFieldErrors(parsed.error, alias))) fields[field] ??= message
  throw new FormFieldsError(fields)
}

/**
 * A file of the form: the id of the file already sent by the page's upload (JavaScript, with a progress bar), or
 * the file itself when the form was posted without JavaScript (stored here with the same checks).
 * An upload error names the field it belongs to.
 */
export async function uploadedId(ctx: TActionContext, field: string, kind: string): Promise<string | undefined> {
  const id = ctx.values[`${field}UploadId`]
  if (id) return id
  const file = ctx.formData.get(field)
  if (!(file instanceof File) || file.size === 0) return undefined
  try {
    const meta = await uploadFile({ actor: ctx.actor, kind, filename: file.name, bytes: new Uint8Array(await file.arrayBuffer()), ip: ctx.ip, userAgent: ctx.userAgent, now: ctx.now })
    ctx.values[`${field}UploadId`] = meta.id
    ctx.values[`${field}UploadName`] = meta.filename
    return meta.id
  } catch (error) {
    if (isAppError(error)) throw new AppError(error.code, error.status, { ...error.details, field })
    throw error
  }
}

/**
 * The body of every procedure form action: the signed-in insured person (else sign-in page / 403), the values,
 * the service call, and the errors translated for the form: zod issues next to their fields, AppErrors next to the
 * field they concern (`fieldOf`) or as the form's refusal. An unexpected error is logged and never shown as is.
 */
export async function runProcedureAction<R>(
  formData: FormData,
  options: {
    path: string
    /** Re-render the page after a success (the tracking page after answering a request). */
    revalidate?: boolean
    /** zod paths shown under another field's name (e.g. photoUploadId → photo). */
    alias?: Record<string, string>
    /** The field an AppError code concerns, if any. */
    fieldOf?: (code: string) => string | undefined
    run: (ctx: TActionContext) => Promise<{ status: 'success' | 'preview'; result: R }>
  },
): Promise<TFormState<R>> {
  const user = await requireInsured(options.path)
  const actor: TActor = { id: user.id, role: user.role, insuredId: user.insuredId, organisationId: user.organisationId }
  const values = textValues(formData)
  const ctx: TActionContext = { actor, ...(await requestInfo()), values, formData }
  try {
    const { status, result } = await options.run(ctx)
    // The pages are rendered per request (never cached), so the tracking list is fresh on the next visit. The form's
    // own page is re-rendered only when asked: re-rendering would replace the confirmation (a blocked card leaves
    // the loss page with no card to show) and the form's idempotency key.
    if (status === 'success' && options.revalidate) revalidatePath(options.path)
    return { status, errors: {}, formError: null, values: ctx.values, result }
  } catch (error) {
    if (error instanceof FormFieldsError) return { status: 'invalid', errors: error.fields, formError: null, values: ctx.values, result: null }
    if (error instanceof ZodError) return { status: 'invalid', errors: await zodFieldErrors(error, options.alias), formError: null, values: ctx.values, result: null }
    if (isAppError(error)) {
      const message = await translateCode(error.code, error.details)
      const field = typeof error.details?.field === 'string' ? error.details.field : options.fieldOf?.(error.code)
      if (field) return { status: 'invalid', errors: { [field]: message }, formError: null, values: ctx.values, result: null }
      return { status: 'refused', errors: {}, formError: message, values: ctx.values, result: null }
    }
    // Next's redirect()/forbidden() must go through.
    if (error && typeof error === 'object' && 'digest' in error) throw error
    log.error('procedure action failed', { err: error })
    return { status: 'refused', errors: {}, formError: await translateCode('unexpected'), values: ctx.values, result: null }
  }
}
