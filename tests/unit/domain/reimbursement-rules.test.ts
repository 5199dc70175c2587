/**
 * Dated rules: every boundary date of ../shared/domain/RULEBOOK.md (the day before and the day a tariff
 * or an amount changes), a future-dated row changing results without code, and the rule data itself
 * (every row sourced, every act with a base or a rate, FR and EN labels).
 */
import { describe, expect, it } from 'vitest'
import { createEngine } from '@/lib/domain/reimbursement/engine'
import { RuleDataError, RuleSet, type RuleRow } from '@/lib/domain/rules/rule-set'
import type { ClaimLineInput, LineResult } from '@/lib/domain/reimbursement/types'
import { bundledActs, bundledRuleRows } from '@/prisma/rules'

const engine = createEngine(new RuleSet(bundledRuleRows), bundledActs)

function line(partial: Partial<ClaimLineInput> & Pick<ClaimLineInput, 'careDate' | 'act'>): ClaimLineInput {
  return { quantity: 1, sector: '1', regime: 'general', birthDate: '1980-02-03', pathway: 'coordinated', situations: [], complementary: 'ticket-moderateur', ...partial }
}

function run(partial: Parameters<typeof line>[0], e = engine): LineResult {
  const outcome = e.simulate(line(partial))
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors))
  return outcome.result
}

