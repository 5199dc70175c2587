/**
 * Properties of the engine (issue "The reimbursement engine", Tests): for any valid line, amounts are
 * non-negative integers and amoPaid + complementary + patient = fee × quantity; a batch never deducts
 * more than the annual caps (RULEBOOK §4 and Decisions), and a carried-forward deduction is never lost
 * nor taken twice.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createEngine, DeductionLedger } from '@/lib/domain/reimbursement/engine'
import { RuleSet } from '@/lib/domain/rules/rule-set'
import { PATHWAYS, REGIMES, SECTORS, SITUATIONS, type ClaimLineInput, type LineResult } from '@/lib/domain/reimbursement/types'
import { bundledActs, bundledRuleRows } from '@/prisma/rules'

const engine = createEngine(new RuleSet(bundledRuleRows), bundledActs)
const ACTS = bundledActs.map((a) => a.code)
const FEE_ACTS = new Set(bundledActs.filter((a) => a.baseFromFee).map((a) => a.code))

const iso = (d: Date) => d.toISOString().slice(0, 10)
const careDate = fc.date({ min: new Date('2023-01-01T00:00:00Z'), max: new Date('2026-12-31T00:00:00Z'), noInvalidDate: true }).map(iso)

const arbLine = (beneficiaries: string[] = ['a']): fc.Arbitrary<ClaimLineInput> =>
  fc
    .record({
      careDate,
      ageDays: fc.integer({ min: 0, max: 100 * 365 }),
      act: fc.constantFrom(...ACTS),
      quantity: fc.integer({ min: 1, max: 12 }),
      fee: fc.option(fc.integer({ min: 0, max: 500_000 }), { nil: undefined }),
      sector: fc.constantFrom(...SECTORS),
      regime: fc.constantFrom(...REGIMES),
      pathway: fc.constantFrom(...PATHWAYS),
      situations: fc.subarray([...SITUATIONS]),
      complementary: fc.oneof(
        fc.constantFrom('none' as const, 'ticket-moderateur' as const),
        fc.integer({ min: 0, max: 400 }).map((n) => ({ overrunCoverPercent: n })),
      ),
      paid: fc.option(fc.record({ participation: fc.integer({ min: 0, max: 6000 }), franchises: fc.integer({ min: 0, max: 6000 }) }), { nil: undefined }),
      beneficiaryId: fc.constantFrom(...beneficiaries),
      professionalId: fc.constantFrom('p1', 'p2'),
    })
    .map((r) => {
      const birth = new Date(Date.parse(`${r.careDate}T00:00:00Z`) - r.ageDays * 86_400_000)
      const line: ClaimLineInput = {
        careDate: r.careDate,
        act: r.act,
        quantity: r.quantity,
        sector: r.sector,
        regime: r.regime,
        birthDate: iso(birth),
        pathway: r.pathway,
        situations: r.situations,
        complementary: r.complementary,
        beneficiaryId: r.beneficiaryId,
        professionalId: r.professionalId,
      }
      const fee = r.fee ?? (FEE_ACTS.has(r.act) ? 1234 : undefined)
      if (fee !== undefined) line.feeCharged = fee
      if (r.paid) line.alreadyPaidThisYear = r.paid
      return line
    })

const AMOUNTS: (keyof LineResult)[] = ['base', 'amoGross', 'localRegime', 'participation', 'franchise', 'carriedForward', 'amoPaid', 'complementary', 'patient']

function charged(line: ClaimLineInput, r: LineResult): number {
  return (line.feeCharged ?? r.base / line.quantity) * line.quantity
}

describe('engine properties (fast-check)', () => {
  it('every amount is a non-negative integer and amoPaid + complementary + patient = fee × quantity', () => {
    fc.assert(
      fc.property(arbLine(), (line) => {
        const outcome = engine.simulate(line)
        if (!outcome.ok) return // an act not in force on that date: refused, nothing computed
        const r = outcome.result
        for (const k of AMOUNTS) {
          expect(Number.isSafeInteger(r[k]), k).toBe(true)
          expect(r[k] as number, k).toBeGreaterThanOrEqual(0)
        }
        expect(r.amoPaid + r.complementary + r.patient).toBe(charged(line, r))
        expect(r.amoPaid).toBe(r.amoGross + r.localRegime - r.participation - r.franchise)
        expect(r.base).toBeLessThanOrEqual(charged(line, r))
        expect(r.steps.at(-1)).toMatchObject({ code: 'patient', amount: r.patient })
      }),
      { numRuns: 3000 },
    )
  })

  it('a batch never deducts more than the 50 € caps per beneficiary and year; carried deductions are never lost nor taken twice', () => {
    fc.assert(
      fc.property(fc.array(arbLine(['a', 'b', 'c']), { minLength: 1, maxLength: 120 }), (lines) => {
        const clean = lines.map(({ alreadyPaidThisYear: _ignored, ...l }) => l)
        const ledger = new DeductionLedger()
        const outcomes = engine.simulateBatch(clean, ledger)
        const due = new Map<string, { p: number; f: number }>()
        let deducted = 0
        let carried = 0
        outcomes.forEach((o, i) => {
          if (!o.ok) return
          const r = o.result
          const key = `${clean[i]!.beneficiaryId}|${clean[i]!.careDate.slice(0, 4)}`
          const own = r.steps.filter((s) => s.code === 'participation').reduce((n, s) => n - s.amount, 0)
          const ownF = r.steps.filter((s) => s.code === 'franchise').reduce((n, s) => n - s.amount, 0)
          const d = due.get(key) ?? { p: 0, f: 0 }
          d.p += own
          d.f += ownF
          due.set(key, d)
          deducted += r.participation + r.franchise
          carried += r.carriedForward
          expect(r.amoPaid + r.complementary + r.patient).toBe(charged(clean[i]!, r))
        })
        for (const [, d] of due) {
          expect(d.p).toBeLessThanOrEqual(5000)
          expect(d.f).toBeLessThanOrEqual(5000)
        }
        const totalDue = [...due.values()].reduce((n, d) => n + d.p + d.f, 0)
        const stillPending = ledger.pending().reduce((n, p) => n + p.participation + p.franchises, 0)
        // Everything due is either deducted from some line or still pending: never lost, never twice.
        expect(deducted + stillPending).toBe(totalDue)
        expect(stillPending).toBeLessThanOrEqual(carried)
      }),
      { numRuns: 400 },
    )
  })

  it('the result does not depend on other beneficiaries’ lines (caps are per beneficiary)', () => {
    fc.assert(
      fc.property(fc.array(arbLine(['a']), { minLength: 1, maxLength: 30 }), fc.array(arbLine(['z']), { maxLength: 30 }), (mine, others) => {
        const alone = engine.simulateBatch(mine)
        const mixed = engine.simulateBatch([...others, ...mine]).slice(others.length)
        expect(mixed).toEqual(alone)
      }),
      { numRuns: 200 },
    )
  })
})
