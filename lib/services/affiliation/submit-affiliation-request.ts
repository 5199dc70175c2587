import 'server-only'
import { getDb } from '@/lib/db/client'
import { writeAudit } from '@/lib/db/repositories/audit'
import { isUniqueViolation } from '@/lib/db/repositories/db-errors'
import { queueOutboxMessages } from '@/lib/db/repositories/outbox'
import { findCaisseForDepartment } from '@/lib/db/repositories/people'
import {
  createAffiliationRequest,
  findAffiliationByIdempotencyKey,
  findInsuredRightsByNir,
  listInsuredIdentitiesBornOn,
  listOpenAffiliationPayloadsBornOn,
  type TAffiliationFileInput,
} from '@/lib/db/repositories/affiliation-requests'
import { isFormCountry } from '@/lib/domain/affiliation/countries'
import { checkResidence, requiredDocuments } from '@/lib/domain/affiliation/documents'
import { isWithin, type CalendarDate } from '@/lib/domain/dates'
import type { RuleSet } from '@/lib/domain/rules/rule-set'
import { affiliationLimiters, minutesOf, quotaFromEnv } from './affiliation-limits'
import { assertDateInWindow } from '@/lib/schemas/plausible'
import { assertPostalTown } from '@/lib/services/address/communes'
import { ZAffiliationPayload, ZAffiliationRequest, type TAffiliationPayload, type TAffiliationRequest } from '@/lib/schemas/affiliation'
import { AppError, isAppError } from '@/lib/errors'
import { checkUploadContent } from '@/lib/services/procedures/check-upload-content'
import { loadRuleSet, newReference, orRefuse, renderMessage, todayOf, type TRequestContext } from '@/lib/services/procedures/common'

/** A file sent with the form: the document kind it answers (an AFFILIATION_DOCUMENTS value) and its bytes. */
export type TAffiliationFile = { kind: string; filename: string; bytes: Uint8Array }

export type TAffiliationSubmitted = { id: string; reference: string; status: string; caisseName: string; created: boolean }

/** Names compared without accents, case, hyphens or extra spaces ("Émilie-Anne" = "emilie anne"). */
export function identityKey(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}

/**
 * The public affiliation request (PUMA "demande d'ouverture des droits", no account), in this order:
 * zod (field errors) → the same idempotency key returns the first request (a second click) → the residence
 * condition (affiliation.errors.residenceTooShort with the date from which the person can apply) → for a family
 * member, the spouse's NIR must be a permanent number of an insured person whose rights are open today
 * (affiliation.errors.spouseUnknown) → every document requiredDocuments() asks for (affiliation.errors.documentsMissing,
 * details.documents = the missing kinds, comma-separated) → each file checked by content and size (the shared
 * checkUploadContent; details.document names the failing one) → the identity is not already insured
 * (affiliation.errors.alreadyInsured) nor already asking (affiliationPublic.errors.pending) → the caisse of the postal
 * code's department (affiliationPublic.errors.noCaisse). Then ONE transaction: the Procedure (type 'affiliation',
 * status 'submitted', payload per ZAffiliationPayload, applicantBirthDate), its 'submit' event, the Upload rows
 * (only the required kinds: documents sent for another situation are not kept), the audit event (anonymous, IP,
 * user agent) and the e-mail to the applicant in their language with the request number.
 */
export async function submitAffiliationRequest({ input, files, ...ctx }: { input: unknown; files: TAffiliationFile[] } & TRequestContext): Promise<TAffiliationSubmitted> {
  const db = getDb()
  const data = ZAffiliationRequest.parse(input)
  const existing = await findAffiliationByIdempotencyKey(db, data.idempotencyKey)
  if (existing) return sameRequest(existing, data)

  const now = ctx.now
  const today = todayOf(now)
  const rules = await loadRuleSet(db)
  const release = await takeAddressQuota(ctx.ip ?? 'unknown', rules, today)
  try {
    return await submitChecked(data, files, ctx, now, today, rules)
  } catch (error) {
    await release()
    throw error
  }
}

