import 'server-only'
import { getDb } from '@/lib/db/client'
import { writeAudit } from '@/lib/db/repositories/audit'
import { findInsuredFacts } from '@/lib/db/repositories/people'
import { AppError } from '@/lib/errors'
import { ZInsuredRef } from '@/lib/schemas/back-office'
import { ACCESS_CODE_MINUTES, ensureInsuredAccount, prepareAccessCode, storeAndTextAccessCode } from '../auth/access-code'
import { auditRole, resolveInsuredFile, type TActor, type TRequestContext } from '../procedures/common'

export { ACCESS_CODE_MINUTES }

/** "06 12 34 56 78" → "06 •• •• •• 78" (what the advisor sees and the audit records). */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '')
  return digits.length < 4 ? '••' : `${digits.slice(0, 2)} •• •• •• ${digits.slice(-2)}`
}

/**
 * Sends a temporary 4-digit access code by SMS (to the outbox) to the insured person's phone (lib/services/auth/access-code.ts:
 * only its argon2id hash is stored, with its expiry and a fresh counter of wrong tries; a new code replaces the previous
 * one; the code is never returned, logged or audited). A person with a permanent number and no account yet gets one
 * (seed 003: the CPAM texts the "code provisoire" for the first sign-in), created in the same transaction.
 * Errors: forbidden, notFound (another caisse), activation.errors.advisorTemporaryNumber, backoffice.errors.noPhone (422).
 */
export async function sendAccessCode({ actor, input, ...ctx }: { actor: TActor; input: unknown } & TRequestContext): Promise<{ expiresAt: Date; phoneMasked: string; accountCreated: boolean }> {
  if (actor.role === 'insured') throw new AppError('forbidden', 403)
  const { insuredId: asked } = ZInsuredRef.parse(input)
  const db = getDb()
  const insuredId = await resolveInsuredFile(db, actor, asked, { insured: 'read:insured-space:own', staff: 'update:account-lock:caisse' }, ctx)
  const insured = await findInsuredFacts(db, insuredId)
  if (!insured) throw new AppError('notFound', 404)
  if (insured.nirKind !== 'permanent') throw new AppError('activation.errors.advisorTemporaryNumber', 422)
  const phone = insured.phone
  if (!phone) throw new AppError('backoffice.errors.noPhone', 422)
  const prepared = await prepareAccessCode(ctx.now)
  const phoneMasked = maskPhone(phone)
  const accountCreated = await db.$transaction(async (tx) => {
    const { account, created } = await ensureInsuredAccount(tx, insured)
    await storeAndTextAccessCode(tx, { userId: account.id, insured: { ...insured, phone }, prepared, template: 'backofficeNotifications.accessCode' })
    await writeAudit(tx, {
      actorUserId: actor.id,
      actorRole: auditRole(actor),
      action: 'account.access-code.send',
      targetType: 'user',
      targetId: account.id,
      insuredId,
      ip: ctx.ip ?? null,
      userAgent: ctx.userAgent ?? null,
      details: { channel: 'sms', phone: phoneMasked, expiresAt: prepared.expiresAt.toISOString(), accountCreated: created },
    })
    return created
  })
  return { expiresAt: prepared.expiresAt, phoneMasked, accountCreated }
}
