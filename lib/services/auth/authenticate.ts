import 'server-only'
import { countSignInFailure, countSignInLock } from '@/lib/observability/metrics'
import { getDb, type Db } from '@/lib/db/client'
import { writeAudit } from '@/lib/db/repositories/audit'
import {
  findInsuredUserByNir,
  findStaffUserByEmail,
  recordAccessCodeFailure,
  recordAccessCodeSuccess,
  recordLoginFailure,
  recordLoginSuccess,
  type TLoginUser,
} from '@/lib/db/repositories/users'
import { dummyPasswordHash, verifyPassword } from '@/lib/auth/password'
import { ZInsuredLogin, ZStaffLogin } from '@/lib/schemas/auth'
import { AppError, isAppError } from '@/lib/errors'
import { signInThrottle, type TFailureOutcome, type TSignInThrottle, type TThrottleWait } from './sign-in-throttle'
import { notifyTemporaryLock } from './notify-temporary-lock'
import { ACCESS_CODE_MAX_ATTEMPTS, looksLikeAccessCode } from './access-code'
import { checkSecondFactor } from './second-factor'

export type TAuthenticated = {
  id: string
  role: 'insured' | 'advisor' | 'supervisor'
  name: string
  sessionVersion: number
  mustChangePassword: boolean
}

type TAuthenticateInput = {
  kind: 'insured' | 'staff'
  credentials: Record<string, unknown>
  ip: string | null
  userAgent: string | null
  now: Date
  db?: Db
  limiter?: TSignInThrottle
}

/** A failed attempt: counted by the throttle (database) and in the metrics (failures, locks started). */
async function recordFailure(limiter: TSignInThrottle, throttle: Parameters<TSignInThrottle['recordFailure']>[0], kind: 'insured' | 'staff') {
  const outcome = await limiter.recordFailure(throttle)
  countSignInFailure(kind)
  if (outcome.lockStarted) countSignInLock()
  return outcome
}

/**
 * Checks a sign-in attempt and records it in the audit trail.
 * Errors (AppError codes = i18n keys): validation codes (nir.key, auth.emailInvalid…), auth.temporaryNumber,
 * auth.rateLimited (too many failures from this address), auth.slowDown (progressive delay of the account),
 * auth.temporarilyLocked (the account's temporary lock; all three carry retryAfterSeconds), auth.locked (locked by an
 * advisor), auth.invalidCredentials (one generic message for unknown account or wrong password),
 * auth.accessCodeExpired, auth.accessCodeTooManyTries.
 * Limits (ADR 0004, sign-in-throttle.ts): only failures count, per address and per account; wrong passwords start a
 * temporary lock (with an e-mail/SMS to the person), never a permanent one.
 * An insured person holding a temporary access code (account activation, or sent by an advisor) may type its 4 digits
 * in the password field: checked against the code's hash; a wrong code counts a try (5 erase it), a right one signs in
 * with mustChangePassword set (the new-password page comes first).
 */
export async function authenticate(input: TAuthenticateInput): Promise<TAuthenticated> {
  const db = input.db ?? getDb()
  const now = input.now
  const limiter = input.limiter ?? signInThrottle()
  const where = { ip: input.ip, userAgent: input.userAgent }

  let identifier: string
  let password: string
  if (input.kind === 'insured') {
    const parsed = ZInsuredLogin.safeParse(input.credentials)
    if (!parsed.success) throw new AppError(parsed.error.issues[0]?.message ?? 'auth.invalidCredentials', 400)
    const { nir } = parsed.data
    identifier = nir.nir
    password = parsed.data.password
    if (nir.kind === 'temporary') {
      await writeAudit(db, { actorRole: 'anonymous', action: 'auth.login.failure', outcome: 'failure', ...where, details: { reason: 'temporary-number', nir: maskIdentifier(identifier) } })
      throw new AppError('auth.temporaryNumber', 403)
    }
  } else {
    const parsed = ZStaffLogin.safeParse(input.credentials)
    if (!parsed.success) throw new AppError(parsed.error.issues[0]?.message ?? 'auth.invalidCredentials', 400)
    identifier = parsed.data.email
    password = parsed.data.password
  }

  const throttle = { ip: input.ip ?? 'unknown', account: `${input.kind}:${identifier}`, now }
  const wait = await limiter.check(throttle)
  if (wait !== null) {
    await writeAudit(db, { actorRole: 'anonymous', action: 'auth.login.failure', outcome: 'denied', ...where, details: { reason: 'rate-limited', limit: wait.reason, retryAfterSeconds: wait.retryAfterSeconds, account: maskIdentifier(identifier) } })
    throw throttledError(wait)
  }

  const user: TLoginUser | null = input.kind === 'insured' ? await findInsuredUserByNir(db, identifier) : await findStaffUserByEmail(db, identifier)

  if (user && input.kind === 'insured' && user.accessCodeHash && looksLikeAccessCode(password) && !user.lockedAt) {
    return signInWithAccessCode(db, user, user.accessCodeHash, password.trim(), { now, where, limiter, throttle })
  }

  if (!user || !user.passwordHash) {
    await verifyPassword(await dummyPasswordHash(), password)
    const r = await recordFailure(limiter, throttle, input.kind)
    await writeAudit(db, { actorRole: 'anonymous', action: 'auth.login.failure', outcome: 'failure', ...where, details: { reason: 'unknown-account', account: maskIdentifier(identifier) } })
    throw failureError(r)
  }
  const role = user.role as TAuthenticated['role']
  const auditBase = { actorUserId: user.id, actorRole: role, insuredId: user.insuredId, targetType: 'user', targetId: user.id, ...where } as const

  if (user.lockedAt) {
    await writeAudit(db, { ...auditBase, action: 'auth.login.failure', outcome: 'denied', details: { reason: 'locked' } })
    throw new AppError('auth.locked', 423)
  }

  const valid = await verifyPassword(user.passwordHash, password)
  if (!valid) {
    const userId = user.id
    const r = await recordFailure(limiter, throttle, input.kind)
    await db.$transaction(async (tx) => {
      const failures = await recordLoginFailure(tx, userId)
      await writeAudit(tx, { ...auditBase, action: 'auth.login.failure', outcome: 'failure', details: { reason: 'wrong-password', failures } })
      if (r.lockStarted) await notifyTemporaryLock(tx, { userId, auditBase, outcome: r })
    })
    throw failureError(r)
  }

  // Staff two-factor sign-in (issue 13 item 6): the TOTP code or a recovery code, after a right password.
  // A wrong code after a right password is a failure like a wrong password (the throttle counts it: guessing the
  // 6 digits meets the same per-account delays and temporary lock); a missing code only asks for it.
  if (input.kind === 'staff') {
    try {
      await checkSecondFactor(db, { userId: user.id, role, otp: input.credentials.otp, now, where })
    } catch (error) {
      if (isAppError(error) && error.code === 'auth.otpInvalid') {
        const r = await recordFailure(limiter, throttle, input.kind)
        if (r.lockStarted) await db.$transaction((tx) => notifyTemporaryLock(tx, { userId: user.id, auditBase, outcome: r }))
      }
      throw error
    }
  }

  const userId = user.id
  await db.$transaction(async (tx) => {
    await recordLoginSuccess(tx, userId, now)
    await writeAudit(tx, { ...auditBase, action: 'auth.login.success' })
  })
  await limiter.recordSuccess(throttle)
  return { id: user.id, role, name: user.displayName, sessionVersion: user.sessionVersion, mustChangePassword: user.mustChangePassword }
}

