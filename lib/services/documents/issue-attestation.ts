import 'server-only'
import type { Db, Tx } from '@/lib/db/client'
import { writeAudit } from '@/lib/db/repositories/audit'
import { createIssuedDocument } from '@/lib/db/repositories/card-orders'
import { findAttestationSource, findIssuedDocumentWithSnapshot, type TAttestationSource } from '@/lib/db/repositories/documents'
import { addMonths, calendarDate, earlierDate, isWithin, type CalendarDate } from '@/lib/domain/dates'
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

const activeOn = (today: CalendarDate) => (c: { from: string; to: string | null }) => isWithin(today, calendarDate(c.from), c.to === null ? null : calendarDate(c.to))

/** The facts printed on the attestation, from the file as it is today (pure, given the source row). */
export function attestationFacts(src: TAttestationSource, o: { scope: TAttestationScope; today: CalendarDate; verificationCode: string; verifyBaseUrl: string }): TAttestationFacts {
  const active = src.coverages.filter(activeOn(o.today))
  const ald = (beneficiaryId: string | null) => active.some((c) => c.kind === 'ald' && c.beneficiaryId === beneficiaryId)
  // CSS covers the whole household: a period of the insured person applies to their beneficiaries too.
  const cssOf = (beneficiaryId: string | null) => active.find((c) => c.kind === 'css' && (c.beneficiaryId === beneficiaryId || c.beneficiaryId === null))
  const css = cssOf(null)
  const cap = addMonths(o.today, ATTESTATION_VALIDITY_MONTHS)
  const validUntil = src.rightsTo ? earlierDate(calendarDate(src.rightsTo), cap) : cap
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
  const now = ctx.now
  const today = todayOf(now)
  const src = await findAttestationSource(db, owner)
  if (!src) throw new AppError('notFound', 404)
  const { code, facts } = prepareAttestation(src, { scope: s, today, verifyBaseUrl })
  const pdf = await renderAttestationDroits(facts)
  const doc = await db.$transaction((tx) => storeAttestation(tx, { actor, owner, code, facts, now, ip: ctx.ip ?? null, userAgent: ctx.userAgent ?? null }))
  return { documentId: doc.id, verificationCode: code, validUntil: facts.validUntil, filename: `attestation-droits-${today}-${code}.pdf`, pdf, ms: performance.now() - started }
}

function prepareAttestation(src: TAttestationSource, o: { scope: TAttestationScope; today: CalendarDate; verifyBaseUrl: string }): { code: string; facts: TAttestationFacts } {
  if (src.affiliationStatus !== 'active' || !isWithin(o.today, calendarDate(src.rightsFrom), src.rightsTo === null ? null : calendarDate(src.rightsTo))) throw new AppError('documents.errors.noRights', 422)
  const code = newVerificationCode()
  return { code, facts: attestationFacts(src, { scope: o.scope, today: o.today, verificationCode: code, verifyBaseUrl: o.verifyBaseUrl }) }
}

async function storeAttestation(tx: Tx, a: { actor: TActor; owner: string; code: string; facts: TAttestationFacts; now: Date; ip: string | null; userAgent: string | null }): Promise<{ id: string }> {
  const d = await createIssuedDocument(tx, { insuredId: a.owner, kind: 'attestation-droits', verificationCode: a.code, scope: a.facts.scope, validUntil: a.facts.validUntil, issuedById: a.actor.role === 'insured' ? null : a.actor.id, snapshot: JSON.stringify(a.facts), issuedAt: a.now })
  await writeAudit(tx, { actorUserId: a.actor.id, actorRole: auditRole(a.actor), action: 'document.attestation.issue', targetType: 'document', targetId: d.id, insuredId: a.owner, ip: a.ip, userAgent: a.userAgent, details: { scope: a.facts.scope, validUntil: a.facts.validUntil } })
  return d
}

/**
 * The same attestation, issued inside the caller's transaction (the advisor's "permanent number" step: the file
 * becomes active and its first attestation is stored with the change, issued on the person's behalf). The caller has
 * checked the actor's scope. No PDF is rendered here: it is produced from the stored snapshot when downloaded.
 * Errors: notFound 404, documents.errors.noRights 422.
 */
export async function issueAttestationInTransaction(
  tx: Tx,
  { actor, insuredId, scope, verifyBaseUrl, now, ip, userAgent }: { actor: TActor; insuredId: string; scope: TAttestationScope; verifyBaseUrl: string; now: Date; ip: string | null; userAgent: string | null },
): Promise<{ documentId: string; verificationCode: string; validUntil: string }> {
  const src = await findAttestationSource(tx, insuredId)
  if (!src) throw new AppError('notFound', 404)
  const { code, facts } = prepareAttestation(src, { scope: ZAttestationScope.parse(scope), today: todayOf(now), verifyBaseUrl })
  const d = await storeAttestation(tx, { actor, owner: insuredId, code, facts, now, ip, userAgent })
  return { documentId: d.id, verificationCode: code, validUntil: facts.validUntil }
}

/** An attestation already issued, downloaded again from its snapshot (same code); owner only, else 404. */
export async function getAttestationPdf(db: Db, { actor, documentId, insuredId, ...ctx }: { actor: TActor; documentId: string; insuredId?: string } & TRequestContext): Promise<{ filename: string; pdf: Uint8Array }> {
  const owner = await resolveDocumentsFile(db, actor, insuredId)
  const doc = await findIssuedDocumentWithSnapshot(db, owner, documentId)
  if (!doc || doc.kind !== 'attestation-droits') throw new AppError('notFound', 404)
  const pdf = await renderAttestationDroits(JSON.parse(doc.snapshot) as TAttestationFacts)
  await writeAudit(db, { actorUserId: actor.id, actorRole: auditRole(actor), action: 'document.attestation.download', targetType: 'document', targetId: doc.id, insuredId: owner, ip: ctx.ip ?? null, userAgent: ctx.userAgent ?? null })
  // The Paris day of issue, as in the file name given when it was issued (not the UTC day of the timestamp).
  return { filename: `attestation-droits-${todayOf(doc.issuedAt)}-${doc.verificationCode}.pdf`, pdf }
}
