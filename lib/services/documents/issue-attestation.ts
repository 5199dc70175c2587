import 'server-only'
import type { Db } from '@/lib/db/client'
import { writeAudit } from '@/lib/db/repositories/audit'
import { createIssuedDocument } from '@/lib/db/repositories/card-orders'
import { findAttestationSource, findIssuedDocumentWithSnapshot, type TAttestationSource } from '@/lib/db/repositories/documents'
import { addMonths, calendarDate, type CalendarDate } from '@/lib/domain/dates'
import { formatNir } from '@/lib/domain/nir'
import { renderAttestationDroits, type TAttestationFacts } from '@/lib/pdf/attestation-droits'
import { ZAttestationScope, type TAttestationScope } from '@/lib/schemas/documents'
import { AppError } from '@/lib/errors'
import { auditRole, todayOf, type TActor, type TRequestContext } from '@/lib/services/procedures/common'
import { addressLines, resolveDocumentsFile } from './common'
import { formatVerificationCode, newVerificationCode } from './verification-code'

/** An attestation is valid 12 months from issue, never beyond the end of the rights. */
export const ATTESTATION_VALIDITY_MONTHS = 12

const REGIMES: Record<string, string> = {
  general: 'Régime général',
  'alsace-moselle': 'Régime général, régime local Alsace-Moselle',
  agricultural: 'Régime agricole (MSA)',
  special: 'Régime spécial',
}

export type TIssuedAttestation = { documentId: string; verificationCode: string; validUntil: string; filename: string; pdf: Uint8Array; ms: number }

const activeOn = (today: string) => (c: { from: string; to: string | null }) => c.from <= today && (c.to === null || c.to >= today)

/** The facts printed on the attestation, from the file as it is today (pure, given the source row). */
export function attestationFacts(src: TAttestationSource, o: { scope: TAttestationScope; today: CalendarDate; verificationCode: string; verifyBaseUrl: string }): TAttestationFacts {
  const active = src.coverages.filter(activeOn(o.today))
  const ald = (beneficiaryId: string | null) => active.some((c) => c.kind === 'ald' && c.beneficiaryId === beneficiaryId)
  // CSS covers the whole household: a period of the insured person applies to their beneficiaries too.
  const cssOf = (beneficiaryId: string | null) => active.find((c) => c.kind === 'css' && (c.beneficiaryId === beneficiaryId || c.beneficiaryId === null))
  const css = cssOf(null)
  const cap = addMonths(o.today, ATTESTATION_VALIDITY_MONTHS)
  const validUntil = src.rightsTo && src.rightsTo < cap ? src.rightsTo : cap
  const lastName = src.usualName ?? src.birthName
  return {
    scope: o.scope,
    issuedOn: o.today,
    validUntil,
    verificationCode: formatVerificationCode(o.verificationCode),
    verifyUrl: `${o.verifyBaseUrl.replace(/\/$/, '')}/verifier-attestation?code=${o.verificationCode}`,
    insured: {
      rank: '01', firstNames: src.firstNames, lastName, birthName: src.birthName, birthDate: src.birthDate, nir: formatNir(src.nir, src.nirKey),
      ald: ald(null), css: css ? (css.label === 'participation' ? 'participation' : 'free') : null, address: addressLines(src),
    },
    caisse: { name: src.organisation.name, code: src.organisation.code, address: `${src.organisation.addressLine1}, ${src.organisation.postalCode} ${src.organisation.city}` },
    regime: { code: src.organisation.regimeCode, label: REGIMES[src.regime] ?? src.regime, managementCode: src.managementCode, alsaceMoselle: src.regime === 'alsace-moselle' },
    rightsFrom: src.rightsFrom,
    rightsTo: src.rightsTo,
    mutuelle: src.mutuelleName ? { name: src.mutuelleName, amcCode: src.amcCode } : null,
    doctorDeclared: src.doctorId !== null,
    doctorName: src.doctor ? [src.doctor.title, src.doctor.firstName, src.doctor.lastName].filter(Boolean).join(' ') : null,
    cssMonthlyParticipation: css?.monthlyParticipation ?? null,
    beneficiaries:
      o.scope === 'with-beneficiaries'
        ? src.beneficiaries.map(({ rank, beneficiary: b }) => {
            const c = cssOf(b.id)
            return { rank, firstNames: b.firstNames, lastName: b.lastName, birthDate: b.birthDate, nir: b.ownNir ? formatNir(b.ownNir, b.ownNirKey ?? undefined) : null, ald: ald(b.id), css: c ? (c.label === 'participation' ? 'participation' : 'free') : null }
          })
        : [],
  }
}

