import { describe, expect, it } from 'vitest'
import { getDb } from '@/lib/db/client'
import { verifyPassword } from '@/lib/auth/password'
import { getRuleEngine, getRuleSet } from '@/lib/services/simulation/rule-engine'
import { listPayments } from '@/lib/services/payments/list-payments'
import { getPaymentLine } from '@/lib/services/payments/get-payment-line'
import { getCardOrderForStaff, getProcedureForStaff, listQueueForStaff } from '@/lib/services/back-office/queue'
import { reassignProcedure } from '@/lib/services/back-office/reassign-procedure'
import { careSheetContext, openInsuredFile, searchInsuredFiles } from '@/lib/services/back-office/insured-file'
import { sendAccessCode } from '@/lib/services/back-office/send-access-code'
import { enterPaperCareSheet, nextPaymentRunAfter } from '@/lib/services/back-office/enter-paper-care-sheet'
import { exportAuditCsv, listAuditJournal } from '@/lib/services/back-office/audit-journal'
import { advanceCardOrder } from '@/lib/services/procedures/advance-card-order'
import { listProcedures } from '@/lib/services/procedures/list-procedures'
import { ZAuditFilter, ZQueueFilter } from '@/lib/schemas/back-office'
import { calendarDate } from '@/lib/domain/dates'
import { codeOf, ctx, insuredActor, NOW, staffActor } from '../support/procedures'

const PARIS = 'camille.roux@cpam-paris.example.fr'
const PARIS_2 = 'karim.benaissa@cpam-paris.example.fr'
const RHONE = 'julie.fontaine@cpam-rhone.example.fr'
const SUPERVISOR = 'isabelle.moreau@cpam-paris.example.fr'
const GP_PARIS_RPPS = '10003456789'
const queue = (filter: Record<string, string> = {}) => ZQueueFilter.parse(filter)
const insuredId = async (firstNames: string) => (await getDb().insured.findFirstOrThrow({ where: { firstNames }, select: { id: true } })).id

