import { describe, expect, it } from 'vitest'
import { calendarDate as d } from '@/lib/domain/dates'
import { RuleSet } from '@/lib/domain/rules/rule-set'
import { bundledRuleRows } from '@/prisma/rules'
import { assessCss, cssCeilings, cssParticipationForAge, cssPeriod } from '@/lib/domain/css/eligibility'

const rules = new RuleSet(bundledRuleRows)
const today = d('2026-11-10')
const members = (n: number) => Array.from({ length: n }, (_, i) => ({ birthDate: d(i === 0 ? '1992-12-03' : '2015-06-01') }))

describe('Complémentaire santé solidaire (RULEBOOK §7)', () => {
  it('RULEBOOK §7 ceilings by household size 1–4, then + 4 135 / + 5 583 per extra person', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => cssCeilings(n, today, rules))).toEqual([
      { free: 1033900, participation: 1395700 },
      { free: 1550800, participation: 2093600 },
      { free: 1860900, participation: 2512300 },
      { free: 2171100, participation: 2931100 },
      { free: 2584600, participation: 3489400 },
      { free: 2998100, participation: 4047700 },
    ])
  })

  it('RULEBOOK §7: at the free ceiling it is free, one cent above it is with participation, above the participation ceiling not eligible (household of 1)', () => {
    const a = (income: number, n = 1) => assessCss({ today, members: members(n), yearlyIncome: income, alsaceMoselle: false }, rules)
    expect(a(1033900)).toMatchObject({ ok: true, value: { outcome: 'free', monthlyParticipation: 0 } })
    expect(a(1033901)).toMatchObject({ ok: true, value: { outcome: 'participation', monthlyParticipation: 1400 } })
    expect(a(1395700)).toMatchObject({ ok: true, value: { outcome: 'participation' } })
    expect(a(1395701)).toMatchObject({ ok: true, value: { outcome: 'not-eligible', freeCeiling: 1033900, participationCeiling: 1395700 } })
    // Household of 3 with 18 609 €: free; 25 123.01 €: not eligible.
    expect(a(1860900, 3)).toMatchObject({ ok: true, value: { outcome: 'free', householdSize: 3 } })
    expect(a(2512301, 3)).toMatchObject({ ok: true, value: { outcome: 'not-eligible' } })
  })

  it('RULEBOOK §7 participation by age on 1 January: ≤29 8 €, 30–49 14 €, 50–59 21 €, 60–69 25 €, ≥70 30 €; Alsace-Moselle 2.80 … 10.50', () => {
    expect([0, 29, 30, 49, 50, 59, 60, 69, 70, 95].map((age) => cssParticipationForAge(age, today, false, rules))).toEqual([800, 800, 1400, 1400, 2100, 2100, 2500, 2500, 3000, 3000])
    expect([29, 30, 50, 60, 70].map((age) => cssParticipationForAge(age, today, true, rules))).toEqual([280, 490, 730, 870, 1050])
  })

  it('the participation sums the members, by age on 1 January of the attribution year', () => {
    // Born 1996-06-01: 29 on 1 January 2026 (30 in June) → 8 €; child → 8 €.
    const r = assessCss({ today, members: [{ birthDate: d('1996-06-01') }, { birthDate: d('2015-06-01') }], yearlyIncome: 1600000, alsaceMoselle: false }, rules)
    expect(r).toMatchObject({ ok: true, value: { outcome: 'participation', monthlyParticipation: 1600, members: [{ ageOnFirstJanuary: 29 }, { ageOnFirstJanuary: 10 }] } })
  })

  it('refuses malformed input; the CSS period starts the month after approval for 12 months', () => {
    expect(assessCss({ today, members: [], yearlyIncome: 0, alsaceMoselle: false }, rules)).toMatchObject({ ok: false, error: 'procedureErrors.css.noMember' })
    expect(assessCss({ today, members: members(1), yearlyIncome: -1, alsaceMoselle: false }, rules)).toMatchObject({ ok: false })
    expect(cssPeriod(d('2026-11-10'), rules)).toEqual({ from: '2026-12-01', to: '2027-11-30' })
  })
})
