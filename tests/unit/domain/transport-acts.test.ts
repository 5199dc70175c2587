/**
 * Ambulance, VSL and taxi conventionné as acts of the reimbursement engine (issue 16 §5; RULEBOOK "Beyond the act
 * table", §4 franchises, Corrections C8), with tolls and parking (RULEBOOK §1: personal car 0.30 €/km + tolls/
 * parking). The base of an ambulance / VSL / taxi trip is the amount invoiced at the conventional tariff; the
 * transport franchise (franchise.transport.*, décret n° 2024-114) is taken per trip, capped per day for transport
 * alone, and counts in the 50 € yearly franchise cap. A personal car pays no franchise.
 */
import { describe, expect, it } from 'vitest'
import { createEngine } from '@/lib/domain/reimbursement/engine'
import { RuleSet } from '@/lib/domain/rules/rule-set'
import type { ClaimLineInput, LineResult } from '@/lib/domain/reimbursement/types'
import { actGroupOf } from '@/components/simulator/form-query'
import { bundledActs, bundledRuleRows } from '@/prisma/rules'

const rules = new RuleSet(bundledRuleRows)
const engine = createEngine(rules, bundledActs)

function line(partial: Partial<ClaimLineInput> & Pick<ClaimLineInput, 'careDate' | 'act'>): ClaimLineInput {
  return { quantity: 1, sector: '1', regime: 'general', birthDate: '1970-05-06', pathway: 'coordinated', situations: [], complementary: 'none', ...partial }
}
function run(partial: Parameters<typeof line>[0]): LineResult {
  const outcome = engine.simulate(line(partial))
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors))
  return outcome.result
}
function batch(lines: Parameters<typeof line>[0][]): LineResult[] {
  return engine.simulateBatch(lines.map((l) => line({ beneficiaryId: 'b', ...l }))).map((o) => {
    if (!o.ok) throw new Error(JSON.stringify(o.errors))
    return o.result
  })
}

