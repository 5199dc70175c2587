import { describe, expect, it } from 'vitest'
import { calendarDate as d } from '@/lib/domain/dates'
import { RuleSet } from '@/lib/domain/rules/rule-set'
import { bundledRuleRows } from '@/prisma/rules'
import { assessEhicOrder, ehicCardValidUntil, provisionalCertificateValidity, transitionEhicOrder } from '@/lib/domain/cards/ehic'

const rules = new RuleSet(bundledRuleRows)
const person = { nir: '1850575115423', rightsFrom: d('2007-09-01'), rightsTo: null }
const today = d('2026-11-10')
const assess = (departure: string, over: Partial<Parameters<typeof assessEhicOrder>[0]> = {}) =>
  assessEhicOrder({ today, departureDate: d(departure), person, affiliationActive: true, orderStatuses: [], ...over }, rules)

describe('EHIC / CEAM (RULEBOOK §9 CEAM: order ≥ 15 days before departure, 2 years, provisional certificate 3 months)', () => {
  it('15-day threshold: 15 days away arrives in time, 14 days away does not and offers the provisional certificate', () => {
    expect(assess('2026-11-25')).toMatchObject({ ok: true, value: { daysBeforeDeparture: 15, arrivesInTime: true, provisionalOffered: false, estimatedDelivery: '2026-11-25' } })
    expect(assess('2026-11-24')).toMatchObject({ ok: true, value: { daysBeforeDeparture: 14, arrivesInTime: false, provisionalOffered: true } })
    expect(assess('2026-11-20')).toMatchObject({ ok: true, value: { daysBeforeDeparture: 10, arrivesInTime: false, provisionalOffered: true } })
    expect(assess('2026-11-10')).toMatchObject({ ok: true, value: { daysBeforeDeparture: 0, arrivesInTime: false } })
    expect(assess('2026-11-09')).toMatchObject({ ok: false, error: 'procedureErrors.ehic.departureInPast' })
  })

  it('RULEBOOK §8: not for a temporary number; not without open rights; one order in progress', () => {
    expect(assess('2027-01-10', { person: { ...person, nir: '8881199404311' } })).toMatchObject({ ok: false, error: 'procedureErrors.ehic.temporaryNumber' })
    expect(assess('2027-01-10', { affiliationActive: false })).toMatchObject({ ok: false, error: 'procedureErrors.ehic.noRights' })
    expect(assess('2027-01-10', { person: { ...person, rightsTo: d('2026-11-09') } })).toMatchObject({ ok: false, error: 'procedureErrors.ehic.noRights' })
    expect(assess('2027-01-10', { orderStatuses: ['sent'] })).toMatchObject({ ok: false, error: 'procedureErrors.ehic.pending' })
    expect(assess('2027-01-10', { orderStatuses: ['delivered'] }).ok).toBe(true)
  })

  it('the card is valid 2 years, never beyond the rights end', () => {
    expect(ehicCardValidUntil(d('2026-11-25'), null, rules)).toBe('2028-11-24')
    expect(ehicCardValidUntil(d('2026-11-25'), d('2027-03-31'), rules)).toBe('2027-03-31')
  })

  it('the provisional certificate is valid 3 months from today, never beyond the rights end', () => {
    expect(provisionalCertificateValidity({ today, person, affiliationActive: true }, rules)).toEqual({ ok: true, value: { validFrom: '2026-11-10', validUntil: '2027-02-09', cappedByRights: false } })
    expect(provisionalCertificateValidity({ today, person: { ...person, rightsTo: d('2026-12-31') }, affiliationActive: true }, rules)).toEqual({
      ok: true,
      value: { validFrom: '2026-11-10', validUntil: '2026-12-31', cappedByRights: true },
    })
    expect(provisionalCertificateValidity({ today, person: { ...person, nir: '7850575115423' }, affiliationActive: true }, rules)).toMatchObject({ ok: false, error: 'procedureErrors.ehic.temporaryNumber' })
  })

  it('state machine requested → in-production → sent → delivered, or rejected; total', () => {
    let state = { status: 'requested', estimatedDelivery: '2026-11-25' as string | null }
    for (const e of ['start-production', 'send', 'deliver'] as const) {
      const r = transitionEhicOrder(state, { type: e }, today)
      if (!r.ok) throw new Error(r.error)
      state = r.value
    }
    expect(state.status).toBe('delivered')
    expect(transitionEhicOrder({ status: 'delivered', estimatedDelivery: null }, { type: 'send' }, today)).toMatchObject({ ok: false, error: 'procedureErrors.transition.invalid' })
    expect(transitionEhicOrder({ status: 'requested', estimatedDelivery: null }, { type: 'reject', reason: 'no-rights' }, today)).toMatchObject({ ok: true, value: { status: 'rejected', rejectReason: 'no-rights' } })
  })
})
