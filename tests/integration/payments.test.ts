import { describe, expect, it } from 'vitest'
import { getDb } from '@/lib/db/client'
import { addDays, addMonths, type CalendarDate } from '@/lib/domain/dates'
import { listPayments, type TPaymentLine } from '@/lib/services/payments/list-payments'
import { getPaymentLine } from '@/lib/services/payments/get-payment-line'
import { reportCareNotReceived } from '@/lib/services/payments/report-care-not-received'
import { listProcedures } from '@/lib/services/procedures/list-procedures'
import { getRuleEngine, getRuleSet } from '@/lib/services/simulation/rule-engine'
import type { TPaymentFilters } from '@/lib/schemas/payments'
import { DEMO_TODAY } from '../support/integration-global-setup'
import { declareCardLoss } from '@/lib/services/procedures/declare-card-loss'
import { orderVitaleCard } from '@/lib/services/procedures/order-vitale-card'
import { uploadFile } from '@/lib/services/procedures/upload-file'
import { codeOf, ctx, insuredActor, jpeg, key, PDF_BYTES } from '../support/procedures'

/** Issue 4 §2 "Mes paiements": the household's lines, filters, totals, keyset paging, scoping, and "I did not receive this care". */
const COMMENT = "Je n'ai pas consulté ce dentiste ce jour-là."

