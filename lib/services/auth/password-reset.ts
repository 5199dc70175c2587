import 'server-only'
import { createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto'
import { ZodError } from 'zod'
import { getDb, type Db } from '@/lib/db/client'
import { writeAudit } from '@/lib/db/repositories/audit'
import { queueOutboxMessages } from '@/lib/db/repositories/outbox'
import { findInsuredFacts } from '@/lib/db/repositories/people'
import {
  countResetCodesSince,
  findLiveResetCode,
  findResetAccountByNir,
  recordWrongResetCode,
  spendResetCode,
  storeResetCode,
} from '@/lib/db/repositories/password-reset'
import { setPasswordAfterCode } from '@/lib/db/repositories/users'
import { dummyPasswordHash, hashPassword, verifyPassword } from '@/lib/auth/password'
import { env } from '@/lib/env'
import { AppError } from '@/lib/errors'
import { firstPasswordSchema } from '@/lib/schemas/activation'
import { ZPasswordResetConfirm, ZPasswordResetRequest } from '@/lib/schemas/password-reset'
import { renderMessage } from '../procedures/common'
import { maskIdentifier } from './authenticate'
import type { TLoginLimiter } from './login-rate-limit'
import { passwordResetLimiter } from './password-reset-rate-limit'
import { revokeAllSessions } from './sessions'

/**
 * Forgotten password, self-service (issue 13 item 5), as the real ameli offers it:
 * 1. requestPasswordReset: NIR + birth date → when they match an insured account with a password, a 6-digit code goes
 *    to the phone on file (SMS) or else the e-mail address (outbox). The answer is always the same `{ sent: true }`,
 *    whether the NIR exists or not. Limits: 20 requests per address and 5 per NIR an hour (429), and at most
 *    3 codes per account an hour (kept in the database; beyond, nothing is sent, same answer).
 * 2. resetPassword: NIR + code + new password → the code (hashed at rest, 15 minutes, single use, 5 wrong tries) is
 *    spent, the password set (same policy and argon2id hash as the first password), every session of the account
 *    revoked and the session version bumped, an e-mail notice queued. Unknown NIR, wrong, expired or used code: one
 *    message (security.errors.codeInvalid, 422).
 * Every step is audited (auth.password-reset.request / .failure / .done) with the address.
 */
export const RESET_CODE_MINUTES = 15
export const RESET_CODE_MAX_TRIES = 5
export const RESET_CODES_PER_HOUR = 3
export const RESET_SMS_TEMPLATE = 'security.messages.resetSms'
export const RESET_EMAIL_TEMPLATE = 'security.messages.resetEmail'

export type TResetOutcome = 'code-sent' | 'unknown-nir' | 'identity-mismatch' | 'no-password' | 'locked' | 'no-contact' | 'too-many-codes'

type TContext = { ip?: string | null; userAgent?: string | null; now: Date; db?: Db; limiter?: TLoginLimiter }

function hashCode(code: string, userId: string, salt = randomBytes(12).toString('base64url')): string {
  return `${salt}:${createHmac('sha256', `${env().NEXTAUTH_SECRET}:${salt}`).update(`password-reset:${userId}:${code}`).digest('hex')}`
}

function codeMatches(stored: string, code: string, userId: string): boolean {
  const [salt] = stored.split(':')
  const a = Buffer.from(hashCode(code, userId, salt ?? ''))
  const b = Buffer.from(stored)
  return a.length === b.length && timingSafeEqual(a, b)
}

export async function requestPasswordReset({ input, ...ctx }: { input: unknown } & TContext): Promise<{ sent: true }> {
  const db = ctx.db ?? getDb()
  const now = ctx.now
  const where = { ip: ctx.ip ?? null, userAgent: ctx.userAgent ?? null }
  const data = ZPasswordResetRequest.parse(input)
  const masked = maskIdentifier(data.nir)
  const wait = await (ctx.limiter ?? passwordResetLimiter()).consume(ctx.ip ?? 'unknown', `request:${data.nir}`)
  if (wait !== null) {
    await writeAudit(db, { actorRole: 'anonymous', action: 'auth.password-reset.request', outcome: 'denied', ...where, details: { outcome: 'rate-limited', nir: masked } })
    throw new AppError('security.errors.rateLimited', 429, { retryAfterSeconds: wait })
  }

  const account = await findResetAccountByNir(db, data.nir)
  const insured = account?.insuredId ? await findInsuredFacts(db, account.insuredId) : null
  let outcome: TResetOutcome
  if (!account || !insured) outcome = 'unknown-nir'
  else if (insured.birthDate !== data.birthDate) outcome = 'identity-mismatch'
  else if (!account.passwordHash) outcome = 'no-password'
  else if (account.lockedAt) outcome = 'locked'
  else if (!insured.phone && !insured.email) outcome = 'no-contact'
  else if ((await countResetCodesSince(db, account.id, new Date(now.getTime() - 3_600_000))) >= RESET_CODES_PER_HOUR) outcome = 'too-many-codes'
  else outcome = 'code-sent'

  const audit = { actorRole: 'anonymous' as const, action: 'auth.password-reset.request', ...where, insuredId: insured && outcome !== 'unknown-nir' ? insured.id : null }
  if (outcome !== 'code-sent' || !account || !insured) {
    // Same work as a real request (one argon2 verification), so that the answer time says nothing either.
    await verifyPassword(await dummyPasswordHash(), '000000')
    await writeAudit(db, { ...audit, outcome: 'failure', details: { outcome, nir: masked } })
    return { sent: true }
  }
  await verifyPassword(await dummyPasswordHash(), '000000')
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0')
  const channel: 'sms' | 'email' = insured.phone ? 'sms' : 'email'
  const locale = insured.preferredLocale === 'en' ? 'en' : 'fr'
  const expiresAt = new Date(now.getTime() + RESET_CODE_MINUTES * 60_000)
  const params = { code, minutes: RESET_CODE_MINUTES }
  await db.$transaction(async (tx) => {
    await storeResetCode(tx, { userId: account.id, codeHash: hashCode(code, account.id), channel, now, expiresAt })
    await queueOutboxMessages(tx, [
      channel === 'sms'
        ? { channel, recipient: insured.phone!, insuredId: insured.id, userId: account.id, template: RESET_SMS_TEMPLATE, subject: null, body: renderMessage(locale, RESET_SMS_TEMPLATE, params), locale }
        : {
            channel,
            recipient: insured.email!,
            insuredId: insured.id,
            userId: account.id,
            template: RESET_EMAIL_TEMPLATE,
            subject: renderMessage(locale, 'security.messages.resetEmailSubject'),
            body: renderMessage(locale, RESET_EMAIL_TEMPLATE, params),
            locale,
          },
    ])
    await writeAudit(tx, { ...audit, targetType: 'user', targetId: account.id, outcome: 'success', details: { outcome, nir: masked, channel, expiresAt: expiresAt.toISOString() } })
  })
  return { sent: true }
}

export async function resetPassword({ input, ...ctx }: { input: unknown } & TContext): Promise<{ sessionsRevoked: number }> {
  const db = ctx.db ?? getDb()
  const now = ctx.now
  const where = { ip: ctx.ip ?? null, userAgent: ctx.userAgent ?? null }
  const data = ZPasswordResetConfirm.parse(input)
  const masked = maskIdentifier(data.nir)
  const wait = await (ctx.limiter ?? passwordResetLimiter()).consume(ctx.ip ?? 'unknown', `confirm:${data.nir}`)
  if (wait !== null) {
    await writeAudit(db, { actorRole: 'anonymous', action: 'auth.password-reset.failure', outcome: 'denied', ...where, details: { reason: 'rate-limited', nir: masked } })
    throw new AppError('security.errors.rateLimited', 429, { retryAfterSeconds: wait })
  }
  const account = await findResetAccountByNir(db, data.nir)
  const live = account ? await findLiveResetCode(db, account.id, now) : null
  const refuse = async (reason: string, extra: Record<string, unknown> = {}) => {
    await writeAudit(db, {
      actorRole: 'anonymous',
      action: 'auth.password-reset.failure',
      outcome: 'failure',
      ...where,
      insuredId: account?.insuredId ?? null,
      ...(account ? { targetType: 'user', targetId: account.id } : {}),
      details: { reason, nir: masked, ...extra },
    })
    return new AppError('security.errors.codeInvalid', 422)
  }
  if (!account || !live || !account.insuredId) throw await refuse(account ? 'no-live-code' : 'unknown-nir')
  if (!codeMatches(live.codeHash, data.code, account.id)) {
    const tries = await recordWrongResetCode(db, live.id, RESET_CODE_MAX_TRIES, now)
    throw await refuse('wrong-code', { tries })
  }
  // The code is right: the password policy is checked before the code is spent (a weak password does not burn it).
  const insured = await findInsuredFacts(db, account.insuredId)
  if (!insured) throw await refuse('no-file')
  const policy = firstPasswordSchema({ nir: insured.nir, birthDate: insured.birthDate }).safeParse({ password: data.password, confirmation: data.confirmation })
  if (!policy.success) throw new ZodError(policy.error.issues)
  const hash = await hashPassword(policy.data.password)
  const locale = insured.preferredLocale === 'en' ? 'en' : 'fr'
  const userId = account.id
  return db.$transaction(async (tx) => {
    if (!(await spendResetCode(tx, live.id, now))) throw new AppError('security.errors.codeInvalid', 422)
    await setPasswordAfterCode(tx, userId, hash)
    const sessionsRevoked = await revokeAllSessions(tx, { userId, now })
    await writeAudit(tx, { actorUserId: userId, actorRole: 'insured', action: 'auth.password-reset.done', targetType: 'user', targetId: userId, insuredId: insured.id, ...where, details: { sessionsRevoked } })
    if (insured.email) {
      await queueOutboxMessages(tx, [
        {
          channel: 'email',
          recipient: insured.email,
          insuredId: insured.id,
          userId,
          template: 'security.messages.changedEmail',
          subject: renderMessage(locale, 'security.messages.changedEmailSubject'),
          body: renderMessage(locale, 'security.messages.changedEmail'),
          locale,
        },
      ])
    }
    return { sessionsRevoked }
  })
}
