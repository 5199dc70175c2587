import { z } from 'zod'
import { parseCalendarDate } from '@/lib/domain/dates'
import { dayKey } from '@/lib/domain/rules/rule-set'
import { PATHWAYS, REGIMES, SECTORS, SITUATIONS, type ClaimLineInput } from '@/lib/domain/reimbursement/types'

/**
 * The claim line of ../shared/domain/SIMULATION-API.md ("A line"), shared by the JSON API, the batch
 * command and the simulator page. Messages are i18n keys under `simulation.errors` (the caller
 * translates them: English for the API unless Accept-Language asks for French).
 */

const MAX_CENTS = 100_000_000 // 1 000 000 € per unit: beyond any real bill, and safe for integer arithmetic.

const ZCalendarDate = (field: string) =>
  z
    .string({ error: `${field}.invalid` })
    .refine((value) => parseCalendarDate(value) !== null, { message: `${field}.invalid` })

const ZCents = (field: string) =>
  z
    .number({ error: `${field}.invalid` })
    .int({ message: `${field}.invalid` })
    .min(0, { message: `${field}.negative` })
    .max(MAX_CENTS, { message: `${field}.tooLarge` })

const ZId = (field: string) => z.string({ error: `${field}.invalid` }).min(1, { message: `${field}.invalid` }).max(100, { message: `${field}.invalid` })

export const ZComplementary = z.union(
  [
    z.enum(['none', 'ticket-moderateur']),
    z
      .object({
        overrunCoverPercent: z
          .number({ error: 'complementary.invalid' })
          .int({ message: 'complementary.invalid' })
          .min(0, { message: 'complementary.invalid' })
          .max(1000, { message: 'complementary.invalid' }),
      })
      .strict(),
  ],
  { error: 'complementary.invalid' },
)

export const ZSimulationLine = z
  .object({
    id: ZId('id').optional(),
    careDate: ZCalendarDate('careDate'),
    act: z.string({ error: 'act.required' }).trim().min(1, { message: 'act.required' }).max(20, { message: 'act.unknown' }),
    quantity: z
      .number({ error: 'quantity.invalid' })
      .int({ message: 'quantity.invalid' })
      .min(1, { message: 'quantity.invalid' })
      .max(10_000, { message: 'quantity.invalid' })
      .default(1),
    feeCharged: ZCents('feeCharged').optional(),
    sector: z.enum(SECTORS, { error: 'sector.invalid' }).default('1'),
    regime: z.enum(REGIMES, { error: 'regime.invalid' }).default('general'),
    birthDate: ZCalendarDate('birthDate'),
    pathway: z.enum(PATHWAYS, { error: 'pathway.invalid' }).default('coordinated'),
    situations: z
      .array(z.enum(SITUATIONS, { error: 'situations.invalid' }), { error: 'situations.invalid' })
      .max(SITUATIONS.length, { message: 'situations.invalid' })
      .refine((list) => new Set(list).size === list.length, { message: 'situations.duplicate' })
      .default([]),
    alreadyPaidThisYear: z
      .object(
        {
          participation: ZCents('alreadyPaidThisYear').default(0),
          franchises: ZCents('alreadyPaidThisYear').default(0),
        },
        { error: 'alreadyPaidThisYear.invalid' },
      )
      .strict()
      .optional(),
    complementary: ZComplementary.default('ticket-moderateur'),
    beneficiaryId: ZId('beneficiaryId').optional(),
    professionalId: ZId('professionalId').optional(),
    stayDay: z
      .number({ error: 'stayDay.invalid' })
      .int({ message: 'stayDay.invalid' })
      .min(1, { message: 'stayDay.invalid' })
      .max(36_600, { message: 'stayDay.invalid' })
      .optional(),
  })
  .strict()
  .superRefine((line, ctx) => {
    if (parseCalendarDate(line.careDate) && parseCalendarDate(line.birthDate) && dayKey(line.birthDate) > dayKey(line.careDate)) {
      ctx.addIssue({ code: 'custom', path: ['birthDate'], message: 'birthDate.afterCareDate' })
    }
  })

export type TSimulationLine = z.input<typeof ZSimulationLine>

/** The engine's input type is exactly what the schema produces (checked at compile time). */
export const toEngineLine = (line: z.output<typeof ZSimulationLine>): ClaimLineInput => line

export const MAX_LINES = 1000

/** `{ lines: [...] }`: only the envelope is checked here; each line is parsed on its own so the others are still computed. */
export const ZSimulationBatch = z
  .object({
    lines: z
      .array(z.unknown(), { error: 'lines.invalid' })
      .min(1, { message: 'lines.empty' })
      .max(MAX_LINES, { message: 'lines.tooMany' }),
  })
  .strict()

export interface FieldError {
  /** Dotted path of the field ("careDate", "lines.3.act"). */
  path: string
  /** i18n key under `simulation.errors`. */
  code: string
  /** Values quoted by the message. */
  params?: Record<string, string | number>
}

const KNOWN_FIELDS = new Set(Object.keys(ZSimulationLine.shape))

/** Turns zod issues into one error per field, with i18n codes. */
export function fieldErrors(error: z.ZodError, prefix = ''): FieldError[] {
  const out: FieldError[] = []
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
    const path = prefix + fieldPath
    if (seen.has(path)) continue
    seen.add(path)
    const root = String(issue.path[0] ?? '')
    let code = issue.message
    if (!code.includes('.') || code.startsWith('Invalid') || code.includes(' ')) {
      // A zod default message (a missing field, a wrong type at the root): map it to the field's own message.
      code = issue.path.length === 0 ? 'line.invalid' : KNOWN_FIELDS.has(root) ? `${root}.invalid` : 'line.invalid'
    }
    if (issue.code === 'invalid_type' && issue.input === undefined && (root === 'careDate' || root === 'birthDate' || root === 'act')) {
      code = `${root}.required`
    }
    out.push({ path: fieldPath ? path : prefix.replace(/\.$/, ''), code })
  }
  return out
}
