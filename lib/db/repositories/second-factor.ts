import type { Db, Tx } from '../client'

/** Staff two-factor sign-in: the TOTP secret on the user and the single-use recovery codes (issue 13 item 6). */

export type TSecondFactorState = { id: string; email: string | null; role: string; totpSecret: string | null; totpEnabledAt: Date | null }

export function findSecondFactorState(db: Db | Tx, userId: string): Promise<TSecondFactorState | null> {
  return db.user.findUnique({ where: { id: userId }, select: { id: true, email: true, role: true, totpSecret: true, totpEnabledAt: true } })
}

/** A new secret waiting for its first code (enrolment); only while two-factor sign-in is not yet on. */
export async function storePendingTotpSecret(db: Db | Tx, userId: string, secret: string): Promise<void> {
  await db.user.updateMany({ where: { id: userId, totpEnabledAt: null }, data: { totpSecret: secret } })
}

export async function enableTotp(tx: Tx, userId: string, now: Date): Promise<void> {
  await tx.user.update({ where: { id: userId }, data: { totpEnabledAt: now } })
}

export async function replaceRecoveryCodes(tx: Tx, userId: string, hashes: string[], now: Date): Promise<void> {
  await tx.recoveryCode.deleteMany({ where: { userId } })
  await tx.recoveryCode.createMany({ data: hashes.map((codeHash) => ({ userId, codeHash, createdAt: now })) })
}

export function listUnusedRecoveryCodes(db: Db | Tx, userId: string): Promise<{ id: string; codeHash: string }[]> {
  return db.recoveryCode.findMany({ where: { userId, usedAt: null }, select: { id: true, codeHash: true } })
}

/** Marks a recovery code used; false when another request used it first (single use even under a race). */
export async function useRecoveryCode(tx: Tx, id: string, now: Date): Promise<boolean> {
  const r = await tx.recoveryCode.updateMany({ where: { id, usedAt: null }, data: { usedAt: now } })
  return r.count === 1
}
