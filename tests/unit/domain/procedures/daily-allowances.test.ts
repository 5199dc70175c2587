import { describe, expect, it } from 'vitest'
import { calendarDate as d } from '@/lib/domain/dates'
import { RuleSet } from '@/lib/domain/rules/rule-set'
import { bundledRuleRows } from '@/prisma/rules'
import { computeDailyAmount, leaveSchedule, waitingDaysFor } from '@/lib/domain/daily-allowances/compute'

const rules = new RuleSet(bundledRuleRows)
const daily = (salary: number, start: string) => {
  const r = computeDailyAmount([salary, salary, salary], d(start), rules)
  if (!r.ok) throw new Error(r.error)
  return r.value
}

describe('daily allowances (RULEBOOK §6)', () => {
  it('RULEBOOK IJ example A: leave 10–19/03/2025, gross 3 500 → capped 3 243.24 (1.8 SMIC) → IJ 53.31; 7 IJ = 373.17, CSG 23.14, CRDS 1.87, net 348.16, net fiscal 358.99', () => {
    const a = daily(350000, '2025-03-10')
    expect(a).toMatchObject({ smicMonthly: 180180, capRatioPercent: 180, monthlyCap: 324324, cappedSalaries: [324324, 324324, 324324], dailyGross: 5331 })
    expect(a.sjbCentsTimes100).toBe(1066271) // 106.6271 € (RULEBOOK: SJB 106.627)
    const s = leaveSchedule({ startDate: d('2025-03-10'), endDate: d('2025-03-19'), waitingDays: waitingDaysFor('illness', 'initial', d('2025-03-10'), rules), dailyGross: a.dailyGross }, rules)
    if (!s.ok) throw new Error(s.error)
    expect(s.value).toMatchObject({ totalDays: 10, waitingDays: 3, firstPaidDay: '2025-03-13' })
    expect(s.value.totals).toEqual({ days: 7, gross: 37317, csg: 2314, crds: 187, net: 34816, taxable: 35899 })
  })

  it('RULEBOOK IJ example B: leave 02–16/02/2026, gross 4 000 → capped 2 552.24 (1.4 × 1 823.03) → IJ 41.95 × 12 = 503.40; gross 2 000 → 32.88 × 12 = 394.56', () => {
    const high = daily(400000, '2026-02-02')
    expect(high).toMatchObject({ monthlyCap: 255224, capRatioPercent: 140, dailyGross: 4195 })
    const sched = (dailyGross: number) => leaveSchedule({ startDate: d('2026-02-02'), endDate: d('2026-02-16'), waitingDays: 3, dailyGross }, rules)
    expect(sched(high.dailyGross)).toMatchObject({ ok: true, value: { totals: { days: 12, gross: 50340 } } })
    const low = daily(200000, '2026-02-02')
    expect(low.dailyGross).toBe(3288)
    expect(sched(low.dailyGross)).toMatchObject({ ok: true, value: { totals: { days: 12, gross: 39456 } } })
  })

  it('the 1 April 2025 cap change: the ratio in force at the leave start decides (31/03 → 1.8 SMIC = 53.31, 01/04 → 1.4 SMIC = 41.47)', () => {
    expect(daily(500000, '2025-03-31').dailyGross).toBe(5331)
    expect(daily(500000, '2025-04-01').dailyGross).toBe(4147)
    // The RULEBOOK's "Max IJ" column: 52.28 (SMIC 01/2024, 1.8), 41.95 (SMIC 01/2026), 42.97 (SMIC 01/06/2026).
    expect(daily(900000, '2024-06-01').dailyGross).toBe(5228)
    expect(daily(900000, '2026-02-01').dailyGross).toBe(4195)
    expect(daily(900000, '2026-07-01').dailyGross).toBe(4297)
  })

  it('C5 the cap uses the SMIC of the last day of the month before the leave (R323-4): a leave starting 15/01/2026 → SMIC 31/12/2025 1 801.80 → 41.47 €, 01/02/2026 → 41.95 €; 01/06/2026 → SMIC 31/05/2026 → 41.95 €, 01/07/2026 → 42.97 €', () => {
    expect(daily(900000, '2026-01-01')).toMatchObject({ smicMonthly: 180180, smicDate: '2025-12-31', dailyGross: 4147 })
    expect(daily(900000, '2026-01-15').dailyGross).toBe(4147)
    expect(daily(900000, '2026-01-31').dailyGross).toBe(4147)
    expect(daily(900000, '2026-02-01')).toMatchObject({ smicMonthly: 182303, smicDate: '2026-01-31', dailyGross: 4195 })
    expect(daily(900000, '2026-06-01')).toMatchObject({ smicMonthly: 182303, dailyGross: 4195 })
    expect(daily(900000, '2026-06-30').dailyGross).toBe(4195)
    expect(daily(900000, '2026-07-01')).toMatchObject({ smicMonthly: 186702, dailyGross: 4297 })
    // A leave starting before any known SMIC gives a typed refusal, not an exception.
    expect(computeDailyAmount([1, 1, 1], d('2023-01-15'), rules)).toMatchObject({ ok: false, error: 'procedureErrors.sickLeave.noRules' })
  })

  it('salaries under the cap are not capped; the number of salaries is the rule (3)', () => {
    expect(computeDailyAmount([200000, 210000, 190000], d('2026-02-02'), rules)).toMatchObject({ ok: true, value: { cappedSalaries: [200000, 210000, 190000] } })
    expect(computeDailyAmount([200000, 210000], d('2026-02-02'), rules)).toMatchObject({ ok: false, error: 'procedureErrors.sickLeave.salaries' })
  })

  it('3 waiting days for an initial illness leave, none for an extension or a work accident', () => {
    expect(waitingDaysFor('illness', 'initial', d('2026-02-02'), rules)).toBe(3)
    expect(waitingDaysFor('illness', 'extension', d('2026-02-02'), rules)).toBe(0)
    expect(waitingDaysFor('work-accident', 'initial', d('2026-02-02'), rules)).toBe(0)
  })

  it('payments every 14 days, each paid 3 days after its last day; a leave shorter than the waiting days pays nothing', () => {
    const s = leaveSchedule({ startDate: d('2026-01-05'), endDate: d('2026-02-15'), waitingDays: 3, dailyGross: 4000 }, rules)
    if (!s.ok) throw new Error(s.error)
    expect(s.value.periods.map((p) => [p.fromDate, p.toDate, p.days, p.payOn])).toEqual([
      ['2026-01-08', '2026-01-21', 14, '2026-01-24'],
      ['2026-01-22', '2026-02-04', 14, '2026-02-07'],
      ['2026-02-05', '2026-02-15', 11, '2026-02-18'],
    ])
    const short = leaveSchedule({ startDate: d('2026-01-05'), endDate: d('2026-01-06'), waitingDays: 3, dailyGross: 4000 }, rules)
    expect(short).toMatchObject({ ok: true, value: { waitingDays: 2, firstPaidDay: null, periods: [] } })
    expect(leaveSchedule({ startDate: d('2026-01-05'), endDate: d('2026-01-04'), waitingDays: 3, dailyGross: 4000 }, rules)).toMatchObject({ ok: false })
  })
})

describe('AT/MP schedule (RULEBOOK Corrections C6): 80 % from day 29', () => {
  it('cuts a payment period on the day the daily amount increases; each period has one daily amount', () => {
    const s = leaveSchedule({ startDate: d('2026-01-05'), endDate: d('2026-02-15'), waitingDays: 0, dailyGross: 5917, increase: { fromDay: 20, dailyGross: 7890 } }, rules)
    if (!s.ok) throw new Error('refused')
    expect(s.value.periods.map((p) => [p.fromDate, p.toDate, p.dailyGross])).toEqual([
      ['2026-01-05', '2026-01-18', 5917],
      ['2026-01-19', '2026-01-23', 5917],
      ['2026-01-24', '2026-02-06', 7890],
      ['2026-02-07', '2026-02-15', 7890],
    ])
    expect(s.value.totals.days).toBe(42)
    expect(s.value.periods[2]!.gross).toBe(14 * 7890)
  })
})
