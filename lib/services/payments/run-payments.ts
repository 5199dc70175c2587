import type { Db, Tx } from '@/lib/db/client'
import { writeAudit } from '@/lib/db/repositories/audit'
import { queueOutboxMessages, type TOutboxInput } from '@/lib/db/repositories/outbox'
import { addToPayment, findScheduledPayment } from '@/lib/db/repositories/back-office'
import { attachClaimToPayment, createScheduledPayment, listClaimsReleasedByBankDetails, listDuePayments, markPaymentPaid } from '@/lib/db/repositories/payments'
import { formatDate, type CalendarDate } from '@/lib/domain/dates'
import { maskIban } from '@/lib/domain/iban'
import { formatEuros } from '@/lib/domain/money'
import { nextPaymentRunAfter } from '../back-office/enter-paper-care-sheet'
import { newReference, renderMessage } from '../procedures/common'

const TX_OPTIONS = { maxWait: 20_000, timeout: 60_000 } as const

/**
 * The payment run (npm run jobs:payments): in one transaction, every scheduled transfer whose date is reached
 * (paidOn ≤ today) becomes paid, the person is told by e-mail ("paiement effectué", in their language) and one
 * system audit event records how many went out. Each payment is marked by a conditional update, so running it
 * twice (or two runs at once) pays and notifies nothing twice; a run with nothing due writes nothing.
 * Paper claims waiting for bank details stay waiting until the person gives an IBAN; the next run after that
 * schedules them on the following payment date (Tuesday or Friday after today), with the person's other lines of
 * that date, and pays them on that date's run.
 */
export async function runPayments(db: Db, { today, now }: { today: CalendarDate; now: Date }): Promise<{ paid: number; amount: number; scheduled: number }> {
  return db.$transaction(async (tx) => {
    const scheduled = await scheduleReleasedClaims(tx, today, now)
    const due = await listDuePayments(tx, today)
    const out: TOutboxInput[] = []
    const references: string[] = []
    let amount = 0
    for (const p of due) {
      if (!(await markPaymentPaid(tx, p.id))) continue
      references.push(p.reference)
      amount += p.amount
      if (!p.insured.email) continue
      const locale = p.insured.preferredLocale === 'en' ? 'en' : 'fr'
      const params = { reference: p.reference, amount: formatEuros(p.amount, locale), date: formatDate(p.paidOn as CalendarDate, locale), iban: p.ibanMasked ?? '—' }
      out.push({
        channel: 'email',
        recipient: p.insured.email,
        insuredId: p.insuredId,
        template: 'paymentRunNotifications.paid',
        subject: renderMessage(locale, 'paymentRunNotifications.paidSubject', params),
        body: renderMessage(locale, 'paymentRunNotifications.paid', params),
        locale,
      })
    }
    if (references.length === 0 && scheduled === 0) return { paid: 0, amount: 0, scheduled: 0 }
    await queueOutboxMessages(tx, out)
    await writeAudit(tx, { actorRole: 'system', action: 'payment.run', targetType: 'payment-run', targetId: today, details: { today, count: references.length, amount, scheduled, references: references.slice(0, 100) } })
    return { paid: references.length, amount, scheduled }
  }, TX_OPTIONS)
}

/** Claims that waited for bank details and now have them: one scheduled transfer per person and payment date. */
async function scheduleReleasedClaims(tx: Tx, today: CalendarDate, now: Date): Promise<number> {
  const paidOn = nextPaymentRunAfter(today)
  let count = 0
  for (const c of await listClaimsReleasedByBankDetails(tx)) {
    let pay = await findScheduledPayment(tx, c.insuredId, paidOn)
    if (pay) await addToPayment(tx, pay.id, c.totalAmoPaid)
    else pay = await createScheduledPayment(tx, { reference: newReference('VIR', now), insuredId: c.insuredId, paidOn, amount: c.totalAmoPaid, ibanMasked: maskIban(c.iban) })
    if (await attachClaimToPayment(tx, c.id, { id: pay.id, paidOn })) count++
  }
  return count
}
