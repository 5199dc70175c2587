import { describe, expect, it } from 'vitest'
import { addMonths, type CalendarDate } from '@/lib/domain/dates'
import { codeFromCallback, monthsBefore, startAuthorization, summarize } from '@/scripts/fhir-sample-client/client'

const config = { authorization_endpoint: 'http://x/oidc/auth', token_endpoint: 'http://x/oidc/token' }

/** Issue 18 §5: the sample client counts the 27 months as "Mes paiements" does, and does PKCE S256 with a state. */
describe('sample client', () => {
  it('counts the window like Mes paiements (same day 27 months earlier, clamped to the month end)', () => {
    for (const today of ['2026-12-04', '2026-05-31', '2028-02-29', '2027-01-01']) expect(monthsBefore(today, 27)).toBe(addMonths(today as CalendarDate, -27))
  })

  it('asks for the code flow with S256 and refuses a callback whose state differs', () => {
    const a = startAuthorization(config)
    const u = new URL(a.url)
    expect(u.searchParams.get('code_challenge_method')).toBe('S256')
    expect(u.searchParams.get('code_challenge')).not.toBe(a.verifier)
    expect(() => codeFromCallback(`http://127.0.0.1:8765/callback?code=c&state=other`, a.state)).toThrow('state mismatch')
    expect(codeFromCallback(`http://127.0.0.1:8765/callback?code=c&state=${a.state}`, a.state)).toBe('c')
  })

  it('adds the totals of the ExplanationOfBenefit resources in cents', () => {
    const eob = (benefit: number) => ({ resourceType: 'ExplanationOfBenefit', id: 'x', item: [{}], total: [{ category: { coding: [{ code: 'benefit' }] }, amount: { value: benefit } }] })
    expect(summarize([eob(16.5), eob(0.1), eob(0.2)])).toMatchObject({ claims: 3, lines: 3, amoPaid: 1680 })
  })
})