describe('queue (issue 6 §4: every procedure and card order waiting at the caisse, oldest first; advisors their caisse, supervisors all)', () => {
  it('a Paris advisor sees the Paris card order and procedures, oldest first; Lyon sees none of them; an insured person is refused', async () => {
    const paris = await listQueueForStaff({ actor: await staffActor(PARIS), filter: queue() })
    const refs = paris.items.map((i) => i.reference)
    expect(refs).toContain('CV-2026-SEEDB0FF1C')
    expect(paris.items.some((i) => i.type === 'affiliation')).toBe(true)
    const times = paris.items.map((i) => i.submittedAt.getTime())
    expect(times).toEqual([...times].sort((a, b) => a - b))
    const lyon = await listQueueForStaff({ actor: await staffActor(RHONE), filter: queue() })
    expect(lyon.items.map((i) => i.reference)).not.toContain('CV-2026-SEEDB0FF1C')
    expect(lyon.items.every((i) => i.type !== 'affiliation')).toBe(true)
    const all = await listQueueForStaff({ actor: await staffActor(SUPERVISOR), filter: queue() })
    expect(all.total).toBeGreaterThanOrEqual(paris.total + lyon.total)
    expect(await codeOf(listQueueForStaff({ actor: await insuredActor('Sophie'), filter: queue() }))).toBe('403 forbidden')
  })

  it('filters by type and status; a bad filter value falls back to all', async () => {
    const actor = await staffActor(PARIS)
    const cards = await listQueueForStaff({ actor, filter: queue({ type: 'vitale-order' }) })
    expect(cards.items.length).toBeGreaterThan(0)
    expect(cards.items.every((i) => i.kind === 'card-order' && i.type === 'vitale-order')).toBe(true)
    const review = await listQueueForStaff({ actor, filter: queue({ status: 'submitted' }) })
    expect(review.items.every((i) => i.status === 'submitted')).toBe(true)
    expect(review.items.some((i) => i.type === 'affiliation')).toBe(true)
    const none = await listQueueForStaff({ actor, filter: queue({ type: 'vitale-order', status: 'in-review' }) })
    expect(none.total).toBe(0)
    expect(queue({ type: 'nope', status: '<script>', page: '-3' })).toEqual({ type: undefined, status: undefined, page: 1 })
  })

  it('another caisse gets 404 on a request; the Paris advisor walks the Vitale order to delivery and the person sees each step', async () => {
    const order = await getDb().cardOrder.findUniqueOrThrow({ where: { reference: 'CV-2026-SEEDB0FF1C' } })
    expect(await codeOf(getCardOrderForStaff({ actor: await staffActor(RHONE), orderId: order.id, ...ctx }))).toBe('404 notFound')
    const advisor = await staffActor(PARIS)
    const detail = await getCardOrderForStaff({ actor: advisor, orderId: order.id, ...ctx })
    expect(detail.actions).toEqual(['check-photo', 'reject'])
    expect(detail.uploads.map((u) => u.kind).sort()).toEqual(['identity', 'photo'])
    const sophie = await insuredActor('Sophie')
    for (const [event, status] of [['check-photo', 'photo-checked'], ['start-production', 'in-production'], ['send', 'sent'], ['deliver', 'delivered']] as const) {
      await advanceCardOrder({ actor: advisor, input: { orderId: order.id, event }, ...ctx })
      const mine = (await listProcedures({ actor: sophie })).find((p) => p.id === order.id)!
      expect(mine.status).toBe(status)
    }
    expect(await getDb().auditEvent.count({ where: { targetId: order.id, action: { startsWith: 'card.vitale.' }, insuredId: sophie.insuredId } })).toBe(4)
  })

  it('a supervisor reassigns a procedure to an advisor of its caisse (audited); an advisor cannot; a Lyon advisor is not a valid assignee', async () => {
    const affiliation = await getDb().procedure.findFirstOrThrow({ where: { type: 'affiliation' } })
    const karim = await staffActor(PARIS_2)
    const julie = await staffActor(RHONE)
    const input = { procedureId: affiliation.id, assigneeId: karim.id }
    expect(await codeOf(reassignProcedure({ actor: await staffActor(PARIS), input, ...ctx }))).toBe('403 forbidden')
    expect(await codeOf(reassignProcedure({ actor: await staffActor(SUPERVISOR), input: { ...input, assigneeId: julie.id }, ...ctx }))).toBe('422 backoffice.errors.assignee')
    await reassignProcedure({ actor: await staffActor(SUPERVISOR), input, ...ctx })
    expect((await getDb().procedure.findUniqueOrThrow({ where: { id: affiliation.id } })).assignedToId).toBe(karim.id)
    expect(await getDb().auditEvent.count({ where: { action: 'procedure.reassign', targetId: affiliation.id } })).toBe(1)
    const detail = await getProcedureForStaff({ actor: await staffActor(PARIS), procedureId: affiliation.id, ...ctx })
    expect(detail.assignedTo).toBe('Karim Benaïssa')
    expect(await codeOf(getProcedureForStaff({ actor: julie, procedureId: affiliation.id, ...ctx }))).toBe('404 notFound')
  })
})

