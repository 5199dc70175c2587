import type { Db } from '@/lib/db/client'
import { writeAudit } from '@/lib/db/repositories/audit'
import { queueOutboxMessages, type TOutboxInput } from '@/lib/db/repositories/outbox'
import { listDuePayments, markPaymentPaid } from '@/lib/db/repositories/payments'
import { formatDate, type CalendarDate } from '@/lib/domain/dates'
import { formatEuros } from '@/lib/domain/money'
import { renderMessage } from '../procedures/common'

const TX_OPTIONS = { maxWait: 20_000, timeout: 60_000 } as const

/**
 * The payment run (npm run jobs:payments): in one transaction, every scheduled transfer whose date is reached
 * (paidOn ≤ today) becomes paid, the person is told by e-mail ("paiement effectué", in their language) and one
 * system audit event records how many went out. Each payment is marked by a conditional update, so running it
 * twice (or two runs at once) pays and notifies nothing twice; a run with nothing due writes nothing.
 * Claims waiting for bank details have no payment yet: they stay waiting (a bank-details change does not create
 * their transfer; see the report of this change).
 */
export async function runPayments(db: Db, { today }: { today: CalendarDate }): Promise<{ paid: number; amount: number }> {
  return db.$transaction(async (tx) => {
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
    if (references.length === 0) return { paid: 0, amount: 0 }
    await queueOutboxMessages(tx, out)
    await writeAudit(tx, { actorRole: 'system', action: 'payment.run', targetType: 'payment-run', targetId: today, details: { today, count: references.length, amount, references: references.slice(0, 100) } })
    return { paid: references.length, amount }
  }, TX_OPTIONS)
}
