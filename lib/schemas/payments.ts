import { z } from 'zod'
import { CARE_TYPES } from '@/lib/domain/reimbursement/acts'
import { calendarDate as toCalendarDate, compareDates, parseCalendarDate } from '@/lib/domain/dates'

/** Form fields arrive as '' when left empty: treat them as absent. */
const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v)
const first = (v: unknown) => (Array.isArray(v) ? v[0] : v)
const opt = <T extends z.ZodType>(schema: T) => z.preprocess((v) => blank(first(v)), schema.optional())

const calendarDate = z.string().refine((s) => parseCalendarDate(s) !== null, 'paymentsPage.errors.date')
const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'paymentsPage.errors.id')
/** A keyset cursor: "YYYY-MM-DD~lineId" (the last line of the page shown). */
const cursor = z.string().regex(/^\d{4}-\d{2}-\d{2}~[A-Za-z0-9_-]{1,64}$/, 'paymentsPage.errors.cursor')

/**
 * The payments list's query string (a GET form: works without JavaScript). Every field optional; a bad
 * field is reported and ignored. `who`: "self" (the insured person) or a beneficiary id.
 */
export const ZPaymentFilters = z.object({
  from: opt(calendarDate),
  to: opt(calendarDate),
  who: opt(z.union([z.literal('self'), id])),
  careType: opt(z.enum(CARE_TYPES, { message: 'paymentsPage.errors.careType' })),
  pro: opt(id),
  q: opt(z.string().trim().max(60, 'paymentsPage.errors.search')),
  after: opt(cursor),
  before: opt(cursor),
})
export type TPaymentFilters = z.infer<typeof ZPaymentFilters>

export const ZLineId = id

/** `?virements=tous`: every transfer of the period instead of the newest ones. */
export const ZAllTransfers = z.literal('tous')

/**
 * "I did not receive this care": the line, the form's idempotency key and the person's comment (required, issue 17
 * §4: a report is a serious step, the advisor needs to know what happened). Empty and too short/long comments get
 * their own message.
 */
export const ZCareComment = z
  .string({ error: 'paymentsPage.detail.commentRequired' })
  .trim()
  .min(1, 'paymentsPage.detail.commentRequired')
  .min(10, 'paymentsPage.detail.commentLength')
  .max(1000, 'paymentsPage.detail.commentLength')
export const ZReportCareNotReceived = z.object({
  lineId: id,
  idempotencyKey: z.string().min(8).max(100),
  comment: ZCareComment,
})
export type TReportCareNotReceived = z.infer<typeof ZReportCareNotReceived>

/** Parses the query string field by field: valid fields kept, the others listed as errors (i18n keys). */
export function parsePaymentFilters(raw: Record<string, string | string[] | undefined>): { filters: TPaymentFilters; errors: { field: string; code: string }[] } {
  const filters: Record<string, unknown> = {}
  const errors: { field: string; code: string }[] = []
  for (const [field, schema] of Object.entries(ZPaymentFilters.shape)) {
    const parsed = (schema as z.ZodType).safeParse(raw[field])
    if (parsed.success) {
      if (parsed.data !== undefined) filters[field] = parsed.data
    } else errors.push({ field, code: parsed.error.issues[0]?.message ?? 'paymentsPage.errors.invalid' })
  }
  // An end before the start would list nothing: say so next to the end date and ignore the period (issue 17 §4).
  if (typeof filters.from === 'string' && typeof filters.to === 'string' && compareDates(toCalendarDate(filters.from), toCalendarDate(filters.to)) > 0) {
    errors.push({ field: 'to', code: 'paymentsPage.errors.range' })
    delete filters.from
    delete filters.to
  }
  return { filters: filters as TPaymentFilters, errors }
}