describe('boundary dates (RULEBOOK §1–§4): the day before and the day a figure changes', () => {
  const cases: [string, Parameters<typeof line>[0], keyof LineResult, number, Parameters<typeof line>[0], number][] = [
    ['G 25.00 → 26.50 on 01/11/2023 (règlement arbitral)', { careDate: '2023-10-31', act: 'G' }, 'base', 2500, { careDate: '2023-11-01', act: 'G' }, 2650],
    ['G 26.50 → 30.00 on 22/12/2024 (convention 2024)', { careDate: '2024-12-21', act: 'G' }, 'base', 2650, { careDate: '2024-12-22', act: 'G' }, 3000],
    ['G child under 6: 31.50 → 35.00 on 22/12/2024', { careDate: '2024-12-21', act: 'G', birthDate: '2021-01-01' }, 'base', 3150, { careDate: '2024-12-22', act: 'G', birthDate: '2021-01-01' }, 3500],
    ['CS 30.00 → 31.50 on 01/11/2023', { careDate: '2023-10-31', act: 'CS' }, 'base', 3000, { careDate: '2023-11-01', act: 'CS' }, 3150],
    ['APC 56.50 → 60.00 on 22/12/2024', { careDate: '2024-12-21', act: 'APC' }, 'base', 5650, { careDate: '2024-12-22', act: 'APC' }, 6000],
    ['CNPSY 55.00 → 57.00 on 01/01/2026 (postponed from 01/07/2025, Corrections C1)', { careDate: '2025-12-31', act: 'CNPSY' }, 'base', 5500, { careDate: '2026-01-01', act: 'CNPSY' }, 5700],
    ['dentists 70 % → 60 % on 15/10/2023 (décret 2023-701)', { careDate: '2023-10-14', act: 'DC' }, 'rate', 70, { careDate: '2023-10-15', act: 'DC' }, 60],
    ['participation forfaitaire 1 € → 2 € on 15/05/2024', { careDate: '2024-05-14', act: 'G' }, 'participation', 100, { careDate: '2024-05-15', act: 'G' }, 200],
    ['medicine franchise 0.50 → 1 € on 31/03/2024 (décret 2024-114)', { careDate: '2024-03-30', act: 'PH65', feeCharged: 1000 }, 'franchise', 50, { careDate: '2024-03-31', act: 'PH65', feeCharged: 1000 }, 100],
    ['paramedical franchise 0.50 → 1 € on 31/03/2024', { careDate: '2024-03-30', act: 'KINE' }, 'franchise', 50, { careDate: '2024-03-31', act: 'KINE' }, 100],
    ['forfait journalier 20 → 23 € on 01/03/2026', { careDate: '2026-02-28', act: 'FJH' }, 'base', 2000, { careDate: '2026-03-01', act: 'FJH' }, 2300],
    ['psychiatric forfait journalier 15 → 17 € on 01/03/2026', { careDate: '2026-02-28', act: 'FJHPSY' }, 'base', 1500, { careDate: '2026-03-01', act: 'FJHPSY' }, 1700],
    ['forfait patient urgences 19.61 → 23 € on 01/03/2026', { careDate: '2026-02-28', act: 'FPU' }, 'base', 1961, { careDate: '2026-03-01', act: 'FPU' }, 2300],
    ['FPU minoré (ALD) 8.49 → 9.96 € on 01/03/2026', { careDate: '2026-02-28', act: 'FPU', situations: ['ald'] }, 'base', 849, { careDate: '2026-03-01', act: 'FPU', situations: ['ald'] }, 996],
    ['heavy-act participation 24 → 32 € on 22/04/2026', { careDate: '2026-04-21', act: 'HOSP', feeCharged: 50000 }, 'complementary', 2400, { careDate: '2026-04-22', act: 'HOSP', feeCharged: 50000 }, 3200],
  ]
  for (const [name, before, field, expectedBefore, after, expectedAfter] of cases) {
    it(name, () => {
      expect(run(before)[field]).toBe(expectedBefore)
      expect(run(after)[field]).toBe(expectedAfter)
    })
  }

  it('paramedical franchise daily cap 2 € → 4 € on 31/03/2024: 5 acts the same day with the same nurse', () => {
    const day = (careDate: string) => run({ careDate, act: 'AMI1', quantity: 5, professionalId: 'ide' }).franchise
    expect(day('2024-03-30')).toBe(200)
    expect(day('2024-03-31')).toBe(400)
  })

  it('participation: at most 4 per day with the same professional (RULEBOOK Decisions), a 5th is not due', () => {
    const out = engine.simulateBatch(
      Array.from({ length: 5 }, (_, i) => line({ careDate: '2025-03-03', act: 'BIO', feeCharged: 1000, beneficiaryId: 'b', professionalId: 'lab', id: String(i) })),
    )
    expect(out.map((o) => (o.ok ? o.result.participation : -1))).toEqual([200, 200, 200, 200, 0])
    const other = engine.simulateBatch([
      ...Array.from({ length: 4 }, () => line({ careDate: '2025-03-03', act: 'BIO', feeCharged: 1000, beneficiaryId: 'b', professionalId: 'lab' })),
      line({ careDate: '2025-03-03', act: 'G', beneficiaryId: 'b', professionalId: 'gp' }),
    ])
    expect(other[4]!.ok && other[4]!.result.participation).toBe(200)
  })

  it('under-18 exemption uses the age on 1 January: 18 on 2 January 2025 still exempt all 2025, not in 2026', () => {
    expect(run({ careDate: '2025-06-01', act: 'G', birthDate: '2007-01-02' }).participation).toBe(0)
    expect(run({ careDate: '2025-06-01', act: 'G', birthDate: '2007-01-01' }).participation).toBe(200)
    expect(run({ careDate: '2026-01-01', act: 'G', birthDate: '2007-01-02' }).participation).toBe(200)
  })

  it('children’s GP base applies until the day before the 6th birthday', () => {
    expect(run({ careDate: '2025-05-09', act: 'G', birthDate: '2019-05-10' }).base).toBe(3500)
    expect(run({ careDate: '2025-05-10', act: 'G', birthDate: '2019-05-10' }).base).toBe(3000)
  })

  it('out of pathway does not apply under 16, to AME, or to a psychiatrist for a 16–25 year-old (RULEBOOK §3)', () => {
    expect(run({ careDate: '2025-02-10', act: 'G', pathway: 'out-of-pathway', birthDate: '2010-01-01' }).rate).toBe(70)
    expect(run({ careDate: '2025-02-10', act: 'G', pathway: 'out-of-pathway', birthDate: '2009-02-10' }).rate).toBe(30)
    expect(run({ careDate: '2025-02-10', act: 'G', pathway: 'out-of-pathway', situations: ['ame'] }).rate).toBe(100)
    expect(run({ careDate: '2025-02-10', act: 'CNPSY', pathway: 'out-of-pathway', birthDate: '2000-01-01' }).rate).toBe(70)
    expect(run({ careDate: '2025-02-10', act: 'CNPSY', pathway: 'out-of-pathway', birthDate: '1990-01-01' }).rate).toBe(30)
    expect(run({ careDate: '2025-02-10', act: 'DC', pathway: 'out-of-pathway' }).rate).toBe(60)
    expect(run({ careDate: '2025-02-10', act: 'G', pathway: 'emergency' }).rate).toBe(70)
  })

  it('personal car transport: 0.30 €/km at 55 % (RULEBOOK §9), no franchise (not a medical transport)', () => {
    expect(run({ careDate: '2025-02-10', act: 'KM', quantity: 120 })).toMatchObject({ base: 3600, rate: 55, amoGross: 1980, franchise: 0, amoPaid: 1980 })
  })

  it('sector 3 (non-contracted): tarif d’autorité 0.61 € for a GP', () => {
    expect(run({ careDate: '2025-02-10', act: 'G', sector: '3', feeCharged: 5000 })).toMatchObject({ base: 61, amoGross: 43 })
  })

  it('an act outside its dates is refused with act.notInForce: TCG before 15/09/2018', () => {
    expect(engine.simulate(line({ careDate: '2018-09-14', act: 'TCG' }))).toEqual({ ok: false, errors: [{ path: 'act', code: 'act.notInForce' }] })
    expect(engine.simulate(line({ careDate: '2018-09-15', act: 'TCG' })).ok).toBe(true)
    expect(engine.simulate(line({ careDate: '2018-09-15', act: 'NOPE' }))).toEqual({ ok: false, errors: [{ path: 'act', code: 'act.unknown' }] })
  })
})

