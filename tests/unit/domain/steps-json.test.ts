import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createEngine, stepCodeSource } from '@/lib/domain/reimbursement/engine'
import { restoreStepSources, stepsToJson, stepsToStorageJson } from '@/lib/domain/reimbursement/steps-json'
import { RuleSet } from '@/lib/domain/rules/rule-set'
import { PATHWAYS, REGIMES, SECTORS, SITUATIONS, type Step } from '@/lib/domain/reimbursement/types'
import { bundledActs, bundledRuleRows } from '@/prisma/rules'

const rules = new RuleSet(bundledRuleRows)
const engine = createEngine(rules, bundledActs)

/** Steps of many different lines (shared frozen steps and fresh ones). */
const arbSteps = fc
  .record({
    act: fc.constantFrom(...bundledActs.map((a) => a.code)),
    day: fc.integer({ min: 0, max: 1400 }),
    fee: fc.integer({ min: 0, max: 300_000 }),
    quantity: fc.integer({ min: 1, max: 5 }),
    sector: fc.constantFrom(...SECTORS),
    regime: fc.constantFrom(...REGIMES),
    pathway: fc.constantFrom(...PATHWAYS),
    situations: fc.subarray([...SITUATIONS]),
    paid: fc.integer({ min: 0, max: 6000 }),
  })
  .map((r): Step[] => {
    const careDate = new Date(Date.UTC(2023, 0, 1) + r.day * 86_400_000).toISOString().slice(0, 10)
    const o = engine.simulate({ careDate, act: r.act, quantity: r.quantity, feeCharged: r.fee, sector: r.sector, regime: r.regime, birthDate: '1980-05-05', pathway: r.pathway, situations: r.situations, complementary: 'none', alreadyPaidThisYear: { participation: r.paid, franchises: r.paid } })
    return o.ok ? o.result.steps : []
  })

describe('steps serialisation (SIMULATION-API "steps"; stored claim lines)', () => {
  it('stepsToJson is exactly JSON.stringify of the steps, shared or not, called once or twice', () => {
    fc.assert(
      fc.property(arbSteps, (steps) => {
        expect(stepsToJson(steps)).toBe(JSON.stringify(steps))
        expect(stepsToJson(steps)).toBe(JSON.stringify(steps))
      }),
      { numRuns: 1500 },
    )
  })

  it('the stored form drops only the source, and restoreStepSources puts back the same steps', () => {
    const sourceOfRule = (key: string, from: string) => rules.rowAt(key, from)?.source
    fc.assert(
      fc.property(arbSteps, (steps) => {
        const stored = JSON.parse(stepsToStorageJson(steps)) as Omit<Step, 'source'>[]
        for (const s of stored) expect(s).not.toHaveProperty('source')
        expect(restoreStepSources(stored, sourceOfRule, stepCodeSource)).toEqual(JSON.parse(JSON.stringify(steps)))
      }),
      { numRuns: 1500 },
    )
  })
})
