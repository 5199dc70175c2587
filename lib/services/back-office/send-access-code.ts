import 'server-only'
import { randomInt } from 'node:crypto'
import { getDb } from '@/lib/db/client'
import { writeAudit } from '@/lib/db/repositories/audit'
import { findAccountOfInsured, storeAccessCode } from '@/lib/db/repositories/back-office'
import { findInsuredFacts } from '@/lib/db/repositories/people'
import { queueOutboxMessages } from '@/lib/db/repositories/outbox'
import { hashPassword } from '@/lib/auth/password'
import { AppError } from '@/lib/errors'
import { ZInsuredRef } from '@/lib/schemas/back-office'
import { auditRole, renderMessage, resolveInsuredFile, type TActor, type TRequestContext } from '../procedures/common'

/** How long a temporary access code stays valid. */
export const ACCESS_CODE_MINUTES = 30

/** "06 12 34 56 78" → "06 •• •• •• 78" (what the advisor sees and the audit records). */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '')
  return digits.length < 4 ? '••' : `${digits.slice(0, 2)} •• •• •• ${digits.slice(-2)}`
}

/**
 * Sends a temporary 4-digit access code by SMS (to the outbox) to the insured person's phone. Only its argon2id
 * hash is stored (as passwords are, lib/auth/password.ts), with its expiry and a fresh counter of wrong tries;
 * a new code replaces the previous one. The code is never returned, logged or audited.
 * Errors: forbidden, notFound (another caisse), backoffice.errors.noAccount, backoffice.errors.noPhone (422).
 */
export async function sendAccessCode({ actor, input, ...ctx }: { actor: TActor; input: unknown } & TRequestContext): Promise<{ expiresAt: Date; phoneMasked: string }> {
  if (actor.role === 'insured') throw new AppError('forbidden', 403)
  const { insuredId: asked } = ZInsuredRef.parse(input)
  const db = getDb()
  const insuredId = await resolveInsuredFile(db, actor, asked, { insured: 'read:insured-space:own', staff: 'update:account-lock:caisse' })
  const [account, insured] = await Promise.all([findAccountOfInsured(db, insuredId), findInsuredFacts(db, insuredId)])
  if (!account || !insured) throw new AppError('backoffice.errors.noAccount', 422)
  if (!insured.phone) throw new AppError('backoffice.errors.noPhone', 422)
  const code = String(randomInt(0, 10_000)).padStart(4, '0')
  const hash = await hashPassword(code)
  const now = ctx.now ?? new Date()
  const expiresAt = new Date(now.getTime() + ACCESS_CODE_MINUTES * 60_000)
  const locale = insured.preferredLocale === 'en' ? 'en' : 'fr'
  const phoneMasked = maskPhone(insured.phone)
  await db.$transaction(async (tx) => {
    await storeAccessCode(tx, account.id, hash, expiresAt)
    await queueOutboxMessages(tx, [
      {
        channel: 'sms',
        recipient: insured.phone!,
        insuredId,
        userId: account.id,
        template: 'backofficeNotifications.accessCode',
        subject: null,
        body: renderMessage(locale, 'backofficeNotifications.accessCode', { code, minutes: ACCESS_CODE_MINUTES }),
        locale,
      },
    ])
    await writeAudit(tx, {
      actorUserId: actor.id,
      actorRole: auditRole(actor),
      action: 'account.access-code.send',
      targetType: 'user',
      targetId: account.id,
      insuredId,
      ip: ctx.ip ?? null,
      userAgent: ctx.userAgent ?? null,
      details: { channel: 'sms', phone: phoneMasked, expiresAt: expiresAt.toISOString() },
    })
  })
  return { expiresAt, phoneMasked }
}