describe('insured file (issue 6 §5: search by NIR, name, birth date; opening the file is an audit event the person sees)', () => {
  it('finds by NIR with or without the key, refuses a wrong key, by name prefix in any case and birth date; scoped to the caisse', async () => {
    const actor = await staffActor(PARIS)
    const j = await getDb().insured.findFirstOrThrow({ where: { firstNames: 'Jonathan Pierre' } })
    expect((await searchInsuredFiles({ actor, input: { nir: j.nir } })).map((h) => h.id)).toEqual([j.id])
    expect((await searchInsuredFiles({ actor, input: { nir: `${j.nir} ${j.nirKey}` } })).map((h) => h.id)).toEqual([j.id])
    const wrongKey = String((Number(j.nirKey) % 97) + 1).padStart(2, '0')
    expect(await codeOf(searchInsuredFiles({ actor, input: { nir: `${j.nir}${wrongKey}` } }))).toBe('422 backoffice.errors.nirKey')
    expect((await searchInsuredFiles({ actor, input: { name: 'mart', birthDate: j.birthDate } })).map((h) => h.id)).toEqual([j.id])
    expect(await searchInsuredFiles({ actor: await staffActor(RHONE), input: { nir: j.nir } })).toEqual([])
    expect((await searchInsuredFiles({ actor: await staffActor(SUPERVISOR), input: { nir: j.nir } })).length).toBe(1)
    await expect(searchInsuredFiles({ actor, input: {} })).rejects.toThrow()
  })

  it('opening a file writes insured.file.open with the person; another caisse gets 404 and nothing is written', async () => {
    const id = await insuredId('Jonathan Pierre')
    const before = await getDb().auditEvent.count({ where: { action: 'insured.file.open', insuredId: id } })
    expect(await codeOf(openInsuredFile({ actor: await staffActor(RHONE), input: { insuredId: id }, ...ctx }))).toBe('404 notFound')
    expect(await getDb().auditEvent.count({ where: { action: 'insured.file.open', insuredId: id } })).toBe(before)
    const file = await openInsuredFile({ actor: await staffActor(PARIS), input: { insuredId: id }, ...ctx })
    expect(file.beneficiaries.map((b) => b.beneficiary.firstNames).sort()).toEqual(['Hugo', 'Léa'])
    expect(file).not.toHaveProperty('iban')
    expect(await getDb().auditEvent.count({ where: { action: 'insured.file.open', insuredId: id } })).toBe(before + 1)
    // Shown again right after an action by the same advisor: the same opening. Another advisor: a new one.
    await openInsuredFile({ actor: await staffActor(PARIS), input: { insuredId: id }, ...ctx })
    expect(await getDb().auditEvent.count({ where: { action: 'insured.file.open', insuredId: id } })).toBe(before + 1)
    await openInsuredFile({ actor: await staffActor(PARIS_2), input: { insuredId: id }, ...ctx })
    expect(await getDb().auditEvent.count({ where: { action: 'insured.file.open', insuredId: id } })).toBe(before + 2)
  })
})

describe('temporary access code by SMS (issue 6 §5)', () => {
  it('stores only an argon2 hash of a 4-digit code, valid 30 minutes, queues the SMS, audits without the code', async () => {
    const id = await insuredId('Sophie')
    const r = await sendAccessCode({ actor: await staffActor(PARIS), input: { insuredId: id }, ...ctx })
    expect(r.expiresAt.getTime() - NOW.getTime()).toBe(30 * 60_000)
    const sms = await getDb().outboxMessage.findFirstOrThrow({ where: { insuredId: id, channel: 'sms', template: 'backofficeNotifications.accessCode' }, orderBy: { createdAt: 'desc' } })
    const code = /\b(\d{4})\b/.exec(sms.body)![1]!
    const user = await getDb().user.findFirstOrThrow({ where: { insuredId: id } })
    expect(user.accessCodeHash).not.toContain(code)
    expect(await verifyPassword(user.accessCodeHash!, code)).toBe(true)
    expect(user.accessCodeAttempts).toBe(0)
    const audit = await getDb().auditEvent.findFirstOrThrow({ where: { action: 'account.access-code.send', insuredId: id } })
    expect(audit.details).not.toContain(code)
    expect(audit.actorRole).toBe('advisor')
  })

  it('refuses without a phone number (Marc), for another caisse (404), and for an insured person (403)', async () => {
    const marc = await insuredId('Marc')
    expect(await codeOf(sendAccessCode({ actor: await staffActor(PARIS), input: { insuredId: marc }, ...ctx }))).toBe('422 backoffice.errors.noPhone')
    expect(await codeOf(sendAccessCode({ actor: await staffActor(RHONE), input: { insuredId: await insuredId('Sophie') }, ...ctx }))).toBe('404 notFound')
    expect(await codeOf(sendAccessCode({ actor: await insuredActor('Sophie'), input: { insuredId: await insuredId('Sophie') }, ...ctx }))).toBe('403 forbidden')
  })
})

