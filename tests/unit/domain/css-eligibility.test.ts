/**
 * CSS eligibility (RULEBOOK §7 and Corrections C7; SIMULATION-API.md "CSS eligibility"): the tables before
 * 01/04/2025, a typed answer for a date with no table, the participation of the year in which the right starts.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { addDays, calendarDate as d } from '@/lib/domain/dates'
import { RuleSet } from '@/lib/domain/rules/rule-set'
import { assessCss } from '@/lib/domain/css/eligibility'
import { simulateCss, type TCssResult } from '@/lib/domain/css/simulate'
import { bundledRuleRows } from '@/prisma/rules'

const rules = new RuleSet(bundledRuleRows)
const adult = { birthDate: d('1980-05-05') }

function run(date: string, yearlyIncome: number, members = [adult], extra: { alsaceMoselle?: boolean; overseas?: boolean } = {}): TCssResult {
  const out = simulateCss({ date: d(date), members, yearlyIncome, alsaceMoselle: false, overseas: false, ...extra }, rules)
  if (!out.ok) throw new Error(JSON.stringify(out.errors))
  return out.result
}

describe('CSS (RULEBOOK §7, C7)', () => {
  it('C7 single person: 10 166 € free / 13 724 € with participation until 31/03/2025, 10 339 € / 13 957 € from 01/04/2025 — 10 200 € is "with participation" on 31/03/2025 and free on 01/04/2025', () => {
    expect(run('2025-03-31', 1_020_000)).toMatchObject({ outcome: 'with-participation', freeCeiling: 1_016_600, participationCeiling: 1_372_400, monthlyParticipation: 1400 })
    expect(run('2025-04-01', 1_020_000)).toMatchObject({ outcome: 'free', freeCeiling: 1_033_900, participationCeiling: 1_395_700, monthlyParticipation: 0 })
  })

  it('C7 from 01/04/2024 the 10 166 € table, before it the 9 719 € table (01/04/2023); before 01/04/2023 no table: a typed "date.noTable" answer, not an exception', () => {
    expect(run('2024-04-01', 0).freeCeiling).toBe(1_016_600)
    expect(run('2024-03-31', 0).freeCeiling).toBe(971_900)
    expect(run('2023-04-01', 0).freeCeiling).toBe(971_900)
    expect(simulateCss({ id: 'a', date: d('2023-03-31'), members: [adult], yearlyIncome: 0, alsaceMoselle: false, overseas: false }, rules)).toEqual({
      ok: false,
      id: 'a',
      errors: [{ path: 'date', code: 'date.noTable', params: { date: '2023-03-31' } }],
    })
    expect(assessCss({ today: d('2022-06-01'), members: [adult], yearlyIncome: 0, alsaceMoselle: false }, rules)).toMatchObject({ ok: false, error: 'procedureErrors.css.noTable' })
  })

  it('a member born after the date of the assessment is refused with its path, compared as calendar dates (a child born the day itself counts)', () => {
    const born = (birthDate: string) => simulateCss({ date: d('2025-06-15'), members: [adult, { birthDate: d(birthDate) }], yearlyIncome: 0, alsaceMoselle: false, overseas: false }, rules)
    expect(born('2025-06-16')).toEqual({ ok: false, errors: [{ path: 'members.1.birthDate', code: 'members.birthDate.afterDate' }] })
    expect(born('2025-06-15').ok).toBe(true)
  })

  it('C7 household of 4 in 2025: 21 711 € / 29 311 €; each extra person + 4 135 € / + 5 583 €', () => {
    const four = [adult, adult, { birthDate: d('2015-01-01') }, { birthDate: d('2018-01-01') }]
    expect(run('2025-06-01', 0, four)).toMatchObject({ freeCeiling: 2_171_100, participationCeiling: 2_931_100 })
    expect(run('2025-06-01', 0, [...four, adult])).toMatchObject({ freeCeiling: 2_171_100 + 413_500, participationCeiling: 2_931_100 + 558_300 })
  })

  it('participation by age on 1 January of the year in which the right starts: assessed 15/12/2025, right from 01/01/2026, born 20/12/1995 → 30 on 1 Jan 2026 → 14 € (not 8 €); Alsace-Moselle 4.90 €', () => {
    const member = [{ birthDate: d('1995-12-20') }]
    const r = run('2025-12-15', 1_200_000, member)
    expect(r).toMatchObject({ outcome: 'with-participation', monthlyParticipation: 1400 })
    expect(r.steps.find((s) => s.code === 'participation.total')?.values).toMatchObject({ rightStart: '2026-01-01' })
    expect(run('2025-11-15', 1_200_000, member).monthlyParticipation).toBe(800)
    expect(run('2025-12-15', 1_200_000, member, { alsaceMoselle: true }).monthlyParticipation).toBe(490)
  })

  it('overseas departments: ceilings + 11.3 % (10 339 € → 11 507 €)', () => {
    expect(run('2025-06-01', 1_100_000, [adult], { overseas: true })).toMatchObject({ outcome: 'free', freeCeiling: 1_150_700 })
  })

  it('every step a person reads names its rule row with an official link, not a developer reference', () => {
    for (const s of run('2025-06-01', 1_200_000).steps) {
      if (s.rule) expect(s.url).toMatch(/^https:\/\/(www\.)?(ameli\.fr|legifrance\.gouv\.fr|service-public\.fr)\//)
    }
  })

  it('property: the outcome follows the ceilings, participation only "with participation", ceilings grow with the household', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1200 }), fc.integer({ min: 1, max: 8 }), fc.integer({ min: 0, max: 5_000_000 }), (offset, size, income) => {
        const date = addDays(d('2023-04-01'), offset)
        const members = Array.from({ length: size }, (_, i) => ({ birthDate: d(`${1950 + i * 7}-03-03`) }))
        const r = run(date, income, members)
        expect(r.freeCeiling).toBeLessThan(r.participationCeiling)
        expect(r.outcome).toBe(income <= r.freeCeiling ? 'free' : income <= r.participationCeiling ? 'with-participation' : 'not-eligible')
        expect(r.monthlyParticipation > 0).toBe(r.outcome === 'with-participation')
        if (size > 1) expect(run(date, income, members.slice(1)).freeCeiling).toBeLessThan(r.freeCeiling)
      }),
      { numRuns: 200 },
    )
  })
})
