import { z } from 'zod'
import { parseCalendarDate } from '@/lib/domain/dates'
import { dayKey } from '@/lib/domain/rules/rule-set'
import { ALLOWANCE_KINDS } from '@/lib/domain/daily-allowances/simulate'

/**
 * The daily-allowance and CSS requests of ../shared/domain/SIMULATION-API.md ("Daily allowances and CSS"), shared by
 * the JSON APIs, the batch commands and the simulator pages. Messages are i18n keys under `allowances.errors` and
 * `cssSimulator.errors` (the caller translates them).
 */

const MAX_CENTS = 100_000_000
export const MAX_REQUESTS = 1000
/** A simulated leave lasts at most 4 years (work-accident allowances can run that long). */
export const MAX_LEAVE_DAYS = 1461

const ZDate = (field: string) =>
  z.string({ error: `${field}.invalid` }).refine((value) => parseCalendarDate(value) !== null, { message: `${field}.invalid` })
const ZId = z.string({ error: 'id.invalid' }).min(1, { message: 'id.invalid' }).max(100, { message: 'id.invalid' })
const ZCents = (field: string, max = MAX_CENTS) =>
  z.number({ error: `${field}.invalid` }).int({ message: `${field}.invalid` }).min(0, { message: `${field}.invalid` }).max(max, { message: `${field}.invalid` })

const days = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000)

export const ZAllowanceRequest = z
  .object({
    id: ZId.optional(),
    kind: z.enum(ALLOWANCE_KINDS, { error: 'kind.invalid' }),
    startDate: ZDate('startDate'),
    endDate: ZDate('endDate'),
    salaries: z.array(ZCents('salaries'), { error: 'salaries.invalid' }).min(1, { message: 'salaries.required' }).max(12, { message: 'salaries.tooMany' }),
    initial: z.boolean({ error: 'initial.invalid' }).default(true),
  })
  .strict()
  .superRefine((r, ctx) => {
    if (!parseCalendarDate(r.startDate) || !parseCalendarDate(r.endDate)) return
    if (dayKey(r.endDate) < dayKey(r.startDate)) ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'endDate.beforeStart' })
    else if (days(r.startDate, r.endDate) + 1 > MAX_LEAVE_DAYS) ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'endDate.tooLong' })
  })

export const ZCssRequest = z
  .object({
    id: ZId.optional(),
    date: ZDate('date'),
    members: z
      .array(z.object({ birthDate: ZDate('birthDate') }, { error: 'members.invalid' }).strict(), { error: 'members.invalid' })
      .min(1, { message: 'members.empty' })
      .max(20, { message: 'members.tooMany' }),
    yearlyIncome: ZCents('yearlyIncome', 10_000_000_000),
    alsaceMoselle: z.boolean({ error: 'alsaceMoselle.invalid' }).default(false),
    overseas: z.boolean({ error: 'overseas.invalid' }).default(false),
  })
  .strict()
  .superRefine((r, ctx) => {
    if (!parseCalendarDate(r.date)) return
    r.members.forEach((m, i) => {
      if (parseCalendarDate(m.birthDate) && dayKey(m.birthDate) > dayKey(r.date)) ctx.addIssue({ code: 'custom', path: ['members', i, 'birthDate'], message: 'birthDate.afterDate' })
    })
  })

export const ZRequestsEnvelope = z
  .object({
    requests: z.array(z.unknown(), { error: 'requests.invalid' }).min(1, { message: 'requests.empty' }).max(MAX_REQUESTS, { message: 'requests.tooMany' }),
  })
  .strict()

export interface ContractFieldError {
  path: string
  code: string
  params?: Record<string, string | number>
}

const REQUIRED: ReadonlySet<string> = new Set(['kind', 'startDate', 'endDate', 'salaries', 'date', 'members', 'yearlyIncome', 'birthDate'])

/** zod issues → one error per field, each an i18n code ("startDate.invalid", "unknownField"…). */
export function contractErrors(error: z.ZodError, known: ReadonlySet<string>, prefix = '', raw?: unknown): ContractFieldError[] {
  const out: ContractFieldError[] = []
  const seen = new Set<string>()
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const path = prefix + [...issue.path, key].join('.')
        if (!seen.has(path)) {
          seen.add(path)
          out.push({ path, code: 'unknownField', params: { field: key } })
        }
      }
      continue
    }
    const fieldPath = issue.path.join('.')
    const path = fieldPath ? prefix + fieldPath : prefix.replace(/\.$/, '')
    if (seen.has(path)) continue
    seen.add(path)
    const last = String([...issue.path].reverse().find((p) => typeof p === 'string') ?? '')
    let code = issue.message
    if (!code.includes('.') || code.includes(' ')) code = known.has(last) ? `${last}.invalid` : 'request.invalid'
    // A required field left out (the input itself is not in zod's issues): say it is missing, not malformed.
    const missing = issue.path.length === 1 && typeof raw === 'object' && raw !== null && (raw as Record<string, unknown>)[last] === undefined
    if (missing && REQUIRED.has(last)) code = `${last}.required`
    out.push({ path, code })
  }
  return out
}

export const ALLOWANCE_FIELDS: ReadonlySet<string> = new Set(Object.keys(ZAllowanceRequest.shape))
export const CSS_FIELDS: ReadonlySet<string> = new Set([...Object.keys(ZCssRequest.shape), 'birthDate'])