describe('paper care sheet (issue 6 §5: lines computed by the engine, paid on the next payment run, caps respected)', () => {
  it('the next payment run is the next Tuesday or Friday after the entry day', () => {
    expect(nextPaymentRunAfter(calendarDate('2026-11-24'))).toBe('2026-11-27') // Tuesday → Friday
    expect(nextPaymentRunAfter(calendarDate('2026-11-27'))).toBe('2026-12-01') // Friday → Tuesday
    expect(nextPaymentRunAfter(calendarDate('2026-11-29'))).toBe('2026-12-01') // Sunday → Tuesday
  })

  it('amounts equal the engine’s with the caps started from the stored deductions; one scheduled payment per run', async () => {
    const id = await insuredId('Jonathan Pierre')
    const advisor = await staffActor(PARIS)
    const sheet = { insuredId: id, careDate: '2026-11-20', professionalRpps: GP_PARIS_RPPS, pathway: 'coordinated', lines: [{ act: 'G', fee: '30', quantity: 1 }] }
    // The preview before saving (issue 17 §5): the same amounts, nothing written (claim, payment, audit, message).
    const counts = async () => Promise.all([getDb().claim.count(), getDb().payment.count(), getDb().auditEvent.count(), getDb().outboxMessage.count()])
    const before = await counts()
    const preview = await enterPaperCareSheet({ actor: advisor, input: sheet, preview: true, ...ctx })
    expect(await counts()).toEqual(before)
    expect(preview).toMatchObject({ preview: true, reference: '', claimId: '', payment: { paidOn: '2026-11-27' } })
    const r = await enterPaperCareSheet({ actor: advisor, input: sheet, ...ctx })
    expect(r.preview).toBe(false)
    expect({ ...preview, claimId: r.claimId, reference: r.reference, payment: r.payment, preview: false }).toEqual(r)
    const engine = await getRuleEngine()
    const tally = await getDb().claimLine.aggregate({ where: { careDate: { startsWith: '2026-' }, claim: { insuredId: id, beneficiaryId: null }, NOT: { claimId: r.claimId } }, _sum: { participation: true, franchise: true } })
    const carried = await getDb().deductionCarryOver.aggregate({ where: { insuredId: id, beneficiaryId: null, year: 2026, settledAt: null }, _sum: { amount: true } })
    expect(carried._sum.amount ?? 0).toBe(0)
    const jonathan = await getDb().insured.findUniqueOrThrow({ where: { id } })
    const expected = engine.simulate({
      careDate: '2026-11-20', act: 'G', quantity: 1, feeCharged: 3000, sector: '1', regime: 'general', birthDate: jonathan.birthDate, pathway: 'coordinated', situations: [],
      complementary: 'ticket-moderateur', alreadyPaidThisYear: { participation: tally._sum.participation ?? 0, franchises: tally._sum.franchise ?? 0 },
    })
    if (!expected.ok) throw new Error('engine refused')
    expect(r.lines[0]).toMatchObject({ base: expected.result.base, rate: expected.result.rate, participation: expected.result.participation, amoPaid: expected.result.amoPaid })
    expect(r.amoPaid).toBe(expected.result.amoPaid)
    expect(r.payment?.paidOn).toBe('2026-11-27')
    const claim = await getDb().claim.findUniqueOrThrow({ where: { id: r.claimId }, include: { lines: true } })
    expect(claim).toMatchObject({ source: 'paper', status: 'processed', receivedOn: '2026-11-24', totalCharged: 3000, totalAmoPaid: r.amoPaid })
    expect(claim.enteredById).toBe(advisor.id)
    expect(claim.lines[0]!.paidOn).toBe('2026-11-27')
    const payment = await getDb().payment.findUniqueOrThrow({ where: { id: claim.lines[0]!.paymentId! } })
    expect(payment).toMatchObject({ status: 'scheduled', paidOn: '2026-11-27', amount: r.amoPaid, kind: 'reimbursement' })
    // The insured person sees the line in Mes paiements as scheduled, and its explanation says so.
    const person = await insuredActor('Jonathan Pierre')
    const mine = await listPayments({ actor: person, filters: { who: 'self', from: '2026-11-20', to: '2026-11-20' }, today: calendarDate('2026-11-24'), engine, locale: 'fr' })
    expect(mine.lines.find((l) => l.id === claim.lines[0]!.id)).toMatchObject({ paidOn: '2026-11-27', scheduled: true, amoPaid: r.amoPaid })
    expect(mine.lines.filter((l) => !l.id.startsWith(r.claimId)).every((l) => !l.scheduled)).toBe(true)
    const explained = await getPaymentLine({ actor: person, lineId: claim.lines[0]!.id, engine, rules: await getRuleSet(), locale: 'fr', today: calendarDate('2026-11-24') })
    expect(explained.payment).toMatchObject({ status: 'scheduled', paidOn: '2026-11-27', reference: payment.reference })
    // The same sheet again (same person, day, professional and act) is refused as a likely duplicate (issue 17 §5)…
    const duplicate = await enterPaperCareSheet({ actor: advisor, input: sheet, ...ctx }).catch((e: unknown) => e)
    expect(duplicate).toMatchObject({ code: 'backoffice.errors.duplicateSheet', status: 409, details: { reference: claim.reference, act: 'G', field: 'confirmDuplicate' } })
    // …and the mutuelle's share and what the person keeps are part of the result.
    expect(r).toMatchObject({ complementary: expected.result.complementary, patient: expected.result.patient })
    expect(r.lines[0]).toMatchObject({ complementary: expected.result.complementary, patient: expected.result.patient })
    // A second act confirmed by the advisor the same day joins the same payment run.
    const second = await enterPaperCareSheet({ actor: advisor, input: { ...sheet, lines: [{ act: 'G', fee: '30', quantity: 1 }] }, confirmDuplicate: true, ...ctx })
    expect((await getDb().payment.findUniqueOrThrow({ where: { id: payment.id } })).amount).toBe(r.amoPaid + second.amoPaid)
    expect(await getDb().auditEvent.count({ where: { action: 'claim.paper.enter', insuredId: id } })).toBe(2)
  })

  it('a person who already reached the 50 € participation cap this year pays no more participation', async () => {
    const id = await insuredId('Sophie')
    const stored = await getDb().claimLine.aggregate({ where: { careDate: { startsWith: '2026-' }, claim: { insuredId: id, beneficiaryId: null } }, _sum: { participation: true } })
    const line = await getDb().claimLine.findFirstOrThrow({ where: { claim: { insuredId: id } } })
    await getDb().deductionCarryOver.create({ data: { insuredId: id, beneficiaryId: null, kind: 'participation', amount: 5000 - (stored._sum.participation ?? 0), year: 2026, originLineId: line.id } })
    const r = await enterPaperCareSheet({ actor: await staffActor(PARIS), input: { insuredId: id, careDate: '2026-10-05', professionalRpps: GP_PARIS_RPPS, lines: [{ act: 'G', fee: '30', quantity: 1 }] }, ...ctx })
    expect(r.lines[0]!.participation).toBe(0)
    // Out of the cap's reach: a line in 2025 still pays its participation.
    const old = await enterPaperCareSheet({ actor: await staffActor(PARIS), input: { insuredId: id, careDate: '2025-06-05', professionalRpps: GP_PARIS_RPPS, lines: [{ act: 'G', fee: '30', quantity: 1 }] }, ...ctx })
    expect(old.lines[0]!.participation).toBeGreaterThan(0)
  })

  it('refuses a future date, an unknown RPPS, an unknown act and another caisse’s file, writing nothing', async () => {
    const id = await insuredId('Jonathan Pierre')
    const advisor = await staffActor(PARIS)
    const base = { insuredId: id, careDate: '2026-11-20', professionalRpps: GP_PARIS_RPPS, lines: [{ act: 'G', fee: '30', quantity: 1 }] }
    const claims = await getDb().claim.count()
    expect(await codeOf(enterPaperCareSheet({ actor: advisor, input: { ...base, careDate: '2026-11-25' }, ...ctx }))).toBe('422 backoffice.errors.careDateFuture')
    expect(await codeOf(enterPaperCareSheet({ actor: advisor, input: { ...base, professionalRpps: '99999999999' }, ...ctx }))).toBe('422 backoffice.errors.professional')
    expect(await codeOf(enterPaperCareSheet({ actor: advisor, input: { ...base, lines: [{ act: 'XYZ', fee: '30', quantity: 1 }] }, ...ctx }))).toBe('422 simulation.errors.act.unknown')
    expect(await codeOf(enterPaperCareSheet({ actor: await staffActor(RHONE), input: base, ...ctx }))).toBe('404 notFound')
    expect(await codeOf(enterPaperCareSheet({ actor: advisor, input: { ...base, ald: true }, ...ctx }))).toBe('422 backoffice.errors.notAld')
    expect(await getDb().claim.count()).toBe(claims)
  })
})