/**
 * Requests per client address (issue 13 item 7: 20 anonymous requests in 5 s made 20 queue entries and 176 MB of
 * uploads): a point is taken from the hour's and the day's quota before the work starts (so that concurrent
 * requests cannot all pass), and given back if the request is refused (a person correcting a field is not
 * counted). Over either quota: 429 affiliationPublic.errors.tooManyRequests with the minutes to wait.
 * Returns the function that gives the points back.
 */
async function takeAddressQuota(ip: string, rules: RuleSet, today: CalendarDate): Promise<() => Promise<void>> {
  const { submitHour, submitDay } = affiliationLimiters()
  const hour = { points: quotaFromEnv('AFFILIATION_SUBMIT_LIMIT_PER_HOUR') ?? rules.valueAt('affiliation.submit.per-address-per-hour', today), durationSeconds: 3600 }
  const day = { points: quotaFromEnv('AFFILIATION_SUBMIT_LIMIT_PER_DAY') ?? rules.valueAt('affiliation.submit.per-address-per-day', today), durationSeconds: 86_400 }
  const refuse = (seconds: number) => new AppError('affiliationPublic.errors.tooManyRequests', 429, { minutes: minutesOf(seconds) })
  const dayWait = await submitDay.blocked(ip, day)
  if (dayWait !== null) throw refuse(dayWait)
  const hourWait = await submitHour.consume(ip, hour)
  if (hourWait !== null) throw refuse(hourWait)
  const dayPassed = await submitDay.consume(ip, day)
  if (dayPassed !== null) {
    await submitHour.refund(ip, hour)
    throw refuse(dayPassed)
  }
  return async () => {
    await submitHour.refund(ip, hour)
    await submitDay.refund(ip, day)
  }
}

