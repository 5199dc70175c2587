import { describe, expect, it } from 'vitest'
import { calendarDate as d } from '@/lib/domain/dates'
import { checkAbroadRefund, checkTransportRefund } from '@/lib/domain/procedures/refunds'
import { canDeclareDoctor, checkBirthDeclaration, departmentOfPostalCode, nextBeneficiaryRank } from '@/lib/domain/procedures/change-of-situation'

const today = d('2026-11-10')

describe('refund requests (RULEBOOK §9 personal transport and care abroad)', () => {
  it('personal transport: prescription before the trip; priced by the engine as act KM × km (no arithmetic here)', () => {
    expect(checkTransportRefund({ tripDate: d('2026-11-02'), prescriptionDate: d('2026-10-30'), km: 84, reason: 'hospitalisation' }, today)).toEqual({
      ok: true,
      value: { lines: [{ act: 'KM', careDate: '2026-11-02', quantity: 84, feeCents: null }] },
    })
    expect(checkTransportRefund({ tripDate: d('2026-11-02'), prescriptionDate: d('2026-11-03'), km: 84, reason: 'hospitalisation' }, today)).toMatchObject({ ok: false, error: 'procedureErrors.transport.prescriptionAfterTrip' })
    expect(checkTransportRefund({ tripDate: d('2026-11-11'), prescriptionDate: d('2026-11-01'), km: 84, reason: 'hospitalisation' }, today)).toMatchObject({ ok: false, error: 'procedureErrors.refund.futureDate' })
    expect(checkTransportRefund({ tripDate: d('2026-11-02'), prescriptionDate: d('2026-11-01'), km: 0, reason: 'hospitalisation' }, today)).toMatchObject({ ok: false, error: 'procedureErrors.transport.km' })
  })

  it('care abroad: EU/EEA/CH/UK any care; elsewhere only urgent care; never France', () => {
    const base = { careDate: d('2026-08-14'), careKind: 'gp-consultation' as const, amount: 4500, currency: 'EUR', urgent: false }
    expect(checkAbroadRefund({ ...base, country: 'es' }, today)).toMatchObject({ ok: true, value: { zone: 'ehic', lines: [{ act: 'G', feeCents: 4500 }] } })
    expect(checkAbroadRefund({ ...base, country: 'US', currency: 'USD' }, today)).toMatchObject({ ok: false, error: 'procedureErrors.abroad.notUrgent' })
    expect(checkAbroadRefund({ ...base, country: 'US', currency: 'USD', urgent: true }, today)).toMatchObject({ ok: true, value: { zone: 'other', lines: [{ act: 'G', feeCents: null }] } })
    expect(checkAbroadRefund({ ...base, country: 'FR' }, today)).toMatchObject({ ok: false, error: 'procedureErrors.abroad.country' })
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
