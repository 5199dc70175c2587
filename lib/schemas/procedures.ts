import { z } from 'zod'
import { parseCalendarDate, type CalendarDate } from '@/lib/domain/dates'
import { parseEurosToCents } from '@/lib/domain/money'
import { parseNir } from '@/lib/domain/nir'
import { CARD_LOSS_REASONS } from '@/lib/domain/cards/card-loss'
import { VITALE_REJECT_REASONS } from '@/lib/domain/cards/vitale-order'
import { EHIC_REJECT_REASONS } from '@/lib/domain/cards/ehic'
import { ABROAD_CARE_KINDS, TRANSPORT_MODES, TRANSPORT_REASONS } from '@/lib/domain/procedures/refunds'
import { PROCEDURE_TYPES } from '@/lib/domain/procedures/procedure-machine'
import { ZPersonName } from './plausible'

/**
 * Inputs of the procedure services (Mes démarches), shared by the forms and the server actions.
 * Messages are i18n keys (root namespace `procedureErrors`). Money: integer cents, or a euro string ("16,50").
 */
export const ZCalendarDate = z
  .string({ error: 'procedureErrors.field.date' })
  .trim()
  .refine((s) => parseCalendarDate(s) !== null, 'procedureErrors.field.date')
  .transform((s) => s as CalendarDate)

/** One per form display (a hidden field, e.g. crypto.randomUUID()): two clicks send the same key. */
export const ZIdempotencyKey = z.string({ error: 'procedureErrors.field.idempotencyKey' }).trim().min(8, 'procedureErrors.field.idempotencyKey').max(100, 'procedureErrors.field.idempotencyKey')
const ZId = z.string().trim().min(1).max(64)
const ZOptionalId = z.preprocess((v) => (v === '' || v === 'self' ? undefined : v), ZId.optional())
const ZText = (max: number) => z.string({ error: 'procedureErrors.field.required' }).trim().min(1, 'procedureErrors.field.required').max(max, 'procedureErrors.field.tooLong')

/**
 * An amount: cents (a number) or euros typed in a form ("1 250,50"). Anything else ("abc") says that an amount in
 * euros is expected (issue 17 §4: not "required"); the caller says "required" itself for an empty field.
 */
export const ZCents = z.union([z.number(), z.string()], { error: 'procedureErrors.field.amount' }).transform((v, ctx) => {
  const cents = typeof v === 'number' ? (Number.isInteger(v) && v >= 0 ? v : null) : parseEurosToCents(v)
  if (cents === null) {
    ctx.addIssue({ code: 'custom', message: 'procedureErrors.field.amount' })
    return z.NEVER
  }
  return cents
})

/**
 * The other parent's NIR (birth declaration, optional): empty → absent; otherwise 13 characters or 15 with the key,
 * each fault said as such (issue 17 §4): the length, the form (sex, month, department), the key that does not match.
 */
const NIR_ERRORS = { 'nir.length': 'procedureErrors.birth.otherParentNirLength', 'nir.format': 'procedureErrors.birth.otherParentNir', 'nir.key': 'procedureErrors.birth.otherParentNirKey' } as const
export const ZOtherParentNir = z
  .string({ error: 'procedureErrors.birth.otherParentNir' })
  .transform((s, ctx) => {
    const v = s.replace(/\s/g, '').toUpperCase()
    if (v === '') return undefined
    const parsed = parseNir(v)
    if (!parsed.ok) {
      ctx.addIssue({ code: 'custom', message: NIR_ERRORS[parsed.error] })
      return z.NEVER
    }
    if (parsed.kind !== 'permanent') {
      ctx.addIssue({ code: 'custom', message: 'procedureErrors.birth.otherParentNir' })
      return z.NEVER
    }
    return v
  })
  .optional()

export const ZPostalAddress = z.object({
  addressLine1: ZText(120),
  addressLine2: z.string().trim().max(120).optional().transform((v) => v || null),
  postalCode: z.string().trim().regex(/^\d{5}$/, 'procedureErrors.field.postalCode'),
  city: ZText(80),
})
export type TPostalAddress = z.infer<typeof ZPostalAddress>

export const ZOrderVitaleCard = z.object({
  /** Absent (or "self") = for the insured person; else one of their beneficiaries. */
  beneficiaryId: ZOptionalId,
  photoUploadId: ZId,
  identityUploadId: ZId,
  /** The person confirmed the postal address shown (or gave the address to send to). */
  addressConfirmed: z.literal(true, { error: 'procedureErrors.vitale.addressNotConfirmed' }),
  idempotencyKey: ZIdempotencyKey,
})
export type TOrderVitaleCard = z.infer<typeof ZOrderVitaleCard>

export const ZDeclareCardLoss = z.object({
  cardId: ZId,
  reason: z.enum(CARD_LOSS_REASONS, { error: 'procedureErrors.cardLoss.reason' }),
  idempotencyKey: ZIdempotencyKey,
  /** Ordering the new card at once (same photo/ID steps): no 2-day wait. */
  reorder: ZOrderVitaleCard.omit({ beneficiaryId: true }).optional(),
})
export type TDeclareCardLoss = z.infer<typeof ZDeclareCardLoss>

