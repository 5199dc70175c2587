/**
 * The daily-allowance simulator (SIMULATION-API.md "Daily allowances"; RULEBOOK §6 and Corrections C5, C6):
 * illness, work accident / occupational disease and maternity formulas, each figure a dated rule row.
 * Property tests (fast-check): amounts non-negative, caps never exceeded, totals add up.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { addDays, calendarDate as d, type CalendarDate } from '@/lib/domain/dates'
import { RuleSet } from '@/lib/domain/rules/rule-set'
import { simulateAllowance, type TAllowanceKind, type TAllowanceRequest, type TAllowanceResult } from '@/lib/domain/daily-allowances/simulate'
import { bundledRuleRows } from '@/prisma/rules'

const rules = new RuleSet(bundledRuleRows)

function run(kind: TAllowanceKind, start: string, end: string, salaries: number[], initial = true): TAllowanceResult {
  const out = simulateAllowance({ kind, startDate: d(start), endDate: d(end), salaries, initial }, rules)
  if (!out.ok) throw new Error(JSON.stringify(out.errors))
  return out.result
}

describe('illness (RULEBOOK §6, C5)', () => {
  it('RULEBOOK IJ example A through the simulator: 10–19/03/2025, 3 × 3 500 € → IJ 53.31, 3 waiting days, 7 paid = 373.17, CSG 23.14, CRDS 1.87, net 348.16, taxable 358.99', () => {
    expect(run('illness', '2025-03-10', '2025-03-19', [350000, 350000, 350000])).toMatchObject({
      dailyGross: 5331,
      waitingDays: 3,
      paidDays: 7,
      totalGross: 37317,
      csg: 2314,
      crds: 187,
      totalNet: 34816,
      taxable: 35899,
    })
  })

  it('C5 illness cap: leave starting 15/01/2026 uses the SMIC of 31/12/2025 (41.47 €), starting 01/02/2026 the SMIC of 31/01/2026 (41.95 €)', () => {
    const jan = run('illness', '2026-01-15', '2026-01-20', [900000, 900000, 900000])
    expect(jan.dailyGross).toBe(4147)
    expect(jan.steps[0]).toMatchObject({ code: 'illness.cap', rule: 'smic.monthly', values: { smicDate: '2025-12-31', smic: 180180 } })
    expect(run('illness', '2026-02-01', '2026-02-10', [900000, 900000, 900000]).dailyGross).toBe(4195)
  })

  it('a prolongation (initial: false) has no waiting day; only the last 3 salaries count', () => {
    expect(run('illness', '2026-02-02', '2026-02-16', [1, 400000, 400000, 400000], false)).toMatchObject({ dailyGross: 4195, waitingDays: 0, paidDays: 15, totalGross: 15 * 4195 })
  })
})

describe('work accident and occupational disease (C6: R433-1, R433-4)', () => {
  it('C6 work accident: 3 000 € / 30.42 = 98.62 € base; 60 % = 59.17 € days 1–28, 80 % = 78.90 € from day 29; no waiting day; 40 days = 28 × 59.17 + 12 × 78.90 = 2 603.56 €; 50 % taxable', () => {
    const r = run('work-accident', '2025-03-01', '2025-04-09', [300000])
    expect(r).toMatchObject({ dailyGross: 5917, dailyGrossFrom29: 7890, waitingDays: 0, paidDays: 40, totalGross: 28 * 5917 + 12 * 7890 })
    expect(r.steps[0]).toMatchObject({ code: 'work.daily-base', amount: 9862 })
    const netFiscal = r.totalGross - Math.round((r.totalGross * 380) / 10_000)
    expect(r.taxable).toBe(Math.round(netFiscal / 2))
  })

  it('C6 work-accident cap: daily base at most 0.834 % of the yearly ceiling, 392.81 € in 2025 → IJ max 235.69 € then 314.25 €; 400.82 € in 2026 → 240.49 € / 320.66 €; 386.71 € in 2024 → 232.03 € / 309.37 €', () => {
    expect(run('occupational-disease', '2025-06-01', '2025-06-10', [2_000_000])).toMatchObject({ dailyGross: 23569, dailyGrossFrom29: 31425 })
    expect(run('work-accident', '2025-12-31', '2026-01-02', [2_000_000])).toMatchObject({ dailyGross: 23569 })
    expect(run('work-accident', '2026-01-01', '2026-01-02', [2_000_000])).toMatchObject({ dailyGross: 24049, dailyGrossFrom29: 32066 })
    expect(run('work-accident', '2024-12-31', '2025-01-02', [2_000_000])).toMatchObject({ dailyGross: 23203, dailyGrossFrom29: 30937 })
  })

  it('C6 a short work-accident leave (≤ 28 days) is paid at 60 % only; the illness formula would give a different amount', () => {
    const r = run('work-accident', '2025-05-05', '2025-05-18', [250000])
    expect(r).toMatchObject({ paidDays: 14, totalGross: 14 * r.dailyGross })
    expect(r.dailyGross).toBe(Math.round((250000 * 60) / 3042))
    expect(run('illness', '2025-05-05', '2025-05-18', [250000, 250000, 250000]).dailyGross).not.toBe(r.dailyGross)
  })
})

describe('maternity (C6: R331-5)', () => {
  it('C6 maternity: 3 × 2 500 € minus 21 % / 91.25 = 64.93 € a day, no waiting day', () => {
    expect(run('maternity', '2026-03-01', '2026-03-31', [250000, 250000, 250000])).toMatchObject({ dailyGross: 6493, waitingDays: 0, paidDays: 31, totalGross: 31 * 6493 })
  })

  it('C6 maternity cap at the social-security ceiling: 101.94 € for a leave in 2025 (PASS 3 925 €), 104.02 € in 2026 (PASS 4 005 €)', () => {
    expect(run('maternity', '2025-12-31', '2026-01-05', [900000, 900000, 900000]).dailyGross).toBe(10194)
    expect(run('maternity', '2026-01-01', '2026-01-05', [900000, 900000, 900000]).dailyGross).toBe(10402)
  })
})

describe('typed answers, never an exception', () => {
  it('a leave starting before any scale (SMIC of the previous month unknown) → startDate.noRules', () => {
    expect(simulateAllowance({ id: 'x', kind: 'illness', startDate: d('2023-01-10'), endDate: d('2023-01-20'), salaries: [1, 1, 1], initial: true }, rules)).toEqual({
      ok: false,
      id: 'x',
      errors: [{ path: 'startDate', code: 'startDate.noRules', params: { date: '2023-01-10' } }],
    })
  })

  it('too few salaries for the kind → salaries.tooFew with the number of months; an end before the start → endDate.beforeStart', () => {
    expect(simulateAllowance({ kind: 'maternity', startDate: d('2026-01-10'), endDate: d('2026-01-20'), salaries: [1, 1], initial: true }, rules)).toMatchObject({
      ok: false,
      errors: [{ path: 'salaries', code: 'salaries.tooFew', params: { months: 3 } }],
    })
    expect(simulateAllowance({ kind: 'illness', startDate: d('2026-01-10'), endDate: d('2026-01-09'), salaries: [1, 1, 1], initial: true }, rules)).toMatchObject({
      ok: false,
      errors: [{ path: 'endDate', code: 'endDate.beforeStart' }],
    })
  })
})

describe('properties (fast-check)', () => {
  const base = d('2023-02-01')
  const arbRequest = fc
    .record({
      kind: fc.constantFrom<TAllowanceKind>('illness', 'work-accident', 'occupational-disease', 'maternity'),
      offset: fc.integer({ min: 0, max: 1400 }),
      length: fc.integer({ min: 1, max: 400 }),
      salaries: fc.array(fc.integer({ min: 0, max: 3_000_000 }), { minLength: 3, maxLength: 4 }),
      initial: fc.boolean(),
    })
    .map(({ kind, offset, length, salaries, initial }): TAllowanceRequest => {
      const startDate = addDays(base, offset) as CalendarDate
      return { kind, startDate, endDate: addDays(startDate, length - 1), salaries, initial }
    })

  it('non-negative amounts, caps never exceeded, paid + waiting days = leave days, gross = days × daily, net = gross − CSG − CRDS, taxable ≤ gross', () => {
    fc.assert(
      fc.property(arbRequest, (req) => {
        const out = simulateAllowance(req, rules)
        expect(out.ok).toBe(true)
        if (!out.ok) return
        const r = out.result
        for (const v of [r.dailyGross, r.waitingDays, r.paidDays, r.totalGross, r.csg, r.crds, r.totalNet, r.taxable]) {
          expect(Number.isSafeInteger(v) && v >= 0).toBe(true)
        }
        const days = Math.round((Date.parse(req.endDate) - Date.parse(req.startDate)) / 86_400_000) + 1
        expect(r.paidDays + r.waitingDays).toBe(days)
        expect(r.totalNet).toBe(r.totalGross - r.csg - r.crds)
        expect(r.taxable).toBeLessThanOrEqual(r.totalGross)
        // The same request with every salary far above any cap gives the maximum: never exceeded.
        const max = simulateAllowance({ ...req, salaries: req.salaries.map(() => 100_000_000) }, rules)
        if (!max.ok) throw new Error('max')
        expect(r.dailyGross).toBeLessThanOrEqual(max.result.dailyGross)
        if (req.kind === 'illness') {
          const smic = rules.valueAt('smic.monthly', addDays(`${req.startDate.slice(0, 8)}01` as CalendarDate, -1))
          const ratio = rules.valueAt('ij.cap.smic-ratio', req.startDate)
          expect(max.result.dailyGross).toBe(Math.round((3 * Math.round((smic * ratio) / 100) * 50) / 9125))
        }
        if (r.dailyGrossFrom29 !== undefined) {
          expect(r.dailyGrossFrom29).toBeGreaterThanOrEqual(r.dailyGross)
          const low = Math.min(r.paidDays, 28)
          expect(r.totalGross).toBe(low * r.dailyGross + (r.paidDays - low) * r.dailyGrossFrom29)
        } else {
          expect(r.totalGross).toBe(r.paidDays * r.dailyGross)
        }
      }),
      { numRuns: 300 },
    )
  })
})
