import { describe, expect, it } from 'vitest'
import { getDb } from '@/lib/db/client'
import { calendarDate } from '@/lib/domain/dates'
import { enterPaperCareSheet } from '@/lib/services/back-office/enter-paper-care-sheet'
import { getPaymentLine } from '@/lib/services/payments/get-payment-line'
import { listPayments } from '@/lib/services/payments/list-payments'
import { runPayments } from '@/lib/services/payments/run-payments'
import { getRuleEngine, getRuleSet } from '@/lib/services/simulation/rule-engine'
import { ctx, insuredActor, staffActor } from '../support/procedures'

const PARIS = 'camille.roux@cpam-paris.example.fr'
const GP_PARIS_RPPS = '10003456789'

describe('payment run (a paper care sheet’s scheduled transfer becomes paid on its date, once)', () => {
  it('before the date nothing changes; on the date it is paid, notified and audited once; the list then shows it paid', async () => {
    const db = getDb()
    const id = (await db.insured.findFirstOrThrow({ where: { firstNames: 'Jonathan Pierre' }, select: { id: true } })).id
    const sheet = { insuredId: id, careDate: '2026-11-20', professionalRpps: GP_PARIS_RPPS, pathway: 'coordinated', lines: [{ act: 'G', fee: '30', quantity: 1 }] }
    const r = await enterPaperCareSheet({ actor: await staffActor(PARIS), input: sheet, ...ctx })
    expect(r.payment?.paidOn).toBe('2026-11-27')
    const payment = await db.payment.findUniqueOrThrow({ where: { reference: r.payment!.reference } })
    expect(payment.status).toBe('scheduled')
    const lineId = `${r.claimId}-1`
    const person = await insuredActor('Jonathan Pierre')
    const engine = await getRuleEngine()
    const list = (today: string) => listPayments({ actor: person, filters: { who: 'self', from: '2026-11-20', to: '2026-11-20' }, today: calendarDate(today), engine, locale: 'fr' })
    const mailsBefore = await db.outboxMessage.count({ where: { insuredId: id, template: 'paymentRunNotifications.paid' } })
    const runsBefore = await db.auditEvent.count({ where: { action: 'payment.run' } })

    // The day before: nothing of this person is due.
    await runPayments(db, { today: calendarDate('2026-11-26'), now: new Date('2026-11-26T10:00:00Z') })
    expect((await db.payment.findUniqueOrThrow({ where: { id: payment.id } })).status).toBe('scheduled')
    expect((await list('2026-11-26')).lines.find((l) => l.id === lineId)).toMatchObject({ scheduled: true, paidOn: '2026-11-27' })

    // Without the job, the display already says paid once the date is reached.
    expect((await list('2026-11-27')).lines.find((l) => l.id === lineId)).toMatchObject({ scheduled: false, paidOn: '2026-11-27' })

    // The run on the date marks it paid, sends one e-mail and writes one system audit event.
    const run = await runPayments(db, { today: calendarDate('2026-11-27'), now: new Date('2026-11-27T10:00:00Z') })
    expect(run.paid).toBeGreaterThanOrEqual(1)
    expect((await db.payment.findUniqueOrThrow({ where: { id: payment.id } })).status).toBe('paid')
    const mails = await db.outboxMessage.findMany({ where: { insuredId: id, template: 'paymentRunNotifications.paid' }, orderBy: { createdAt: 'asc' } })
    expect(mails).toHaveLength(mailsBefore + 1)
    expect(mails.at(-1)).toMatchObject({ channel: 'email', subject: expect.stringContaining('Paiement effectué') as unknown, body: expect.stringContaining(payment.reference) as unknown })
    const audits = await db.auditEvent.findMany({ where: { action: 'payment.run' }, orderBy: { at: 'asc' } })
    expect(audits).toHaveLength(runsBefore + 1)
    expect(audits.at(-1)).toMatchObject({ actorRole: 'system', actorUserId: null })
    expect(JSON.parse(audits.at(-1)!.details)).toMatchObject({ today: '2026-11-27', count: run.paid })

    // A second run is a no-op.
    expect(await runPayments(db, { today: calendarDate('2026-11-27'), now: new Date('2026-11-27T10:00:00Z') })).toEqual({ paid: 0, amount: 0, scheduled: 0 })
    expect(await db.outboxMessage.count({ where: { insuredId: id, template: 'paymentRunNotifications.paid' } })).toBe(mailsBefore + 1)
    expect(await db.auditEvent.count({ where: { action: 'payment.run' } })).toBe(runsBefore + 1)

    // The list and the explanation show it paid, even read with an earlier "today".
    expect((await list('2026-11-26')).lines.find((l) => l.id === lineId)).toMatchObject({ scheduled: false, paidOn: '2026-11-27' })
    const explained = await getPaymentLine({ actor: person, lineId, engine, rules: await getRuleSet(), locale: 'fr', today: calendarDate('2026-11-27') })
    expect(explained.payment).toMatchObject({ status: 'paid', reference: payment.reference })
  })
  it('a claim waiting for bank details stays waiting, then is scheduled on the next run date once an IBAN is given, and paid on that date', async () => {
    const db = getDb()
    const who = await db.insured.findFirstOrThrow({ where: { firstNames: 'Jonathan Pierre' }, select: { id: true, iban: true } })
    await db.insured.update({ where: { id: who.id }, data: { iban: null } })
    const r = await enterPaperCareSheet({ actor: await staffActor(PARIS), input: { insuredId: who.id, careDate: '2026-11-19', professionalRpps: GP_PARIS_RPPS, lines: [{ act: 'G', fee: '30', quantity: 1 }] }, ...ctx })
    expect(r.awaitingBankDetails).toBe(true)
    expect(await runPayments(db, { today: calendarDate('2026-11-24'), now: new Date('2026-11-24T10:00:00Z') })).toMatchObject({ scheduled: 0 })
    expect((await db.claim.findUniqueOrThrow({ where: { id: r.claimId } })).status).toBe('awaiting-bank-details')

    await db.insured.update({ where: { id: who.id }, data: { iban: who.iban } })
    expect(await runPayments(db, { today: calendarDate('2026-11-28'), now: new Date('2026-11-28T10:00:00Z') })).toMatchObject({ scheduled: 1 })
    const claim = await db.claim.findUniqueOrThrow({ where: { id: r.claimId }, include: { lines: { include: { payment: true } } } })
    expect(claim.status).toBe('processed')
    expect(claim.lines[0]!.payment).toMatchObject({ status: 'scheduled', paidOn: '2026-12-01', kind: 'reimbursement' })
    expect(claim.lines[0]!.payment!.amount).toBeGreaterThanOrEqual(r.amoPaid)
    expect(claim.lines[0]!.paidOn).toBe('2026-12-01')
    expect(await runPayments(db, { today: calendarDate('2026-11-28'), now: new Date('2026-11-28T10:00:00Z') })).toMatchObject({ scheduled: 0 })

    await runPayments(db, { today: calendarDate('2026-12-01'), now: new Date('2026-12-01T10:00:00Z') })
    expect((await db.payment.findUniqueOrThrow({ where: { id: claim.lines[0]!.paymentId! } })).status).toBe('paid')
  })
})
