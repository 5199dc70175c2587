import { describe, expect, it } from 'vitest'
import { PASSWORD_MIN_LENGTH, passwordProblem } from '@/lib/domain/accounts/password-policy'
import { ZAccountActivationRequest, ZFirstPassword } from '@/lib/schemas/activation'

const person = { nir: '2900799132045', birthDate: '1990-07-14' }

describe('password policy for the first password (issue 7: at least 12 characters, letters and digits, not the NIR nor the birth date)', () => {
  it('accepts a long password with letters and digits', () => {
    expect(passwordProblem('Tour-Eiffel-2026', person)).toBeNull()
    expect(passwordProblem('élan vital 1989 été', person)).toBeNull()
  })
  it('refuses empty, short, letters only, digits only', () => {
    expect(passwordProblem('', person)).toBe('activation.errors.passwordRequired')
    expect(passwordProblem('a1'.repeat(PASSWORD_MIN_LENGTH / 2 - 1) + 'a', person)).toBe('activation.errors.passwordTooShort')
    expect(passwordProblem('x'.repeat(129) + '1', person)).toBe('activation.errors.passwordTooLong')
    expect(passwordProblem('onlyletterslong', person)).toBe('activation.errors.passwordLettersDigits')
    expect(passwordProblem('123456789012345', person)).toBe('activation.errors.passwordLettersDigits')
  })
  it('refuses the NIR and the birth date in its usual spellings, even with separators', () => {
    expect(passwordProblem('nir2900799132045', person)).toBe('activation.errors.passwordPersonal')
    expect(passwordProblem('Olivia-19900714', person)).toBe('activation.errors.passwordPersonal')
    expect(passwordProblem('Olivia-14/07/1990', person)).toBe('activation.errors.passwordPersonal')
    expect(passwordProblem('Olivia-14.07.90x', person)).toBe('activation.errors.passwordPersonal')
  })
})

describe('activation request schema', () => {
  it('needs the 15 characters with a matching key; accepts YYYY-MM-DD and DD/MM/YYYY; 5-digit postal code', () => {
    expect(ZAccountActivationRequest.safeParse({ nir: '2 90 07 99 132 045 79', birthDate: '14/07/1990', postalCode: '75020' }).data).toMatchObject({ birthDate: '1990-07-14', postalCode: '75020', nir: { nir: '2900799132045', kind: 'permanent' } })
    expect(ZAccountActivationRequest.safeParse({ nir: '2900799132045', birthDate: '1990-07-14', postalCode: '75020' }).error?.issues[0]?.message).toBe('activation.errors.nirWithKey')
    expect(ZAccountActivationRequest.safeParse({ nir: '290079913204578', birthDate: '1990-07-14', postalCode: '75020' }).error?.issues[0]?.message).toBe('errors.nir.key')
    expect(ZAccountActivationRequest.safeParse({ nir: '290079913204579', birthDate: '1990-02-30', postalCode: '750' }).error?.issues.map((i) => i.message)).toEqual(['activation.errors.birthDate', 'activation.errors.postalCode'])
  })
  it('the confirmation must match', () => {
    expect(ZFirstPassword.safeParse({ password: 'Tour-Eiffel-2026', confirmation: 'Tour-Eiffel-2027' }).error?.issues[0]).toMatchObject({ path: ['confirmation'], message: 'activation.errors.passwordMismatch' })
  })
})
