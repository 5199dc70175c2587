import { describe, expect, it } from 'vitest'
import { calendarDate as d } from '@/lib/domain/dates'
import { checkAbroadRefund, checkNotClaimedTwice, checkTransportRefund, TRANSPORT_MODE_ACT } from '@/lib/domain/procedures/refunds'
import { RuleSet } from '@/lib/domain/rules/rule-set'
import { bundledRuleRows } from '@/prisma/rules'
import { countryCurrencies, ecbReferenceRates } from '@/prisma/rules/exchange-rates'
import { canDeclareDoctor, checkBirthDeclaration, departmentOfPostalCode, nextBeneficiaryRank } from '@/lib/domain/procedures/change-of-situation'

const today = d('2026-11-10')
const rules = new RuleSet(bundledRuleRows)
/** An adult born long ago: only the date rules of the request itself apply. */
const ctx = { today, birthDate: d('1985-05-17'), rules, exchange: { rates: ecbReferenceRates, countries: countryCurrencies } }

describe('refund requests (RULEBOOK §9 personal transport and care abroad)', () => {
  it('personal transport: prescription before the trip; priced by the engine as act KM × km (no arithmetic here)', () => {
    expect(checkTransportRefund({ tripDate: d('2026-11-02'), prescriptionDate: d('2026-10-30'), km: 84, reason: 'hospitalisation' }, ctx)).toEqual({
      ok: true,
      value: { lines: [{ act: 'KM', careDate: '2026-11-02', quantity: 84, feeCents: null }] },
    })
    expect(checkTransportRefund({ tripDate: d('2026-11-02'), prescriptionDate: d('2026-11-03'), km: 84, reason: 'hospitalisation' }, ctx)).toMatchObject({ ok: false, error: 'procedureErrors.transport.prescriptionAfterTrip' })
    expect(checkTransportRefund({ tripDate: d('2026-11-11'), prescriptionDate: d('2026-11-01'), km: 84, reason: 'hospitalisation' }, ctx)).toMatchObject({ ok: false, error: 'procedureErrors.refund.futureDate' })
    expect(checkTransportRefund({ tripDate: d('2026-11-02'), prescriptionDate: d('2026-11-01'), km: 0, reason: 'hospitalisation' }, ctx)).toMatchObject({ ok: false, error: 'procedureErrors.transport.km' })
  })

  it('care abroad: EU/EEA/CH/UK any care; elsewhere only urgent care; never France', () => {
    const base = { careDate: d('2026-08-14'), careKind: 'gp-consultation' as const, amount: 4500, currency: 'EUR', urgent: false }
    expect(checkAbroadRefund({ ...base, country: 'es' }, ctx)).toMatchObject({ ok: true, value: { zone: 'ehic', lines: [{ act: 'G', feeCents: 4500 }] } })
    expect(checkAbroadRefund({ ...base, country: 'US', currency: 'USD' }, ctx)).toMatchObject({ ok: false, error: 'procedureErrors.abroad.notUrgent' })
    expect(checkAbroadRefund({ ...base, country: 'US', currency: 'USD', urgent: true }, ctx)).toMatchObject({ ok: true, value: { zone: 'other', lines: [{ act: 'G', feeCents: null }] } })
    expect(checkAbroadRefund({ ...base, country: 'FR' }, ctx)).toMatchObject({ ok: false, error: 'procedureErrors.abroad.country' })
  })

  it('issue 19 §3: a date of care before the birth of the person, in the future or past the 2-year claim limit (CSS L.332-1, refund.claim-limit.months) is refused with the field it concerns', () => {
    const base = { careKind: 'gp-consultation' as const, amount: 4500, currency: 'EUR', urgent: false, country: 'ES' }
    const hugo = { ...ctx, birthDate: d('2018-09-02') }
    expect(checkAbroadRefund({ ...base, careDate: d('2018-09-01') }, hugo)).toEqual({ ok: false, error: 'procedureErrors.refund.beforeBirth', details: { field: 'careDate', birthDate: '2018-09-02' } })
    expect(checkAbroadRefund({ ...base, careDate: d('2018-09-02') }, { ...hugo, today: d('2020-01-01') }).ok).toBe(true)
    // 24 months before 2026-11-10 is 2024-11-10: that day is still in time, the day before is not.
    expect(checkAbroadRefund({ ...base, careDate: d('2024-11-10') }, ctx).ok).toBe(true)
    expect(checkAbroadRefund({ ...base, careDate: d('2024-11-09') }, ctx)).toEqual({ ok: false, error: 'procedureErrors.refund.tooOld', details: { field: 'careDate', oldest: '2024-11-10' } })
    expect(checkTransportRefund({ tripDate: d('2024-11-09'), prescriptionDate: d('2024-11-01'), km: 10, reason: 'hospitalisation' }, ctx)).toMatchObject({ ok: false, error: 'procedureErrors.refund.tooOld', details: { field: 'tripDate' } })
    // A 29 February "today": 24 months back clamps to 28 February.
    expect(checkAbroadRefund({ ...base, careDate: d('2022-02-28') }, { ...ctx, today: d('2024-02-29') }).ok).toBe(true)
  })

  it('issue 19 §3: a prescription more than refund.transport.prescription-max-days-before (365) days before the trip is refused', () => {
    const trip = { tripDate: d('2026-11-02'), km: 30, reason: 'hospitalisation' as const }
    expect(checkTransportRefund({ ...trip, prescriptionDate: d('2025-11-02') }, ctx).ok).toBe(true)
    expect(checkTransportRefund({ ...trip, prescriptionDate: d('2025-11-01') }, ctx)).toEqual({ ok: false, error: 'procedureErrors.transport.prescriptionTooOld', details: { field: 'prescriptionDate', days: 365 } })
  })

  it('issue 19 §3: the reason of the trip sets the rate — ALD with incapacity and work accident are passed to the engine as situations (rate.situation.* = 100 %)', () => {
    const trip = { tripDate: d('2026-11-02'), prescriptionDate: d('2026-10-30'), km: 84 }
    expect(checkTransportRefund({ ...trip, reason: 'ald-incapacity' }, ctx)).toMatchObject({ ok: true, value: { lines: [{ situations: ['ald'] }] } })
    expect(checkTransportRefund({ ...trip, reason: 'work-accident' }, ctx)).toMatchObject({ ok: true, value: { lines: [{ situations: ['work-accident'] }] } })
    const plain = checkTransportRefund({ ...trip, reason: 'convocation' }, ctx)
    expect(plain.ok && plain.value.lines[0]!.situations).toBeUndefined()
  })

  it('issue 19 §3: the same trip (person, day, km) or care (person, day, amount, currency) claimed twice is refused with the first reference', () => {
    const standing = [
      { reference: 'DEM-2026-AAAA', payload: { tripDate: '2026-11-02', km: 84 } },
      { reference: 'DEM-2026-BBBB', payload: { careDate: '2026-08-14', amount: 4500, currency: 'EUR' } },
    ]
    expect(checkNotClaimedTwice({ tripDate: d('2026-11-02'), km: 84 }, standing)).toEqual({ ok: false, error: 'procedureErrors.refund.duplicate', details: { reference: 'DEM-2026-AAAA', field: 'tripDate' } })
    expect(checkNotClaimedTwice({ tripDate: d('2026-11-02'), km: 85 }, standing).ok).toBe(true)
    expect(checkNotClaimedTwice({ tripDate: d('2026-11-03'), km: 84 }, standing).ok).toBe(true)
    expect(checkNotClaimedTwice({ careDate: d('2026-08-14'), amount: 4500, currency: 'EUR' }, standing)).toMatchObject({ ok: false, details: { reference: 'DEM-2026-BBBB', field: 'careDate' } })
    expect(checkNotClaimedTwice({ careDate: d('2026-08-14'), amount: 4500, currency: 'USD' }, standing).ok).toBe(true)
  })
})

