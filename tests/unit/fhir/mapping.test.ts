import { describe, expect, it } from 'vitest'
import type { TFhirClaim, TFhirFile } from '@/lib/db/repositories/fhir'
import { searchset, operationOutcome } from '@/lib/fhir/bundle'
import { capabilityStatement } from '@/lib/fhir/capability-statement'
import { fileToCoverages } from '@/lib/fhir/coverage'
import { claimToExplanationOfBenefit, lineCharged } from '@/lib/fhir/explanation-of-benefit'
import { beneficiaryToPatient, insuredToPatient } from '@/lib/fhir/patient'
import { INS_NIR, money, SYS } from '@/lib/fhir/systems'
import { validateFhir } from '../../support/fhir-schema'

const at = new Date('2026-11-20T09:00:00Z')
const file: TFhirFile = {
  insured: {
    id: 'ins1', nir: '1850575123456', nirKey: '42', nirKind: 'permanent', sex: 1, birthName: 'Pierre', usualName: null, firstNames: 'Jonathan Marc',
    birthDate: '1985-05-12', regime: 'alsace-moselle', managementCode: '10', rightsFrom: '2010-01-01', rightsTo: null, amcCode: '123456789',
    mutuelleName: 'Mutuelle Exemple', complementaryKind: 'ticket-moderateur', createdAt: at, updatedAt: at,
    organisation: { code: '671', name: 'CPAM du Bas-Rhin', regimeCode: '01' },
  },
  beneficiaries: [
    { id: 'ben1', firstNames: 'Léa', lastName: 'Pierre', birthDate: '2015-03-02', sex: 2, ownNir: null, ownNirKey: null, createdAt: at, rank: '02', relationship: 'child', from: '2015-03-02', to: null },
  ],
  periods: [
    { id: 'p1', beneficiaryId: null, kind: 'ald', from: '2024-01-01', to: null, label: 'Diabète de type 2' },
    { id: 'p2', beneficiaryId: null, kind: 'css', from: '2026-01-01', to: '2026-12-31', label: 'free' },
  ],
}
const claim: TFhirClaim = {
  id: 'c1', reference: 'FSE-2026-0001', beneficiaryId: 'ben1', careDate: '2026-10-03', receivedOn: '2026-10-04', status: 'paid', rejectReason: null, tiersPayant: false, createdAt: at,
  professional: { rpps: '10001234567', kind: 'person', title: 'Dr', firstName: 'Anne', lastName: 'Martin', specialty: 'pediatrician' },
  lines: [
    { id: 'l1', lineNo: 1, careDate: '2026-10-03', act: 'G', careType: 'doctor', quantity: 1, feeCharged: 3000, base: 3000, rate: 70, amoGross: 2100, localRegime: 600, participation: 200, franchise: 0, carriedForward: 0, amoPaid: 2500, complementary: 300, patient: 200, paidOn: '2026-10-08', payment: { reference: 'VIR-1', status: 'paid' } },
    { id: 'l2', lineNo: 2, careDate: '2026-10-03', act: 'PHA', careType: 'medicine', quantity: 3, feeCharged: 333, base: 999, rate: 65, amoGross: 649, localRegime: 0, participation: 0, franchise: 150, carriedForward: 0, amoPaid: 499, complementary: 350, patient: 150, paidOn: '2026-10-08', payment: { reference: 'VIR-1', status: 'paid' } },
  ],
}

/** Issue 18 §4: every resource the API serves validates against the official FHIR R4 JSON schema. */
describe('FHIR R4 mapping', () => {
  it('maps the person to a Patient with the NIR as an INS identifier, and a beneficiary without a number of their own without one', () => {
    const p = insuredToPatient(file.insured)
    expect(validateFhir(p)).toEqual([])
    expect(p.identifier).toEqual([expect.objectContaining({ system: INS_NIR, value: '185057512345642' })])
    expect(p.name).toEqual([{ use: 'official', family: 'Pierre', given: ['Jonathan', 'Marc'] }])
    const b = beneficiaryToPatient(file.beneficiaries[0]!, 'ins1')
    expect(validateFhir(b)).toEqual([])
    expect(b.identifier).toBeUndefined()
    expect(b.gender).toBe('female')
  })

  it('maps the coverage: Assurance Maladie with the caisse, regime, rights and the ALD period; the mutuelle; the CSS for the household', () => {
    const cs = fileToCoverages(file, [null, 'ben1'], '2026-11-20')
    for (const c of cs) expect(validateFhir(c), c.id).toEqual([])
    expect(cs.map((c) => c.id)).toEqual(['amo-ins1', 'amc-ins1', 'css-p2-ins1', 'amo-ben1', 'amc-ben1', 'css-p2-ben1'])
    const amo = cs[0]!
    expect(amo.payor).toEqual([{ identifier: { system: SYS.caisse, value: '671' }, display: 'CPAM du Bas-Rhin' }])
    expect(JSON.stringify(amo.extension)).toContain('Diabète de type 2')
    expect(cs[3]!.extension).toBeUndefined()
    expect(cs[3]!.relationship).toEqual({ coding: [{ system: SYS.relationship, code: 'child' }] })
    expect(fileToCoverages(file, [null], '2027-01-01').find((c) => c.id === 'css-p2-ins1')!.status).toBe('cancelled')
  })

  it('maps a claim to an ExplanationOfBenefit whose lines carry the base, the AMO part, the deductions, Alsace-Moselle, the mutuelle and the patient', () => {
    const eob = claimToExplanationOfBenefit(claim, file.insured, (c) => (c === 'G' ? 'Consultation' : c))
    expect(validateFhir(eob)).toEqual([])
    expect(eob.patient).toEqual({ reference: 'Patient/ben1' })
    const items = eob.item as { net: unknown; adjudication: { category: { coding: { code: string }[] }; amount?: { value: number } }[] }[]
    expect(items[0]!.net).toEqual(money(3000))
    const amount = (code: string) => items[0]!.adjudication.find((a) => a.category.coding[0]!.code === code)?.amount?.value
    expect([amount('eligible'), amount('benefit'), amount('participation'), amount('local-regime'), amount('complementary'), amount('patient')]).toEqual([30, 25, 2, 6, 3, 2])
    expect(items[1]!.net).toEqual({ value: 9.99, currency: 'EUR' })
    expect(eob.payment).toMatchObject({ date: '2026-10-08', amount: { value: 29.99 }, identifier: { value: 'VIR-1' } })
    expect(lineCharged(claim.lines[1]!)).toBe(999)
  })

  it('wraps resources in a searchset Bundle with a next link, and errors in an OperationOutcome; the CapabilityStatement is valid', () => {
    const b = searchset([insuredToPatient(file.insured)], { self: 'http://x/fhir/Patient', next: 'http://x/fhir/Patient?_cursor=a', base: 'http://x/fhir' })
    expect(validateFhir(b)).toEqual([])
    expect(validateFhir(operationOutcome('not-found', 'No such resource'))).toEqual([])
    expect(validateFhir(capabilityStatement({ base: 'http://x/fhir', issuer: 'http://x/oidc', date: '2026-12-04' }))).toEqual([])
  })

  it('the validator does refuse what is not FHIR (a money value as a string, an unknown field)', () => {
    const eob = claimToExplanationOfBenefit(claim, file.insured, (c) => c)
    expect(validateFhir({ ...eob, total: [{ category: { text: 'x' }, amount: { value: '12.00', currency: 'EUR' } }] })).not.toEqual([])
    expect(validateFhir({ ...insuredToPatient(file.insured), nir: '1850575123456' })).not.toEqual([])
    expect(() => money(12.5)).toThrow()
  })
})
