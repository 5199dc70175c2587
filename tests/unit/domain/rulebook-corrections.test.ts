/**
 * RULEBOOK "Corrections (2026-12-04)" C1–C4 and C8–C10 (../shared/domain/RULEBOOK.md): each correction is
 * dated rule data (prisma/rules/*.json), checked on both sides of its date, with the law's figure in the
 * test name. C5–C6 (daily allowances) and C7 (CSS ceilings) are in daily-allowances.test.ts and css-eligibility.test.ts.
 */
import { describe, expect, it } from 'vitest'
import { createEngine } from '@/lib/domain/reimbursement/engine'
import { RuleSet } from '@/lib/domain/rules/rule-set'
import type { ClaimLineInput, LineResult } from '@/lib/domain/reimbursement/types'
import { bundledActs, bundledRuleRows } from '@/prisma/rules'

const rules = new RuleSet(bundledRuleRows)
const engine = createEngine(rules, bundledActs)

function line(partial: Partial<ClaimLineInput> & Pick<ClaimLineInput, 'careDate' | 'act'>): ClaimLineInput {
  return { quantity: 1, sector: '1', regime: 'general', birthDate: '1980-02-03', pathway: 'coordinated', situations: [], complementary: 'ticket-moderateur', ...partial }
}

function run(partial: Parameters<typeof line>[0]): LineResult {
  const outcome = engine.simulate(line(partial))
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors))
  return outcome.result
}

function batch(lines: Parameters<typeof line>[0][]): LineResult[] {
  return engine.simulateBatch(lines.map(line)).map((o) => {
    if (!o.ok) throw new Error(JSON.stringify(o.errors))
    return o.result
  })
}