describe('transport modes, tolls and parking (issue 19 §3; issue 16 §5; RULEBOOK §1, §4, §9)', () => {
  const trip = { tripDate: d('2026-11-02'), prescriptionDate: d('2026-10-30'), reason: 'hospitalisation' as const }

  it('a personal car is priced as KM × km (no franchise); an ambulance, a VSL, a taxi conventionné as one trip of act AMB / VSL / TAXI at the amount paid on the invoice', () => {
    expect(checkTransportRefund({ ...trip, mode: 'car', km: 84 }, ctx)).toMatchObject({ ok: true, value: { lines: [{ act: 'KM', quantity: 84, feeCents: null }] } })
    for (const [mode, act] of [['ambulance', 'AMB'], ['vsl', 'VSL'], ['taxi', 'TAXI']] as const) {
      expect(checkTransportRefund({ ...trip, mode, amount: 8540 }, ctx)).toEqual({ ok: true, value: { lines: [{ act, careDate: '2026-11-02', quantity: 1, feeCents: 8540 }] } })
    }
    expect(TRANSPORT_MODE_ACT).toEqual({ car: 'KM', ambulance: 'AMB', vsl: 'VSL', taxi: 'TAXI' })
  })

  it('a return journey on one invoice is two trips (one transport franchise each, RULEBOOK §4): 63,21 € → 31,60 € + 31,61 €; ignored for a car (its km are already there and back)', () => {
    expect(checkTransportRefund({ ...trip, mode: 'vsl', amount: 6321, returnTrip: true }, ctx)).toMatchObject({
      ok: true,
      value: { lines: [{ act: 'VSL', quantity: 1, feeCents: 3160 }, { act: 'VSL', quantity: 1, feeCents: 3161 }] },
    })
    expect(checkTransportRefund({ ...trip, mode: 'car', km: 40, returnTrip: true }, ctx)).toMatchObject({ ok: true, value: { lines: [{ act: 'KM', quantity: 40 }] } })
  })

  it('tolls and parking become lines TOLL and PARK at the same date and with the same reason (the rate of the trip: work accident → 100 %)', () => {
    expect(checkTransportRefund({ ...trip, reason: 'work-accident', mode: 'taxi', amount: 6000, tolls: 1250, parking: 400 }, ctx)).toEqual({
      ok: true,
      value: {
        lines: [
          { act: 'TAXI', careDate: '2026-11-02', quantity: 1, feeCents: 6000, situations: ['work-accident'] },
          { act: 'TOLL', careDate: '2026-11-02', quantity: 1, feeCents: 1250, situations: ['work-accident'] },
          { act: 'PARK', careDate: '2026-11-02', quantity: 1, feeCents: 400, situations: ['work-accident'] },
        ],
      },
    })
    expect(checkTransportRefund({ ...trip, mode: 'car', km: 30, tolls: 820 }, ctx)).toMatchObject({ ok: true, value: { lines: [{ act: 'KM' }, { act: 'TOLL', feeCents: 820 }] } })
  })

  it('what each mode needs: km for a car; the invoiced amount for an ambulance / VSL / taxi, at most refund.transport.max-invoice (5 000 €); tolls and parking > 0 and at most refund.transport.max-fees (500 €)', () => {
    expect(checkTransportRefund({ ...trip, mode: 'car', amount: 5000 }, ctx)).toEqual({ ok: false, error: 'procedureErrors.transport.km', details: { field: 'km' } })
    expect(checkTransportRefund({ ...trip, mode: 'taxi', km: 40 }, ctx)).toEqual({ ok: false, error: 'procedureErrors.transport.amount', details: { field: 'amount' } })
    expect(checkTransportRefund({ ...trip, mode: 'ambulance', amount: 500_000 }, ctx).ok).toBe(true)
    expect(checkTransportRefund({ ...trip, mode: 'ambulance', amount: 500_001 }, ctx)).toEqual({ ok: false, error: 'procedureErrors.transport.amountTooHigh', details: { field: 'amount', maxCents: 500_000 } })
    expect(checkTransportRefund({ ...trip, mode: 'car', km: 10, tolls: 50_000 }, ctx).ok).toBe(true)
    expect(checkTransportRefund({ ...trip, mode: 'car', km: 10, parking: 50_001 }, ctx)).toEqual({ ok: false, error: 'procedureErrors.transport.feeTooHigh', details: { field: 'parking', maxCents: 50_000 } })
    expect(checkTransportRefund({ ...trip, mode: 'vsl', amount: 3000, tolls: -5 }, ctx)).toMatchObject({ ok: false, error: 'procedureErrors.transport.fee', details: { field: 'tolls' } })
    expect(checkTransportRefund({ ...trip, mode: 'bus' as never, km: 10 }, ctx)).toMatchObject({ ok: false, error: 'procedureErrors.transport.mode' })
  })

  it('issue 19 §3 by mode: the same taxi trip (person, day, amount) claimed twice is refused with the first reference; a car trip the same day is another trip; stored requests without a mode were car trips', () => {
    const standing = [
      { reference: 'DEM-2026-CAR', payload: { tripDate: '2026-11-02', km: 84 } },
      { reference: 'DEM-2026-TAXI', payload: { mode: 'taxi', tripDate: '2026-11-02', km: null, amount: 6000 } },
    ]
    expect(checkNotClaimedTwice({ tripDate: d('2026-11-02'), mode: 'taxi', km: null, amount: 6000 }, standing)).toEqual({ ok: false, error: 'procedureErrors.refund.duplicate', details: { reference: 'DEM-2026-TAXI', field: 'tripDate' } })
    expect(checkNotClaimedTwice({ tripDate: d('2026-11-02'), mode: 'taxi', km: null, amount: 6100 }, standing).ok).toBe(true)
    expect(checkNotClaimedTwice({ tripDate: d('2026-11-02'), mode: 'vsl', km: null, amount: 6000 }, standing).ok).toBe(true)
    expect(checkNotClaimedTwice({ tripDate: d('2026-11-02'), mode: 'car', km: 84 }, standing)).toMatchObject({ ok: false, details: { reference: 'DEM-2026-CAR' } })
  })
})

