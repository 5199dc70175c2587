/**
 * The reimbursement engine against ../shared/domain/RULEBOOK.md ("Worked examples", "Decisions") and
 * SIMULATION-API.md ("Worked example"). Amounts in cents.
 */
import { describe, expect, it } from 'vitest'
import { createEngine } from '@/lib/domain/reimbursement/engine'
import { RuleSet } from '@/lib/domain/rules/rule-set'
import type { ClaimLineInput, LineResult } from '@/lib/domain/reimbursement/types'
import { bundledActs, bundledRuleRows } from '@/prisma/rules'

const engine = createEngine(new RuleSet(bundledRuleRows), bundledActs)

export function line(partial: Partial<ClaimLineInput> & Pick<ClaimLineInput, 'careDate' | 'act'>): ClaimLineInput {
  return {
    quantity: 1,
    sector: '1',
    regime: 'general',
    birthDate: '1985-04-12',
    pathway: 'coordinated',
    situations: [],
    complementary: 'ticket-moderateur',
    ...partial,
  }
}

function run(partial: Parameters<typeof line>[0]): LineResult {
  const outcome = engine.simulate(line(partial))
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors))
  return outcome.result
}

function amounts(r: LineResult) {
  const { base, rate, amoGross, localRegime, participation, franchise, carriedForward, amoPaid, complementary, patient } = r
  return { base, rate, amoGross, localRegime, participation, franchise, carriedForward, amoPaid, complementary, patient }
}

const zero = { localRegime: 0, participation: 0, franchise: 0, carriedForward: 0 }

describe('SIMULATION-API worked example (seed documents): 25 € GP visit in 2023 → 16.50 € + 7.50 € mutuelle', () => {
  it('computes base 2500, rate 70, AMO gross 1750, participation 100, paid 1650, mutuelle 750, patient 100', () => {
    const r = run({ careDate: '2023-06-15', act: 'G', feeCharged: 2500, birthDate: '1990-01-01' })
    expect(amounts(r)).toEqual({ ...zero, base: 2500, rate: 70, amoGross: 1750, participation: 100, amoPaid: 1650, complementary: 750, patient: 100 })
  })

  it('explains every step in order, each naming its rule and source', () => {
    const r = run({ careDate: '2023-06-15', act: 'G', feeCharged: 2500, birthDate: '1990-01-01' })
    expect(r.steps.map((s) => s.code)).toEqual(['base.tariff', 'rate.general', 'participation', 'amo-paid', 'complementary.co-payment', 'patient'])
    expect(r.steps[0]).toMatchObject({ rule: 'act.G.base', from: '2017-05-01', amount: 2500 })
    expect(r.steps[2]).toMatchObject({ rule: 'participation.amount', amount: -100 })
    for (const s of r.steps) expect(s.source.length).toBeGreaterThan(10)
  })
})

