import { describe, expect, it } from 'vitest'
import { calendarDate as d } from '@/lib/domain/dates'
import { RuleSet } from '@/lib/domain/rules/rule-set'
import { cssApplicationBlock, latestCssEnd } from '@/lib/domain/css/renewal'
import { cssPeriod } from '@/lib/domain/css/eligibility'
import { complementaryCover, exemptionOn, personSituations } from '@/lib/domain/situations'
import { bundledRuleRows } from '@/prisma/rules'

const rules = new RuleSet(bundledRuleRows)
const nadia = { from: '2026-04-01', to: '2027-03-31', label: 'free', monthlyParticipation: null }

describe('one CSS at a time: the renewal window (ameli: at the earliest 4 months before the end; issue 17 §3)', () => {
  it('refused until the window opens on 2026-12-01, allowed from that day and after the CSS ended', () => {
    const at = (today: string) => cssApplicationBlock({ periods: [nadia], openApplication: null, today: d(today), rules })
    expect(at('2026-11-30')).toMatchObject({ kind: 'css-running', to: '2027-03-31', renewalFrom: '2026-12-01', renewalMonths: 4 })
    expect(at('2026-12-01')).toBeNull()
    expect(at('2027-04-01')).toBeNull()
    expect(latestCssEnd([nadia], d('2026-12-01'))).toBe('2027-03-31')
    expect(latestCssEnd([nadia], d('2027-04-01'))).toBeNull()
  })
  it('an application in progress wins; an approved renewal starting later blocks until its own window; an open-ended CSS always blocks', () => {
    expect(cssApplicationBlock({ periods: [], openApplication: { reference: 'DEM-1', status: 'in-review' }, today: d('2026-06-01'), rules })).toEqual({ kind: 'application-running', reference: 'DEM-1', status: 'in-review' })
    const renewed = { from: '2027-04-01', to: '2028-03-31', label: 'participation', monthlyParticipation: 800 }
    expect(cssApplicationBlock({ periods: [nadia, renewed], openApplication: null, today: d('2027-01-10'), rules })).toMatchObject({ kind: 'css-running', to: '2028-03-31', level: 'participation', renewalFrom: '2027-12-01' })
    expect(cssApplicationBlock({ periods: [{ ...nadia, to: null }], openApplication: null, today: d('2030-01-01'), rules })).toMatchObject({ kind: 'css-running', to: null, renewalFrom: null })
  })
  it('a renewal approved while the CSS runs starts the day after it ends; a first one on the 1st of next month', () => {
    expect(cssPeriod(d('2026-12-02'), rules, d('2027-03-31'))).toEqual({ from: '2027-04-01', to: '2028-03-31' })
    expect(cssPeriod(d('2026-12-02'), rules, null)).toEqual({ from: '2027-01-01', to: '2027-12-31' })
    // Approved after the old one ended: no back-dating.
    expect(cssPeriod(d('2027-04-10'), rules, null)).toEqual({ from: '2027-05-01', to: '2028-04-30' })
  })
})

describe('situations and the complementary cover (issue 17 §3)', () => {
  it('a CSS in force is the complementary, before a declared mutuelle; after its end the mutuelle (or none) again', () => {
    const mutuelle = { name: 'MGEN', amcCode: '75234567', cover: 'ticket-moderateur' }
    expect(complementaryCover([{ kind: 'css', ...nadia }], mutuelle, d('2026-12-04'))).toEqual({ kind: 'css', level: 'free', from: '2026-04-01', to: '2027-03-31', monthlyParticipation: null })
    expect(complementaryCover([{ kind: 'css', ...nadia }], mutuelle, d('2027-04-01'))).toMatchObject({ kind: 'mutuelle', name: 'MGEN' })
    expect(complementaryCover([{ kind: 'css', ...nadia }], { name: null, amcCode: null, cover: null }, d('2027-04-01'))).toBeNull()
  })
  it('the situations in force, in a fixed order, with the Alsace-Moselle regime last', () => {
    const periods = [
      { kind: 'css', ...nadia },
      { kind: 'ald', from: '2019-06-01', to: '2029-05-31', label: 'Diabète de type 2 (ALD 8)' },
      { kind: 'maternity', from: '2027-01-01', to: '2027-05-01', label: null },
    ]
    expect(personSituations(periods, 'alsace-moselle', d('2026-12-04')).map((s) => s.kind)).toEqual(['ald', 'css', 'alsace-moselle'])
  })
  it('exempt through the engine rule: CSS, maternity, under 18 on 1 January; not ALD', () => {
    expect(exemptionOn([{ kind: 'css', ...nadia }], '1992-12-03', d('2026-12-04'), rules)).toBe('css')
    expect(exemptionOn([{ kind: 'ald', from: '2019-06-01', to: null, label: null }], '1958-01-12', d('2026-12-04'), rules)).toBeNull()
    expect(exemptionOn([], '2009-01-02', d('2026-12-04'), rules)).toBe('minor') // 16 on 1 January 2026
    expect(exemptionOn([], '2008-01-01', d('2026-12-04'), rules)).toBeNull() // 18 on 1 January 2026
  })
})