async function signInWithAccessCode(
  db: Db,
  user: TLoginUser,
  codeHash: string,
  code: string,
  ctx: { now: Date; where: { ip: string | null; userAgent: string | null }; limiter: TSignInThrottle; throttle: { ip: string; account: string; now: Date } },
): Promise<TAuthenticated> {
  const role = user.role as TAuthenticated['role']
  const auditBase = { actorUserId: user.id, actorRole: role, insuredId: user.insuredId, targetType: 'user', targetId: user.id, ...ctx.where } as const
  const valid = await verifyPassword(codeHash, code)
  if (user.accessCodeExpiresAt && user.accessCodeExpiresAt.getTime() <= ctx.now.getTime()) {
    await writeAudit(db, { ...auditBase, action: 'auth.login.failure', outcome: 'failure', details: { reason: 'access-code-expired' } })
    throw new AppError('auth.accessCodeExpired', 401)
  }
  if (!valid) {
    const userId = user.id
    const throttled = await recordFailure(ctx.limiter, ctx.throttle, 'insured')
    const r = await db.$transaction(async (tx) => {
      const result = await recordAccessCodeFailure(tx, userId, ACCESS_CODE_MAX_ATTEMPTS)
      await writeAudit(tx, { ...auditBase, action: 'auth.login.failure', outcome: 'failure', details: { reason: 'wrong-access-code', attempts: result.attempts, invalidated: result.invalidated } })
      if (throttled.lockStarted) await notifyTemporaryLock(tx, { userId, auditBase, outcome: throttled })
      return result
    })
    if (r.invalidated) throw new AppError('auth.accessCodeTooManyTries', 401)
    throw failureError(throttled)
  }
  const userId = user.id
  await db.$transaction(async (tx) => {
    await recordAccessCodeSuccess(tx, userId, ctx.now)
    await writeAudit(tx, { ...auditBase, action: 'auth.login.access-code' })
  })
  await ctx.limiter.recordSuccess(ctx.throttle)
  return { id: user.id, role, name: user.displayName, sessionVersion: user.sessionVersion, mustChangePassword: true }
}

/** The refusal of a held-back attempt (429, with the wait the sign-in page shows). */
function throttledError(wait: TThrottleWait): AppError {
  const code = wait.reason === 'address' ? 'auth.rateLimited' : wait.reason === 'account-delay' ? 'auth.slowDown' : 'auth.temporarilyLocked'
  return new AppError(code, 429, { retryAfterSeconds: wait.retryAfterSeconds })
}

/** A failed attempt: the generic message, or the temporary lock it has just started. */
function failureError(outcome: TFailureOutcome): AppError {
  if (outcome.lockStarted && outcome.lockMinutes !== null) return new AppError('auth.temporarilyLocked', 429, { retryAfterSeconds: outcome.lockMinutes * 60 })
  return new AppError('auth.invalidCredentials', 401)
}

/** Keeps enough of an identifier to investigate, not enough to reuse: "1850575…23" / "j…@cpam-paris.fr". */
export function maskIdentifier(identifier: string): string {
  const at = identifier.indexOf('@')
  if (at > 0) return `${identifier[0]}…${identifier.slice(at)}`
  return identifier.length > 9 ? `${identifier.slice(0, 7)}…${identifier.slice(-2)}` : '…'
}