/**
 * Issues an attestation de droits (for the insured person alone or with their beneficiaries): stores it as an
 * IssuedDocument (kind "attestation-droits", unique verification code, validUntil, snapshot of the printed facts),
 * writes the audit event in the same transaction, and returns the PDF. Callers: the insured person (own file;
 * `insuredId` ignored unless equal, else 404) or an advisor / supervisor acting on a file of their scope
 * (`insuredId` required; permission create:document:caisse). Errors (AppError): forbidden 403, notFound 404,
 * documents.errors.noRights 422 (affiliation not active or rights ended).
 */
export async function issueAttestation(
  db: Db,
  { actor, insuredId, scope, verifyBaseUrl, ...ctx }: { actor: TActor; insuredId?: string; scope: TAttestationScope; verifyBaseUrl: string } & TRequestContext,
): Promise<TIssuedAttestation> {
  const started = performance.now()
  const s = ZAttestationScope.parse(scope)
  const owner = await resolveDocumentsFile(db, actor, insuredId)
  const now = ctx.now ?? new Date()
  const today = todayOf(now)
  const src = await findAttestationSource(db, owner)
  if (!src) throw new AppError('notFound', 404)
  if (src.affiliationStatus !== 'active' || src.rightsFrom > today || (src.rightsTo !== null && src.rightsTo < today)) throw new AppError('documents.errors.noRights', 422)
  const code = newVerificationCode()
  const facts = attestationFacts(src, { scope: s, today: calendarDate(today), verificationCode: code, verifyBaseUrl })
  const pdf = await renderAttestationDroits(facts)
  const doc = await db.$transaction(async (tx) => {
    const d = await createIssuedDocument(tx, { insuredId: owner, kind: 'attestation-droits', verificationCode: code, scope: s, validUntil: facts.validUntil, issuedById: actor.role === 'insured' ? null : actor.id, snapshot: JSON.stringify(facts), issuedAt: now })
    await writeAudit(tx, { actorUserId: actor.id, actorRole: auditRole(actor), action: 'document.attestation.issue', targetType: 'document', targetId: d.id, insuredId: owner, ip: ctx.ip ?? null, userAgent: ctx.userAgent ?? null, details: { scope: s, validUntil: facts.validUntil } })
    return d
  })
  return { documentId: doc.id, verificationCode: code, validUntil: facts.validUntil, filename: `attestation-droits-${today}-${code}.pdf`, pdf, ms: performance.now() - started }
}

/** An attestation already issued, downloaded again from its snapshot (same code); owner only, else 404. */
export async function getAttestationPdf(db: Db, { actor, documentId, insuredId, ...ctx }: { actor: TActor; documentId: string; insuredId?: string } & TRequestContext): Promise<{ filename: string; pdf: Uint8Array }> {
  const owner = await resolveDocumentsFile(db, actor, insuredId)
  const doc = await findIssuedDocumentWithSnapshot(db, owner, documentId)
  if (!doc || doc.kind !== 'attestation-droits') throw new AppError('notFound', 404)
  const pdf = await renderAttestationDroits(JSON.parse(doc.snapshot) as TAttestationFacts)
  await writeAudit(db, { actorUserId: actor.id, actorRole: auditRole(actor), action: 'document.attestation.download', targetType: 'document', targetId: doc.id, insuredId: owner, ip: ctx.ip ?? null, userAgent: ctx.userAgent ?? null })
  return { filename: `attestation-droits-${doc.issuedAt.toISOString().slice(0, 10)}-${doc.verificationCode}.pdf`, pdf }
}
