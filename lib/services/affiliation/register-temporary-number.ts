import 'server-only'
import { getDb, type Tx } from '@/lib/db/client'
import { createAffiliatedInsured, linkAffiliationToInsured } from '@/lib/db/repositories/affiliation-registration'
import type { TBirthPlace } from '@/lib/domain/affiliation/nir-allocation'
import { formatNir } from '@/lib/domain/nir'
import { ZGiveAffiliationNumber } from '@/lib/schemas/affiliation-advisor'
import type { TAffiliationPayload } from '@/lib/schemas/affiliation'
import { AppError } from '@/lib/errors'
import { isPersonName } from '@/lib/schemas/plausible'
import { todayOf, type TActor, type TRequestContext } from '../procedures/common'
import { allocateNir, applicantMessages, decide, loadAffiliationForStaff, nirRequest, recordAffiliationStep, retryOnNirRace, type TLoadedAffiliation } from './advisor-step'

/** The Insured file of the applicant, opened with their first number (temporary, or permanent given at once). */
export async function openInsuredFile(tx: Tx, loaded: TLoadedAffiliation, number: { nir: string; key: string; kind: 'temporary' | 'permanent' }, today: string): Promise<string> {
  const p: TAffiliationPayload = loaded.payload
  assertIdentityNames(p)
  const insured = await createAffiliatedInsured(tx, {
    nir: number.nir, nirKey: number.key, nirKind: number.kind, sex: p.sex, birthName: p.birthName, usualName: p.usualName, firstNames: p.firstNames, birthDate: p.birthDate,
    birthPlace: p.birthCity, birthCountry: p.birthCountry, nationality: p.nationality, addressLine1: p.addressLine1, addressLine2: p.addressLine2, postalCode: p.postalCode,
    city: p.city, email: p.email, phone: p.phone, preferredLocale: p.preferredLocale, iban: p.iban, bic: p.bic, bankHolder: p.bankHolder, employerName: p.employerName,
    organisationId: loaded.row.organisationId, rightsFrom: today,
  })
  await linkAffiliationToInsured(tx, loaded.row.id, insured.id)
  return insured.id
}

/**
 * Issue 17 §7: no number is given to a name that is not one (digits, markup, a spreadsheet formula), even for a request
 * stored before the form checked it (ZPersonName). The advisor asks the applicant to correct it (request a document).
 */
export function assertIdentityNames(p: Pick<TAffiliationPayload, 'birthName' | 'usualName' | 'firstNames'>): void {
  const bad = [p.birthName, p.firstNames, ...(p.usualName ? [p.usualName] : [])].some((n) => !isPersonName(n.trim()))
  if (bad) throw new AppError('affiliation.errors.identityNames', 422)
}

/**
 * An advisor registers the applicant with a temporary number (immatriculation provisoire, RULEBOOK §8): from the
 * place of birth they confirm (abroad: INSEE country code; France: department and commune), the smallest free order
 * number among the numbers already given with the same first 10 characters (a concurrent registration that took it
 * makes the whole step run again). Opens the Insured file (temporary number, affiliation in progress, rights from
 * today, contact and bank details of the request, no account), links the request and its documents to it, status
 * approved, payload.temporaryNir; e-mail and SMS to the applicant: reimbursable on paper care sheets, no ameli
 * account nor carte Vitale yet. Every required document must be attached. Errors: forbidden 403, notFound 404,
 * affiliation.errors.{transition,documentsMissing,countryCode,department,commune,noFreeOrder} 422.
 */
export async function registerTemporaryNumber({ actor, input, ...ctx }: { actor: TActor; input: unknown } & TRequestContext): Promise<{ id: string; reference: string; status: string; insuredId: string; nir: string; key: string }> {
  const data = ZGiveAffiliationNumber.parse(input)
  const db = getDb()
  const loaded = await loadAffiliationForStaff(db, actor, data.procedureId)
  const next = await decide(db, loaded, { type: 'register-temporary' })
  const now = ctx.now
  const today = todayOf(now)
  const req = nirRequest(loaded.payload, data.birthPlace as TBirthPlace)
  return retryOnNirRace(() =>
    db.$transaction(async (tx) => {
      const number = await allocateNir(tx, 'temporary', req)
      const insuredId = await openInsuredFile(tx, loaded, { ...number, kind: 'temporary' }, today)
      const payload = { ...loaded.payload, acknowledgedOn: loaded.payload.acknowledgedOn ?? today, temporaryNir: { nir: number.nir, key: number.key, on: today } }
      await recordAffiliationStep(tx, {
        loaded, actor, event: 'register-temporary', next, payload, insuredId, now, ip: ctx.ip, userAgent: ctx.userAgent,
        details: { nirKind: 'temporary', birthPlace: data.birthPlace },
        messages: applicantMessages(loaded, { template: 'registerTemporary', params: { nir: formatNir(number.nir, number.key) }, insuredId, sms: true }),
      })
      return { id: loaded.row.id, reference: loaded.row.reference, status: next.status, insuredId, ...number }
    }),
  )
}
