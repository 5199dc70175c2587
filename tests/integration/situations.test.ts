import { describe, expect, it } from 'vitest'
import { getDb } from '@/lib/db/client'
import type { CalendarDate } from '@/lib/domain/dates'
import { deductionExemption } from '@/lib/domain/reimbursement/engine'
import { applyForCss, getCssApplicationBlock, getCssApplicationState } from '@/lib/services/procedures/apply-for-css'
import { advanceProcedure } from '@/lib/services/procedures/advance-procedure'
import { getInsuredHome } from '@/lib/services/home/get-insured-home'
import { getProfilePage } from '@/lib/services/profile/get-profile'
import { getRuleEngine, getRuleSet } from '@/lib/services/simulation/rule-engine'
import { codeOf, ctx, insuredActor, key, staffActor } from '../support/procedures'

/**
 * Issue 17 §3 "Situations shown as they are", on the demo world (ctx.now = 2026-11-24): Nadia's CSS (free,
 * 2026-04-01 → 2027-03-31) is her complementary; a second CSS application is refused while one runs or while her CSS
 * runs beyond the renewal window (ameli: renewal at the earliest 4 months before the end, rule row
 * css.renewal.earliest-months: from 2026-12-01 for her); ALD, maternity and CSS are shown with their dates; the
 * tracker's exemption is the engine's own decision (RULEBOOK §4 exemptions: CSS, maternity from the 6th month, AME,
 * under 18 on 1 January).
 */
const TODAY = '2026-11-24' as CalendarDate
const IN_RENEWAL_WINDOW = { ...ctx, now: new Date('2026-12-02T10:00:00Z') }

describe('one CSS application at a time (issue 17 §3)', async () => {
  const nadia = await insuredActor('Nadia')
  const mei = await insuredActor('Mei')
  const rhone = await staffActor('julie.fontaine@cpam-rhone.example.fr')
  const input = () => ({ members: [], yearlyIncome: 500000, idempotencyKey: key('css') })

  it('a CSS running beyond the renewal window: the page is told why (dates, renewal date), the application is refused with 409, nothing written', async () => {
    expect(await getCssApplicationBlock({ actor: nadia, now: ctx.now })).toEqual({
      kind: 'css-running', from: '2026-04-01', to: '2027-03-31', level: 'free', monthlyParticipation: null, renewalFrom: '2026-12-01', renewalMonths: 4,
    })
    const before = await getDb().procedure.count({ where: { type: 'css' } })
    expect(await codeOf(applyForCss({ actor: nadia, input: input(), ...ctx }))).toBe('409 procedureErrors.css.alreadyCovered')
    expect(await getDb().procedure.count({ where: { type: 'css' } })).toBe(before)
    // Someone without a CSS may apply.
    expect(await getCssApplicationBlock({ actor: mei, now: ctx.now })).toBeNull()
  })

  it('inside the renewal window: one renewal application, a second one refused while it runs, the approved renewal starts the day after the current CSS', async () => {
    expect(await getCssApplicationBlock({ actor: nadia, now: IN_RENEWAL_WINDOW.now })).toBeNull()
    // The form says it is the renewal of the CSS ending on 2027-03-31.
    expect(await getCssApplicationState({ actor: nadia, now: IN_RENEWAL_WINDOW.now })).toEqual({ block: null, renewalOf: '2027-03-31' })
    expect(await getCssApplicationState({ actor: mei, now: IN_RENEWAL_WINDOW.now })).toEqual({ block: null, renewalOf: null })
    const first = input()
    const r = await applyForCss({ actor: nadia, input: first, ...IN_RENEWAL_WINDOW })
    expect(r).toMatchObject({ status: 'submitted', created: true, assessment: { outcome: 'free' } })
    // The same form sent twice is the same procedure, not a refusal.
    expect((await applyForCss({ actor: nadia, input: first, ...IN_RENEWAL_WINDOW })).id).toBe(r.id)
    expect(await codeOf(applyForCss({ actor: nadia, input: input(), ...IN_RENEWAL_WINDOW }))).toBe('409 procedureErrors.css.applicationRunning')
    expect(await getCssApplicationBlock({ actor: nadia, now: IN_RENEWAL_WINDOW.now })).toEqual({ kind: 'application-running', reference: r.reference, status: 'submitted' })
    // Still refused once an advisor is looking at it (any non-final status).
    expect((await advanceProcedure({ actor: rhone, input: { procedureId: r.id, event: 'start-review' }, ...IN_RENEWAL_WINDOW })).status).toBe('in-review')
    expect(await codeOf(applyForCss({ actor: nadia, input: input(), ...IN_RENEWAL_WINDOW }))).toBe('409 procedureErrors.css.applicationRunning')

    await advanceProcedure({ actor: rhone, input: { procedureId: r.id, event: 'approve' }, ...IN_RENEWAL_WINDOW })
    const periods = await getDb().coveragePeriod.findMany({ where: { insuredId: nadia.insuredId, kind: 'css' }, orderBy: { from: 'asc' }, select: { from: true, to: true, label: true } })
    expect(periods).toEqual([{ from: '2026-04-01', to: '2027-03-31', label: 'free' }, { from: '2027-04-01', to: '2028-03-31', label: 'free' }])
    // Renewed: the next window opens 4 months before the new end.
    expect(await getCssApplicationBlock({ actor: nadia, now: IN_RENEWAL_WINDOW.now })).toMatchObject({ kind: 'css-running', to: '2028-03-31', renewalFrom: '2027-12-01' })
    expect(await codeOf(applyForCss({ actor: nadia, input: input(), ...IN_RENEWAL_WINDOW }))).toBe('409 procedureErrors.css.alreadyCovered')
  })
})

