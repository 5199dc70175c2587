import type { Db, Tx } from '../client'

export type TUploadMeta = { id: string; insuredId: string | null; procedureId: string | null; kind: string; filename: string; mimeType: string; size: number; width: number | null; height: number | null; createdAt: Date }
const metaSelect = { id: true, insuredId: true, procedureId: true, kind: true, filename: true, mimeType: true, size: true, width: true, height: true, createdAt: true } as const

export async function createUpload(
  db: Db | Tx,
  data: { insuredId: string; kind: string; filename: string; mimeType: string; size: number; sha256: string; content: Uint8Array; width: number | null; height: number | null; uploadedById: string | null },
): Promise<TUploadMeta> {
  return db.upload.create({ data: { ...data, content: Buffer.from(data.content) }, select: metaSelect })
}

/** Upload metadata of this insured person's file (ownership in the query). */
export async function findUploadOfInsured(db: Db | Tx, insuredId: string, id: string): Promise<TUploadMeta | null> {
  return db.upload.findFirst({ where: { id, insuredId }, select: metaSelect })
}

/** The file itself, for its owner (insuredId) or an advisor of the owner's caisse (organisationId; null = any caisse). */
export async function readUploadContent(db: Db, id: string, scope: { insuredId: string } | { organisationId: string | null }): Promise<(TUploadMeta & { content: Uint8Array }) | null> {
  const where = 'insuredId' in scope ? { id, insuredId: scope.insuredId } : { id, ...(scope.organisationId ? { insured: { organisationId: scope.organisationId } } : {}) }
  const row = await db.upload.findFirst({ where, select: { ...metaSelect, content: true } })
  return row ? { ...row, content: new Uint8Array(row.content) } : null
}
