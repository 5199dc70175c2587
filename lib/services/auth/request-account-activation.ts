import 'server-only'
import { getDb, type Db } from '@/lib/db/client'
import { writeAudit } from '@/lib/db/repositories/audit'
import { findInsuredByNir, findInsuredFacts } from '@/lib/db/repositories/people'
import { findAccountStateOfInsured } from '@/lib/db/repositories/users'
import { dummyPasswordHash, verifyPassword } from '@/lib/auth/password'
import { AppError } from '@/lib/errors'
import { ZAccountActivationRequest } from '@/lib/schemas/activation'
import { ensureInsuredAccount, prepareAccessCode, storeAndTextAccessCode } from './access-code'
import { activationLimiter } from './activation-rate-limit'
import type { TLoginLimiter } from './login-rate-limit'
import { maskIdentifier } from './authenticate'

/** What the audit records about a request (never shown to the visitor: the answer is the same for all but "code-sent"). */
export type TActivationOutcome = 'code-sent' | 'unknown-nir' | 'identity-mismatch' | 'already-activated' | 'locked' | 'no-phone'

export const ACTIVATION_SMS_TEMPLATE = 'activation.sms.code'

type TInput = { input: unknown; ip?: string | null; userAgent?: string | null; now: Date; db?: Db; limiter?: TLoginLimiter }

/**
 * "Créer mon compte ameli" (seed 003): NIR with its key, birth date and the postal code of the address on file.
 * - a temporary number (7/8) → 422 activation.errors.temporaryNumber (the seed's "Votre situation actuelle ne vous
 *   permet pas de créer immédiatement votre compte ameli"): the number's shape says it, no file is looked up;
 * - rate limit per IP and per NIR → 429 activation.errors.rateLimited;
 * - otherwise always the same answer `{ sent: true }`, whether the details match or not (the page says "if the details
 *   match, a code has been sent"); only when they match a permanent-number person whose account has no password yet
 *   is the account created if needed and a 4-digit code texted (hash + expiry stored, SMS in the outbox), in one
 *   transaction with the audit event `account.activation.request`. Every outcome is audited (details.outcome).
 */
export async function requestAccountActivation({ input, ...ctx }: TInput): Promise<{ sent: true }> {
  const db = ctx.db ?? getDb()
  const now = ctx.now
  const where = { ip: ctx.ip ?? null, userAgent: ctx.userAgent ?? null }
  const data = ZAccountActivationRequest.parse(input)
  const nir = data.nir.nir
  const masked = maskIdentifier(nir)
  if (data.nir.kind === 'temporary') {
    await writeAudit(db, { actorRole: 'anonymous', action: 'account.activation.request', outcome: 'denied', ...where, details: { outcome: 'temporary-number', nir: masked } })
    throw new AppError('activation.errors.temporaryNumber', 422)
  }
  const wait = await (ctx.limiter ?? activationLimiter()).consume(ctx.ip ?? 'unknown', `nir:${nir}`)
  if (wait !== null) {
    await writeAudit(db, { actorRole: 'anonymous', action: 'account.activation.request', outcome: 'denied', ...where, details: { outcome: 'rate-limited', nir: masked } })
    throw new AppError('activation.errors.rateLimited', 429, { retryAfterSeconds: wait })
  }

  const found = await findInsuredByNir(db, nir)
  const insured = found ? await findInsuredFacts(db, found.id) : null
  const account = insured ? await findAccountStateOfInsured(db, insured.id) : null
  let outcome: TActivationOutcome
  if (!insured || insured.nirKind !== 'permanent') outcome = 'unknown-nir'
  else if (insured.birthDate !== data.birthDate || insured.postalCode !== data.postalCode) outcome = 'identity-mismatch'
  else if (account?.hasPassword) outcome = 'already-activated'
  else if (account?.locked) outcome = 'locked'
  else if (!insured.phone) outcome = 'no-phone'
  else outcome = 'code-sent'

  const audit = { actorRole: 'anonymous' as const, action: 'account.activation.request', ...where, insuredId: insured && outcome !== 'unknown-nir' ? insured.id : null }
  if (outcome !== 'code-sent' || !insured || !insured.phone) {
    // Same work as a real request (one argon2 hash), so that the answer time says nothing either.
    await verifyPassword(await dummyPasswordHash(), '0000')
    await writeAudit(db, { ...audit, outcome: 'failure', details: { outcome, nir: masked } })
    return { sent: true }
  }
  const phone = insured.phone
  const prepared = await prepareAccessCode(now)
  await db.$transaction(async (tx) => {
    const { account: user, created } = await ensureInsuredAccount(tx, insured)
    await storeAndTextAccessCode(tx, { userId: user.id, insured: { ...insured, phone }, prepared, template: ACTIVATION_SMS_TEMPLATE })
    await writeAudit(tx, { ...audit, targetType: 'user', targetId: user.id, outcome: 'success', details: { outcome, nir: masked, accountCreated: created, expiresAt: prepared.expiresAt.toISOString() } })
  })
  return { sent: true }
}
