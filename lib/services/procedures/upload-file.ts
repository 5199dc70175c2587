import 'server-only'
import { createHash } from 'node:crypto'
import sharp from 'sharp'
import { getDb } from '@/lib/db/client'
import { writeAudit } from '@/lib/db/repositories/audit'
import { createUpload, readUploadContent, type TUploadMeta } from '@/lib/db/repositories/uploads'
import { acceptedTypes, detectFileType } from '@/lib/domain/procedures/file-type'
import { can } from '@/lib/auth/permissions'
import { ZUploadKind } from '@/lib/schemas/procedures'
import { AppError } from '@/lib/errors'
import { auditRole, loadRuleSet, resolveInsuredFile, todayOf, type TActor, type TRequestContext } from './common'

/**
 * Stores a file a person sends with a procedure (photo, identity document, birth certificate, receipt…), in the
 * Upload table (never under public/). Checked by content (magic bytes: JPEG/PNG for a photo, also PDF for documents),
 * size (upload.max-bytes) and, for photos, pixel size (upload.photo.min-*). Photos are auto-rotated, stripped of
 * metadata and resized to fit upload.photo.max-* (JPEG) with sharp. Errors: procedureErrors.upload.{empty,tooLarge,type,
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
  const owner = await resolveInsuredFile(db, actor, insuredId, { insured: 'create:procedure:own', staff: 'update:procedure:caisse' })
  const now = ctx.now ?? new Date()
  const rules = await loadRuleSet(db)
  const today = todayOf(now)
  if (bytes.length === 0) throw new AppError('procedureErrors.upload.empty', 400)
  const maxBytes = rules.valueAt('upload.max-bytes', today)
  if (bytes.length > maxBytes) throw new AppError('procedureErrors.upload.tooLarge', 400, { maxMegabytes: Math.floor(maxBytes / 1_000_000) })
  const type = detectFileType(bytes)
  if (!type || !acceptedTypes(fileKind.data).includes(type)) throw new AppError('procedureErrors.upload.type', 400)

  let content = bytes
  let mimeType: string = type
  let width: number | null = null
  let height: number | null = null
  if (type !== 'application/pdf') {
    let meta: Awaited<ReturnType<ReturnType<typeof sharp>['metadata']>>
    try {
      meta = await sharp(bytes).metadata()
    } catch {
      throw new AppError('procedureErrors.upload.unreadable', 400)
    }
    if (!meta.width || !meta.height) throw new AppError('procedureErrors.upload.unreadable', 400)
    width = meta.width
    height = meta.height
    if (fileKind.data === 'photo') {
      const minW = rules.valueAt('upload.photo.min-width', today)
      const minH = rules.valueAt('upload.photo.min-height', today)
      // EXIF orientations 5–8 swap width and height.
      const [w, h] = (meta.orientation ?? 1) >= 5 ? [meta.height, meta.width] : [meta.width, meta.height]
      if (w < minW || h < minH) throw new AppError('procedureErrors.upload.tooSmall', 400, { minWidth: minW, minHeight: minH })
      try {
        const out = await sharp(bytes)
          .rotate()
          .resize({ width: rules.valueAt('upload.photo.max-width', today), height: rules.valueAt('upload.photo.max-height', today), fit: 'inside', withoutEnlargement: true })
          .jpeg({ quality: 85 })
          .toBuffer({ resolveWithObject: true })
        content = new Uint8Array(out.data)
        width = out.info.width
        height = out.info.height
        mimeType = 'image/jpeg'
      } catch {
        throw new AppError('procedureErrors.upload.unreadable', 400)
      }
    }
  }
  const safeName = filename.replace(/[^\p{L}\p{N}._ -]/gu, '_').slice(0, 120) || 'file'
  return db.$transaction(async (tx) => {
    const upload = await createUpload(tx, {
      insuredId: owner,
      kind: fileKind.data,
      filename: safeName,
      mimeType,
      size: content.length,
      sha256: createHash('sha256').update(content).digest('hex'),
      content,
      width,
      height,
      uploadedById: actor.id,
    })
    await writeAudit(tx, { actorUserId: actor.id, actorRole: auditRole(actor), action: 'upload.create', targetType: 'upload', targetId: upload.id, insuredId: owner, ip: ctx.ip ?? null, userAgent: ctx.userAgent ?? null, details: { kind: fileKind.data, mimeType, size: content.length } })
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
