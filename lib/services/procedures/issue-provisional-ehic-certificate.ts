import 'server-only'
import { getDb } from '@/lib/db/client'
import { writeAudit } from '@/lib/db/repositories/audit'
import { createIssuedDocument, findIssuedDocumentOfInsured } from '@/lib/db/repositories/card-orders'
import { findNirKey, findOrganisationSummary, findPersonOfInsured } from '@/lib/db/repositories/people'
import { provisionalCertificateValidity } from '@/lib/domain/cards/ehic'
import { calendarDate } from '@/lib/domain/dates'
import { formatNir } from '@/lib/domain/nir'
import { renderEhicProvisionalCertificate, type TEhicCertificateFacts } from '@/lib/pdf/ehic-provisional-certificate'
import { ZIssueProvisionalEhic } from '@/lib/schemas/procedures'
import { AppError } from '@/lib/errors'
import { auditRole, loadRuleSet, orRefuse, resolveInsuredFile, todayOf, type TActor, type TRequestContext } from './common'
import { insuredFactsOrThrow } from './submit-procedure'
import { formatVerificationCode, newVerificationCode } from '@/lib/services/documents/verification-code'

export type TProvisionalCertificate = { documentId: string; verificationCode: string; validFrom: string; validUntil: string; cappedByRights: boolean; pdf: Uint8Array }

/**
 * Issue the EHIC provisional replacement certificate at once (RULEBOOK §9): valid 3 months, never beyond the
 * rights end; stored as an IssuedDocument ("ehic-provisional", with a verification code) and returned as a PDF.
 * Errors: procedureErrors.ehic.{temporaryNumber,noRights}, forbidden, notFound.
 */
export async function issueProvisionalEhicCertificate({ actor, insuredId, input, ...ctx }: { actor: TActor; insuredId?: string; input: unknown } & TRequestContext): Promise<TProvisionalCertificate> {
  const data = ZIssueProvisionalEhic.parse(input ?? {})
  const db = getDb()
  const owner = await resolveInsuredFile(db, actor, insuredId, { insured: 'create:procedure:own', staff: 'create:document:caisse' }, ctx)
  const now = ctx.now
  const today = todayOf(now)
  const insured = await insuredFactsOrThrow(owner)
  const person = await findPersonOfInsured(db, owner, data.beneficiaryId)
  if (!person) throw new AppError('notFound', 404)
  const rules = await loadRuleSet(db)
  const validity = orRefuse(
    provisionalCertificateValidity(
      { today, person: { nir: person.nir ?? insured.nir, rightsFrom: calendarDate(insured.rightsFrom), rightsTo: insured.rightsTo ? calendarDate(insured.rightsTo) : null }, affiliationActive: insured.affiliationStatus === 'active' },
      rules,
    ),
  )
  const caisse = await findOrganisationSummary(db, insured.organisationId)
  const nir = person.nir ?? insured.nir
  const key = (await findNirKey(db, person.nir ? person : { kind: 'insured', id: owner })) ?? undefined
  // The same code alphabet as the attestation (no 0/O, 1/I/L), checked on /verifier-attestation (issue 17 item 1).
  const code = newVerificationCode()
  const facts: TEhicCertificateFacts = {
    lastName: person.lastName,
    firstNames: person.firstNames,
    birthDate: person.birthDate,
    personalNumber: formatNir(nir, key),
    institutionName: caisse?.name ?? '',
    institutionCode: caisse?.code ?? '',
    validFrom: validity.validFrom,
    validUntil: validity.validUntil,
    issuedOn: today,
    verificationCode: formatVerificationCode(code),
  }
  const pdf = await renderEhicProvisionalCertificate(facts)
  const doc = await db.$transaction(async (tx) => {
    const d = await createIssuedDocument(tx, { insuredId: owner, kind: 'ehic-provisional', verificationCode: code, scope: person.beneficiaryId ?? 'insured', validUntil: validity.validUntil, issuedById: actor.role === 'insured' ? null : actor.id, snapshot: JSON.stringify(facts), issuedAt: now })
    await writeAudit(tx, { actorUserId: actor.id, actorRole: auditRole(actor), action: 'document.ehic-provisional.issue', targetType: 'document', targetId: d.id, insuredId: owner, ip: ctx.ip ?? null, userAgent: ctx.userAgent ?? null, details: { validUntil: validity.validUntil, beneficiaryId: person.beneficiaryId } })
    return d
  })
  return { documentId: doc.id, verificationCode: code, validFrom: validity.validFrom, validUntil: validity.validUntil, cappedByRights: validity.cappedByRights, pdf }
}

/** The PDF of a certificate already issued (download again), for its owner. Errors: forbidden, notFound. */
export async function getProvisionalEhicCertificatePdf({ actor, documentId }: { actor: TActor; documentId: string }): Promise<{ filename: string; pdf: Uint8Array }> {
  if (actor.role !== 'insured' || !actor.insuredId) throw new AppError('forbidden', 403)
  const doc = await findIssuedDocumentOfInsured(getDb(), actor.insuredId, documentId)
  if (!doc || doc.kind !== 'ehic-provisional') throw new AppError('notFound', 404)
  return { filename: `certificat-provisoire-ceam-${doc.verificationCode}.pdf`, pdf: await renderEhicProvisionalCertificate(JSON.parse(doc.snapshot) as TEhicCertificateFacts) }
}
