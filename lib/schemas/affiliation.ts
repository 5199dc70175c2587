import { z } from 'zod'
import { AFFILIATION_DOCUMENTS, AFFILIATION_SITUATIONS } from '@/lib/domain/affiliation/documents'
import { validateIban, validateBic } from '@/lib/domain/iban'
import { ZNirWithKey } from './auth'
import { ZCalendarDate, ZIdempotencyKey } from './procedures'
import { ZEmail, ZFrenchPhone } from './profile'
import { ZOptionalPersonName, ZPersonName } from './plausible'

/**
 * The affiliation request (PUMA "demande d'ouverture des droits", public, no account) and its follow-up.
 * Shared by the form (client) and the services (server). Messages are i18n keys (root namespaces `affiliation`,
 * `procedureErrors`, `profile`, `errors`).
 */
const ZText = (max: number) => z.string({ error: 'procedureErrors.field.required' }).trim().min(1, 'procedureErrors.field.required').max(max, 'procedureErrors.field.tooLong')
const ZOptionalText = (max: number) => z.string().trim().max(max, 'procedureErrors.field.tooLong').optional().transform((v) => v || null)
const ZCountry = z.string({ error: 'affiliation.errors.country' }).trim().toUpperCase().regex(/^[A-Z]{2}$/, 'affiliation.errors.country')
/** Checkboxes and radio buttons send "true"/"on"/"yes" or "false"/"no". */
const ZFormBoolean = z.preprocess((v) => (v === 'true' || v === 'on' || v === 'yes' || v === true ? true : v === 'false' || v === 'no' || v === false ? false : v), z.boolean({ error: 'procedureErrors.field.required' }))

export const ZAffiliationSituation = z.enum(AFFILIATION_SITUATIONS, { error: 'affiliation.errors.situation' })
export const ZAffiliationDocument = z.enum(AFFILIATION_DOCUMENTS, { error: 'procedureErrors.upload.kind' })

export const ZIban = z
  .string({ error: 'procedureErrors.field.required' })
  .trim()
  .min(1, 'procedureErrors.field.required')
  .transform((v, ctx) => {
    const r = validateIban(v)
    if (!r.ok) {
      ctx.addIssue({ code: 'custom', message: r.error })
      return z.NEVER
    }
    return r.iban
  })

export const ZOptionalBic = z
  .string()
  .trim()
  .optional()
  .transform((v, ctx) => {
    if (!v) return null
    const r = validateBic(v)
    if (!r.ok) {
      ctx.addIssue({ code: 'custom', message: r.error })
      return z.NEVER
    }
    return r.bic
  })

/** A permanent NIR with its key (the spouse's number, family members). */
export const ZPermanentNirWithKey = ZNirWithKey.transform((parsed, ctx) => {
  if (parsed.kind !== 'permanent') {
    ctx.addIssue({ code: 'custom', message: 'affiliation.errors.spouseTemporary' })
    return z.NEVER
  }
  return { nir: parsed.nir, key: parsed.key }
})

