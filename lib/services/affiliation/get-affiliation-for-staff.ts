import 'server-only'
import { getDb } from '@/lib/db/client'
import { findAffiliationDetail, findInsuredByNirInScope, type TAffiliationEventDto, type TAffiliationUploadDto } from '@/lib/db/repositories/affiliation-registration'
import { listAdvisorsOf, type TStaffDto } from '@/lib/db/repositories/back-office'
import { listIssuedDocuments, type TIssuedDocumentRow } from '@/lib/db/repositories/documents'
import { AFFILIATION_EVENT_ACTOR, affiliationEvents, type TAffiliationEvent } from '@/lib/domain/affiliation/affiliation-machine'
import { checkResidence, requiredDocuments, type TAffiliationDocument } from '@/lib/domain/affiliation/documents'
import { inseeCountryCode } from '@/lib/domain/affiliation/insee-countries'
import { calendarDate } from '@/lib/domain/dates'
import { maskIban } from '@/lib/domain/iban'
import { ZAffiliationPayload, type TAffiliationPayload } from '@/lib/schemas/affiliation'
import { AppError } from '@/lib/errors'
import { loadRuleSet, refuseOutOfScope, staffScope, todayOf, type TActor, type TRequestContext } from '../procedures/common'

export type TBirthPlaceDefault = { kind: 'abroad'; countryCode: string } | { kind: 'france'; department: string; commune: string }

export type TAffiliationForStaff = {
  id: string
  reference: string
  status: string
  submittedAt: Date
  closedAt: Date | null
  decisionReason: string | null
  requestedDocument: string | null
  organisationName: string
  assignedTo: string | null
  insuredId: string | null
  /** The request without the full IBAN. */
  applicant: Omit<TAffiliationPayload, 'iban'> & { ibanMasked: string }
  spouse: { id: string; name: string } | null
  residence: { ok: true; exempt: boolean; eligibleFrom: string } | { ok: false; error: string; details?: Record<string, unknown> }
  /** The required documents in the form's order, each with the files attached for it. */
  checklist: { document: TAffiliationDocument; reason: string; files: TAffiliationUploadDto[] }[]
  /** Files of a kind the situation does not require (sent anyway, or asked by an advisor). */
  otherFiles: TAffiliationUploadDto[]
  missing: TAffiliationDocument[]
  events: TAffiliationEventDto[]
  /** The advisor's steps possible now. */
  actions: TAffiliationEvent['type'][]
  /** The place of birth proposed for a number: from the temporary number, else the INSEE code of the country of birth. */
  birthPlaceDefault: TBirthPlaceDefault
  attestations: TIssuedDocumentRow[]
  /** Supervisors: the advisors of the request's caisse it can be given to. */
  advisors: TStaffDto[]
}

/** The place of birth as a temporary number encodes it (positions 6–10), to propose the same for the permanent one. */
function placeOf(nir: string): TBirthPlaceDefault {
  const dept = nir.slice(5, 7)
  if (dept === '99') return { kind: 'abroad', countryCode: nir.slice(7, 10) }
  if (dept === '97' || dept === '98') return { kind: 'france', department: nir.slice(5, 8), commune: String(Number(nir.slice(8, 10))) }
  return { kind: 'france', department: dept, commune: String(Number(nir.slice(7, 10))) }
}

/**
 * An affiliation request as the advisor processes it: identity, situation, address, contact, masked IBAN, the
 * spouse's file when insured in the same scope, the residence check today, the checklist of required documents with
 * the files attached and what is missing, the history, the possible steps. Advisors: their caisse; supervisors:
 * any; insured → 403; another caisse or unknown → 404.
 */
export async function getAffiliationForStaff({ actor, procedureId, ...ctx }: { actor: TActor; procedureId: string } & TRequestContext): Promise<TAffiliationForStaff> {
  const now = ctx.now
  const scope = staffScope(actor, 'update:procedure:caisse')
  const db = getDb()
  const r = await findAffiliationDetail(db, procedureId, scope)
  if (!r) return refuseOutOfScope(db, actor, { type: 'procedure', id: procedureId }, ctx)
  const parsed = ZAffiliationPayload.safeParse(JSON.parse(r.payload))
  if (!parsed.success) throw new AppError('notFound', 404)
  const { iban, ...rest } = parsed.data
  const p = parsed.data
  const today = todayOf(now)
  const rules = await loadRuleSet(db)
  const residenceDecision = checkResidence({ situation: p.situation, arrivalDate: calendarDate(p.arrivalDate), birthDate: calendarDate(p.birthDate) }, today, rules)
  const required = requiredDocuments({ situation: p.situation, nationality: p.nationality, birthCertificateInFrench: p.birthCertificateInFrench })
  const requiredKinds = new Set<string>(required.map((d) => d.document))
  const checklist = required.map((d) => ({ ...d, files: r.uploads.filter((u) => u.kind === d.document) }))
  const country = inseeCountryCode(p.birthCountry)
  const birthPlaceDefault: TBirthPlaceDefault = p.temporaryNir
    ? placeOf(p.temporaryNir.nir)
    : p.birthCountry === 'FR'
      ? { kind: 'france', department: '', commune: '' }
      : { kind: 'abroad', countryCode: country ? String(country) : '' }
  const [spouse, attestations, advisors] = await Promise.all([
    p.spouseNir ? findInsuredByNirInScope(db, p.spouseNir.nir, scope) : Promise.resolve(null),
    r.insuredId ? listIssuedDocuments(db, r.insuredId, 'attestation-droits', 5) : Promise.resolve([]),
    actor.role === 'supervisor' ? listAdvisorsOf(db, r.organisationId) : Promise.resolve([]),
  ])
  return {
    id: r.id, reference: r.reference, status: r.status, submittedAt: r.submittedAt, closedAt: r.closedAt, decisionReason: r.decisionReason, requestedDocument: r.requestedDocument,
    organisationName: r.organisationName, assignedTo: r.assignedTo, insuredId: r.insuredId,
    applicant: { ...rest, ibanMasked: maskIban(iban) },
    spouse,
    residence: residenceDecision.ok ? { ok: true, ...residenceDecision.value } : { ok: false, error: residenceDecision.error, details: residenceDecision.details },
    checklist,
    otherFiles: r.uploads.filter((u) => !requiredKinds.has(u.kind)),
    missing: checklist.filter((c) => c.files.length === 0).map((c) => c.document),
    events: r.events,
    actions: affiliationEvents(r.status).filter((e) => AFFILIATION_EVENT_ACTOR[e] === 'advisor'),
    birthPlaceDefault,
    attestations,
    advisors,
  }
}
