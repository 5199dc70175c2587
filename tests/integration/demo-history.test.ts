import { describe, expect, it } from 'vitest'
import { getDb } from '@/lib/db/client'
import { addMonths, type CalendarDate } from '@/lib/domain/dates'
import { DEMO_TODAY } from '../support/integration-global-setup'

/**
 * The seed's demo history (issue "The reimbursement engine" §6): 27+ months of realistic claims for every
 * demo insured person and beneficiary, computed by the engine, paid in grouped transfers.
 */
describe('demo history', () => {
  const db = () => getDb()
  const monthsAgo27 = addMonths(DEMO_TODAY as CalendarDate, -27)

  it('every insured person with older rights has claims over at least the last 27 months, up to the last days', async () => {
    const insured = await db().insured.findMany({ select: { id: true, firstNames: true, rightsFrom: true, claims: { select: { careDate: true } } } })
    for (const i of insured) {
      expect(i.claims.length, i.firstNames).toBeGreaterThan(0)
      const dates = i.claims.map((c) => c.careDate).sort()
      if (i.rightsFrom < monthsAgo27) expect(dates[0]! <= monthsAgo27, `${i.firstNames} first care ${dates[0]}`).toBe(true)
      expect(dates.at(-1)! >= addMonths(DEMO_TODAY as CalendarDate, -2), `${i.firstNames} last care ${dates.at(-1)}`).toBe(true)
      expect(dates.at(-1)! < DEMO_TODAY).toBe(true)
    }
  })

  it('beneficiaries (the Martin children) have their own care', async () => {
    const kids = await db().beneficiary.findMany({ where: { lastName: 'Martin' }, select: { firstNames: true, claims: { select: { id: true } } } })
    expect(kids).toHaveLength(2)
    for (const k of kids) expect(k.claims.length, k.firstNames).toBeGreaterThan(5)
  })

  it('covers GP, teleconsultation, specialists, dentist, physiotherapy, nurse, pharmacy, lab and a hospital stay', async () => {
    const acts = (await db().claimLine.groupBy({ by: ['act'], _count: { _all: true } })).map((g) => g.act)
    for (const act of ['G', 'TCG', 'CS', 'CNPSY', 'DC', 'KINE', 'AMI1', 'PH65', 'PH15', 'BIO', 'HOSP', 'FJH']) expect(acts).toContain(act)
  })

  it('every stored line is consistent: AMO paid + complementary + patient = fee × quantity, and steps are stored', async () => {
    const lines = await db().claimLine.findMany({ select: { feeCharged: true, quantity: true, amoGross: true, localRegime: true, participation: true, franchise: true, amoPaid: true, complementary: true, patient: true, steps: true } })
    expect(lines.length).toBeGreaterThan(400)
    for (const l of lines) {
      expect(l.amoPaid + l.complementary + l.patient).toBe(l.feeCharged * l.quantity)
      expect(l.amoPaid).toBe(l.amoGross + l.localRegime - l.participation - l.franchise)
      const steps = JSON.parse(l.steps) as { code: string }[]
      expect(steps.at(-1)?.code).toBe('patient')
    }
  })

  it('RULEBOOK worked example 15 is Bernard’s surgical stay: 3 968 € paid, 32 € PFAL + 3 × 23 € forfait for the mutuelle', async () => {
    const stay = await db().claimLine.findFirstOrThrow({ where: { act: 'HOSP' }, select: { amoPaid: true, complementary: true, patient: true, careDate: true } })
    expect(stay).toEqual({ amoPaid: 396800, complementary: 3200, patient: 0, careDate: '2026-05-04' })
    const fjh = await db().claimLine.findFirstOrThrow({ where: { act: 'FJH' }, select: { base: true, complementary: true } })
    expect(fjh).toEqual({ base: 6900, complementary: 6900 })
  })

  it('payments are grouped transfers: on Tuesdays and Fridays, one per insured person and run, each the sum of its lines', async () => {
    const payments = await db().payment.findMany({ where: { kind: 'reimbursement' }, select: { id: true, insuredId: true, paidOn: true, amount: true, lines: { select: { amoPaid: true, paidOn: true } } } })
    expect(payments.length).toBeGreaterThan(100)
    const seen = new Set<string>()
    for (const p of payments) {
      expect([2, 5]).toContain(new Date(`${p.paidOn}T00:00:00Z`).getUTCDay())
      expect(p.paidOn <= DEMO_TODAY).toBe(true)
      expect(p.amount).toBe(p.lines.reduce((n, l) => n + l.amoPaid, 0))
      for (const l of p.lines) expect(l.paidOn).toBe(p.paidOn)
      const key = `${p.insuredId}|${p.paidOn}`
      expect(seen.has(key)).toBe(false)
      seen.add(key)
    }
    // Several lines per transfer on average: claims are grouped, not paid one by one.
    const lines = payments.reduce((n, p) => n + p.lines.length, 0)
    expect(lines / payments.length).toBeGreaterThan(1.5)
  })

  it('recent care is still being processed (not yet paid), and an insured person without bank details is not paid', async () => {
    expect(await db().claim.count({ where: { status: 'processing' } })).toBeGreaterThan(0)
    const marc = await db().insured.findFirstOrThrow({ where: { birthName: 'Petit' }, select: { id: true } })
    expect(await db().payment.count({ where: { insuredId: marc.id, kind: 'reimbursement' } })).toBe(0)
    expect(await db().claim.count({ where: { insuredId: marc.id, status: 'awaiting-bank-details' } })).toBeGreaterThan(0)
  })

  it('situations come from the person’s file: ALD at 100 % for Bernard, CSS for Nadia since April 2026, maternity for Sophie from the 6th month', async () => {
    const bernardAld = await db().claimLine.findFirstOrThrow({ where: { act: 'CS', situations: 'ald' }, select: { rate: true } })
    expect(bernardAld.rate).toBe(100)
    const nadia = await db().insured.findFirstOrThrow({ where: { birthName: 'Benali' }, select: { id: true } })
    const cssLines = await db().claimLine.findMany({ where: { claim: { insuredId: nadia.id }, careDate: { gte: '2026-04-01' } }, select: { situations: true, participation: true, franchise: true } })
    expect(cssLines.length).toBeGreaterThan(0)
    for (const l of cssLines) expect(l).toMatchObject({ situations: 'css', participation: 0, franchise: 0 })
    const sophie = await db().insured.findFirstOrThrow({ where: { birthName: 'Durand' }, select: { id: true } })
    const late = await db().claimLine.findMany({ where: { claim: { insuredId: sophie.id }, careDate: { gte: '2026-10-20' } }, select: { rate: true, situations: true } })
    expect(late.length).toBeGreaterThan(0)
    for (const l of late) expect(l).toEqual({ rate: 100, situations: 'maternity' })
  })

  it('the dated rules are in the RuleParameter table, each with its source', async () => {
    const rows = await db().ruleParameter.findMany({ select: { key: true, source: true } })
    expect(rows.length).toBeGreaterThan(80)
    for (const r of rows) expect(r.source).toMatch(/RULEBOOK|Seed \d{3}/)
  })
})
