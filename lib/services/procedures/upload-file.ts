import 'server-only'
import { getDb } from '@/lib/db/client'
import { writeAudit } from '@/lib/db/repositories/audit'
import { createUpload, readUploadContent, type TUploadMeta } from '@/lib/db/repositories/uploads'
import { can } from '@/lib/auth/permissions'
import { ZUploadKind } from '@/lib/schemas/procedures'
import { AppError } from '@/lib/errors'
import { checkUploadContent } from './check-upload-content'
import { auditRole, loadRuleSet, resolveInsuredFile, todayOf, type TActor, type TRequestContext } from './common'

/**
 * Stores a file a person sends with a procedure (photo, identity document, birth certificate, receipt…), in the
 * Upload table (never under public/), after the shared content and size checks (checkUploadContent: magic bytes,
 * upload.max-bytes, photo pixel size, photos re-encoded). Errors: procedureErrors.upload.{kind,empty,tooLarge,type,
 * unreadable,tooSmall}, forbidden, notFound.
 */
export async function uploadFile({
  actor,
  insuredId,
  kind,
  filename,
  bytes,
  ...ctx
}: { actor: TActor; insuredId?: string; kind: string; filename: string; bytes: Uint8Array } & TRequestContext): Promise<TUploadMeta> {
  const db = getDb()
  const fileKind = ZUploadKind.safeParse(kind)
  if (!fileKind.success) throw new AppError('procedureErrors.upload.kind', 400)
  const owner = await resolveInsuredFile(db, actor, insuredId, { insured: 'create:procedure:own', staff: 'update:procedure:caisse' }, ctx)
  const now = ctx.now
  const rules = await loadRuleSet(db)
  const today = todayOf(now)
  const file = await checkUploadContent({ kind: fileKind.data, filename, bytes, rules, today })
  return db.$transaction(async (tx) => {
    const upload = await createUpload(tx, { insuredId: owner, kind: fileKind.data, ...file, uploadedById: actor.id })
    await writeAudit(tx, { actorUserId: actor.id, actorRole: auditRole(actor), action: 'upload.create', targetType: 'upload', targetId: upload.id, insuredId: owner, ip: ctx.ip ?? null, userAgent: ctx.userAgent ?? null, details: { kind: fileKind.data, mimeType: file.mimeType, size: file.size } })
    return upload
  })
}

/** The file, for its owner or an advisor of the owner's caisse (supervisors: any). Errors: forbidden, notFound. */
export async function readUploadedFile({ actor, uploadId }: { actor: TActor; uploadId: string }): Promise<TUploadMeta & { content: Uint8Array }> {
  const db = getDb()
  let scope: { insuredId: string } | { organisationId: string | null }
  if (actor.role === 'insured') {
    if (!actor.insuredId) throw new AppError('forbidden', 403)
    scope = { insuredId: actor.insuredId }
  } else {
    if (!can(actor.role, 'read:insured-file:caisse')) throw new AppError('forbidden', 403)
    if (actor.role !== 'supervisor' && !actor.organisationId) throw new AppError('forbidden', 403)
    scope = { organisationId: actor.role === 'supervisor' ? null : actor.organisationId }
  }
  const file = await readUploadContent(db, uploadId, scope)
  if (!file) throw new AppError('notFound', 404)
  return file
}
