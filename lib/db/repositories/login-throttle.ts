import type { Db, Tx } from '../client'

/** One sign-in failure counter (ADR 0004): an address or an account. */
export type TThrottleRow = { key: string; failures: number; windowStart: Date; lastFailureAt: Date | null; lockedUntil: Date | null; lockCount: number }

const select = { key: true, failures: true, windowStart: true, lastFailureAt: true, lockedUntil: true, lockCount: true } as const

export function findThrottles(db: Db | Tx, keys: string[]): Promise<TThrottleRow[]> {
  return db.loginThrottle.findMany({ where: { key: { in: keys } }, select })
}

/** Starts a new counting window (no failures) when the current one began before `staleBefore`. */
export async function restartStaleWindow(tx: Tx, key: string, staleBefore: Date, now: Date): Promise<void> {
  await tx.loginThrottle.updateMany({ where: { key, windowStart: { lt: staleBefore } }, data: { failures: 0, windowStart: now } })
}

/** A new run of failures for an account: no failures, no lock; the lock count is kept unless `forgetLocks`. */
export async function restartRun(tx: Tx, key: string, now: Date, forgetLocks: boolean): Promise<void> {
  await tx.loginThrottle.updateMany({ where: { key }, data: { failures: 0, windowStart: now, lockedUntil: null, ...(forgetLocks ? { lockCount: 0 } : {}) } })
}

/** Counts one failure (atomic increment, so concurrent attempts are all counted). */
export function countFailure(tx: Tx, key: string, now: Date): Promise<TThrottleRow> {
  return tx.loginThrottle.upsert({
    where: { key },
    create: { key, failures: 1, windowStart: now, lastFailureAt: now },
    update: { failures: { increment: 1 }, lastFailureAt: now },
    select,
  })
}

/**
 * Locks the account until `until` if it has reached `lockAfter` failures (and is not locked already): the run
 * starts again from zero and the lock count grows by one. Returns whether this call started the lock.
 */
export async function startTemporaryLock(tx: Tx, key: string, lockAfter: number, until: Date, now: Date): Promise<boolean> {
  const r = await tx.loginThrottle.updateMany({
    where: { key, failures: { gte: lockAfter }, OR: [{ lockedUntil: null }, { lockedUntil: { lte: now } }] },
    data: { failures: 0, windowStart: now, lockedUntil: until, lockCount: { increment: 1 } },
  })
  return r.count > 0
}

export async function forgetThrottle(db: Db | Tx, key: string): Promise<void> {
  await db.loginThrottle.deleteMany({ where: { key } })
}

/** Contacts and language of an account, for the "your account is locked for a while" notice. */
export async function findAccountContacts(db: Db | Tx, userId: string): Promise<{ insuredId: string | null; email: string | null; phone: string | null; locale: string } | null> {
  const u = await db.user.findUnique({ where: { id: userId }, select: { email: true, insuredId: true, insured: { select: { email: true, phone: true, preferredLocale: true } } } })
  if (!u) return null
  return { insuredId: u.insuredId, email: u.insured ? u.insured.email : u.email, phone: u.insured?.phone ?? null, locale: u.insured?.preferredLocale ?? 'fr' }
}
