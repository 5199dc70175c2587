import { describe, expect, it } from 'vitest'
import { calendarDate as d } from '@/lib/domain/dates'
import { RuleSet } from '@/lib/domain/rules/rule-set'
import { bundledRuleRows } from '@/prisma/rules'
import { canOrderVitaleCard, reorderOpensOn, transitionVitaleOrder, vitaleOrderEvents, type TVitaleOrderFacts } from '@/lib/domain/cards/vitale-order'
import { canBlockCard } from '@/lib/domain/cards/card-loss'

const rules = new RuleSet(bundledRuleRows)
const adult = { nir: '1850575115423', birthDate: d('1985-05-17'), isBeneficiary: false }
const facts = (over: Partial<TVitaleOrderFacts> = {}): TVitaleOrderFacts => ({ today: d('2026-11-10'), person: adult, orderStatuses: [], lastBlock: null, ...over })

describe('Vitale card order rules (RULEBOOK §9 Vitale loss/theft; seed 004)', () => {
  it('an adult may order; estimated delivery about 3 weeks later (card.vitale.delivery-days)', () => {
    expect(canOrderVitaleCard(facts(), rules)).toEqual({ ok: true, value: { kind: 'own', estimatedDelivery: '2026-12-01' } })
  })

  it('issue 17 item 1: no second card while one is in use (declare it lost, stolen or broken first)', () => {
    expect(canOrderVitaleCard(facts({ activeCard: 'V0000000001' }), rules)).toEqual({ ok: false, error: 'procedureErrors.vitale.activeCard', details: { serial: 'V0000000001' } })
    expect(canOrderVitaleCard(facts({ activeCard: null }), rules).ok).toBe(true)
  })

  it('RULEBOOK §8: not for a temporary number (7 or 8)', () => {
    expect(canOrderVitaleCard(facts({ person: { ...adult, nir: '8881199404311' } }), rules)).toMatchObject({ ok: false, error: 'procedureErrors.vitale.temporaryNumber' })
    expect(canOrderVitaleCard(facts({ person: { ...adult, nir: '7850575115423' } }), rules)).toMatchObject({ ok: false, error: 'procedureErrors.vitale.temporaryNumber' })
    expect(canOrderVitaleCard(facts({ person: { ...adult, nir: null } }), rules)).toMatchObject({ ok: false, error: 'procedureErrors.vitale.noOwnNumber' })
  })

  it('RULEBOOK §9: a child from 12 on request, own card from 16; the refusal says when it opens', () => {
    const child = (birthDate: string) => facts({ person: { nir: '2120375112087', birthDate: d(birthDate), isBeneficiary: true } })
    expect(canOrderVitaleCard(child('2014-11-11'), rules)).toEqual({ ok: false, error: 'procedureErrors.vitale.tooYoung', details: { minAge: 12, opensOn: '2026-11-11' } })
    expect(canOrderVitaleCard(child('2014-11-10'), rules)).toMatchObject({ ok: true, value: { kind: 'on-request' } })
    expect(canOrderVitaleCard(child('2010-11-11'), rules)).toMatchObject({ ok: true, value: { kind: 'on-request' } })
    expect(canOrderVitaleCard(child('2010-11-10'), rules)).toMatchObject({ ok: true, value: { kind: 'own' } })
  })

  it('one order in progress per person; a delivered or rejected one does not count', () => {
    for (const s of ['requested', 'photo-checked', 'in-production', 'sent']) {
      expect(canOrderVitaleCard(facts({ orderStatuses: [s] }), rules)).toMatchObject({ ok: false, error: 'procedureErrors.vitale.pending' })
    }
    expect(canOrderVitaleCard(facts({ orderStatuses: ['delivered', 'rejected'] }), rules).ok).toBe(true)
  })

  it('seed 004: after blocking without reordering at once, a new order waits 2 days (refused on day 0 and 1, open on day 2)', () => {
    const lastBlock = { blockedOn: d('2026-11-10'), reorderedSince: false }
    expect(reorderOpensOn(lastBlock, rules)).toBe('2026-11-12')
    expect(canOrderVitaleCard(facts({ today: d('2026-11-10'), lastBlock }), rules)).toEqual({ ok: false, error: 'procedureErrors.vitale.waitAfterBlock', details: { opensOn: '2026-11-12' } })
    expect(canOrderVitaleCard(facts({ today: d('2026-11-11'), lastBlock }), rules)).toMatchObject({ ok: false, error: 'procedureErrors.vitale.waitAfterBlock' })
    expect(canOrderVitaleCard(facts({ today: d('2026-11-12'), lastBlock }), rules).ok).toBe(true)
    expect(canOrderVitaleCard(facts({ today: d('2026-11-13'), lastBlock }), rules).ok).toBe(true)
    // Ordered at once (in the same declaration): no wait.
    expect(canOrderVitaleCard(facts({ lastBlock: { ...lastBlock, reorderedSince: true } }), rules).ok).toBe(true)
    // Across a month end.
    expect(reorderOpensOn({ blockedOn: d('2026-12-31'), reorderedSince: false }, rules)).toBe('2027-01-02')
  })

  it('only an active Vitale card can be declared lost, stolen or broken', () => {
    expect(canBlockCard({ kind: 'vitale', status: 'active' }).ok).toBe(true)
    expect(canBlockCard({ kind: 'vitale', status: 'blocked' })).toMatchObject({ ok: false, error: 'procedureErrors.cardLoss.notActive' })
    expect(canBlockCard({ kind: 'ehic', status: 'active' })).toMatchObject({ ok: false, error: 'procedureErrors.cardLoss.notVitale' })
  })
})