async function submitChecked(data: TAffiliationRequest, files: TAffiliationFile[], ctx: TRequestContext, now: Date, today: CalendarDate, rules: RuleSet): Promise<TAffiliationSubmitted> {
  const db = getDb()
  // Plausible data (issue 17 §2): the birth date in its window (the arrival date is checked by checkResidence: not in
  // the future, not before the birth), the postal code and the town in the official list.
  assertDateInWindow(data.birthDate, 'personBirth', today, 'birthDate')
  const { town, department } = await assertPostalTown(data.postalCode, data.city)
  orRefuse(checkResidence({ situation: data.situation, arrivalDate: data.arrivalDate, birthDate: data.birthDate }, today, rules))

  if (data.situation === 'family-member' && data.spouseNir) {
    const spouse = await findInsuredRightsByNir(db, data.spouseNir.nir)
    const open = spouse && spouse.nirKey === data.spouseNir.key && spouse.nirKind === 'permanent' && spouse.affiliationStatus === 'active' && isWithin(today, spouse.rightsFrom as CalendarDate, spouse.rightsTo as CalendarDate | null)
    if (!open) throw new AppError('affiliation.errors.spouseUnknown', 422, { field: 'spouseNir' })
  }

  if (!isFormCountry(data.birthCountry)) throw new AppError('affiliation.errors.country', 422, { field: 'birthCountry' })
  if (!isFormCountry(data.nationality)) throw new AppError('affiliation.errors.country', 422, { field: 'nationality' })

  const required = requiredDocuments({ situation: data.situation, nationality: data.nationality, birthCertificateInFrench: data.birthCertificateInFrench }).map((r) => r.document)
  const byKind = new Map<string, TAffiliationFile>()
  for (const f of files) if (f.bytes.length > 0 && !byKind.has(f.kind)) byKind.set(f.kind, f)
  const missing = required.filter((d) => !byKind.has(d))
  if (missing.length > 0) throw new AppError('affiliation.errors.documentsMissing', 422, { documents: missing.join(',') })
  const checked: TAffiliationFileInput[] = []
  for (const kind of required) {
    const f = byKind.get(kind)!
    try {
      checked.push({ kind, ...(await checkUploadContent({ kind, filename: f.filename, bytes: f.bytes, rules, today })) })
    } catch (error) {
      if (isAppError(error)) throw new AppError(error.code, error.status, { ...error.details, document: kind })
      throw error
    }
  }

  await refuseKnownIdentity(data)

  const caisse = await findCaisseForDepartment(db, department, false)
  if (!caisse) throw new AppError('affiliationPublic.errors.noCaisse', 422, { field: 'postalCode' })

  const payload: TAffiliationPayload = ZAffiliationPayload.parse({
    situation: data.situation, sex: data.sex, birthName: data.birthName, usualName: data.usualName, firstNames: data.firstNames, birthDate: data.birthDate,
    birthCity: data.birthCity, birthCountry: data.birthCountry, nationality: data.nationality, birthCertificateInFrench: data.birthCertificateInFrench,
    addressLine1: data.addressLine1, addressLine2: data.addressLine2, postalCode: data.postalCode, city: town, arrivalDate: data.arrivalDate,
    email: data.email, phone: data.phone, iban: data.iban, bic: data.bic, bankHolder: data.bankHolder,
    employerName: data.situation === 'employee' ? data.employerName : null,
    spouseNir: data.situation === 'family-member' ? (data.spouseNir ?? null) : null,
    preferredLocale: data.preferredLocale,
  })

  try {
    const created = await db.$transaction(async (tx) => {
      const request = await createAffiliationRequest(
        tx,
        { reference: newReference('AFF', now), organisationId: caisse.id, payload: JSON.stringify(payload), applicantBirthDate: data.birthDate, idempotencyKey: data.idempotencyKey, submittedAt: now },
        checked,
      )
      await writeAudit(tx, {
        actorRole: 'anonymous',
        action: 'affiliation.submit',
        targetType: 'procedure',
        targetId: request.id,
        ip: ctx.ip ?? null,
        userAgent: ctx.userAgent ?? null,
        details: { reference: request.reference, situation: data.situation, documents: checked.map((c) => c.kind), organisationId: caisse.id },
      })
      const locale = data.preferredLocale
      const params = { reference: request.reference, name: data.firstNames.split(/\s+/)[0] ?? data.firstNames }
      await queueOutboxMessages(tx, [
        {
          channel: 'email',
          recipient: data.email,
          insuredId: null,
          template: 'affiliationPublic.email.submitted',
          subject: renderMessage(locale, 'affiliationPublic.email.submittedSubject', params),
          body: renderMessage(locale, 'affiliationPublic.email.submittedBody', params),
          locale,
        },
      ])
      return request
    })
    return { id: created.id, reference: created.reference, status: created.status, caisseName: caisse.name, created: true }
  } catch (error) {
    if (isUniqueViolation(error, 'idempotencyKey')) {
      // Two clicks racing: the first one won.
      const first = await findAffiliationByIdempotencyKey(db, data.idempotencyKey)
      if (first) return sameRequest(first, data)
    }
    throw error
  }
}

function sameRequest(existing: { id: string; reference: string; status: string; type: string; applicantBirthDate: string | null; organisation: { name: string } }, data: TAffiliationRequest): TAffiliationSubmitted {
  if (existing.type !== 'affiliation' || existing.applicantBirthDate !== data.birthDate) throw new AppError('procedureErrors.procedure.idempotencyConflict', 409)
  return { id: existing.id, reference: existing.reference, status: existing.status, caisseName: existing.organisation.name, created: false }
}

/** The same birth name, first names and birth date: already insured (the caisse reactivates the number), or already asking. */
async function refuseKnownIdentity(data: TAffiliationRequest): Promise<void> {
  const db = getDb()
  const name = identityKey(data.birthName)
  const first = identityKey(data.firstNames)
  const same = (p: { birthName: string; firstNames: string }) => identityKey(p.birthName) === name && identityKey(p.firstNames) === first
  if ((await listInsuredIdentitiesBornOn(db, data.birthDate)).some(same)) throw new AppError('affiliation.errors.alreadyInsured', 409)
  const open = await listOpenAffiliationPayloadsBornOn(db, data.birthDate)
  if (open.some((p) => same(JSON.parse(p.payload) as { birthName: string; firstNames: string }))) throw new AppError('affiliationPublic.errors.pending', 409)
}
