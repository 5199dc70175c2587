import 'server-only'
import { getDb } from '@/lib/db/client'
import { writeAudit } from '@/lib/db/repositories/audit'
import { addAffiliationUpload, findAffiliationById, updateAffiliationState } from '@/lib/db/repositories/affiliation-requests'
import { AFFILIATION_DOCUMENTS } from '@/lib/domain/affiliation/documents'
import { transitionAffiliation, type TAffiliationStatus } from '@/lib/domain/affiliation/affiliation-machine'
import { ZAffiliationPayload } from '@/lib/schemas/affiliation'
import { ZAddAffiliationDocument } from '@/lib/schemas/affiliation-public'
import { AppError } from '@/lib/errors'
import { checkUploadContent } from '@/lib/services/procedures/check-upload-content'
import { loadRuleSet, orRefuse, todayOf, type TRequestContext } from '@/lib/services/procedures/common'

/**
 * The applicant answers the caisse's document request on the follow-up page (`procedureId` comes from the signed
 * follow-up cookie, never from the form): the request must wait for a document (affiliation.errors.notWaiting),
 * the file must be the one asked (the page sends the requested kind; a stale page after a new request →
 * affiliation.errors.wrongDocument), pass the content/size checks, then in ONE transaction: the Upload, the
 * 'add-document' transition (→ in-review, conditional on the status read), answeredOn in the payload, the event
 * and the audit (anonymous, IP).
 */
export async function addAffiliationDocument({ procedureId, input, file, ...ctx }: { procedureId: string; input: unknown; file: { filename: string; bytes: Uint8Array } | null } & TRequestContext): Promise<{ status: string }> {
  const db = getDb()
  const data = ZAddAffiliationDocument.parse(input)
  const row = await findAffiliationById(db, procedureId)
  if (!row) throw new AppError('affiliation.errors.notFound', 404)
  if (row.status !== 'waiting-document') throw new AppError('affiliation.errors.notWaiting', 409)
  const payload = ZAffiliationPayload.parse(JSON.parse(row.payload))
  const requests = payload.documentRequests
  const pending = requests[requests.length - 1]
  const asked = pending && !pending.answeredOn ? pending.document : row.requestedDocument
  if (!asked || data.document !== asked) throw new AppError('affiliation.errors.wrongDocument', 422, { field: 'file' })
  if (!file || file.bytes.length === 0) throw new AppError('affiliationPublic.errors.fileRequired', 400, { field: 'file' })

  const now = ctx.now
  const today = todayOf(now)
  const rules = await loadRuleSet(db)
  const kind = (AFFILIATION_DOCUMENTS as readonly string[]).includes(asked) ? asked : 'other'
  const checked = await checkUploadContent({ kind, filename: file.filename, bytes: file.bytes, rules, today })
  const next = orRefuse(
    transitionAffiliation({ status: row.status as TAffiliationStatus, requestedDocument: row.requestedDocument, requestReason: pending?.reason ?? null, decisionReason: row.decisionReason }, { type: 'add-document' }, []),
  )
  const newPayload = { ...payload, documentRequests: requests.map((r, i) => (i === requests.length - 1 && !r.answeredOn ? { ...r, answeredOn: today } : r)) }
  await db.$transaction(async (tx) => {
    const upload = await addAffiliationUpload(tx, row.id, row.insuredId, { kind, ...checked }, now)
    const moved = await updateAffiliationState(tx, row.id, row.status, { status: next.status, payload: JSON.stringify(newPayload), requestedDocument: next.requestedDocument, closedAt: null }, { at: now, note: 'add-document' })
    if (!moved) throw new AppError('affiliation.errors.transition', 409)
    await writeAudit(tx, {
      actorRole: 'anonymous',
      action: 'affiliation.add-document',
      targetType: 'procedure',
      targetId: row.id,
      insuredId: row.insuredId,
      ip: ctx.ip ?? null,
      userAgent: ctx.userAgent ?? null,
      details: { reference: row.reference, document: kind, uploadId: upload.id, mimeType: checked.mimeType, size: checked.size },
    })
  })
  return { status: next.status }
}
