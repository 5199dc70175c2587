import 'server-only'
import { getDb } from '@/lib/db/client'
import { writeAudit } from '@/lib/db/repositories/audit'
import { queueOutboxMessages } from '@/lib/db/repositories/outbox'
import { findInsuredFacts } from '@/lib/db/repositories/people'
import { noteOnLatestAffiliation } from '@/lib/db/repositories/procedures'
import { findAccountStateOfInsured, setPasswordAfterCode } from '@/lib/db/repositories/users'
import { hashPassword } from '@/lib/auth/password'
import { AppError } from '@/lib/errors'
import { firstPasswordSchema } from '@/lib/schemas/activation'
import { renderMessage, type TActor, type TRequestContext } from '../procedures/common'

/**
 * The password an insured person chooses after signing in with a temporary access code (mustChangePassword).
 * Policy: lib/domain/accounts/password-policy.ts (12+ characters, letters and digits, not the NIR nor the birth date).
 * One transaction: the argon2id hash, the code erased, mustChangePassword false, sessionVersion + 1 (every other
 * session ends; the caller re-issues the current one with the returned version), the audit event
 * (`account.activated` the first time, `account.password.reset` after an advisor's code), a ProcedureEvent
 * 'account-activated' on the person's affiliation request if any (status unchanged), and the e-mail.
 * Errors: forbidden (not an insured person, or no password to set); a ZodError whose issues name the field
 * (activation.errors.password*, on password; passwordMismatch on confirmation).
 */
export async function setFirstPassword({ actor, input, ...ctx }: { actor: TActor; input: unknown } & TRequestContext): Promise<{ sessionVersion: number; activated: boolean }> {
  if (actor.role !== 'insured' || !actor.insuredId) throw new AppError('forbidden', 403)
  const insuredId = actor.insuredId
  const db = getDb()
  const [account, insured] = await Promise.all([findAccountStateOfInsured(db, insuredId), findInsuredFacts(db, insuredId)])
  if (!account || account.id !== actor.id || !insured || !account.mustChangePassword) throw new AppError('forbidden', 403)
  const data = firstPasswordSchema({ nir: insured.nir, birthDate: insured.birthDate }).parse(input)
  const hash = await hashPassword(data.password)
  const now = ctx.now
  const activated = !account.hasPassword
  const locale = insured.preferredLocale === 'en' ? 'en' : 'fr'
  const { sessionVersion } = await db.$transaction(async (tx) => {
    const r = await setPasswordAfterCode(tx, account.id, hash)
    const affiliation = activated ? await noteOnLatestAffiliation(tx, insuredId, { note: 'account-activated', actorUserId: actor.id, at: now }) : null
    await writeAudit(tx, {
      actorUserId: actor.id,
      actorRole: 'insured',
      action: activated ? 'account.activated' : 'account.password.reset',
      targetType: 'user',
      targetId: account.id,
      insuredId,
      ip: ctx.ip ?? null,
      userAgent: ctx.userAgent ?? null,
      details: affiliation ? { affiliationReference: affiliation.reference } : {},
    })
    if (insured.email) {
      const kind = activated ? 'activated' : 'passwordChanged'
      await queueOutboxMessages(tx, [
        {
          channel: 'email',
          recipient: insured.email,
          insuredId,
          userId: account.id,
          template: `activation.email.${kind}Body`,
          subject: renderMessage(locale, `activation.email.${kind}Subject`),
          body: renderMessage(locale, `activation.email.${kind}Body`),
          locale,
        },
      ])
    }
    return r
  })
  return { sessionVersion, activated }
}