describe('Vitale order state machine: requested → photo-checked → in-production → sent → delivered, or rejected', () => {
  const today = d('2026-11-12')
  it('walks the happy path; the estimate is kept, cleared on delivery', () => {
    let state = { status: 'requested', estimatedDelivery: '2026-12-01' as string | null }
    for (const [event, status] of [['check-photo', 'photo-checked'], ['start-production', 'in-production'], ['send', 'sent'], ['deliver', 'delivered']] as const) {
      const r = transitionVitaleOrder(state, { type: event }, today, rules)
      expect(r.ok, event).toBe(true)
      if (!r.ok) return
      expect(r.value.status).toBe(status)
      state = r.value
    }
    expect(state.estimatedDelivery).toBeNull()
  })

  it('rejects with a reason to fix from requested or photo-checked only', () => {
    expect(transitionVitaleOrder({ status: 'requested', estimatedDelivery: '2026-12-01' }, { type: 'reject', reason: 'photo-unusable' }, today, rules)).toEqual({
      ok: true,
      value: { status: 'rejected', estimatedDelivery: null, rejectReason: 'photo-unusable' },
    })
    expect(transitionVitaleOrder({ status: 'sent', estimatedDelivery: null }, { type: 'reject', reason: 'photo-unusable' }, today, rules)).toMatchObject({ ok: false, error: 'procedureErrors.transition.invalid' })
  })

  it('is total: every status × event answers without throwing, terminal states accept nothing', () => {
    const events = [{ type: 'check-photo' }, { type: 'start-production' }, { type: 'send' }, { type: 'deliver' }, { type: 'reject', reason: 'photo-unusable' }] as const
    for (const status of ['requested', 'photo-checked', 'in-production', 'sent', 'delivered', 'rejected', 'nonsense']) {
      for (const e of events) expect(() => transitionVitaleOrder({ status, estimatedDelivery: null }, e, today, rules)).not.toThrow()
    }
    expect(vitaleOrderEvents('delivered')).toEqual([])
    expect(vitaleOrderEvents('rejected')).toEqual([])
    expect(vitaleOrderEvents('requested')).toEqual(['check-photo', 'reject'])
  })

  it('an estimate already passed moves to today; production pushes it to at least today + production days', () => {
    const r = transitionVitaleOrder({ status: 'photo-checked', estimatedDelivery: '2026-11-13' }, { type: 'start-production' }, today, rules)
    expect(r).toMatchObject({ ok: true, value: { estimatedDelivery: '2026-11-26' } })
    const s = transitionVitaleOrder({ status: 'requested', estimatedDelivery: '2026-11-01' }, { type: 'check-photo' }, today, rules)
    expect(s).toMatchObject({ ok: true, value: { estimatedDelivery: '2026-11-12' } })
  })
})
