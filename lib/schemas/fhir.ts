import { z } from 'zod'
import { parseCalendarDate, type CalendarDate } from '@/lib/domain/dates'

/**
 * FHIR search parameters of the API (issue 18 §4). A date search value is an optional prefix and a real calendar
 * date (`service-date=ge2025-09-01`; 2025-02-30 is refused, not shifted); an instant (`_lastUpdated`) may add a time
 * with its offset. Messages are English: the API's errors are OperationOutcomes for developers.
 */
export type TFhirPrefix = 'eq' | 'ge' | 'gt' | 'le' | 'lt'
export type TFhirDateParam = { prefix: TFhirPrefix; value: string }

const PREFIXED = /^(ge|gt|le|lt|eq)?(.*)$/s
const TIME = /^T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/

function prefixed(withTime: boolean) {
  return z.string().transform((raw, ctx): TFhirDateParam => {
    const [, prefix, value] = PREFIXED.exec(raw)!
    const day = parseCalendarDate(value!.slice(0, 10))
    const rest = value!.slice(10)
    if (!day || (rest !== '' && !(withTime && TIME.test(rest) && !Number.isNaN(Date.parse(value!))))) {
      ctx.addIssue({ code: 'custom', message: `"${raw}" is not a date with an optional prefix (ge, gt, le, lt, eq).` })
      return z.NEVER
    }
    return { prefix: (prefix ?? 'eq') as TFhirPrefix, value: value! }
  })
}

/** `service-date`: a calendar date. */
export const ZFhirDateSearch = prefixed(false).transform((p) => ({ ...p, value: p.value as CalendarDate }))
/** `_lastUpdated`: a date or an instant. */
export const ZFhirInstantSearch = prefixed(true)
/** `_count`: a whole number from 1 (the service caps it). */
export const ZFhirCount = z.string().regex(/^\d+$/, '_count must be a whole number from 1.').transform(Number).pipe(z.number().int().min(1, '_count must be a whole number from 1.'))
