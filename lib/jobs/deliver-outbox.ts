/**
 * Outbox delivery (ADR 0011): the messages the services queued (lib/db/repositories/outbox.ts) go out by e-mail or
 * SMS. Each message is first CLAIMED — a conditional update queued → sending that sets a fresh claim token; only the
 * deliverer whose update changed the row hands it over — so two deliverers (two instances, or the schedule and a
 * run by hand) never send the same message twice. Then:
 *  - accepted → delivered (deliveredAt);
 *  - refused for a while (connection lost, SMTP 4xx) → back to queued with attempts + 1 and nextAttemptAt after an
 *    exponential back-off (1 min, 2, 4, 8…); after `maxAttempts` attempts → failed;
 *  - refused for good (SMTP 5xx: unknown mailbox…) → failed at once.
 * A deliverer that dies between the hand-over and the update leaves the message "sending": it is NOT resent (the
 * server may have accepted it); the expiry job marks it failed after SENDING_STALE_MINUTES (at most once, by design).
 * Time is an input (`now`).
 */
import { randomUUID } from 'node:crypto'
import type { Db } from '../db/client'
import { DeliveryError, type EmailSender, type SmsGateway } from './transports'

export const OUTBOX_MAX_ATTEMPTS = 5
export const OUTBOX_BASE_DELAY_MS = 60_000

export type TDeliverOptions = { now: Date; email: EmailSender; sms: SmsGateway; batch?: number; maxAttempts?: number; baseDelayMs?: number }
export type TDeliverResult = { delivered: number; retrying: number; failed: number; skipped: number }

/** The delay before attempt n + 1 after n failed attempts: base × 2^(n−1). */
export function backoffMs(attempts: number, baseDelayMs = OUTBOX_BASE_DELAY_MS): number {
  return baseDelayMs * 2 ** Math.max(attempts - 1, 0)
}

export async function deliverOutbox(db: Db, options: TDeliverOptions): Promise<TDeliverResult> {
  const { now, email, sms, batch = 100, maxAttempts = OUTBOX_MAX_ATTEMPTS, baseDelayMs = OUTBOX_BASE_DELAY_MS } = options
  const due = await db.outboxMessage.findMany({
    where: { status: 'queued', OR: [{ nextAttemptAt: null }, { nextAttemptAt: { lte: now } }] },
    orderBy: { createdAt: 'asc' },
    take: batch,
    select: { id: true },
  })
  const result: TDeliverResult = { delivered: 0, retrying: 0, failed: 0, skipped: 0 }
  for (const { id } of due) {
    const claimToken = randomUUID()
    const claimed = await db.outboxMessage.updateMany({ where: { id, status: 'queued' }, data: { status: 'sending', claimToken, claimedAt: now } })
    if (claimed.count !== 1) {
      result.skipped++
      continue
    }
    const m = await db.outboxMessage.findUniqueOrThrow({ where: { id } })
    const outgoing = { id: m.id, recipient: m.recipient, subject: m.subject, body: m.body, template: m.template, locale: m.locale }
    const attempts = m.attempts + 1
    try {
      if (m.channel === 'sms') await sms.send(outgoing)
      else if (m.channel === 'email') await email.send(outgoing)
      else throw new DeliveryError(`unknown channel ${m.channel}`, true)
    } catch (error) {
      const permanent = error instanceof DeliveryError && error.permanent
      const lastError = (error instanceof Error ? error.message : String(error)).slice(0, 500)
      const giveUp = permanent || attempts >= maxAttempts
      await db.outboxMessage.updateMany({
        where: { id, claimToken },
        data: giveUp
          ? { status: 'failed', attempts, lastError, claimToken: null, nextAttemptAt: null }
          : { status: 'queued', attempts, lastError, claimToken: null, nextAttemptAt: new Date(now.getTime() + backoffMs(attempts, baseDelayMs)) },
      })
      if (giveUp) result.failed++
      else result.retrying++
      continue
    }
    await db.outboxMessage.updateMany({ where: { id, claimToken }, data: { status: 'delivered', deliveredAt: now, attempts, claimToken: null, lastError: null, nextAttemptAt: null } })
    result.delivered++
  }
  return result
}