describe('audit journal (issue 6 §8: supervisor only, filters, CSV)', () => {
  const f = (q: Record<string, string>) => ZAuditFilter.parse(q)

  it('filters by action, insured person (NIR), actor and dates; advisors are refused', async () => {
    const supervisor = await staffActor(SUPERVISOR)
    const id = await insuredId('Jonathan Pierre')
    await openInsuredFile({ actor: await staffActor(PARIS), input: { insuredId: id }, ...ctx })
    const j = await getDb().insured.findUniqueOrThrow({ where: { id } })
    const byAction = await listAuditJournal({ actor: supervisor, filter: f({ action: 'insured.file.open' }) })
    expect(byAction.total).toBeGreaterThan(0)
    expect(byAction.rows.every((r) => r.action === 'insured.file.open')).toBe(true)
    const byInsured = await listAuditJournal({ actor: supervisor, filter: f({ insured: `${j.nir}${j.nirKey}`, action: 'insured.file' }) })
    expect(byInsured.rows.every((r) => r.insuredNir === j.nir)).toBe(true)
    expect(byInsured.total).toBeGreaterThan(0)
    const byActor = await listAuditJournal({ actor: supervisor, filter: f({ actor: 'camille' }) })
    expect(byActor.rows.every((r) => r.actorName === 'Camille Roux')).toBe(true)
    const nobody = await listAuditJournal({ actor: supervisor, filter: f({ actor: 'zzzz-nobody' }) })
    expect(nobody.total).toBe(0)
    const past = await listAuditJournal({ actor: supervisor, filter: f({ action: 'insured.file.open', from: '2020-01-01', to: '2020-12-31' }) })
    expect(past.total).toBe(0)
    expect(await codeOf(listAuditJournal({ actor: await staffActor(PARIS), filter: f({}) }))).toBe('403 forbidden')
  })

  it('exports the same filtered events as CSV with a BOM and a header', async () => {
    const supervisor = await staffActor(SUPERVISOR)
    const filter = f({ action: 'insured.file.open' })
    const page = await listAuditJournal({ actor: supervisor, filter })
    const { csv, count } = await exportAuditCsv({ actor: supervisor, filter })
    expect(count).toBe(page.total)
    expect(csv.startsWith('\uFEFFat_utc;actor;')).toBe(true)
    const lines = csv.trimEnd().split('\r\n')
    expect(lines.length).toBe(count + 1)
    expect(lines.slice(1).every((l) => l.includes(';insured.file.open;'))).toBe(true)
    expect(await codeOf(exportAuditCsv({ actor: await staffActor(PARIS), filter }))).toBe('403 forbidden')
  })
})

