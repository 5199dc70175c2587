import 'server-only'
import { getDb } from '@/lib/db/client'
import { writeAudit } from '@/lib/db/repositories/audit'
import { findAffiliationAttestation } from '@/lib/db/repositories/affiliation-requests'
import { renderAttestationDroits, type TAttestationFacts } from '@/lib/pdf/attestation-droits'
import { AppError } from '@/lib/errors'
import { todayOf, type TRequestContext } from '@/lib/services/procedures/common'

/**
 * The attestation de droits issued (by the advisor) to the person the request created, for the applicant who follows
 * the request (`procedureId` from the signed follow-up cookie): rendered again from its snapshot (same verification
 * code), download audited (anonymous, IP). No attestation yet → 404 notFound.
 */
export async function downloadAffiliationAttestation({ procedureId, ...ctx }: { procedureId: string } & TRequestContext): Promise<{ filename: string; pdf: Uint8Array }> {
  const db = getDb()
  const doc = await findAffiliationAttestation(db, procedureId)
  if (!doc) throw new AppError('notFound', 404)
  const pdf = await renderAttestationDroits(JSON.parse(doc.snapshot) as TAttestationFacts)
  await writeAudit(db, { actorRole: 'anonymous', action: 'affiliation.attestation.download', targetType: 'document', targetId: doc.id, insuredId: doc.insuredId, ip: ctx.ip ?? null, userAgent: ctx.userAgent ?? null, details: { procedureId } })
  return { filename: `attestation-droits-${todayOf(doc.issuedAt)}-${doc.verificationCode}.pdf`, pdf }
}