describe('changes of situation (RULEBOOK §9 address/bank, newborn, médecin traitant)', () => {
  it('the department of a postal code decides the caisse (Corsica and overseas included)', () => {
    expect(['75011', '69008', '20000', '20200', '97400', '1234'].map(departmentOfPostalCode)).toEqual(['75', '69', '2A', '2B', '974', null])
  })

  it('a birth is declared from the birth day on; ranks continue after the existing beneficiaries', () => {
    expect(checkBirthDeclaration({ birthDate: d('2026-11-11'), today })).toMatchObject({ ok: false, error: 'procedureErrors.birth.future' })
    expect(checkBirthDeclaration({ birthDate: d('2026-11-10'), today }).ok).toBe(true)
    expect(nextBeneficiaryRank(['02', '03'])).toBe('04')
    expect(nextBeneficiaryRank([])).toBe('02')
  })

  it('only a doctor can be médecin traitant, and not the one already declared', () => {
    const gp = { id: 'p1', kind: 'person', specialty: 'general-practitioner' }
    expect(canDeclareDoctor({ professional: gp, currentDoctorId: null }).ok).toBe(true)
    expect(canDeclareDoctor({ professional: gp, currentDoctorId: 'p1' })).toMatchObject({ ok: false, error: 'procedureErrors.doctor.alreadyDeclared' })
    expect(canDeclareDoctor({ professional: { ...gp, specialty: 'nurse' }, currentDoctorId: null })).toMatchObject({ ok: false, error: 'procedureErrors.doctor.notADoctor' })
  })
})
