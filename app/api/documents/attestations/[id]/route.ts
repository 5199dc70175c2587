import { getDb } from '@/lib/db/client'
import { documentDownload } from '@/lib/forms/document-route'
import { ZDocumentId } from '@/lib/schemas/documents'
import { getAttestationPdf } from '@/lib/services/documents/issue-attestation'
import { AppError } from '@/lib/errors'

/** An attestation already issued, again (same code): its owner only (401 anonymous, 404 not theirs). */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const id = ZDocumentId.safeParse((await params).id)
  return documentDownload(async (actor, ctx) => {
    if (!id.success) throw new AppError('notFound', 404)
    return getAttestationPdf(getDb(), { actor, documentId: id.data, ...ctx })
  })
}
