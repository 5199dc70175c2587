/**
 * The daily-allowance and CSS contracts (SIMULATION-API.md "Daily allowances and CSS"), as POST
 * /api/v1/daily-allowances and /api/v1/css-eligibility and the batch commands answer them: every invalid field is
 * refused with a 400 naming the field in a sentence (English, or French on request); a batch still computes the
 * valid requests; steps are sentences with an official link.
 */
import { describe, expect, it } from 'vitest'
import { RuleSet } from '@/lib/domain/rules/rule-set'
import { contractReply } from '@/lib/services/simulation/allowances-css'
import { bundledRuleRows } from '@/prisma/rules'

const rules = new RuleSet(bundledRuleRows)
const ij = { kind: 'illness', startDate: '2025-03-10', endDate: '2025-03-19', salaries: [350000, 350000, 350000] }
const css = { date: '2025-06-01', members: [{ birthDate: '1980-05-05' }], yearlyIncome: 1_000_000 }

type Body = { errors?: { path: string; message: string }[]; results?: unknown[]; steps?: { text: string; url: string | null }[] } & Record<string, unknown>
const post = (kind: 'allowances' | 'css', body: unknown, locale: 'en' | 'fr' = 'en') => {
  const reply = contractReply(kind, body, rules, locale)
  return { status: reply.status, body: reply.body as Body }
}

describe('POST /api/v1/daily-allowances', () => {
  it('RULEBOOK IJ example A: 200 with the contract fields and explained steps linking to official pages', () => {
    const r = post('allowances', { id: 'A', ...ij })
    expect(r.status).toBe(200)
    expect(r.body).toMatchObject({ id: 'A', dailyGross: 5331, waitingDays: 3, paidDays: 7, totalGross: 37317, csg: 2314, crds: 187, totalNet: 34816, taxable: 35899 })
    for (const s of r.body.steps!) expect(s.text).not.toMatch(/RULEBOOK|SIMULATION-API|allowances\.steps/)
    expect(r.body.steps!.filter((s) => s.url).length).toBeGreaterThan(5)
  })

  const invalid: [string, Record<string, unknown>, string, RegExp][] = [
    ['kind unknown', { ...ij, kind: 'holiday' }, 'kind', /illness/],
    ['kind missing', { ...ij, kind: undefined }, 'kind', /reason/],
    ['startDate not a date', { ...ij, startDate: '2025-02-30' }, 'startDate', /real date/],
    ['startDate missing', { ...ij, startDate: undefined }, 'startDate', /first day/],
    ['endDate not a date', { ...ij, endDate: 'tomorrow' }, 'endDate', /real date/],
    ['endDate before startDate', { ...ij, endDate: '2025-03-01' }, 'endDate', /before the start/],
    ['endDate more than 4 years later', { ...ij, endDate: '2029-12-31' }, 'endDate', /4 years/],
    ['salaries not a list', { ...ij, salaries: 3500 }, 'salaries', /cents/],
    ['salaries empty', { ...ij, salaries: [] }, 'salaries', /monthly gross/],
    ['salary negative', { ...ij, salaries: [1, -5, 1] }, 'salaries.1', /not negative/],
    ['salary not whole cents', { ...ij, salaries: [1.5, 1, 1] }, 'salaries.0', /whole number/],
    ['too many salaries', { ...ij, salaries: Array(13).fill(1) }, 'salaries', /12/],
    ['too few salaries for illness', { ...ij, salaries: [1, 1] }, 'salaries', /at least 3/],
    ['initial not a boolean', { ...ij, initial: 'yes' }, 'initial', /true or false/],
    ['id empty', { ...ij, id: '' }, 'id', /1 to 100/],
    ['unknown field', { ...ij, hours: 150 }, 'hours', /no field "hours"/],
    ['date with no scale', { ...ij, startDate: '2022-06-01', endDate: '2022-06-10' }, 'startDate', /No scale/],
  ]
  for (const [name, body, path, message] of invalid) {
    it(`400 for ${name}: the error names "${path}"`, () => {
      const r = post('allowances', body)
      expect(r.status).toBe(400)
      expect(r.body.errors).toContainEqual({ path, message: expect.stringMatching(message) })
    })
  }

  it('French on request; a batch computes the valid requests and points at the invalid one', () => {
    expect(post('allowances', { ...ij, kind: 'vacances' }, 'fr').body.errors![0]!.message).toMatch(/doit valoir/)
    const r = post('allowances', { requests: [ij, { ...ij, salaries: 'x' }, { ...ij, kind: 'maternity' }] })
    expect(r.status).toBe(400)
    expect(r.body.errors![0]!.path).toBe('requests.1.salaries')
    expect(r.body.results![0]).toMatchObject({ dailyGross: 5331 })
    expect(r.body.results![2]).toMatchObject({ waitingDays: 0 })
    expect(post('allowances', { requests: [] }).body.errors![0]!.path).toBe('requests')
    expect(post('allowances', [1, 2]).status).toBe(400)
  })
})

describe('POST /api/v1/css-eligibility', () => {
  it('200 with outcome, ceilings and participation', () => {
    expect(post('css', { id: 'c', ...css })).toMatchObject({ status: 200, body: { id: 'c', outcome: 'free', freeCeiling: 1_033_900, participationCeiling: 1_395_700, monthlyParticipation: 0 } })
  })

  const invalid: [string, Record<string, unknown>, string, RegExp][] = [
    ['date not a date', { ...css, date: '2025-13-01' }, 'date', /real date/],
    ['date missing', { ...css, date: undefined }, 'date', /date of the application/],
    ['date with no table', { ...css, date: '2023-01-01' }, 'date', /No CSS scale/],
    ['members not a list', { ...css, members: 'me' }, 'members', /list of people/],
    ['members empty', { ...css, members: [] }, 'members', /at least one/],
    ['too many members', { ...css, members: Array(21).fill({ birthDate: '1980-01-01' }) }, 'members', /20/],
    ['member birth date invalid', { ...css, members: [{ birthDate: '1980-02-31' }] }, 'members.0.birthDate', /real date/],
    ['member birth date after the date', { ...css, members: [{ birthDate: '2026-01-01' }] }, 'members.0.birthDate', /after the date/],
    ['member with an unknown field', { ...css, members: [{ birthDate: '1980-01-01', name: 'x' }] }, 'members.0.name', /no field/],
    ['yearlyIncome negative', { ...css, yearlyIncome: -1 }, 'yearlyIncome', /not negative/],
    ['yearlyIncome in euros with decimals', { ...css, yearlyIncome: 10.5 }, 'yearlyIncome', /cents/],
    ['yearlyIncome missing', { ...css, yearlyIncome: undefined }, 'yearlyIncome', /yearly resources/],
    ['alsaceMoselle not a boolean', { ...css, alsaceMoselle: 1 }, 'alsaceMoselle', /true or false/],
    ['overseas not a boolean', { ...css, overseas: 'no' }, 'overseas', /true or false/],
    ['unknown field', { ...css, income: 3 }, 'income', /no field "income"/],
  ]
  for (const [name, body, path, message] of invalid) {
    it(`400 for ${name}: the error names "${path}"`, () => {
      const r = post('css', body)
      expect(r.status).toBe(400)
      expect(r.body.errors).toContainEqual({ path, message: expect.stringMatching(message) })
    })
  }
})