export const ZEhicPersons = z.array(z.string().trim().min(1).max(64)).min(1, 'procedureErrors.ehic.noPerson').max(12)
export const ZOrderEhic = z.object({
  /** "self" and/or beneficiary ids. */
  persons: ZEhicPersons,
  departureDate: ZCalendarDate,
  idempotencyKey: ZIdempotencyKey,
})
export type TOrderEhic = z.infer<typeof ZOrderEhic>
export const ZAssessEhic = ZOrderEhic.omit({ idempotencyKey: true })

export const ZIssueProvisionalEhic = z.object({ beneficiaryId: ZOptionalId })

export const ZDeclareAddressChange = ZPostalAddress.extend({ effectiveDate: ZCalendarDate, idempotencyKey: ZIdempotencyKey, proofUploadId: ZOptionalId })
export type TDeclareAddressChange = z.infer<typeof ZDeclareAddressChange>

export const ZDeclareBankChange = z.object({
  iban: ZText(50),
  bic: z.string().trim().max(11).optional().transform((v) => v || null),
  holder: ZText(70),
  ribUploadId: ZOptionalId,
  idempotencyKey: ZIdempotencyKey,
})
export type TDeclareBankChange = z.infer<typeof ZDeclareBankChange>

export const ZDeclareNameChange = z.object({ usualName: ZPersonName, documentUploadId: ZId, idempotencyKey: ZIdempotencyKey })
export type TDeclareNameChange = z.infer<typeof ZDeclareNameChange>

export const ZDeclareBirth = z.object({
  firstNames: ZPersonName,
  lastName: ZPersonName,
  /** Within DATE_WINDOWS.newbornBirth of today (checked by the service, which has the date). */
  birthDate: ZCalendarDate,
  sex: z.coerce.number().int().min(1).max(2),
  birthCertificateUploadId: ZId,
  /** Double rattachement: the other parent's NIR (13 digits, or 15 with key), an insured person of the regime. */
  otherParentNir: ZOtherParentNir,
  idempotencyKey: ZIdempotencyKey,
})
export type TDeclareBirth = z.infer<typeof ZDeclareBirth>

export const ZCssApplication = z.object({
  /** The other household members (the applicant is counted automatically). */
  members: z.array(z.object({ firstNames: ZPersonName, lastName: ZPersonName, birthDate: ZCalendarDate, relationship: z.enum(['spouse', 'child', 'other']) })).max(15),
  yearlyIncome: ZCents,
  idempotencyKey: ZIdempotencyKey,
})
export type TCssApplication = z.infer<typeof ZCssApplication>
export const ZAssessCss = ZCssApplication.omit({ idempotencyKey: true })

/** An optional amount in euros ("12,50") or cents (a number); empty = not given; anything else → `message`. */
const ZOptionalEuros = (message: string) =>
  z.preprocess(
    (v) => (v === '' || v === null || v === undefined ? undefined : typeof v === 'string' ? (parseEurosToCents(v.replace(/\s/g, '')) ?? Number.NaN) : v),
    z.number({ error: message }).int(message).positive(message).optional(),
  )

const ZTransportTrip = z.object({
  beneficiaryId: ZOptionalId,
  /** Personal car (km) or ambulance / VSL / taxi (the amount paid on the invoice). Requests of before: car. */
  mode: z.preprocess((v) => (v === '' || v === undefined ? 'car' : v), z.enum(TRANSPORT_MODES, { error: 'procedureErrors.transport.mode' })),
  tripDate: ZCalendarDate,
  prescriptionDate: ZCalendarDate,
  km: z.preprocess(
    (v) => (v === '' || v === null ? undefined : v),
    z.coerce.number({ error: 'procedureErrors.transport.km' }).int('procedureErrors.transport.km').positive('procedureErrors.transport.km').max(5000, 'procedureErrors.transport.km').optional(),
  ),
  amount: ZOptionalEuros('procedureErrors.transport.amount'),
  tolls: ZOptionalEuros('procedureErrors.transport.fee'),
  parking: ZOptionalEuros('procedureErrors.transport.fee'),
  /** Ambulance / VSL / taxi: the invoice covers the way there and back (two trips). */
  returnTrip: z.coerce.boolean().default(false),
  reason: z.enum(TRANSPORT_REASONS, { error: 'procedureErrors.transport.reason' }),
})
type TTrip = z.infer<typeof ZTransportTrip>
/** A car needs the km, an ambulance / VSL / taxi the amount paid. */
function tripFieldsByMode(v: TTrip, ctx: z.RefinementCtx) {
  if (v.mode === 'car' && v.km === undefined) ctx.addIssue({ code: 'custom', path: ['km'], message: 'procedureErrors.transport.km' })
  if (v.mode !== 'car' && v.amount === undefined) ctx.addIssue({ code: 'custom', path: ['amount'], message: 'procedureErrors.transport.amount' })
}

