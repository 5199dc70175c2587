import { describe, expect, it } from 'vitest'
import { recordSickLeave } from '@/lib/services/sick-leave/record-sick-leave'
import { payDailyAllowances } from '@/lib/services/sick-leave/pay-daily-allowances'
import { listSickLeaves } from '@/lib/services/sick-leave/list-sick-leaves'
import { codeOf, ctx, insuredActor, NOW, staffActor } from '../support/procedures'

describe('sick leave and daily allowances (issue §7; RULEBOOK §6)', async () => {
  const claire = await insuredActor('Claire')
  const anne = await staffActor('anne.keller@cpam-basrhin.example.fr')

  it('RULEBOOK IJ example B entered by an advisor: IJ 41.95, 3 waiting days, 12 days paid = 503.40 gross; the person sees it', async () => {
    expect(await codeOf(recordSickLeave({ actor: claire, input: {}, ...ctx }))).toBe('403 forbidden')
    const leave = await recordSickLeave({ actor: anne, input: { insuredId: claire.insuredId, kind: 'illness', startDate: '2026-02-02', endDate: '2026-02-16', salaries: [400000, 400000, 400000] }, ...ctx })
    expect(leave).toMatchObject({ dailyGross: 4195, waitingDays: 3 })
    expect(await codeOf(recordSickLeave({ actor: await staffActor('camille.roux@cpam-paris.example.fr'), input: { insuredId: claire.insuredId, kind: 'illness', startDate: '2026-02-02', endDate: '2026-02-16', salaries: [1, 1, 1] }, ...ctx }))).toBe('404 notFound')
    expect(await payDailyAllowances({ actor: anne, sickLeaveId: leave.id, ...ctx })).toMatchObject({ paidPeriods: 1 })
    expect(await payDailyAllowances({ actor: anne, sickLeaveId: leave.id, ...ctx })).toMatchObject({ paidPeriods: 0 })
    const [view] = (await listSickLeaves({ actor: claire, now: NOW })).filter((l) => l.id === leave.id)
    expect(view).toMatchObject({ waitingDays: 3, firstPaidDay: '2026-02-05', dailyGross: 4195, next: null, status: 'closed', computation: { capRatioPercent: 140, monthlyCap: 255224 } })
    expect(view!.payments[0]).toMatchObject({ days: 12, gross: 50340 })
  })
})

describe('sick leaves are money-safe (issue 17 §5)', async () => {
  const claire = await insuredActor('Claire')
  const anne = await staffActor('anne.keller@cpam-basrhin.example.fr')
  const leave = (startDate: string, endDate: string) => ({ insuredId: claire.insuredId, kind: 'illness', startDate, endDate, salaries: [400000, 400000, 400000] })
  const db = (await import('@/lib/db/client')).getDb()

  it('an overlapping leave is refused with the first one’s reference (the same days would be paid twice); the day after its end is accepted', async () => {
    const first = await recordSickLeave({ actor: anne, input: leave('2026-05-04', '2026-05-15'), ...ctx })
    const count = await db.sickLeave.count()
    const refused = await recordSickLeave({ actor: anne, input: leave('2026-05-10', '2026-05-20'), ...ctx }).catch((e: unknown) => e)
    expect(refused).toMatchObject({ code: 'procedureErrors.sickLeave.overlap', status: 409, details: { reference: first.reference } })
    expect(await codeOf(recordSickLeave({ actor: anne, input: leave('2026-05-15', '2026-05-15'), ...ctx }))).toBe('409 procedureErrors.sickLeave.overlap')
    expect(await codeOf(recordSickLeave({ actor: anne, input: leave('2026-04-20', '2026-05-04'), ...ctx }))).toBe('409 procedureErrors.sickLeave.overlap')
    expect(await db.sickLeave.count()).toBe(count)
    await recordSickLeave({ actor: anne, input: { ...leave('2026-05-16', '2026-05-22'), prescription: 'extension' }, ...ctx })
    expect(await db.sickLeave.count()).toBe(count + 1)
  })

  it('a leave that has not started is "received", paid nothing, and goes "in payment" once its first period is paid', async () => {
    // NOW is 24/11/2026: a leave from 1 December 2026.
    const future = await recordSickLeave({ actor: anne, input: leave('2026-12-01', '2027-01-31'), ...ctx })
    expect((await db.sickLeave.findUniqueOrThrow({ where: { id: future.id } })).status).toBe('received')
    expect(await payDailyAllowances({ actor: anne, sickLeaveId: future.id, ...ctx })).toMatchObject({ paidPeriods: 0 })
    expect((await db.sickLeave.findUniqueOrThrow({ where: { id: future.id } })).status).toBe('received')
    const later = { ...ctx, now: new Date('2026-12-31T10:00:00Z') }
    expect((await payDailyAllowances({ actor: anne, sickLeaveId: future.id, ...later })).paidPeriods).toBeGreaterThan(0)
    expect((await db.sickLeave.findUniqueOrThrow({ where: { id: future.id } })).status).toBe('in-payment')
  })

  it('a start before the 2-year limit (2020), more than 31 days ahead, or a leave of more than 3 years is refused with its reason, never an unexpected error', async () => {
    expect(await codeOf(recordSickLeave({ actor: anne, input: leave('2020-03-02', '2020-03-20'), ...ctx }))).toBe('422 procedureErrors.sickLeave.tooOld')
    expect(await codeOf(recordSickLeave({ actor: anne, input: leave('2024-11-23', '2024-11-30'), ...ctx }))).toBe('422 procedureErrors.sickLeave.tooOld')
    expect(await codeOf(recordSickLeave({ actor: anne, input: leave('2026-12-26', '2026-12-30'), ...ctx }))).toBe('422 procedureErrors.sickLeave.tooFar')
    expect(await codeOf(recordSickLeave({ actor: anne, input: leave('2026-06-01', '2029-06-02'), ...ctx }))).toBe('422 procedureErrors.sickLeave.tooLong')
  })
})

