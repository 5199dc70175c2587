import { z } from 'zod'
import { parseCalendarDate, type CalendarDate } from '@/lib/domain/dates'
import { parseEurosToCents } from '@/lib/domain/money'
import { PROCEDURE_STATUSES } from '@/lib/domain/procedure-status'
import { PROCEDURE_TYPES } from '@/lib/domain/procedures/procedure-machine'
import { VITALE_ORDER_STATUSES } from '@/lib/domain/cards/vitale-order'
import { FILE_NOTE_KINDS, UPLOAD_VERDICTS } from '@/lib/domain/file-notes'

/**
 * Inputs of the advisor back-office (queue, insured file, audit). Messages are i18n keys of the `backoffice`
 * namespace (lib/i18n/messages/{fr,en}/backoffice.json), translated by the actions and pages.
 */

const ZId = z.string({ error: 'backoffice.errors.required' }).trim().min(1, 'backoffice.errors.required').max(64, 'backoffice.errors.required')
const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v)

export const ZBackOfficeDate = z
  .string({ error: 'backoffice.errors.date' })
  .trim()
  .refine((s) => parseCalendarDate(s) !== null, 'backoffice.errors.date')
  .transform((s) => s as CalendarDate)

const ZOptionalDate = z.preprocess(blankToUndefined, ZBackOfficeDate.optional())

/** Card orders are not Procedure rows: the queue lists both, with their own types. */
export const QUEUE_TYPES = [...PROCEDURE_TYPES, 'affiliation', 'vitale-order', 'ehic-order'] as const
export type TQueueType = (typeof QUEUE_TYPES)[number]
/** Statuses that wait for an action of the caisse (the default filter, "to do"). */
export const QUEUE_OPEN_PROCEDURE_STATUSES = ['submitted', 'in-review', 'waiting-document', 'approved'] as const
export const QUEUE_OPEN_CARD_STATUSES = ['requested', 'photo-checked', 'in-production', 'sent'] as const
export const QUEUE_STATUSES = [...new Set([...PROCEDURE_STATUSES, ...VITALE_ORDER_STATUSES])] as readonly string[]

/**
 * Status groups of the work queue (issue 17 §7): waiting for the caisse (to process), waiting for the person (the
 * caisse asked for a document or information), every open request, closed ones, everything.
 */
export const QUEUE_GROUPS = ['open', 'caisse', 'person', 'closed', 'all'] as const
export type TQueueGroup = (typeof QUEUE_GROUPS)[number]
export const QUEUE_PERSON_PROCEDURE_STATUSES = ['waiting-document'] as const
export const QUEUE_CAISSE_PROCEDURE_STATUSES = ['submitted', 'in-review', 'approved'] as const
export const QUEUE_CLOSED_PROCEDURE_STATUSES = ['rejected', 'cancelled', 'completed'] as const
export const QUEUE_CLOSED_CARD_STATUSES = ['delivered', 'rejected'] as const
export const QUEUE_SORTS = ['due', 'received', 'recent'] as const
export const QUEUE_ASSIGNEES = ['me', 'none'] as const

/** GET form of the queue: a bad value falls back to the default (a query string is never an error page). */
export const ZQueueFilter = z.object({
  type: z.preprocess(blankToUndefined, z.enum(QUEUE_TYPES).optional()).catch(undefined),
  /** A group (open = default, caisse, person, closed, all) or one status. */
  status: z.preprocess(blankToUndefined, z.string().refine((s) => (QUEUE_GROUPS as readonly string[]).includes(s) || QUEUE_STATUSES.includes(s)).optional()).catch(undefined),
  /** "me" = my cases, "none" = nobody has taken it; absent = anyone. */
  assignee: z.preprocess(blankToUndefined, z.enum(QUEUE_ASSIGNEES).optional()).catch(undefined),
  /** A caisse (supervisors; an advisor's own caisse is always applied). */
  caisse: z.preprocess(blankToUndefined, z.string().trim().regex(/^[A-Za-z0-9_-]{1,64}$/).optional()).catch(undefined),
  /** due (most urgent first, the default), received (oldest first), recent (newest first). */
  sort: z.preprocess(blankToUndefined, z.enum(QUEUE_SORTS).optional()).catch(undefined),
  page: z.coerce.number().int().min(1).max(1000).catch(1).default(1),
})
export type TQueueFilter = z.infer<typeof ZQueueFilter>

/** The filter as a canonical query string (no page, defaults left out): what a saved filter stores. */
export function queueFilterQuery(f: TQueueFilter): string {
  const out = new URLSearchParams()
  if (f.type) out.set('type', f.type)
  if (f.status && f.status !== 'open') out.set('status', f.status)
  if (f.assignee) out.set('assignee', f.assignee)
  if (f.caisse) out.set('caisse', f.caisse)
  if (f.sort && f.sort !== 'due') out.set('sort', f.sort)
  return out.toString()
}

/** Save the current filter under a name (per user; the same name replaces the earlier one). */
export const ZSaveQueueFilter = z.object({
  name: z.string({ error: 'backoffice.errors.filterName' }).trim().min(1, 'backoffice.errors.filterName').max(60, 'backoffice.errors.filterName'),
  query: z.string().max(500).default(''),
})
export const ZSavedFilterRef = z.object({ filterId: ZId })

/**
 * Bulk action of the queue: `kind:id` of the selected rows (1 to 100), take them, or give them to an advisor
 * (supervisors). A row's own button sends its key as `only`.
 */
