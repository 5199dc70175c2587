import 'server-only'
import { createHash } from 'node:crypto'
import sharp from 'sharp'
import type { CalendarDate } from '@/lib/domain/dates'
import { acceptedTypes, detectFileType } from '@/lib/domain/procedures/file-type'
import type { RuleSet } from '@/lib/domain/rules/rule-set'
import { AppError } from '@/lib/errors'

/** A file that passed the checks, ready to be stored in the Upload table. */
export type TCheckedFile = { filename: string; mimeType: string; size: number; sha256: string; content: Uint8Array; width: number | null; height: number | null }

/**
 * The checks every stored file goes through (Mes démarches uploads, affiliation supporting documents): not empty,
 * size (rule upload.max-bytes), type by content (magic bytes: JPEG/PNG for a photo, also PDF for documents), images
 * readable; photos also big enough (upload.photo.min-*), auto-rotated, stripped of metadata and resized to fit
 * upload.photo.max-* (JPEG). The file name is made safe for storage. Errors: procedureErrors.upload.{empty,tooLarge,
 * type,unreadable,tooSmall}.
 */
export async function checkUploadContent({ kind, filename, bytes, rules, today }: { kind: string; filename: string; bytes: Uint8Array; rules: RuleSet; today: CalendarDate }): Promise<TCheckedFile> {
  if (bytes.length === 0) throw new AppError('procedureErrors.upload.empty', 400)
  const maxBytes = rules.valueAt('upload.max-bytes', today)
  if (bytes.length > maxBytes) throw new AppError('procedureErrors.upload.tooLarge', 400, { maxMegabytes: Math.floor(maxBytes / 1_000_000) })
  const type = detectFileType(bytes)
  if (!type || !acceptedTypes(kind).includes(type)) throw new AppError('procedureErrors.upload.type', 400)

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
    if (kind === 'photo') {
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
  return { filename: safeName, mimeType, size: content.length, sha256: createHash('sha256').update(content).digest('hex'), content, width, height }
}