describe('ambulance / VSL / taxi conventionné (issue 16 §5)', () => {
  it('the acts AMB, VSL, TAXI, TOLL, PARK exist with plain-language FR/EN labels, in the simulator group "transport"; the three carriers take the transport franchise, tolls and parking none', () => {
    for (const code of ['AMB', 'VSL', 'TAXI', 'TOLL', 'PARK']) {
      const act = engine.acts.get(code)!
      expect(act.careType).toBe('transport')
      expect(actGroupOf(act.careType)).toBe('transport')
      expect(act.baseFromFee).toBe(true)
      expect(act.label.fr).not.toMatch(/^[A-Z]+$/)
      expect(act.label.en).not.toBe(act.label.fr)
      expect(act.franchise).toBe(['AMB', 'VSL', 'TAXI'].includes(code) ? 'transport' : undefined)
    }
    expect(engine.acts.get('TAXI')!.label.fr).toMatch(/taxi conventionné/)
  })

  it('transport franchise 4 € per trip since 31/03/2024 (2 € before), décret n° 2024-114: taxi invoice 80 € × 55 % = 44.00 € − 4.00 € = 40.00 € paid', () => {
    expect(run({ careDate: '2024-03-30', act: 'TAXI', feeCharged: 8000 })).toMatchObject({ base: 8000, rate: 55, amoGross: 4400, franchise: 200, amoPaid: 4200, patient: 3800 })
    const r = run({ careDate: '2024-03-31', act: 'TAXI', feeCharged: 8000 })
    expect(r).toMatchObject({ base: 8000, rate: 55, amoGross: 4400, franchise: 400, amoPaid: 4000, patient: 4000 })
    expect(r.steps.find((s) => s.code === 'franchise')).toMatchObject({ amount: -400, rule: 'franchise.transport.amount', from: '2024-03-31', values: { kind: 'transport' } })
    expect(rules.rowAt('franchise.transport.amount', '2024-03-31')?.source).toMatch(/2024-114/)
    expect(rules.rowAt('franchise.transport.amount', '2024-03-31')?.url).toMatch(/^https:\/\/www\.ameli\.fr\//)
  })

  it('transport franchise 4 € per trip since 31/03/2024, capped 8 €/day (4 €/day before): a return journey and a third trip the same day → 4 + 4 + 0 (2 + 2 + 0 on 30/03/2024)', () => {
    const day = (careDate: string) =>
      batch([
        { careDate, act: 'AMB', feeCharged: 12000 },
        { careDate, act: 'AMB', feeCharged: 12000 },
        { careDate, act: 'VSL', feeCharged: 5000 },
      ])
    expect(day('2024-03-30').map((r) => r.franchise)).toEqual([200, 200, 0])
    const after = day('2024-03-31')
    expect(after.map((r) => r.franchise)).toEqual([400, 400, 0])
    expect(after[2]!.steps.find((s) => s.code === 'franchise.capped')).toMatchObject({ rule: 'franchise.transport.daily-cap', values: { limit: 'daily', cap: 800 } })
    // The next day starts a new cap.
    expect(batch([{ careDate: '2025-06-02', act: 'TAXI', feeCharged: 3000, quantity: 3 }])[0]!.franchise).toBe(800)
  })

  it('RULEBOOK C8: the 8 €/day transport cap is its own — a nurse (4 €/day paramedical cap) and medicine boxes (no daily cap) the same day do not use it, nor does it use theirs', () => {
    const out = batch([
      { careDate: '2025-02-04', act: 'AMI1', quantity: 5 },
      { careDate: '2025-02-04', act: 'PH65', feeCharged: 1000, quantity: 3 },
      { careDate: '2025-02-04', act: 'AMB', feeCharged: 10000 },
      { careDate: '2025-02-04', act: 'TAXI', feeCharged: 6000 },
      { careDate: '2025-02-04', act: 'KINE' },
    ])
    expect(out.map((r) => r.franchise)).toEqual([400, 300, 400, 400, 0])
  })

  it('the transport franchise counts in the 50 € yearly franchise cap: 48 € already taken → 2 € on the next taxi trip', () => {
    const r = run({ careDate: '2026-03-10', act: 'TAXI', feeCharged: 5000, alreadyPaidThisYear: { participation: 0, franchises: 4800 } })
    expect(r).toMatchObject({ franchise: 200, amoPaid: 2750 - 200 })
    expect(r.steps.find((s) => s.code === 'franchise.capped')).toMatchObject({ values: { limit: 'annual', cap: 5000 } })
  })

  it('exemptions (RULEBOOK §4): under 18 on 1 January, CSS, maternity, AME pay no transport franchise; ALD and work accident (AT/MP) are at 100 % and still pay it', () => {
    expect(run({ careDate: '2025-05-05', act: 'AMB', feeCharged: 10000, birthDate: '2008-01-02' })).toMatchObject({ franchise: 0, amoPaid: 5500 })
    expect(run({ careDate: '2025-05-05', act: 'AMB', feeCharged: 10000, birthDate: '2007-01-01' }).franchise).toBe(400)
    for (const situation of ['css', 'maternity', 'ame'] as const) {
      const r = run({ careDate: '2025-05-05', act: 'VSL', feeCharged: 6000, situations: [situation] })
      expect(r.franchise).toBe(0)
      expect(r.steps.find((s) => s.code === 'franchise.exempt')?.values).toEqual({ reason: situation })
    }
    for (const situation of ['ald', 'work-accident'] as const) {
      expect(run({ careDate: '2025-05-05', act: 'TAXI', feeCharged: 6000, situations: [situation] })).toMatchObject({ rate: 100, amoGross: 6000, franchise: 400, amoPaid: 5600 })
    }
  })

  it('personal car (act KM, 0.30 €/km since 19/04/2015): 120 km × 0.30 € × 55 % = 19.80 €, no franchise', () => {
    const r = run({ careDate: '2025-05-05', act: 'KM', quantity: 120 })
    expect(r).toMatchObject({ base: 3600, rate: 55, amoGross: 1980, franchise: 0, amoPaid: 1980 })
    expect(r.steps.some((s) => s.code.startsWith('franchise'))).toBe(false)
  })

  it('tolls and parking (RULEBOOK §1 "+ tolls/parking") at the transport rate, no franchise: 12.50 € × 55 % = 6.88 €; 100 % for a work accident', () => {
    expect(run({ careDate: '2025-05-05', act: 'TOLL', feeCharged: 1250 })).toMatchObject({ base: 1250, rate: 55, amoPaid: 688, franchise: 0 })
    expect(run({ careDate: '2025-05-05', act: 'PARK', feeCharged: 600, situations: ['work-accident'] })).toMatchObject({ rate: 100, amoPaid: 600, franchise: 0 })
  })

  it('Alsace-Moselle: the RULEBOOK gives the régime local no transport rate, so the trip stays at 55 % with no local share, franchise due', () => {
    expect(run({ careDate: '2025-05-05', act: 'TAXI', feeCharged: 8000, regime: 'alsace-moselle' })).toMatchObject({ rate: 55, localRegime: 0, franchise: 400, amoPaid: 4000 })
  })

  it('the invoiced amount is required (feeCharged.required), as for medicines', () => {
    expect(engine.simulate(line({ careDate: '2025-05-05', act: 'AMB' }))).toEqual({ ok: false, errors: [{ path: 'feeCharged', code: 'feeCharged.required' }] })
  })
})
