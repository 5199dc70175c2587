import type { Db, Tx } from '../client'

export type TLoginUser = {
  id: string
  role: string
  displayName: string
  passwordHash: string | null
  failedLoginCount: number
  lockedAt: Date | null
  sessionVersion: number
  insuredId: string | null
  mustChangePassword: boolean
  accessCodeHash: string | null
  accessCodeExpiresAt: Date | null
  accessCodeAttempts: number
}

const loginSelect = {
  id: true,
  role: true,
  displayName: true,
  passwordHash: true,
  failedLoginCount: true,
  lockedAt: true,
  sessionVersion: true,
  insuredId: true,
  mustChangePassword: true,
  accessCodeHash: true,
  accessCodeExpiresAt: true,
  accessCodeAttempts: true,
} as const

/** The account of an insured person, by the 13 characters of the NIR. */
export function findInsuredUserByNir(db: Db, nir13: string): Promise<TLoginUser | null> {
  return db.user.findFirst({ where: { role: 'insured', insured: { nir: nir13 } }, select: loginSelect })
}

/** An advisor's or supervisor's account, by e-mail (stored lower-case). */
export function findStaffUserByEmail(db: Db, email: string): Promise<TLoginUser | null> {
  return db.user.findFirst({ where: { email, role: { in: ['advisor', 'supervisor'] } }, select: loginSelect })
}

/**
 * Counts a wrong password (shown to advisors; reset by a successful sign-in). It never locks the account: temporary
 * locks are the sign-in throttle's (LoginThrottle), a lasting lock is an advisor's decision (ADR 0004).
 */
export async function recordLoginFailure(tx: Tx, userId: string): Promise<number> {
  const user = await tx.user.update({ where: { id: userId }, data: { failedLoginCount: { increment: 1 } }, select: { failedLoginCount: true } })
  return user.failedLoginCount
}

export async function recordLoginSuccess(tx: Tx, userId: string, now: Date): Promise<void> {
  await tx.user.update({ where: { id: userId }, data: { failedLoginCount: 0, lastLoginAt: now } })
}

export type TSessionUser = {
  id: string
  role: 'insured' | 'advisor' | 'supervisor'
  displayName: string
  insuredId: string | null
  organisationId: string | null
  sessionVersion: number
  locked: boolean
  /** True after a sign-in with a temporary access code: every insured page sends the person to set a password. */
  mustChangePassword: boolean
  /** Staff: two-factor sign-in (TOTP) is set up; until it is, the back-office sends them to enrol. */
  totpEnabled?: boolean
  /** The server-side session id (AuthSession) of the current request, when known. */
  sessionId?: string
}

/** What every guarded page needs to know about the signed-in user (checked on each request). */
export async function findSessionUser(db: Db, userId: string): Promise<TSessionUser | null> {
  const u = await db.user.findUnique({
    where: { id: userId },
    select: { id: true, role: true, displayName: true, insuredId: true, organisationId: true, sessionVersion: true, lockedAt: true, mustChangePassword: true },
  })
  if (!u) return null
  if (u.role !== 'insured' && u.role !== 'advisor' && u.role !== 'supervisor') return null
  return { id: u.id, role: u.role, displayName: u.displayName, insuredId: u.insuredId, organisationId: u.organisationId, sessionVersion: u.sessionVersion, locked: u.lockedAt !== null, mustChangePassword: u.mustChangePassword }
}

/** "Sign out everywhere": every session issued before now stops working. */
export async function bumpSessionVersion(tx: Tx, userId: string): Promise<void> {
  await tx.user.update({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } })
}

export async function unlockUser(tx: Tx, userId: string): Promise<{ insuredId: string | null } | null> {
  const u = await tx.user.findUnique({ where: { id: userId }, select: { insuredId: true } })
  if (!u) return null
  await tx.user.update({ where: { id: userId }, data: { lockedAt: null, lockedReason: null, failedLoginCount: 0 } })
  return u
}

/**
 * An insured person's account the actor may manage: any for a supervisor (organisationId null), else only
 * one whose file is at the actor's caisse. Ownership is part of the query.
 */
export async function findInsuredUserInScope(db: Db, userId: string, organisationId: string | null): Promise<{ id: string } | null> {
  return db.user.findFirst({
    where: { id: userId, role: 'insured', ...(organisationId === null ? {} : { insured: { organisationId } }) },
    select: { id: true },
  })
}

/** A wrong temporary access code: one more try counted; at `maxAttempts` the code is erased (a new one must be asked for). */
export async function recordAccessCodeFailure(tx: Tx, userId: string, maxAttempts: number): Promise<{ attempts: number; invalidated: boolean }> {
  const u = await tx.user.update({ where: { id: userId }, data: { accessCodeAttempts: { increment: 1 } }, select: { accessCodeAttempts: true } })
  if (u.accessCodeAttempts >= maxAttempts) {
    await tx.user.update({ where: { id: userId }, data: { accessCodeHash: null, accessCodeExpiresAt: null } })
    return { attempts: u.accessCodeAttempts, invalidated: true }
  }
  return { attempts: u.accessCodeAttempts, invalidated: false }
}

/** A sign-in with the temporary access code: the person must choose a password before anything else. */
export async function recordAccessCodeSuccess(tx: Tx, userId: string, now: Date): Promise<void> {
  await tx.user.update({ where: { id: userId }, data: { failedLoginCount: 0, lastLoginAt: now, mustChangePassword: true } })
}

export type TAccountState = { id: string; hasPassword: boolean; locked: boolean; mustChangePassword: boolean; sessionVersion: number; insuredId: string | null }

/** The insured person's account (at most one), or null when none was ever created. */
export async function findAccountStateOfInsured(db: Db | Tx, insuredId: string): Promise<TAccountState | null> {
  const u = await db.user.findFirst({ where: { insuredId, role: 'insured' }, select: { id: true, passwordHash: true, lockedAt: true, mustChangePassword: true, sessionVersion: true, insuredId: true } })
  return u ? { id: u.id, hasPassword: u.passwordHash !== null, locked: u.lockedAt !== null, mustChangePassword: u.mustChangePassword, sessionVersion: u.sessionVersion, insuredId: u.insuredId } : null
}

/** The account of an insured person opened at activation: no password yet, a new password required at first sign-in. */
export async function createInsuredAccount(tx: Tx, insuredId: string, displayName: string): Promise<{ id: string }> {
  return tx.user.create({ data: { role: 'insured', insuredId, displayName, passwordHash: null, mustChangePassword: true }, select: { id: true } })
}

/** Stores a temporary access code (its hash only), replacing any previous one, with a fresh counter of wrong tries. */
export async function storeAccessCodeHash(tx: Tx, userId: string, hash: string, expiresAt: Date): Promise<void> {
  await tx.user.update({ where: { id: userId }, data: { accessCodeHash: hash, accessCodeExpiresAt: expiresAt, accessCodeAttempts: 0 } })
}

/** The password chosen after a code sign-in: the code is erased, other sessions end (sessionVersion + 1). */
export async function setPasswordAfterCode(tx: Tx, userId: string, passwordHash: string): Promise<{ sessionVersion: number }> {
  return tx.user.update({
    where: { id: userId },
    data: { passwordHash, mustChangePassword: false, accessCodeHash: null, accessCodeExpiresAt: null, accessCodeAttempts: 0, failedLoginCount: 0, sessionVersion: { increment: 1 } },
    select: { sessionVersion: true },
  })
}
