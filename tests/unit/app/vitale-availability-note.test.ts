import { describe, expect, it } from 'vitest'
import { vitaleAvailabilityNote } from '@/components/procedures/vitale-availability-note'

// A translator that shows the key and its values, so that the test reads which sentence was chosen with what.
const t = (key: string, values?: Record<string, string | number>) => `${key}${values ? ' ' + JSON.stringify(values) : ''}`
const rules = { ownAge: 16, onRequestAge: 12 }

describe('the Vitale order page note per person (issue 17 item 1)', () => {
  it('says nothing for an ordinary order and states the on-request rule from 12', () => {
    expect(vitaleAvailabilityNote({ ok: true, kind: 'own' }, rules, t, 'fr')).toBeNull()
    expect(vitaleAvailabilityNote(undefined, rules, t, 'fr')).toBeNull()
    expect(vitaleAvailabilityNote({ ok: true, kind: 'on-request' }, rules, t, 'fr')).toBe('availability.onRequest {"ownAge":16,"onRequestAge":12}')
  })

  it('says why no order is possible today, with the card serial or the date in the page language', () => {
    expect(vitaleAvailabilityNote({ ok: false, error: 'procedureErrors.vitale.activeCard', details: { serial: 'V0000000001' } }, rules, t, 'fr')).toBe('availability.activeCard {"serial":"V0000000001"}')
    expect(vitaleAvailabilityNote({ ok: false, error: 'procedureErrors.vitale.pending' }, rules, t, 'fr')).toBe('availability.pending')
    expect(vitaleAvailabilityNote({ ok: false, error: 'procedureErrors.vitale.tooYoung', details: { opensOn: '2030-09-02', minAge: 12 } }, rules, t, 'fr')).toBe('availability.tooYoung {"date":"02/09/2030","minAge":12}')
    expect(vitaleAvailabilityNote({ ok: false, error: 'procedureErrors.vitale.waitAfterBlock', details: { opensOn: '2026-12-06' } }, rules, t, 'en')).toMatch(/^availability\.waitAfterBlock \{"date":"6 Dec 2026"\}$/)
    expect(vitaleAvailabilityNote({ ok: false, error: 'procedureErrors.vitale.temporaryNumber' }, rules, t, 'fr')).toBe('availability.noNumber')
  })
})
