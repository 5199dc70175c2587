import type { Db, Tx } from '../client'

export type TPendingContactChange = { id: string; channel: string; newValue: string; codeHash: string; expiresAt: Date; attempts: number; createdAt: Date }
const select = { id: true, channel: true, newValue: true, codeHash: true, expiresAt: true, attempts: true, createdAt: true } as const

export async function findPendingContactChange(db: Db | Tx, insuredId: string, channel: string): Promise<TPendingContactChange | null> {
  return db.pendingContactChange.findUnique({ where: { insuredId_channel: { insuredId, channel } }, select })
}

export async function listPendingContactChanges(db: Db, insuredId: string): Promise<Pick<TPendingContactChange, 'channel' | 'newValue' | 'expiresAt'>[]> {
  return db.pendingContactChange.findMany({ where: { insuredId }, select: { channel: true, newValue: true, expiresAt: true } })
}

/** One pending change per person and channel: a new request replaces the previous code (tries start again). */
export async function upsertPendingContactChange(tx: Tx, data: { insuredId: string; userId: string; channel: string; newValue: string; codeHash: string; expiresAt: Date; createdAt: Date }): Promise<void> {
  const { insuredId, channel, ...rest } = data
  await tx.pendingContactChange.upsert({ where: { insuredId_channel: { insuredId, channel } }, create: data, update: { ...rest, attempts: 0 } })
}

/** Counts one wrong try; returns the tries used. */
export async function countWrongContactCode(db: Db | Tx, id: string): Promise<number> {
  const row = await db.pendingContactChange.update({ where: { id }, data: { attempts: { increment: 1 } }, select: { attempts: true } })
  return row.attempts
}

export async function deletePendingContactChange(db: Db | Tx, id: string): Promise<void> {
  await db.pendingContactChange.deleteMany({ where: { id } })
}

export async function findContactOf(db: Db | Tx, insuredId: string): Promise<{ email: string | null; phone: string | null; preferredLocale: string } | null> {
  return db.insured.findUnique({ where: { id: insuredId }, select: { email: true, phone: true, preferredLocale: true } })
}

export async function setContact(tx: Tx, insuredId: string, channel: 'email' | 'phone', value: string): Promise<void> {
  await tx.insured.update({ where: { id: insuredId }, data: channel === 'email' ? { email: value } : { phone: value } })
}
