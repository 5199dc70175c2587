import 'server-only'
import { getDb } from '@/lib/db/client'
import { findAffiliationInScope } from '@/lib/db/repositories/affiliation-registration'
import { z } from 'zod'
import { AppError } from '@/lib/errors'
import { getAttestationPdf } from '../documents/issue-attestation'
import { staffScope, type TActor, type TRequestContext } from '../procedures/common'

const ZRef = z.object({ procedureId: z.string().trim().min(1).max(64), documentId: z.string().trim().min(1).max(64) })

/**
 * The attestation de droits issued with the permanent number, downloaded again by an advisor from the request page
 * (audited by getAttestationPdf). The request must be in the actor's scope and the document its applicant's.
 * Errors: forbidden 403, notFound 404.
 */
export async function getAffiliationAttestation({ actor, input, ...ctx }: { actor: TActor; input: unknown } & TRequestContext): Promise<{ filename: string; pdf: Uint8Array }> {
  const scope = staffScope(actor, 'update:procedure:caisse')
  const ref = ZRef.safeParse(input)
  if (!ref.success) throw new AppError('notFound', 404)
  const db = getDb()
  const row = await findAffiliationInScope(db, ref.data.procedureId, scope)
  if (!row?.insuredId) throw new AppError('notFound', 404)
  return getAttestationPdf(db, { actor, documentId: ref.data.documentId, insuredId: row.insuredId, ...ctx })
}