describe('rules are data (ARCHITECTURE §3): a future-dated row changes results from that date, without code', () => {
  const future: RuleRow = { key: 'act.G.base', value: 3250, unit: 'cents', from: '2027-01-01', source: 'test: a supervisor adds a future tariff' }
  const withFuture = createEngine(new RuleSet([...bundledRuleRows, future]), bundledActs)

  it('before the date nothing changes; from the date the new base applies', () => {
    expect(run({ careDate: '2026-12-31', act: 'G' }, withFuture).base).toBe(3000)
    expect(run({ careDate: '2027-01-01', act: 'G' }, withFuture)).toMatchObject({ base: 3250, amoGross: 2275 })
    expect(run({ careDate: '2027-01-01', act: 'G' }, withFuture).steps[0]).toMatchObject({ rule: 'act.G.base', from: '2027-01-01' })
  })

  it('a row with an end date stops applying after it', () => {
    const ended = createEngine(new RuleSet([...bundledRuleRows.filter((r) => r.key !== 'act.DC.base'), { key: 'act.DC.base', value: 2300, unit: 'cents', from: '2017-01-01', to: '2026-06-30', source: 'test' }]), bundledActs)
    expect(ended.simulate(line({ careDate: '2026-06-30', act: 'DC' })).ok).toBe(true)
    expect(ended.simulate(line({ careDate: '2026-07-01', act: 'DC' })).ok).toBe(false)
  })

  it('rejects malformed rule data: two rows of a key starting the same day, a row without source, a non-integer value', () => {
    expect(() => new RuleSet([...bundledRuleRows, { ...future }, { ...future, value: 1 }])).toThrow(RuleDataError)
    expect(() => new RuleSet([{ ...future, source: ' ' }])).toThrow(RuleDataError)
    expect(() => new RuleSet([{ ...future, value: 1.5 }])).toThrow(RuleDataError)
  })
})

describe('the shipped rule data (prisma/rules)', () => {
  const rules = new RuleSet(bundledRuleRows)

  it('every row names its RULEBOOK section (or seed document) and source', () => {
    for (const row of bundledRuleRows) expect(row.source, row.key).toMatch(/RULEBOOK|Seed \d{3}/)
  })

  it('every act has a base (or is priced at the fee) and a general rate, and FR and EN labels', () => {
    for (const act of bundledActs) {
      expect(rules.has(`rate.${act.careType}.general`), act.code).toBe(true)
      if (!act.baseFromFee) expect(rules.has(`act.${act.code}.base`), act.code).toBe(true)
      expect(act.label.fr.length).toBeGreaterThan(3)
      expect(act.label.en.length).toBeGreaterThan(3)
      expect(act.label.fr).not.toBe(act.label.en)
    }
  })

  it('the RULEBOOK Act codes table is covered', () => {
    const codes = bundledActs.map((a) => a.code)
    for (const code of ['G', 'TCG', 'CS', 'APC', 'CNPSY', 'DC', 'KINE', 'AMI1', 'PH100', 'PH65', 'PH30', 'PH15', 'KM']) expect(codes).toContain(code)
  })
})