/** The request as the form sends it (the documents travel as files beside it, one field per document kind). */
export const ZAffiliationRequest = z
  .object({
    idempotencyKey: ZIdempotencyKey,
    situation: ZAffiliationSituation,
    sex: z.coerce.number({ error: 'affiliation.errors.sex' }).pipe(z.union([z.literal(1), z.literal(2)], { error: 'affiliation.errors.sex' })),
    birthName: ZPersonName,
    usualName: ZOptionalPersonName,
    firstNames: ZPersonName,
    birthDate: ZCalendarDate,
    birthCity: ZText(80),
    birthCountry: ZCountry,
    nationality: ZCountry,
    birthCertificateInFrench: ZFormBoolean,
    addressLine1: ZText(120),
    addressLine2: ZOptionalText(120),
    postalCode: z.string().trim().regex(/^\d{5}$/, 'procedureErrors.field.postalCode'),
    city: ZText(80),
    arrivalDate: ZCalendarDate,
    email: ZEmail,
    phone: ZFrenchPhone,
    iban: ZIban,
    bic: ZOptionalBic,
    bankHolder: ZText(70),
    /** Employees: the employer's name (printed on sick-leave pages later). */
    employerName: ZOptionalText(120),
    /** Family members: the insured spouse's or parent's number (15 characters with the key). */
    spouseNir: z.preprocess((v) => (v === '' ? undefined : v), ZPermanentNirWithKey.optional()),
    preferredLocale: z.enum(['fr', 'en']).default('fr'),
    certify: z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.literal(true, { error: 'affiliation.errors.certify' })),
  })
  .superRefine((v, ctx) => {
    if (v.situation === 'family-member' && !v.spouseNir) ctx.addIssue({ code: 'custom', path: ['spouseNir'], message: 'affiliation.errors.spouseNirRequired' })
    if (v.situation === 'employee' && !v.employerName) ctx.addIssue({ code: 'custom', path: ['employerName'], message: 'procedureErrors.field.required' })
  })
export type TAffiliationRequest = z.infer<typeof ZAffiliationRequest>

/** What is stored in Procedure.payload for an affiliation request (the request minus the form-only fields). */
export const ZAffiliationPayload = z.object({
  situation: ZAffiliationSituation,
  sex: z.union([z.literal(1), z.literal(2)]),
  birthName: z.string(),
  usualName: z.string().nullable(),
  firstNames: z.string(),
  birthDate: z.string(),
  birthCity: z.string(),
  birthCountry: z.string(),
  nationality: z.string(),
  birthCertificateInFrench: z.boolean(),
  addressLine1: z.string(),
  addressLine2: z.string().nullable(),
  postalCode: z.string(),
  city: z.string(),
  arrivalDate: z.string(),
  email: z.string(),
  phone: z.string(),
  iban: z.string(),
  bic: z.string().nullable(),
  bankHolder: z.string(),
  employerName: z.string().nullable(),
  spouseNir: z.object({ nir: z.string(), key: z.string() }).nullable(),
  preferredLocale: z.enum(['fr', 'en']),
  /** Set by the advisor steps: the numbers given, and every document request with its answer. */
  temporaryNir: z.object({ nir: z.string(), key: z.string(), on: z.string() }).nullable().default(null),
  permanentNir: z.object({ nir: z.string(), key: z.string(), on: z.string() }).nullable().default(null),
  documentRequests: z.array(z.object({ document: z.string(), reason: z.string(), requestedOn: z.string(), answeredOn: z.string().nullable() })).default([]),
  acknowledgedOn: z.string().nullable().default(null),
})
export type TAffiliationPayload = z.infer<typeof ZAffiliationPayload>

/** Following a request (public): its number and the applicant's birth date. */
export const ZFollowAffiliation = z.object({
  reference: z.string({ error: 'affiliation.errors.reference' }).trim().toUpperCase().regex(/^[A-Z0-9-]{6,32}$/, 'affiliation.errors.reference'),
  birthDate: ZCalendarDate,
})
export type TFollowAffiliation = z.infer<typeof ZFollowAffiliation>

/** Where the person was born, as the advisor confirms it before a number is generated. */
export const ZBirthPlaceInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('abroad'), countryCode: z.coerce.number().int().min(100, 'affiliation.errors.countryCode').max(999, 'affiliation.errors.countryCode') }),
  z.object({
    kind: z.literal('france'),
    department: z.string().trim().toUpperCase().regex(/^(\d{2}|2A|2B|97\d)$/, 'affiliation.errors.department'),
    commune: z.coerce.number().int().min(1, 'affiliation.errors.commune').max(999, 'affiliation.errors.commune'),
  }),
])
export type TBirthPlaceInput = z.infer<typeof ZBirthPlaceInput>