describe('situations on the home page and the profile; the exemption is the engine’s (issue 17 §3)', async () => {
  const rules = await getRuleSet()
  const home = async (firstNames: string) => getInsuredHome({ actor: await insuredActor(firstNames), today: TODAY, now: ctx.now, rules })

  it('Nadia: the CSS (free, with its dates) is her complementary on the home page and the profile; exempt because of the CSS', async () => {
    const h = await home('Nadia')
    const css = { kind: 'css', level: 'free', from: '2026-04-01', to: '2027-03-31', monthlyParticipation: null }
    expect(h.situation.complementary).toEqual(css)
    expect(h.situation.situations).toEqual([{ kind: 'css', from: '2026-04-01', to: '2027-03-31', label: 'free', monthlyParticipation: null }])
    expect(h.situation.exemption).toBe('css')
    expect(h.deductions.persons[0]).toMatchObject({ name: 'Nadia Benali', exempt: 'css' })
    const profile = await getProfilePage({ actor: await insuredActor('Nadia'), now: ctx.now })
    expect(profile!.situation.complementary).toEqual(css)
    expect(profile!.situation.exemption).toBe('css')
  })

  it('Sophie: maternity with its dates, exempt; Bernard: ALD with its label, not exempt; Claire: the Alsace-Moselle regime; her mutuelle stays her complementary', async () => {
    const sophie = await home('Sophie')
    expect(sophie.situation.situations).toEqual([{ kind: 'maternity', from: '2026-10-20', to: '2027-02-22', label: 'expected birth 2027-02-10', monthlyParticipation: null }])
    expect(sophie.situation.exemption).toBe('maternity')
    expect(sophie.deductions.persons[0]!.exempt).toBe('maternity')
    expect(sophie.situation.complementary).toMatchObject({ kind: 'mutuelle', name: 'MGEN' })
    const bernard = await home('Bernard')
    expect(bernard.situation.situations).toEqual([{ kind: 'ald', from: '2019-06-01', to: '2029-05-31', label: 'Diabète de type 2 (ALD 8)', monthlyParticipation: null }])
    expect(bernard.situation.exemption).toBeNull() // ALD: participation and franchises still due (RULEBOOK §2)
    const claire = await home('Claire')
    expect(claire.situation.situations.map((s) => s.kind)).toContain('alsace-moselle')
    expect(claire.situation.exemption).toBeNull()
  })

  it('Jonathan: not exempt (his gauges stay); his children under 18 on 1 January are', async () => {
    const j = await home('Jonathan Pierre')
    expect(j.situation.exemption).toBeNull()
    expect(j.situation.situations).toEqual([])
    expect(j.deductions.persons.map((p) => [p.name, p.exempt])).toEqual([['Jonathan Martin', null], ['Léa Martin', 'minor'], ['Hugo Martin', 'minor']])
  })

  it('the portal’s exemption and the engine’s step agree (same rule): a GP consultation today for Sophie, Nadia and Jonathan', async () => {
    const engine = await getRuleEngine()
    const cases = [
      { situations: ['maternity'] as const, birthDate: '1994-07-19', expected: 'maternity' },
      { situations: ['css'] as const, birthDate: '1992-12-03', expected: 'css' },
      { situations: [] as const, birthDate: '1985-05-02', expected: null },
      { situations: ['ald'] as const, birthDate: '1958-01-12', expected: null },
    ]
    for (const c of cases) {
      expect(deductionExemption(rules, { situations: c.situations, birthDate: c.birthDate, date: TODAY })).toBe(c.expected)
      const out = engine.simulate({ careDate: TODAY, act: 'G', quantity: 1, sector: '1', regime: 'general', birthDate: c.birthDate, pathway: 'coordinated', situations: c.situations, complementary: 'none' })
      expect(out.ok).toBe(true)
      if (!out.ok) continue
      const step = out.result.steps.find((s) => s.code === 'participation.exempt')
      expect(step?.values?.reason ?? null).toBe(c.expected)
      expect(out.result.participation).toBe(c.expected ? 0 : rules.valueAt('participation.amount', TODAY))
    }
  })
})
