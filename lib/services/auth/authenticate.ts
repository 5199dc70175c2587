import 'server-only'
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
import { AppError } from '@/lib/errors'
import { loginLimiter, type TLoginLimiter } from './login-rate-limit'
import { ACCESS_CODE_MAX_ATTEMPTS, looksLikeAccessCode } from './access-code'
import { checkSecondFactor } from './second-factor'

/** Consecutive failures after which an account is locked until an advisor unlocks it or the password is reset. */
export const LOCK_AFTER_FAILURES = 10

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
  now?: Date
  db?: Db
  limiter?: TLoginLimiter
}

/**
 * Checks a sign-in attempt and records it in the audit trail.
 * Errors (AppError codes = i18n keys): validation codes (nir.key, auth.emailInvalid…), auth.temporaryNumber,
 * auth.rateLimited, auth.locked, auth.invalidCredentials (one generic message for unknown account or wrong password),
 * auth.accessCodeExpired, auth.accessCodeTooManyTries.
 * An insured person holding a temporary access code (account activation, or sent by an advisor) may type its 4 digits
 * in the password field: checked against the code's hash; a wrong code counts a try (5 erase it), a right one signs in
 * with mustChangePassword set (the new-password page comes first).
 */
export async function authenticate(input: TAuthenticateInput): Promise<TAuthenticated> {
  const db = input.db ?? getDb()
  const now = input.now ?? new Date()
  const limiter = input.limiter ?? loginLimiter()
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

  const wait = await limiter.consume(input.ip ?? 'unknown', `${input.kind}:${identifier}`)
  if (wait !== null) {
    await writeAudit(db, { actorRole: 'anonymous', action: 'auth.login.failure', outcome: 'denied', ...where, details: { reason: 'rate-limited', account: maskIdentifier(identifier) } })
    throw new AppError('auth.rateLimited', 429, { retryAfterSeconds: wait })
  }

  const user: TLoginUser | null = input.kind === 'insured' ? await findInsuredUserByNir(db, identifier) : await findStaffUserByEmail(db, identifier)

  if (user && input.kind === 'insured' && user.accessCodeHash && looksLikeAccessCode(password) && !user.lockedAt) {
    return signInWithAccessCode(db, user, user.accessCodeHash, password.trim(), { now, where, limiter, identifier })
  }

  if (!user || !user.passwordHash) {
    await verifyPassword(await dummyPasswordHash(), password)
    await writeAudit(db, { actorRole: 'anonymous', action: 'auth.login.failure', outcome: 'failure', ...where, details: { reason: 'unknown-account', account: maskIdentifier(identifier) } })
    throw new AppError('auth.invalidCredentials', 401)
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
    const result = await db.$transaction(async (tx) => {
      const r = await recordLoginFailure(tx, userId, LOCK_AFTER_FAILURES, now)
      await writeAudit(tx, { ...auditBase, action: 'auth.login.failure', outcome: 'failure', details: { reason: 'wrong-password', failures: r.failures } })
      if (r.locked && r.failures === LOCK_AFTER_FAILURES) {
        await writeAudit(tx, { ...auditBase, action: 'auth.account.locked', outcome: 'success', details: { failures: r.failures } })
      }
      return r
    })
    throw new AppError(result.locked ? 'auth.locked' : 'auth.invalidCredentials', result.locked ? 423 : 401)
  }

  // Staff two-factor sign-in (issue 13 item 6): the TOTP code or a recovery code, after a right password.
  if (input.kind === 'staff') await checkSecondFactor(db, { userId: user.id, role, otp: input.credentials.otp, now, where })

  const userId = user.id
  await db.$transaction(async (tx) => {
    await recordLoginSuccess(tx, userId, now)
    await writeAudit(tx, { ...auditBase, action: 'auth.login.success' })
  })
  await limiter.reward(`${input.kind}:${identifier}`)
  return { id: user.id, role, name: user.displayName, sessionVersion: user.sessionVersion, mustChangePassword: user.mustChangePassword }
}

async function signInWithAccessCode(
  db: Db,
  user: TLoginUser,
  codeHash: string,
  code: string,
  ctx: { now: Date; where: { ip: string | null; userAgent: string | null }; limiter: TLoginLimiter; identifier: string },
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
    const r = await db.$transaction(async (tx) => {
      const result = await recordAccessCodeFailure(tx, userId, ACCESS_CODE_MAX_ATTEMPTS)
      await writeAudit(tx, { ...auditBase, action: 'auth.login.failure', outcome: 'failure', details: { reason: 'wrong-access-code', attempts: result.attempts, invalidated: result.invalidated } })
      return result
    })
    throw new AppError(r.invalidated ? 'auth.accessCodeTooManyTries' : 'auth.invalidCredentials', 401)
  }
  const userId = user.id
  await db.$transaction(async (tx) => {
    await recordAccessCodeSuccess(tx, userId, ctx.now)
    await writeAudit(tx, { ...auditBase, action: 'auth.login.access-code' })
  })
  await ctx.limiter.reward(`insured:${ctx.identifier}`)
  return { id: user.id, role, name: user.displayName, sessionVersion: user.sessionVersion, mustChangePassword: true }
}

/** Keeps enough of an identifier to investigate, not enough to reuse: "1850575…23" / "j…@cpam-paris.fr". */
export function maskIdentifier(identifier: string): string {
  const at = identifier.indexOf('@')
  if (at > 0) return `${identifier[0]}…${identifier.slice(at)}`
  return identifier.length > 9 ? `${identifier.slice(0, 7)}…${identifier.slice(-2)}` : '…'
}