export const ZEstimateTransportRefund = ZTransportTrip.superRefine(tripFieldsByMode)
export const ZTransportRefund = ZTransportTrip.extend({
  prescriptionUploadId: ZId,
  /** The invoice of the ambulance, VSL or taxi (required for those modes). */
  invoiceUploadId: z.preprocess((v) => (v === '' ? undefined : v), ZId.optional()),
  /** Receipts of the tolls and parking (required when either is given). */
  receiptUploadIds: z.array(ZId).max(10).default([]),
  idempotencyKey: ZIdempotencyKey,
}).superRefine((v, ctx) => {
  tripFieldsByMode(v, ctx)
  if (v.mode !== 'car' && !v.invoiceUploadId) ctx.addIssue({ code: 'custom', path: ['invoiceUploadId'], message: 'procedureErrors.transport.invoice' })
  if ((v.tolls || v.parking) && v.receiptUploadIds.length === 0) ctx.addIssue({ code: 'custom', path: ['receiptUploadIds'], message: 'procedureErrors.transport.receipts' })
})
export type TTransportRefundInput = z.infer<typeof ZTransportRefund>

export const ZAbroadRefund = z.object({
  beneficiaryId: ZOptionalId,
  country: z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/, 'procedureErrors.abroad.country'),
  careDate: ZCalendarDate,
  careKind: z.enum(ABROAD_CARE_KINDS, { error: 'procedureErrors.abroad.careKind' }),
  amount: ZCents,
  currency: z.string().trim().toUpperCase().regex(/^[A-Z]{3}$/, 'procedureErrors.abroad.currency'),
  urgent: z.coerce.boolean().default(false),
  /** Issue 19 §4: the person confirms paying in a currency other than the country's. */
  otherCurrency: z.coerce.boolean().default(false),
  receiptUploadIds: z.array(ZId).min(1, 'procedureErrors.abroad.receipts').max(10),
  idempotencyKey: ZIdempotencyKey,
})
export type TAbroadRefundInput = z.infer<typeof ZAbroadRefund>
export const ZEstimateAbroadRefund = ZAbroadRefund.omit({ idempotencyKey: true, receiptUploadIds: true })

export const ZDeclareMedecinTraitant = z
  .object({ rpps: z.string().trim().regex(/^\d{11}$/, 'procedureErrors.doctor.rpps').optional(), professionalId: ZOptionalId, idempotencyKey: ZIdempotencyKey })
  .refine((v) => Boolean(v.rpps || v.professionalId), { message: 'procedureErrors.doctor.rpps', path: ['rpps'] })
export type TDeclareMedecinTraitant = z.infer<typeof ZDeclareMedecinTraitant>

export const ZSearchDoctors = z.object({ query: z.string().trim().min(2, 'procedureErrors.doctor.query').max(60) })

/** The advisor's step (and the person's answers: add-document, cancel). */
export const ZAdvanceProcedure = z.discriminatedUnion('event', [
  z.object({ procedureId: ZId, event: z.literal('start-review') }),
  z.object({ procedureId: ZId, event: z.literal('request-document'), document: ZText(300) }),
  z.object({ procedureId: ZId, event: z.literal('add-document'), uploadIds: z.array(ZId).min(1, 'procedureErrors.upload.required').max(10) }),
  z.object({ procedureId: ZId, event: z.literal('approve'), note: z.string().trim().max(500).optional(), refundAmount: ZCents.optional() }),
  z.object({ procedureId: ZId, event: z.literal('complete'), note: z.string().trim().max(500).optional() }),
  z.object({ procedureId: ZId, event: z.literal('reject'), reason: ZText(500) }),
  z.object({ procedureId: ZId, event: z.literal('cancel') }),
])
export type TAdvanceProcedure = z.infer<typeof ZAdvanceProcedure>

export const ZAdvanceCardOrder = z.discriminatedUnion('event', [
  z.object({ orderId: ZId, event: z.enum(['check-photo', 'start-production', 'send', 'deliver']) }),
  z.object({ orderId: ZId, event: z.literal('reject'), reason: z.enum([...VITALE_REJECT_REASONS, ...EHIC_REJECT_REASONS]) }),
])
export type TAdvanceCardOrder = z.infer<typeof ZAdvanceCardOrder>

export const ZUploadKind = z.enum(['photo', 'identity', 'birth-certificate', 'proof-of-address', 'rib', 'receipt', 'prescription', 'other'])
export type TUploadKind = z.infer<typeof ZUploadKind>

export const ZRecordSickLeave = z.object({
  insuredId: ZId,
  kind: z.enum(['illness', 'work-accident', 'occupational-disease']),
  prescription: z.enum(['initial', 'extension']).default('initial'),
  startDate: ZCalendarDate,
  endDate: ZCalendarDate,
  /** The three last monthly gross salaries, oldest first (cents or euro strings). */
  salaries: z.tuple([ZCents, ZCents, ZCents]),
  employerName: z.string().trim().max(120).optional(),
  prescriberRpps: z.string().trim().regex(/^\d{11}$/).optional(),
})
export type TRecordSickLeave = z.infer<typeof ZRecordSickLeave>

export const ZProcedureType = z.enum(PROCEDURE_TYPES)
