import { describe, expect, it } from 'vitest'
import { calendarDate as d } from '@/lib/domain/dates'
import { RuleSet, type RuleRow } from '@/lib/domain/rules/rule-set'
import { ageOf, compareUrgency, slaOf, type TSla } from '@/lib/domain/procedures/queue-sla'
import { QUEUE_TYPES } from '@/lib/schemas/back-office'
import { bundledRuleRows } from '@/prisma/rules'

const rules = new RuleSet(bundledRuleRows)

describe('work queue SLA (issue 17 §7: on time / due soon with 20 % of the delay left / late)', () => {
  it('every request type of the queue has a delay in the shipped rules', () => {
    for (const type of QUEUE_TYPES) expect(slaOf(type, d('2026-11-01'), d('2026-11-01'), rules), type).not.toBeNull()
    expect(slaOf('unknown-type', d('2026-11-01'), d('2026-11-01'), rules)).toBeNull()
  })

  it('address change (15 days): on time with 4 days left, due soon from 3 days left to the expected date itself, late the day after', () => {
    const received = d('2026-11-01')
    const at = (today: string) => slaOf('address-change', received, d(today), rules)!
    expect(at('2026-11-01')).toEqual({ days: 15, dueOn: '2026-11-16', daysLeft: 15, state: 'on-time' })
    expect(at('2026-11-12')).toMatchObject({ daysLeft: 4, state: 'on-time' })
    expect(at('2026-11-13')).toMatchObject({ daysLeft: 3, state: 'due-soon' })
    expect(at('2026-11-16')).toMatchObject({ daysLeft: 0, state: 'due-soon' })
    expect(at('2026-11-17')).toMatchObject({ daysLeft: -1, state: 'late' })
  })

  it('CSS (legal delay 2 months = 60 days): due soon with 12 days left (20 %), on time with 13', () => {
    const received = d('2026-09-01')
    expect(slaOf('css', received, d('2026-10-18'), rules)).toMatchObject({ dueOn: '2026-10-31', daysLeft: 13, state: 'on-time' })
    expect(slaOf('css', received, d('2026-10-19'), rules)).toMatchObject({ daysLeft: 12, state: 'due-soon' })
    expect(slaOf('css', received, d('2026-11-01'), rules)).toMatchObject({ daysLeft: -1, state: 'late' })
  })

  it('the delay in force on the day the request was received applies (a later row changes newer requests only)', () => {
    const row = (from: string, value: number): RuleRow => ({ key: 'queue.sla.bank-change', value, unit: 'days', from, source: 'test' })
    const dated = new RuleSet([row('2015-01-01', 7), row('2027-01-01', 3)])
    expect(slaOf('bank-change', d('2026-12-30'), d('2027-01-02'), dated)).toMatchObject({ days: 7, dueOn: '2027-01-06', state: 'on-time' })
    expect(slaOf('bank-change', d('2027-01-01'), d('2027-01-02'), dated)).toMatchObject({ days: 3, dueOn: '2027-01-04', state: 'on-time' })
    expect(slaOf('bank-change', d('2027-01-01'), d('2027-01-04'), dated)).toMatchObject({ daysLeft: 0, state: 'due-soon' })
  })

  it('age: today, days under two months, then whole months, then years', () => {
    expect(ageOf(d('2026-11-24'), d('2026-11-24'))).toEqual({ unit: 'today', count: 0 })
    expect(ageOf(d('2026-11-21'), d('2026-11-24'))).toEqual({ unit: 'days', count: 3 })
        expect(ageOf(d('2026-09-24'), d('2026-11-24'))).toEqual({ unit: 'months', count: 2 })
        expect(ageOf(d('2026-09-25'), d('2026-11-24'))).toEqual({ unit: 'days', count: 60 })
    expect(ageOf(d('2024-11-24'), d('2026-11-24'))).toEqual({ unit: 'years', count: 2 })
  })

  it('most urgent first: the latest first, then the fewest days left, requests without an SLA last', () => {
    const sla = (daysLeft: number): TSla => ({ days: 10, dueOn: d('2026-11-30'), daysLeft, state: daysLeft < 0 ? 'late' : 'on-time' })
    const items = [
      { id: 'a', sla: sla(5), receivedAt: new Date('2026-11-20T09:00:00Z') },
      { id: 'b', sla: null, receivedAt: new Date('2026-01-01T09:00:00Z') },
      { id: 'c', sla: sla(-3), receivedAt: new Date('2026-11-01T09:00:00Z') },
      { id: 'd', sla: sla(5), receivedAt: new Date('2026-11-19T09:00:00Z') },
    ]
    expect([...items].sort(compareUrgency).map((i) => i.id)).toEqual(['c', 'd', 'a', 'b'])
  })
})