describe('demo data: Jonathan\'s two sick leaves around the 1 April 2025 cap change (RULEBOOK §6)', () => {
  it('shows 53.31 (1.8 SMIC) for March 2025 and 42.97 (1.4 SMIC, SMIC 06/2026) for October 2026, with payments and the next one', async () => {
    const jonathan = await insuredActor('Jonathan Pierre')
    const leaves = await listSickLeaves({ actor: jonathan, now: NOW })
    const march = leaves.find((l) => l.startDate === '2025-03-10')!
    const october = leaves.find((l) => l.startDate === '2026-10-12')!
    expect(march).toMatchObject({ dailyGross: 5331, status: 'closed', totals: { gross: 37317, net: 34816, taxable: 35899 }, next: null })
    expect(october).toMatchObject({ dailyGross: 4297, status: 'in-payment', computation: { capRatioPercent: 140, smicMonthly: 186702 } })
    expect(october.payments.length).toBe(2)
    expect(october.next).toMatchObject({ fromDate: '2026-11-12', toDate: '2026-11-25', payOn: '2026-11-28' })
  })
})

describe('a work accident or occupational disease entered in the back office is paid with the AT/MP formula (RULEBOOK Corrections C6)', async () => {
  const claire = await insuredActor('Claire')
  const anne = await staffActor('anne.keller@cpam-basrhin.example.fr')
  const { basisPointsOf } = await import('@/lib/domain/money')

  for (const kind of ['work-accident', 'occupational-disease'] as const) {
    it(`${kind}: 3 000 € last month → 59,17 € a day up to day 28, 78,90 € from day 29, no waiting day`, async () => {
      const start = kind === 'work-accident' ? '2026-08-03' : '2026-09-14'
      const end = kind === 'work-accident' ? '2026-09-11' : '2026-10-23'
      const leave = await recordSickLeave({ actor: anne, input: { insuredId: claire.insuredId, kind, startDate: start, endDate: end, salaries: [250000, 280000, 300000] }, ...ctx })
      // Only the last month counts (3 000 € / 30.42 × 60 %), not the illness formula's 3 months / 91.25 × 50 % (45,21 €).
      expect(leave).toMatchObject({ dailyGross: 5917, waitingDays: 0 })
      expect(await payDailyAllowances({ actor: anne, sickLeaveId: leave.id, ...ctx })).toMatchObject({ paidPeriods: 3 })
      const [view] = (await listSickLeaves({ actor: claire, now: NOW })).filter((l) => l.id === leave.id)
      expect(view).toMatchObject({ waitingDays: 0, firstPaidDay: start, computation: null, status: 'closed' })
      expect(view!.payments.map((p) => [p.days, p.dailyGross, p.gross])).toEqual([
        [14, 5917, 14 * 5917],
        [14, 5917, 14 * 5917],
        [12, 7890, 12 * 7890],
      ])
      // Stored: the net fiscal amount (gross − deductible CSG); the tax statement applies the 50 % share of AT/MP.
      for (const p of view!.payments) expect(p.taxable).toBe(p.gross - basisPointsOf(p.gross, 380))
    })
  }
})