export const ZQueueBulk = z
  .object({
    keys: z.array(z.string().regex(/^(procedure|card-order):[A-Za-z0-9_-]{1,64}$/, 'backoffice.errors.selection')).min(1, 'backoffice.errors.selection').max(100, 'backoffice.errors.selection'),
    mode: z.enum(['take', 'assign'], { error: 'backoffice.errors.selection' }),
    assigneeId: z.preprocess(blankToUndefined, ZId.optional()),
  })
  .refine((b) => b.mode === 'take' || b.assigneeId, { message: 'backoffice.errors.assignee', path: ['assigneeId'] })
export type TQueueBulk = z.infer<typeof ZQueueBulk>

/** Supervisor: give a procedure to an advisor of its caisse. */
export const ZReassignProcedure = z.object({ procedureId: ZId, assigneeId: ZId })

/** Insured search: NIR (13 digits, or 15 with the key), name, birth date; at least one. */
export const ZInsuredSearch = z
  .object({
    nir: z.preprocess(
      (v) => (typeof v === 'string' ? v.replace(/[\s.-]/g, '').toUpperCase() : v),
      z
        .string()
        .regex(/^[0-9]{1}[0-9]{4}(?:[0-9]{2}|2A|2B)[0-9]{6}(?:[0-9]{2})?$/, 'backoffice.errors.nir')
        .optional()
        .or(z.literal('').transform(() => undefined)),
    ),
    name: z.preprocess(blankToUndefined, z.string().trim().min(2, 'backoffice.errors.nameShort').max(80, 'backoffice.errors.tooLong').optional()),
    birthDate: ZOptionalDate,
  })
  .refine((s) => s.nir || s.name || s.birthDate, { message: 'backoffice.errors.searchEmpty', path: ['nir'] })
export type TInsuredSearch = z.infer<typeof ZInsuredSearch>

export const ZInsuredRef = z.object({ insuredId: ZId })

const ZEuros = z.string({ error: 'backoffice.errors.amount' }).transform((s, ctx) => {
  const cents = parseEurosToCents(s)
  if (cents === null || cents <= 0 || cents > 10_000_000) {
    ctx.addIssue({ code: 'custom', message: 'backoffice.errors.amount' })
    return z.NEVER
  }
  return cents
})

export const CARE_SHEET_MAX_LINES = 8
export const CARE_SHEET_PATHWAYS = ['coordinated', 'direct-access', 'out-of-pathway', 'emergency'] as const

/** A paper care sheet (feuille de soins): one date, one person, one professional, some act lines. */
export const ZPaperCareSheet = z.object({
  insuredId: ZId,
  /** Empty or "self" = the insured person. */
  beneficiaryId: z.preprocess((v) => (v === '' || v === 'self' ? undefined : v), ZId.optional()),
  careDate: ZBackOfficeDate,
  professionalRpps: z.string({ error: 'backoffice.errors.rpps' }).trim().regex(/^\d{11}$/, 'backoffice.errors.rpps'),
  pathway: z.enum(CARE_SHEET_PATHWAYS, { error: 'backoffice.errors.required' }).default('coordinated'),
  /** "Soins en rapport avec une ALD" box of the paper form. */
  ald: z.boolean().default(false),
  lines: z
    .array(
      z.object({
        act: z.string({ error: 'backoffice.errors.act' }).trim().min(1, 'backoffice.errors.act').max(20, 'backoffice.errors.act'),
        fee: ZEuros,
        quantity: z.coerce.number({ error: 'backoffice.errors.quantity' }).int('backoffice.errors.quantity').min(1, 'backoffice.errors.quantity').max(99, 'backoffice.errors.quantity'),
      }),
    )
    .min(1, 'backoffice.errors.noLines')
    .max(CARE_SHEET_MAX_LINES, 'backoffice.errors.noLines'),
})
export type TPaperCareSheet = z.infer<typeof ZPaperCareSheet>

/** GET form of the audit page (and the CSV export): bad values are ignored, never an error page. */
export const ZAuditFilter = z.object({
  actor: z.preprocess(blankToUndefined, z.string().trim().max(100).optional()).catch(undefined),
  insured: z.preprocess(
    (v) => (typeof v === 'string' ? (v.replace(/[\s.-]/g, '').toUpperCase() || undefined) : v),
    z.string().regex(/^[0-9]{5}(?:[0-9]{2}|2A|2B)[0-9]{6}(?:[0-9]{2})?$/).optional(),
  ).catch(undefined),
  action: z.preprocess(blankToUndefined, z.string().trim().max(80).regex(/^[a-z0-9.-]+$/).optional()).catch(undefined),
  from: ZOptionalDate.catch(undefined),
  to: ZOptionalDate.catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
})
export type TAuditFilter = z.infer<typeof ZAuditFilter>

/** A note or a contact logged on the 360° file (issue 17 §7). */
export const ZAddFileNote = z.object({
  insuredId: ZId,
  noteKind: z.enum(FILE_NOTE_KINDS, { error: 'backoffice.errors.required' }),
  occurredOn: ZBackOfficeDate,
  body: z.string({ error: 'backoffice.staffErrors.noteRequired' }).trim().min(1, 'backoffice.staffErrors.noteRequired').max(2000, 'backoffice.errors.tooLong'),
})
export type TAddFileNote = z.infer<typeof ZAddFileNote>

/** An advisor's check of one document: compliant, or not compliant with the reason (required). */
export const ZUploadVerdict = z
  .object({
    insuredId: ZId,
    uploadId: ZId,
    verdict: z.enum(UPLOAD_VERDICTS, { error: 'backoffice.errors.required' }),
    reason: z.preprocess(blankToUndefined, z.string().trim().max(500, 'backoffice.errors.tooLong').optional()),
  })
  .superRefine((v, ctx) => {
    if (v.verdict === 'not-compliant' && !v.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'backoffice.staffErrors.verdictReason' })
  })
export type TUploadVerdictInput = z.infer<typeof ZUploadVerdict>