describe('RULEBOOK Corrections C1–C4, C8–C10', () => {
  it('C1 psychiatrist CNPSY 55.00 € until 31/12/2025 (still on 01/07/2025: revaluation suspended), 57.00 € from 01/01/2026', () => {
    expect(run({ careDate: '2025-07-01', act: 'CNPSY' }).base).toBe(5500)
    expect(run({ careDate: '2025-12-31', act: 'CNPSY' }).base).toBe(5500)
    expect(run({ careDate: '2026-01-01', act: 'CNPSY' })).toMatchObject({ base: 5700, amoGross: 3990, participation: 200, amoPaid: 3790 })
    expect(rules.rowAt('act.CNPSY.base', '2026-01-01')?.source).toMatch(/L114-4-1/)
  })

  it('C2 psychiatrist in sector 2 without OPTAM: base 42.50 € from 22/12/2024 (not the sector 1 base 55.00 €), 42.50 € still after 01/01/2026', () => {
    // Before 22/12/2024 the sources give no sector 2 figure [U]: the sector 1 base (51.70 €) applies.
    expect(run({ careDate: '2024-12-21', act: 'CNPSY', sector: '2', feeCharged: 8000 }).base).toBe(5170)
    const r = run({ careDate: '2025-03-01', act: 'CNPSY', sector: '2', feeCharged: 8000, complementary: 'none' })
    expect(r).toMatchObject({ base: 4250, rate: 70, amoGross: 2975, participation: 200, amoPaid: 2775, complementary: 0, patient: 8000 - 2775 })
    expect(r.steps[0]).toMatchObject({ code: 'base.sector-2', rule: 'act.CNPSY.base.sector-2' })
    expect(run({ careDate: '2026-02-01', act: 'CNPSY', sector: '2', feeCharged: 8000 }).base).toBe(4250)
    expect(run({ careDate: '2026-02-01', act: 'CNPSY', sector: '2-optam', feeCharged: 8000 }).base).toBe(5700)
  })

  it('C3 physiotherapy AMK 16.13 € before 22/02/2024, 16.58 € (AMK 2.21) from 22/02/2024, 17.90 € (AMK 8.1) from 01/01/2026, not 01/07/2025', () => {
    expect(run({ careDate: '2024-02-21', act: 'KINE' }).base).toBe(1613)
    expect(run({ careDate: '2024-02-22', act: 'KINE' }).base).toBe(1658)
    expect(run({ careDate: '2025-07-01', act: 'KINE' }).base).toBe(1658)
    expect(run({ careDate: '2025-12-31', act: 'KINE' }).base).toBe(1658)
    expect(run({ careDate: '2026-01-01', act: 'KINE' })).toMatchObject({ base: 1790, rate: 60, amoGross: 1074, franchise: 100, amoPaid: 974, complementary: 716 })
  })

  for (const situation of ['ald', 'invalidity'] as const) {
    it(`C4 a 15 % medicine stays at 15 % under ${situation} (L160-14 "sous réserve du dernier alinéa du I de L160-13"), the 65 % box goes to 100 %, in 2023 and in 2026`, () => {
      for (const careDate of ['2023-06-01', '2026-06-01']) {
        expect(run({ careDate, act: 'PH15', feeCharged: 1000, situations: [situation] })).toMatchObject({ rate: 15, amoGross: 150 })
        expect(run({ careDate, act: 'PH65', feeCharged: 1000, situations: [situation] })).toMatchObject({ rate: 100, amoGross: 1000 })
        expect(run({ careDate, act: 'PH30', feeCharged: 1000, situations: [situation] }).rate).toBe(100)
      }
    })
  }

  it('C8 daily franchise caps per kind: 4 medicine boxes the same day do not use up the nurse cap (2 € before 31/03/2024, 4 € from 31/03/2024); boxes have no daily cap', () => {
    const day = (careDate: string) =>
      batch([
        { careDate, act: 'PH65', feeCharged: 1000, quantity: 4, beneficiaryId: 'b' },
        { careDate, act: 'AMI1', quantity: 5, beneficiaryId: 'b' },
        { careDate, act: 'PH65', feeCharged: 1000, quantity: 3, beneficiaryId: 'b' },
      ]).map((r) => r.franchise)
    expect(day('2024-03-30')).toEqual([200, 200, 150])
    expect(day('2024-03-31')).toEqual([400, 400, 300])
  })

  it('C8 the participation forfaitaire keeps its own "4 per day per professional" count, apart from the paramedical franchise cap', () => {
    const out = batch([
      { careDate: '2025-03-03', act: 'AMI1', quantity: 5, beneficiaryId: 'b', professionalId: 'p' },
      { careDate: '2025-03-03', act: 'G', beneficiaryId: 'b', professionalId: 'p' },
    ])
    expect(out.map((r) => [r.participation, r.franchise])).toEqual([[0, 400], [200, 0]])
  })

  it('C9 Alsace-Moselle out of pathway: 30 € GP → AMO 30 % 9.00 + régime local 6.00 − participation 2.00 = 13.00 paid, patient keeps 12.00 increase + 2.00 (2025); 25 € GP in 2023 → 7.50 + 5.00 − 1.00', () => {
    const r = run({ careDate: '2025-02-10', act: 'G', regime: 'alsace-moselle', pathway: 'out-of-pathway' })
    expect(r).toMatchObject({ base: 3000, rate: 30, amoGross: 900, localRegime: 600, participation: 200, amoPaid: 1300, complementary: 300, patient: 1400 })
    expect(r.steps.find((s) => s.code === 'local-regime')?.values).toMatchObject({ complement: 20 })
    expect(run({ careDate: '2023-06-15', act: 'G', regime: 'alsace-moselle', pathway: 'out-of-pathway' })).toMatchObject({
      base: 2500,
      amoGross: 750,
      localRegime: 500,
      participation: 100,
      amoPaid: 1150,
      complementary: 250,
      patient: 1100,
    })
  })

  it('C10 hospital stay at 80 % until day 30, 100 % from the 31st day of a continuous stay (no heavy-act participation then)', () => {
    expect(run({ careDate: '2025-05-10', act: 'HOSP', feeCharged: 10000, stayDay: 30 })).toMatchObject({ rate: 80, amoGross: 8000, complementary: 2000 })
    const day31 = run({ careDate: '2025-05-11', act: 'HOSP', feeCharged: 10000, stayDay: 31 })
    expect(day31).toMatchObject({ rate: 100, amoGross: 10000, complementary: 0, patient: 0 })
    expect(day31.steps.find((s) => s.code === 'rate.long-stay')).toMatchObject({ rule: 'hospital.full-rate-from-day', values: { stayDay: 31, fromDay: 31 } })
    // A heavy act (≥ 120 €) before day 31 costs the PFAL; from day 31 it does not.
    expect(run({ careDate: '2025-05-11', act: 'HOSP', feeCharged: 50000, stayDay: 30 }).amoGross).toBe(50000 - 2400)
    expect(run({ careDate: '2025-05-11', act: 'HOSP', feeCharged: 50000, stayDay: 31 }).amoGross).toBe(50000)
  })
})
