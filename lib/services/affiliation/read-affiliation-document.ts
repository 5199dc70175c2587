import 'server-only'
import { getDb } from '@/lib/db/client'
import { writeAudit } from '@/lib/db/repositories/audit'
import { readAffiliationUpload } from '@/lib/db/repositories/affiliation-registration'
import { ZAffiliationDocumentRef } from '@/lib/schemas/affiliation-advisor'
import { AppError } from '@/lib/errors'
import { auditRole, staffScope, type TActor, type TRequestContext } from '../procedures/common'

/**
 * A supporting document of an affiliation request, opened by an advisor of the request's caisse (supervisors: any):
 * the file and an audit event `affiliation.document.open` (the applicant's file, once registered, shows who looked).
 * The document must belong to this request. Errors: forbidden 403 (insured), notFound 404 (another caisse, another
 * request's file, unknown).
 */
export async function readAffiliationDocument({ actor, input, ...ctx }: { actor: TActor; input: unknown } & TRequestContext): Promise<{ filename: string; mimeType: string; content: Uint8Array }> {
  const scope = staffScope(actor, 'update:procedure:caisse')
  const data = ZAffiliationDocumentRef.safeParse(input)
  if (!data.success) throw new AppError('notFound', 404)
  const db = getDb()
  const file = await readAffiliationUpload(db, data.data.procedureId, data.data.uploadId, scope)
  if (!file) throw new AppError('notFound', 404)
  await writeAudit(db, {
    actorUserId: actor.id, actorRole: auditRole(actor), action: 'affiliation.document.open', targetType: 'upload', targetId: file.id, insuredId: file.insuredId,
    ip: ctx.ip ?? null, userAgent: ctx.userAgent ?? null, details: { procedureId: data.data.procedureId, kind: file.kind },
  })
  return { filename: file.filename, mimeType: file.mimeType, content: file.content }
}
