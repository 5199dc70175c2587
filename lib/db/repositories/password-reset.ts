import type { Db, Tx } from '../client'

/** Forgotten-password codes (PasswordResetCode, issue 13 item 5). */

export type TResetAccount = { id: string; passwordHash: string | null; lockedAt: Date | null; insuredId: string | null }

/** The insured person's account by the 13 digits of the NIR, with what the reset needs. */
export function findResetAccountByNir(db: Db | Tx, nir13: string): Promise<TResetAccount | null> {
  return db.user.findFirst({ where: { role: 'insured', insured: { nir: nir13 } }, select: { id: true, passwordHash: true, lockedAt: true, insuredId: true } })
}

export function countResetCodesSince(db: Db | Tx, userId: string, since: Date): Promise<number> {
  return db.passwordResetCode.count({ where: { userId, createdAt: { gte: since } } })
}

/** A new code; the earlier unused ones stop working (only the latest code is valid). */
export async function storeResetCode(tx: Tx, data: { userId: string; codeHash: string; channel: 'sms' | 'email'; now: Date; expiresAt: Date }): Promise<string> {
  await tx.passwordResetCode.updateMany({ where: { userId: data.userId, usedAt: null }, data: { usedAt: data.now } })
  const r = await tx.passwordResetCode.create({ data: { userId: data.userId, codeHash: data.codeHash, channel: data.channel, createdAt: data.now, expiresAt: data.expiresAt }, select: { id: true } })
  return r.id
}

/** The one code that can still be used: not used, not expired. */
export function findLiveResetCode(db: Db | Tx, userId: string, now: Date): Promise<{ id: string; codeHash: string; attempts: number } | null> {
  return db.passwordResetCode.findFirst({ where: { userId, usedAt: null, expiresAt: { gt: now } }, orderBy: { createdAt: 'desc' }, select: { id: true, codeHash: true, attempts: true } })
}

/** One more wrong try; at `maxAttempts` the code is spent. Returns the tries so far. */
export async function recordWrongResetCode(db: Db | Tx, id: string, maxAttempts: number, now: Date): Promise<number> {
  const r = await db.passwordResetCode.update({ where: { id }, data: { attempts: { increment: 1 } }, select: { attempts: true } })
  if (r.attempts >= maxAttempts) await db.passwordResetCode.update({ where: { id }, data: { usedAt: now } })
  return r.attempts
}

/** Spends the code; false when it was spent meanwhile (single use under a race). */
export async function spendResetCode(tx: Tx, id: string, now: Date): Promise<boolean> {
  const r = await tx.passwordResetCode.updateMany({ where: { id, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } })
  return r.count === 1
}