describe('Mes paiements', async () => {
  const today = DEMO_TODAY as CalendarDate
  const windowStart = addMonths(today, -27)
  const jonathan = await insuredActor('Jonathan Pierre')
  const mei = await insuredActor('Mei')
  const engine = await getRuleEngine()
  const rules = await getRuleSet()
  const list = (filters: TPaymentFilters = {}, actor = jonathan, pageSize = 25) => listPayments({ actor, filters, today, engine, locale: 'fr', pageSize })

  /** Every line of a filter, by following the "next" cursors. */
  async function allPages(filters: TPaymentFilters, pageSize: number): Promise<TPaymentLine[]> {
    const out: TPaymentLine[] = []
    let after: string | undefined
    for (let guard = 0; guard < 1000; guard++) {
      const page = await list({ ...filters, ...(after ? { after } : {}) }, jonathan, pageSize)
      out.push(...page.lines)
      if (!page.next) return out
      after = page.next
    }
    throw new Error('paging does not end')
  }

  /** The household's lines straight from the database, newest first (the reference the service must match). */
  async function expectedLines(where: Record<string, unknown> = {}) {
    return getDb().claimLine.findMany({
      where: { claim: { insuredId: jonathan.insuredId }, careDate: { gte: windowStart, lte: today }, ...where },
      orderBy: [{ careDate: 'desc' }, { id: 'desc' }],
      select: { id: true, amoPaid: true, complementary: true, patient: true, participation: true, franchise: true, claim: { select: { beneficiaryId: true } } },
    })
  }

  it('lists every line of the last 27 months, newest first, the same by keyset pages of 7 as in one query; totals add up', async () => {
    const expected = await expectedLines()
    expect(expected.length).toBeGreaterThan(100)
    const paged = await allPages({}, 7)
    expect(paged.map((l) => l.id)).toEqual(expected.map((l) => l.id))
    const first = await list()
    expect(first.totals.count).toBe(expected.length)
    expect(first.totals.amoPaid).toBe(expected.reduce((s, l) => s + l.amoPaid, 0))
    expect(first.totals.patient).toBe(expected.reduce((s, l) => s + l.patient, 0))
    expect(first.totals.deductions).toBe(expected.reduce((s, l) => s + l.participation + l.franchise, 0))
    expect(first.totals.charged).toBe(first.totals.amoPaid + first.totals.complementary + first.totals.patient)
    expect(first.months.reduce((s, m) => s + m.amoPaid, 0)).toBe(first.totals.amoPaid)
    expect(first.months).toHaveLength(28)
    expect(first.previous).toBeNull()
    // Every transfer of the period, daily allowances included.
    const transfers = await getDb().payment.findMany({ where: { insuredId: jonathan.insuredId, paidOn: { gte: windowStart, lte: today } }, select: { amount: true, kind: true } })
    expect(first.transfers).toHaveLength(transfers.length)
    expect(first.transfersTotal).toBe(transfers.reduce((s, p) => s + p.amount, 0))
    expect(first.transfers.some((p) => p.kind === 'daily-allowance')).toBe(true)
  })

  it('the previous-page cursor gives back the page before', async () => {
    const p1 = await list({}, jonathan, 10)
    const p2 = await list({ after: p1.next! }, jonathan, 10)
    expect(p2.previous).not.toBeNull()
    const back = await list({ before: p2.previous! }, jonathan, 10)
    expect(back.lines.map((l) => l.id)).toEqual(p1.lines.map((l) => l.id))
    expect(back.previous).toBeNull()
    expect(back.next).toBe(p1.next)
  })

  it('filters by beneficiary, care type, professional, period and search; totals follow the filter', async () => {
    const lea = (await getDb().beneficiary.findFirstOrThrow({ where: { firstNames: 'Léa' } })).id
    const forLea = await list({ who: lea })
    expect(forLea.totals.count).toBe((await expectedLines({ claim: { insuredId: jonathan.insuredId, beneficiaryId: lea } })).length)
    expect(forLea.lines.every((l) => l.person === 'Léa Martin')).toBe(true)
    const self = await list({ who: 'self' })
    expect(self.lines.every((l) => l.person === 'Jonathan Martin')).toBe(true)
    expect(self.totals.count + forLea.totals.count).toBeLessThan((await list()).totals.count)

    const doctor = await list({ careType: 'doctor' })
    expect(doctor.totals.count).toBe((await expectedLines({ careType: 'doctor' })).length)
    expect(doctor.lines.every((l) => l.careType === 'doctor')).toBe(true)

    const gp = forLea.professionals.find((p) => p.name === 'Dr Anne Morel')!
    const byPro = await list({ pro: gp.id })
    expect(byPro.lines.length).toBeGreaterThan(0)
    expect(byPro.lines.every((l) => l.professional === 'Dr Anne Morel')).toBe(true)
    expect((await list({ q: 'morel' })).totals.count).toBe(byPro.totals.count)

    const pharmacy = await list({ q: 'médicament' })
    expect(pharmacy.lines.length).toBeGreaterThan(0)
    expect(pharmacy.lines.every((l) => l.act.startsWith('PH'))).toBe(true)

    const from = addMonths(today, -3)
    const recent = await list({ from })
    expect(recent.lines.every((l) => l.careDate >= from)).toBe(true)
    expect(recent.totals.count).toBe((await expectedLines({ careDate: { gte: from, lte: today } })).length)
    // Before the 27-month window: clamped to it.
    expect((await list({ from: '2020-01-01' })).from).toBe(windowStart)

    expect((await list({ q: 'zzzz-nothing' })).totals).toMatchObject({ count: 0, amoPaid: 0 })
  })

  it('scoping: another household never shows, and its line ids are not found', async () => {
    const meiLines = await list({}, mei)
    const jonathanIds = new Set((await expectedLines()).map((l) => l.id))
    expect(meiLines.lines.some((l) => jonathanIds.has(l.id))).toBe(false)
    // Jonathan's child as a filter of Mei's list: nothing.
    const lea = (await getDb().beneficiary.findFirstOrThrow({ where: { firstNames: 'Léa' } })).id
    expect((await list({ who: lea }, mei)).totals.count).toBe(0)
    const someLine = [...jonathanIds][0]!
    expect(await codeOf(getPaymentLine({ actor: mei, lineId: someLine, engine, rules, locale: 'fr', today: DEMO_TODAY as CalendarDate }))).toBe('404 notFound')
    expect(await codeOf(getPaymentLine({ actor: jonathan, lineId: "x' OR 1=1 --", engine, rules, locale: 'fr', today: DEMO_TODAY as CalendarDate }))).toBe('404 notFound')
  })

  it("explains a child's GP consultation with the stored figures and every step's source", async () => {
    const hugo = (await getDb().beneficiary.findFirstOrThrow({ where: { firstNames: 'Hugo' } })).id
    const row = await getDb().claimLine.findFirstOrThrow({
      where: { act: 'G', claim: { beneficiaryId: { in: [hugo] }, insuredId: jonathan.insuredId }, paidOn: { not: null } },
      orderBy: { careDate: 'desc' },
    })
    const line = await getPaymentLine({ actor: jonathan, lineId: row.id, engine, rules, locale: 'en', today: DEMO_TODAY as CalendarDate })
    expect(line).toMatchObject({ base: row.base, rate: row.rate, amoPaid: row.amoPaid, complementary: row.complementary, patient: row.patient, participation: row.participation, person: 'Hugo Martin' })
    expect(line.payment?.paidOn).toBe(row.paidOn)
    expect(line.participation).toBe(0) // under 18: no participation forfaitaire (RULEBOOK §4 exemptions)
    expect(line.steps.length).toBeGreaterThan(2)
    // Issue 16 item 6: plain sentences with an official link, never a developer reference or a rule id.
    for (const s of line.steps) {
      expect(s.text).not.toMatch(/steps\.|RULEBOOK|SIMULATION-API|act\.G\.base/)
      expect(s.url).toMatch(/^https:\/\/www\.(ameli\.fr|legifrance\.gouv\.fr|service-public\.fr)\//)
      expect(Object.keys(s)).not.toContain('source')
      expect(Object.keys(s)).not.toContain('rule')
    }
    expect(line.steps[0]).toMatchObject({ code: 'base.tariff', url: 'https://www.service-public.fr/particuliers/vosdroits/F1069' })
  })

  it('"I did not receive this care": one procedure per line whatever the clicks and tabs, audited and notified in one go', async () => {
    const line = (await list({ careType: 'dentist' })).lines[0]!
    const idem = key('care')
    const before = await getDb().procedure.count({ where: { type: 'care-not-received' } })
    // Issue 17 §4: a comment is required, empty and too short each with their message; nothing is written without it.
    expect(await codeOf(reportCareNotReceived({ actor: jonathan, input: { lineId: line.id, idempotencyKey: idem }, ...ctx }))).toBe('422 paymentsPage.detail.commentRequired')
    expect(await codeOf(reportCareNotReceived({ actor: jonathan, input: { lineId: line.id, idempotencyKey: idem, comment: '   ' }, ...ctx }))).toBe('422 paymentsPage.detail.commentRequired')
    expect(await codeOf(reportCareNotReceived({ actor: jonathan, input: { lineId: line.id, idempotencyKey: idem, comment: 'non' }, ...ctx }))).toBe('422 paymentsPage.detail.commentLength')
    expect(await getDb().procedure.count({ where: { type: 'care-not-received' } })).toBe(before)
    const first = await reportCareNotReceived({ actor: jonathan, input: { lineId: line.id, idempotencyKey: idem, comment: COMMENT }, ...ctx })
    expect(first).toMatchObject({ type: 'care-not-received', status: 'submitted', created: true, estimatedCompletion: '2026-12-24' })
    // Double submit (same form): the same procedure.
    const again = await reportCareNotReceived({ actor: jonathan, input: { lineId: line.id, idempotencyKey: idem, comment: COMMENT }, ...ctx })
    expect(again).toMatchObject({ id: first.id, created: false })
    // Another tab (another key): refused while the first is open.
    expect(await codeOf(reportCareNotReceived({ actor: jonathan, input: { lineId: line.id, idempotencyKey: key('care'), comment: COMMENT }, ...ctx }))).toBe('409 procedureErrors.procedure.pending')
    // Two clicks racing.
    const racing = key('care-race')
    const other = (await list({ careType: 'dentist' })).lines[1]!
    const raced = await Promise.all([0, 1].map(() => reportCareNotReceived({ actor: jonathan, input: { lineId: other.id, idempotencyKey: racing, comment: COMMENT }, ...ctx })))
    expect(raced[0]!.id).toBe(raced[1]!.id)
    expect(await getDb().procedure.count({ where: { type: 'care-not-received' } })).toBe(before + 2)

    expect(await getDb().auditEvent.count({ where: { action: 'procedure.care-not-received.submit', targetId: first.id } })).toBe(1)
    expect(await getDb().outboxMessage.count({ where: { insuredId: jonathan.insuredId, body: { contains: first.reference } } })).toBeGreaterThan(0)
    expect((await getDb().claimLine.findUniqueOrThrow({ where: { id: line.id } })).disputedAt).not.toBeNull()
    expect(JSON.parse((await getDb().procedure.findUniqueOrThrow({ where: { id: first.id } })).payload)).toMatchObject({ comment: COMMENT })
    expect((await list({ careType: 'dentist' })).lines.find((l) => l.id === line.id)?.disputed).toBe(true)
    expect((await listProcedures({ actor: jonathan })).some((p) => p.id === first.id && p.type === 'care-not-received')).toBe(true)

    // Someone else's line: not found, nothing written.
    const count = await getDb().procedure.count()
    expect(await codeOf(reportCareNotReceived({ actor: mei, input: { lineId: line.id, idempotencyKey: key('care'), comment: COMMENT }, ...ctx }))).toBe('404 notFound')
    expect(await getDb().procedure.count()).toBe(count)
  })
})

describe('home (Accueil)', async () => {
  const { getInsuredHome } = await import('@/lib/services/home/get-insured-home')
  const today = DEMO_TODAY as CalendarDate
  const jonathan = await insuredActor('Jonathan Pierre')

  it("tracks the year's participations and franchises per person against the caps of the rule rows", async () => {
    const rules = await getRuleSet()
    const home = await getInsuredHome({ actor: jonathan, today, now: ctx.now, rules })
    expect(home.deductions.participationCap).toBe(rules.valueAt('participation.annual-cap', today))
    expect(home.deductions.franchiseCap).toBe(rules.valueAt('franchise.annual-cap', today))
    expect(home.deductions.persons.map((p) => p.name)).toEqual(['Jonathan Martin', 'Léa Martin', 'Hugo Martin'])
    const self = await getDb().claimLine.aggregate({
      where: { claim: { insuredId: jonathan.insuredId, beneficiaryId: null }, careDate: { gte: '2026-01-01', lte: '2026-12-31' } },
      _sum: { participation: true, franchise: true },
    })
    expect(home.deductions.persons[0]).toMatchObject({ participation: self._sum.participation ?? 0, franchise: self._sum.franchise ?? 0 })
    expect(home.deductions.persons[0]!.participation).toBeGreaterThan(0)
    expect(home.deductions.persons[0]!.participation).toBeLessThanOrEqual(home.deductions.participationCap)
  })

  it('alerts: a blocked card with no replacement, a coverage ending soon; unread advisor messages are counted', async () => {
    const db = getDb()
    // The person declares their card stolen (blocked at once) and asks for the replacement later.
    const card = await db.card.findFirstOrThrow({ where: { insuredId: jonathan.insuredId, kind: 'vitale', beneficiaryId: null, status: 'active' } })
    await declareCardLoss({ actor: jonathan, input: { cardId: card.id, reason: 'stolen', idempotencyKey: key() }, ...ctx })
    await db.coveragePeriod.create({ data: { insuredId: jonathan.insuredId, kind: 'css', from: '2025-12-01', to: '2026-12-15', label: 'free' } })
    const user = await db.user.findFirstOrThrow({ where: { role: 'advisor' } })
    const thread = await db.messageThread.create({ data: { insuredId: jonathan.insuredId, organisationId: user.organisationId!, topic: 'other', subject: 'Test' } })
    await db.message.createMany({ data: [
      { threadId: thread.id, authorUserId: user.id, authorRole: 'advisor', body: 'Bonjour' },
      { threadId: thread.id, authorUserId: user.id, authorRole: 'advisor', body: 'Lu', readAt: ctx.now },
      { threadId: thread.id, authorUserId: jonathan.id, authorRole: 'insured', body: 'Merci' },
    ] })
    const home = await getInsuredHome({ actor: jonathan, today, now: ctx.now, rules: await getRuleSet() })
    expect(home.alerts).toEqual(expect.arrayContaining([{ kind: 'card-blocked', person: 'Jonathan Martin' }, { kind: 'coverage-ending', coverage: 'css', person: 'Jonathan Martin', to: '2026-12-15' }]))
    expect(home.unreadMessages).toBe(1)
    expect(home.overview.latestPayments).toHaveLength(5)

    // Issue 17 item 1: once the replacement is ordered, the alert says so (not "not yet replaced").
    // Two days later (the wait after a block) they order it, as on the order page.
    const later = new Date(ctx.now.getTime() + 2 * 86_400_000)
    const files = {
      photoUploadId: (await uploadFile({ actor: jonathan, kind: 'photo', filename: 'p.jpg', bytes: await jpeg(600, 750), ...ctx })).id,
      identityUploadId: (await uploadFile({ actor: jonathan, kind: 'identity', filename: 'id.pdf', bytes: PDF_BYTES, ...ctx })).id,
    }
    const order = await orderVitaleCard({ actor: jonathan, input: { ...files, addressConfirmed: true, idempotencyKey: key() }, ...ctx, now: later })
    expect(order.estimatedDelivery).toMatch(/^2026-12-\d\d$/)
    const after = await getInsuredHome({ actor: jonathan, today: addDays(today, 2), now: later, rules: await getRuleSet() })
    expect(after.alerts).toContainEqual({ kind: 'card-replacement', person: 'Jonathan Martin', due: order.estimatedDelivery })
    expect(after.alerts.some((a) => a.kind === 'card-blocked')).toBe(false)
  })
})
