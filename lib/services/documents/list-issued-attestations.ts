import 'server-only'
import type { Db } from '@/lib/db/client'
import { listIssuedDocuments, type TIssuedDocumentRow } from '@/lib/db/repositories/documents'
import { issuedAttestationStatus, type TIssuedAttestationStatus } from '@/lib/domain/attestation-status'
import type { CalendarDate } from '@/lib/domain/dates'
import type { TActor } from '@/lib/services/procedures/common'
import { resolveDocumentsFile } from './common'

export type TIssuedAttestationRow = TIssuedDocumentRow & { status: TIssuedAttestationStatus }

/**
 * Mes documents: the latest attestations de droits issued for the file (the insured person's own; staff: a file of
 * their caisse), newest first, each with its status on `today` (valid, expired after validUntil, revoked).
 */
export async function listIssuedAttestations(db: Db, { actor, insuredId, today, take = 10 }: { actor: TActor; insuredId?: string; today: CalendarDate; take?: number }): Promise<TIssuedAttestationRow[]> {
  const owner = await resolveDocumentsFile(db, actor, insuredId)
  const rows = await listIssuedDocuments(db, owner, 'attestation-droits', take)
  return rows.map((d) => ({ ...d, status: issuedAttestationStatus(d, today) }))
}