describe('360° file, paper care sheet form (careSheetContext): calendar dates decide who and what is offered', () => {
  const b = (id: string, to: string | null) => ({ rank: '02', relationship: 'child', from: '2010-01-01', to, beneficiary: { id, firstNames: id, lastName: 'X', birthDate: '2010-01-01', ownNir: null, ownNirKey: null } })
  const c = (from: string, to: string | null) => ({ id: from, kind: 'ald', from, to, label: null, beneficiaryId: null })
  it('a link ended yesterday is not offered, one ending today is; an ALD counts only inside its period (not before it starts)', () => {
    const today = calendarDate('2026-11-24')
    const ctx0 = careSheetContext({ beneficiaries: [b('gone', '2026-11-23'), b('last-day', '2026-11-24'), b('open', null)], coverages: [c('2026-12-01', null)] }, today)
    expect(ctx0.currentBeneficiaries.map((x) => x.beneficiary.id)).toEqual(['last-day', 'open'])
    expect(ctx0.hasAld).toBe(false)
    expect(careSheetContext({ beneficiaries: [], coverages: [c('2020-01-01', '2026-11-24')] }, today).hasAld).toBe(true)
    expect(careSheetContext({ beneficiaries: [], coverages: [c('2020-01-01', '2026-11-23')] }, today).hasAld).toBe(false)
  })
})
