import { describe, expect, it } from 'vitest'
import { ZLocalPath } from '@/lib/schemas/navigation'
import { ZInsuredLogin, ZStaffLogin } from '@/lib/schemas/auth'
import { ZPermanentNirWithKey } from '@/lib/schemas/affiliation'
import { ZCancelAppointment, ZOfficeAgendaQuery } from '@/lib/schemas/agenda'
import { ZCents, ZDeclareBirth } from '@/lib/schemas/procedures'
import { parsePaymentFilters, ZReportCareNotReceived } from '@/lib/schemas/payments'

describe('ZLocalPath (no open redirect after sign-in)', () => {
  it.each(['/compte', '/compte/paiements?page=2', '/conseiller/assures#file'])('accepts %s', (path) => {
    expect(ZLocalPath.safeParse(path).success).toBe(true)
  })
  it.each(['//evil.example', '/\\evil.example', 'https://evil.example/compte', 'compte', '/compte x', '', `/${'a'.repeat(600)}`])('refuses %s', (path) => {
    expect(ZLocalPath.safeParse(path).success).toBe(false)
  })
})

describe('sign-in schemas (issue 2 "Bad input")', () => {
  it('accepts a NIR with spaces and key, and reports its kind', () => {
    const r = ZInsuredLogin.safeParse({ nir: '2 95 10 99 126 111 93', password: 'x' })
    expect(r.success && r.data.nir).toMatchObject({ nir: '2951099126111', key: '93', kind: 'permanent' })
  })
  it('reports the i18n code of the first problem', () => {
    const codes = (input: unknown) => {
      const r = ZInsuredLogin.safeParse(input)
      return r.success ? [] : r.error.issues.map((i) => i.message)
    }
    expect(codes({ nir: '2951099126111 94', password: 'x' })).toEqual(['nir.key'])
    expect(codes({ nir: '29510991261', password: 'x' })).toEqual(['nir.length'])
    expect(codes({ nir: '', password: '' })).toEqual(['nir.required', 'auth.passwordRequired'])
    expect(codes({ password: 'x' })).toEqual(['nir.required'])
  })
  it('trims and lower-cases the e-mail before checking it', () => {
    const r = ZStaffLogin.safeParse({ email: '  Camille.Roux@CPAM-Paris.example.fr ', password: 'x' })
    expect(r.success && r.data.email).toBe('camille.roux@cpam-paris.example.fr')
    expect(ZStaffLogin.safeParse({ email: 'camille.roux@', password: 'x' }).success).toBe(false)
  })
})

describe('ZPermanentNirWithKey (the insured spouse of an affiliation request) shares ZNirWithKey with account activation', () => {
  const message = (v: string) => ZPermanentNirWithKey.safeParse(v).error?.issues[0]?.message
  it('needs 15 characters with a right key, and a permanent number (RULEBOOK §8)', () => {
    expect(ZPermanentNirWithKey.parse('1 85 05 75 115 423 55')).toEqual({ nir: '1850575115423', key: '55' })
    expect(message('1850575115423')).toBe('activation.errors.nirWithKey')
    expect(message('185057511542356')).toBe('errors.nir.key')
    expect(message('888119940431151')).toBe('affiliation.errors.spouseTemporary')
    expect(message('')).toBe('errors.nir.required')
  })
})

describe('ZOfficeAgendaQuery (office agenda search params)', () => {
  it('keeps a real calendar day and drops one that does not exist (ARCHITECTURE Conventions §10)', () => {
    expect(ZOfficeAgendaQuery.parse({ day: '2028-02-29' }).day).toBe('2028-02-29')
    expect(ZOfficeAgendaQuery.parse({ day: '2026-02-30' }).day).toBeUndefined()
    expect(ZOfficeAgendaQuery.parse({ day: '2026-13-01' }).day).toBeUndefined()
  })
})

describe('error messages say what is wrong (issue 17 §4)', () => {
  const messageOf = (r: { success: boolean; error?: { issues: { message: string; path: PropertyKey[] }[] } }, field?: string) =>
    r.error?.issues.find((i) => field === undefined || i.path[0] === field)?.message
  it('an amount that is not one asks for euros, not "required"', () => {
    expect(messageOf(ZCents.safeParse('abc'))).toBe('procedureErrors.field.amount')
    expect(messageOf(ZCents.safeParse(-5))).toBe('procedureErrors.field.amount')
    expect(messageOf(ZCents.safeParse(true))).toBe('procedureErrors.field.amount')
    expect(ZCents.parse('1 250,50'.replace(/\s/g, ''))).toBe(125050)
    expect(ZCents.parse(1200)).toBe(1200)
  })
  it("the other parent's NIR: empty is absent; length, form and key each have their message", () => {
    const birth = (otherParentNir: string) => ZDeclareBirth.safeParse({ firstNames: 'Inès', lastName: 'Martin', birthDate: '2026-11-20', sex: '2', birthCertificateUploadId: 'u1', otherParentNir, idempotencyKey: 'k'.repeat(12) })
    expect(birth('').success).toBe(true)
    const ok = birth('2 95 10 99 126 111 93')
    expect(ok.success && ok.data.otherParentNir).toBe('295109912611193')
    expect(messageOf(birth('295109912611194'), 'otherParentNir')).toBe('procedureErrors.birth.otherParentNirKey')
    expect(messageOf(birth('123'), 'otherParentNir')).toBe('procedureErrors.birth.otherParentNirLength')
    expect(messageOf(birth('395109912611193'), 'otherParentNir')).toBe('procedureErrors.birth.otherParentNir')
  })
  it('cancelling an appointment needs confirm=yes', () => {
    expect(ZCancelAppointment.safeParse({ appointmentId: 'a1', confirm: 'yes' }).success).toBe(true)
    expect(messageOf(ZCancelAppointment.safeParse({ appointmentId: 'a1' }), 'confirm')).toBe('agenda.errors.confirmCancel')
  })
  it('"I did not receive this care" needs a comment: empty and too short are told apart', () => {
    const report = (comment?: string) => ZReportCareNotReceived.safeParse({ lineId: 'l1', idempotencyKey: 'k'.repeat(12), ...(comment === undefined ? {} : { comment }) })
    expect(messageOf(report(), 'comment')).toBe('paymentsPage.detail.commentRequired')
    expect(messageOf(report('  '), 'comment')).toBe('paymentsPage.detail.commentRequired')
    expect(messageOf(report('non'), 'comment')).toBe('paymentsPage.detail.commentLength')
    expect(report("Je n'ai pas vu ce médecin.").success).toBe(true)
  })
  it('payment filters: an impossible date and an end before the start are reported, the period ignored', () => {
    expect(parsePaymentFilters({ from: '2026-02-30' }).errors).toEqual([{ field: 'from', code: 'paymentsPage.errors.date' }])
    const inverted = parsePaymentFilters({ from: '2026-10-01', to: '2026-09-01', careType: 'dentist' })
    expect(inverted.errors).toEqual([{ field: 'to', code: 'paymentsPage.errors.range' }])
    expect(inverted.filters).toEqual({ careType: 'dentist' })
    expect(parsePaymentFilters({ from: '2026-09-01', to: '2026-09-01' }).errors).toEqual([])
  })
})
