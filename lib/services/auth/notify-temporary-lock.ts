import 'server-only'
import type { Tx } from '@/lib/db/client'
import { writeAudit, type TAuditInput } from '@/lib/db/repositories/audit'
import { queueOutboxMessages, type TOutboxInput } from '@/lib/db/repositories/outbox'
import { findAccountContacts } from '@/lib/db/repositories/login-throttle'
import { renderMessage } from '@/lib/services/procedures/common'
import type { TFailureOutcome } from './sign-in-throttle'

export const TEMPORARY_LOCK_TEMPLATE = 'signInLock'

/**
 * A temporary lock has just started (issue 13 item 3): audit `auth.account.locked` (temporary, until, minutes) and tell
 * the person by e-mail and SMS (outbox), in their language, so that someone trying their password is noticed.
 */
export async function notifyTemporaryLock(
  tx: Tx,
  args: { userId: string; auditBase: Omit<TAuditInput, 'action' | 'outcome' | 'details'>; outcome: TFailureOutcome },
): Promise<void> {
  const { userId, auditBase, outcome } = args
  const minutes = outcome.lockMinutes ?? 0
  await writeAudit(tx, {
    ...auditBase,
    action: 'auth.account.locked',
    outcome: 'success',
    details: { temporary: true, failures: outcome.accountFailures, minutes, until: outcome.lockedUntil?.toISOString() ?? null },
  })
  const contacts = await findAccountContacts(tx, userId)
  if (!contacts) return
  const locale = contacts.locale === 'en' ? 'en' : 'fr'
  const params = { minutes, failures: outcome.accountFailures }
  const subject = renderMessage(locale, `${TEMPORARY_LOCK_TEMPLATE}.subject`, params)
  const body = renderMessage(locale, `${TEMPORARY_LOCK_TEMPLATE}.body`, params)
  const messages: TOutboxInput[] = []
  const base = { insuredId: contacts.insuredId, userId, template: TEMPORARY_LOCK_TEMPLATE, locale }
  if (contacts.email) messages.push({ ...base, channel: 'email', recipient: contacts.email, subject, body })
  if (contacts.phone) messages.push({ ...base, channel: 'sms', recipient: contacts.phone, subject: null, body: renderMessage(locale, `${TEMPORARY_LOCK_TEMPLATE}.sms`, params) })
  await queueOutboxMessages(tx, messages)
}
