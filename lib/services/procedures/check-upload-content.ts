import 'server-only'
import { createHash } from 'node:crypto'
import { inflateSync } from 'node:zlib'
import sharp from 'sharp'
import type { CalendarDate } from '@/lib/domain/dates'
import { acceptedTypes, detectFileType, pdfActiveName, safeFileName, type TDetectedType } from '@/lib/domain/procedures/file-type'
import { megabytes, UPLOAD_LIMITS } from '@/lib/domain/procedures/upload-limits'
import type { RuleSet } from '@/lib/domain/rules/rule-set'
import { AppError } from '@/lib/errors'

/** A file that passed the checks, ready to be stored in the Upload table. */
export type TCheckedFile = { filename: string; mimeType: string; size: number; sha256: string; content: Uint8Array; width: number | null; height: number | null }

/**
 * The checks every stored file goes through (Mes démarches uploads, affiliation supporting documents): not empty,
 * size (UPLOAD_LIMITS.fileBytes, shared with the browser and the proxy), type by content (magic bytes: JPEG/PNG for a
 * photo, also PDF for documents); PDFs with active content (/JavaScript, /JS, /OpenAction, /AA, /Launch,
 * /EmbeddedFile…, also inside compressed streams) refused; every image re-encoded by sharp in its own format, which
 * drops metadata (EXIF, GPS) and anything appended after the image; photos also big enough (upload.photo.min-*),
 * auto-rotated and resized to fit upload.photo.max-* (JPEG). The stored name is made safe and takes the extension of
 * the detected type (safeFileName). Errors: procedureErrors.upload.{empty,tooLarge,type (a document: PDF, JPEG or PNG), typePhoto (JPEG or PNG),
 * unreadable,tooSmall,activeContent}.
 */
export async function checkUploadContent({ kind, filename, bytes, rules, today }: { kind: string; filename: string; bytes: Uint8Array; rules: RuleSet; today: CalendarDate }): Promise<TCheckedFile> {
  if (bytes.length === 0) throw new AppError('procedureErrors.upload.empty', 400)
  if (bytes.length > UPLOAD_LIMITS.fileBytes) throw new AppError('procedureErrors.upload.tooLarge', 400, { maxMegabytes: megabytes(UPLOAD_LIMITS.fileBytes) })
  const type = detectFileType(bytes)
  if (!type || !acceptedTypes(kind).includes(type)) throw new AppError(kind === 'photo' ? 'procedureErrors.upload.typePhoto' : 'procedureErrors.upload.type', 400)

  let content = bytes
  let mimeType: string = type
  let width: number | null = null
  let height: number | null = null
  if (type === 'application/pdf') {
    if (pdfActiveContent(bytes)) throw new AppError('procedureErrors.upload.activeContent', 400)
  } else {
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
    } else {
      // Any other image: the same format, re-encoded (metadata and trailing bytes are not copied).
      try {
        const image = sharp(bytes).rotate()
        const out = await (type === 'image/png' ? image.png() : image.jpeg({ quality: 90 })).toBuffer({ resolveWithObject: true })
        content = new Uint8Array(out.data)
        width = out.info.width
        height = out.info.height
      } catch {
        throw new AppError('procedureErrors.upload.unreadable', 400)
      }
    }
  }
  const safeName = safeFileName(filename, mimeType as TDetectedType)
  return { filename: safeName, mimeType, size: content.length, sha256: createHash('sha256').update(content).digest('hex'), content, width, height }
}

/**
 * True when the PDF names active content, in its plain text or in any of its streams that inflate (FlateDecode:
 * object streams hold dictionaries too). A stream that does not inflate is left as it is (images, other filters).
 */
function pdfActiveContent(bytes: Uint8Array): boolean {
  const text = Buffer.from(bytes).toString('latin1')
  if (pdfActiveName(text)) return true
  const streams = /stream\r?\n/g
  for (let m = streams.exec(text); m; m = streams.exec(text)) {
    const start = m.index + m[0].length
    const end = text.indexOf('endstream', start)
    if (end < 0) break
    try {
      const inflated = inflateSync(Buffer.from(bytes.subarray(start, end)), { finishFlush: 2 /* Z_SYNC_FLUSH: tolerate a trailing EOL */ })
      if (pdfActiveName(inflated.toString('latin1'))) return true
    } catch {
      // Not a deflated stream.
    }
    streams.lastIndex = end
  }
  return false
}
