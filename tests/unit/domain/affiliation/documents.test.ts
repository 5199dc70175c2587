import { describe, expect, it } from 'vitest'
import { calendarDate as d } from '@/lib/domain/dates'
import { RuleSet } from '@/lib/domain/rules/rule-set'
import { bundledRuleRows } from '@/prisma/rules'
import { checkResidence, missingDocuments, requiredDocuments, type TDocumentFacts } from '@/lib/domain/affiliation/documents'

const rules = new RuleSet(bundledRuleRows)
const docs = (facts: Partial<TDocumentFacts>) => requiredDocuments({ situation: 'resident', nationality: 'US', birthCertificateInFrench: false, ...facts }).map((r) => r.document)

describe('Supporting documents per situation (seed 003: the American spouse; seed 001: students; seed 002: permit and translation)', () => {
  it('family member joining an insured spouse (seed 003): marriage certificate, the spouse attestation, 3 months of residence proof, translation, permit, RIB', () => {
    expect(docs({ situation: 'family-member' })).toEqual([
      'identity',
      'birth-certificate',
      'birth-certificate-translation',
      'residence-permit',
      'marriage-certificate',
      'spouse-attestation',
      'proof-of-residence',
      'rib',
    ])
  })

  it('student (seed 001): enrolment certificate, no proof of residence', () => {
    const list = docs({ situation: 'student', nationality: 'CN' })
    expect(list).toContain('enrolment-certificate')
    expect(list).not.toContain('proof-of-residence')
  })

  it('employee: employment contract or payslips; self-employed: registration; job seeker: registration and residence', () => {
    expect(docs({ situation: 'employee' })).toContain('employment-proof')
    expect(docs({ situation: 'self-employed' })).toContain('self-employment-proof')
    expect(docs({ situation: 'job-seeker' })).toEqual(expect.arrayContaining(['job-seeker-registration', 'proof-of-residence']))
    expect(docs({ situation: 'resident' })).toContain('proof-of-residence')
  })

  it('no translation for a birth certificate in French; no residence permit for EU/EEA/Swiss nationals', () => {
    expect(docs({ birthCertificateInFrench: true })).not.toContain('birth-certificate-translation')
    expect(docs({ nationality: 'de' })).not.toContain('residence-permit')
    expect(docs({ nationality: 'CH' })).not.toContain('residence-permit')
    expect(docs({ nationality: 'US' })).toContain('residence-permit')
  })

  it('every situation asks for identity, birth certificate and bank details', () => {
    for (const situation of ['employee', 'self-employed', 'student', 'job-seeker', 'resident', 'family-member'] as const) {
      expect(docs({ situation })).toEqual(expect.arrayContaining(['identity', 'birth-certificate', 'rib']))
    }
  })

  it('missingDocuments lists what is required and not attached', () => {
    const facts: TDocumentFacts = { situation: 'family-member', nationality: 'US', birthCertificateInFrench: false }
    const all = requiredDocuments(facts).map((r) => r.document)
    expect(missingDocuments(facts, all)).toEqual([])
    expect(missingDocuments(facts, all.filter((x) => x !== 'proof-of-residence'))).toEqual(['proof-of-residence'])
  })
})

describe('Stable residence: 3 consecutive months (rule affiliation.residence.min-months, PUMA), with its exceptions (seed 003)', () => {
  const base = { birthDate: d('1988-06-14') }
  it('a person not working who arrived less than 3 months ago must wait; the refusal says from when', () => {
    expect(checkResidence({ ...base, situation: 'resident', arrivalDate: d('2026-09-01') }, d('2026-11-24'), rules)).toEqual({
      ok: false,
      error: 'affiliation.errors.residenceTooShort',
      details: { eligibleFrom: '2026-12-01', months: 3 },
    })
    expect(checkResidence({ ...base, situation: 'resident', arrivalDate: d('2026-08-24') }, d('2026-11-24'), rules)).toEqual({ ok: true, value: { exempt: false, eligibleFrom: '2026-11-24' } })
  })

  it('family members joining an insured person, students and workers may apply from their arrival', () => {
    for (const situation of ['family-member', 'student', 'employee', 'self-employed'] as const) {
      expect(checkResidence({ ...base, situation, arrivalDate: d('2026-11-20') }, d('2026-11-24'), rules)).toEqual({ ok: true, value: { exempt: true, eligibleFrom: '2026-11-20' } })
    }
    expect(checkResidence({ ...base, situation: 'job-seeker', arrivalDate: d('2026-11-20') }, d('2026-11-24'), rules)).toMatchObject({ ok: false, error: 'affiliation.errors.residenceTooShort' })
  })

  it('an arrival in the future or before birth is refused', () => {
    expect(checkResidence({ ...base, situation: 'student', arrivalDate: d('2026-11-25') }, d('2026-11-24'), rules)).toEqual({ ok: false, error: 'affiliation.errors.arrivalInFuture' })
    expect(checkResidence({ ...base, situation: 'student', arrivalDate: d('1980-01-01') }, d('2026-11-24'), rules)).toEqual({ ok: false, error: 'affiliation.errors.arrivalBeforeBirth' })
  })
})