describe('RULEBOOK worked examples', () => {
  it('#1 15/06/2023 GP 25.00, general regime, médecin traitant', () => {
    expect(amounts(run({ careDate: '2023-06-15', act: 'G', feeCharged: 2500 }))).toMatchObject({ base: 2500, amoGross: 1750, participation: 100, amoPaid: 1650, complementary: 750, patient: 100 })
  })

  it('#2 10/03/2024 GP 26.50: PF still 1 €', () => {
    expect(amounts(run({ careDate: '2024-03-10', act: 'G' }))).toMatchObject({ base: 2650, amoGross: 1855, participation: 100, amoPaid: 1755, complementary: 795, patient: 100 })
  })

  it('#3 10/02/2025 GP 30.00: PF 2 €', () => {
    expect(amounts(run({ careDate: '2025-02-10', act: 'G' }))).toMatchObject({ base: 3000, rate: 70, amoGross: 2100, participation: 200, amoPaid: 1900, complementary: 900, patient: 200 })
  })

  it('#4 out of the coordinated pathway, 40 y: 30 %, mutuelle pays only the normal co-payment', () => {
    const r = run({ careDate: '2025-02-10', act: 'G', pathway: 'out-of-pathway', birthDate: '1985-01-01' })
    expect(amounts(r)).toMatchObject({ base: 3000, rate: 30, amoGross: 900, participation: 200, amoPaid: 700, complementary: 900, patient: 1400 })
    expect(r.steps.find((s) => s.code === 'rate.out-of-pathway')).toMatchObject({ rule: 'rate.out-of-pathway.doctor', values: { rate: 30, normalRate: 70 } })
  })

  it('#5 Alsace-Moselle: 70 % + local complement 20 %, PF still due', () => {
    expect(amounts(run({ careDate: '2025-02-10', act: 'G', regime: 'alsace-moselle' }))).toMatchObject({ base: 3000, rate: 70, amoGross: 2100, localRegime: 600, participation: 200, amoPaid: 2500, complementary: 300, patient: 200 })
  })

  it('#6a specialist 60.00, sector 2 OPTAM, coordinated: base 31.50', () => {
    expect(amounts(run({ careDate: '2025-09-15', act: 'CS', sector: '2-optam', feeCharged: 6000 }))).toMatchObject({ base: 3150, amoGross: 2205, participation: 200, amoPaid: 2005, complementary: 945, patient: 3050 })
  })

  it('#6b same with a 200 % BR mutuelle: overrun covered up to 100 % of the base', () => {
    expect(amounts(run({ careDate: '2025-09-15', act: 'CS', sector: '2-optam', feeCharged: 6000, complementary: { overrunCoverPercent: 100 } }))).toMatchObject({ base: 3150, amoPaid: 2005, complementary: 3795, patient: 200 })
  })

  it('#7a specialist 60.00, sector 2 without OPTAM: base 23.00', () => {
    expect(amounts(run({ careDate: '2025-09-15', act: 'CS', sector: '2', feeCharged: 6000 }))).toMatchObject({ base: 2300, amoGross: 1610, participation: 200, amoPaid: 1410, complementary: 690, patient: 3900 })
  })

  it('#7b same with a 200 % contract: non-OPTAM overruns capped at 80 % of the base (20 points below)', () => {
    expect(amounts(run({ careDate: '2025-09-15', act: 'CS', sector: '2', feeCharged: 6000, complementary: { overrunCoverPercent: 100 } }))).toMatchObject({ base: 2300, amoPaid: 1410, complementary: 2530, patient: 2060 })
  })

  it('#8 teleconsultation TCG 25.00 in 2025', () => {
    expect(amounts(run({ careDate: '2025-03-05', act: 'TCG' }))).toMatchObject({ base: 2500, amoGross: 1750, participation: 200, amoPaid: 1550, complementary: 750, patient: 200 })
  })

  it('#9 dentist consultation 23.00 in January 2024: 60 %, no participation', () => {
    expect(amounts(run({ careDate: '2024-01-20', act: 'DC' }))).toMatchObject({ base: 2300, rate: 60, amoGross: 1380, participation: 0, franchise: 0, amoPaid: 1380, complementary: 920, patient: 0 })
  })

  it('#10 physiotherapy session on 06/05/2024: 16.58 (AMK 2.21 since February 2024, Corrections C3), 60 %, franchise 1 €', () => {
    expect(amounts(run({ careDate: '2024-05-06', act: 'KINE' }))).toMatchObject({ base: 1658, rate: 60, amoGross: 995, franchise: 100, amoPaid: 895, complementary: 663, patient: 100 })
  })

  it('#11 two medicine boxes: the franchise that does not fit the 15 % box is carried forward', () => {
    const [a, b] = engine.simulateBatch([
      line({ careDate: '2024-06-10', act: 'PH65', feeCharged: 1000, beneficiaryId: 'x' }),
      line({ careDate: '2024-06-10', act: 'PH15', feeCharged: 400, beneficiaryId: 'x' }),
    ])
    if (!a?.ok || !b?.ok) throw new Error('invalid')
    expect(amounts(a.result)).toMatchObject({ base: 1000, rate: 65, amoGross: 650, franchise: 100, amoPaid: 550, complementary: 350, patient: 100, carriedForward: 0 })
    expect(amounts(b.result)).toMatchObject({ base: 400, rate: 15, amoGross: 60, franchise: 60, amoPaid: 0, complementary: 340, patient: 60, carriedForward: 40 })
  })

  it('#11 (Decisions) the carried 0.40 € is deducted from the next payment of the same beneficiary, once', () => {
    const out = engine.simulateBatch([
      line({ careDate: '2024-06-10', act: 'PH65', feeCharged: 1000, beneficiaryId: 'x' }),
      line({ careDate: '2024-06-10', act: 'PH15', feeCharged: 400, beneficiaryId: 'x' }),
      line({ careDate: '2024-06-12', act: 'G', beneficiaryId: 'other' }),
      line({ careDate: '2024-06-12', act: 'G', beneficiaryId: 'x' }),
      line({ careDate: '2024-06-13', act: 'G', beneficiaryId: 'x' }),
    ]).map((o) => (o.ok ? o.result : null))
    expect(out[2]).toMatchObject({ participation: 200, amoPaid: 1655 })
    expect(out[3]).toMatchObject({ participation: 200, franchise: 40, amoPaid: 1615, patient: 240 })
    expect(out[3]!.steps.find((s) => s.code === 'carried-forward.deducted')).toMatchObject({ amount: -40, values: { franchises: 40, participation: 0 } })
    expect(out[4]).toMatchObject({ participation: 200, franchise: 0, amoPaid: 1655 })
  })

  it('#12 pregnant, 7th month: 100 %, no participation', () => {
    expect(amounts(run({ careDate: '2025-04-01', act: 'G', situations: ['maternity'] }))).toMatchObject({ base: 3000, rate: 100, amoGross: 3000, participation: 0, amoPaid: 3000, complementary: 0, patient: 0 })
  })

  it('#13 psychiatrist 55.00 on 01/10/2025 (57.00 postponed to 01/01/2026, Corrections C1) for ALD-related care: 100 %, PF still due', () => {
    expect(amounts(run({ careDate: '2025-10-01', act: 'CNPSY', situations: ['ald'] }))).toMatchObject({ base: 5500, rate: 100, amoGross: 5500, participation: 200, amoPaid: 5300, complementary: 0, patient: 200 })
  })

  it('#14 CSS: 70 %, no participation, the CSS pays the co-payment', () => {
    const r = run({ careDate: '2025-06-01', act: 'G', situations: ['css'], complementary: 'none' })
    expect(amounts(r)).toMatchObject({ base: 3000, rate: 70, amoGross: 2100, participation: 0, amoPaid: 2100, complementary: 900, patient: 0 })
    expect(r.steps.map((s) => s.code)).toContain('complementary.css')
  })

  it('#15 surgical stay 04–06/05/2026, base 4 000 with an act ≥ 120 €: 100 % minus PFAL 32, FJH 3 × 23', () => {
    const [stay, fjh] = engine.simulateBatch([
      line({ careDate: '2026-05-04', act: 'HOSP', feeCharged: 400000, beneficiaryId: 'h' }),
      line({ careDate: '2026-05-04', act: 'FJH', quantity: 3, beneficiaryId: 'h' }),
    ]).map((o) => (o.ok ? o.result : null))
    expect(stay).toMatchObject({ base: 400000, rate: 100, amoGross: 396800, participation: 0, amoPaid: 396800, complementary: 3200, patient: 0 })
    expect(fjh).toMatchObject({ base: 6900, rate: 0, amoPaid: 0, complementary: 6900, patient: 0 })
    expect(stay!.complementary + fjh!.complementary).toBe(10100)
  })

  it('#15 without mutuelle the patient pays 101.00', () => {
    const stay = run({ careDate: '2026-05-04', act: 'HOSP', feeCharged: 400000, complementary: 'none' })
    const fjh = run({ careDate: '2026-05-04', act: 'FJH', quantity: 3, complementary: 'none' })
    expect(stay.patient + fjh.patient).toBe(10100)
  })

  it('#16 child aged 4, GP 35.00 in November 2025: children’s base, no participation under 18', () => {
    const r = run({ careDate: '2025-11-20', act: 'G', birthDate: '2021-03-02' })
    expect(amounts(r)).toMatchObject({ base: 3500, amoGross: 2450, participation: 0, amoPaid: 2450, complementary: 1050, patient: 0 })
    expect(r.steps[0]).toMatchObject({ code: 'base.under-6', rule: 'act.G.base.under-6' })
    expect(r.steps.find((s) => s.code === 'participation.exempt')?.values).toEqual({ reason: 'minor' })
  })

  it('#17 adult who already paid 49 € of participations in 2025: capped at 1.00', () => {
    const r = run({ careDate: '2025-12-01', act: 'G', alreadyPaidThisYear: { participation: 4900, franchises: 0 } })
    expect(amounts(r)).toMatchObject({ participation: 100, amoPaid: 2000, complementary: 900, patient: 100 })
    expect(r.steps.find((s) => s.code === 'participation.capped')?.values).toMatchObject({ limit: 'annual', cap: 5000 })
  })
})
