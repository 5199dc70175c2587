import { describe, expect, it } from 'vitest'
import { formatRuleValue } from '@/components/rules/rule-value'
import { displayOf, groupOf, labelId, parametersInForce, publicReference, RULE_GROUPS } from '@/lib/domain/rules/rule-catalogue'
import type { RuleRow } from '@/lib/domain/rules/rule-set'
import { messages } from '@/lib/i18n/messages'
import { bundledRuleRows } from '@/prisma/rules'

/** The public rules page's catalogue (issue 16 item 7): pure grouping, dating and wording of the rule rows. */
const row = (over: Partial<RuleRow>): RuleRow => ({ key: 'participation.amount', value: 100, unit: 'cents', from: '2005-01-01', source: 'RULEBOOK §4; décret 2004-1453', ...over })

describe('parametersInForce', () => {
  it('the row in force is the latest one started; its end is the day before the next row (RuleSet semantics)', () => {
    const rows = [row({}), row({ value: 200, from: '2024-05-15', url: 'https://www.ameli.fr/x' })]
    const on = (date: string) => parametersInForce(rows, date)[0]!.parameters[0]!
    expect(on('2024-05-14').current).toMatchObject({ value: 100, until: '2024-05-14', state: 'inForce', url: null })
    expect(on('2024-05-14').history[1]).toMatchObject({ value: 200, state: 'future', until: null })
    expect(on('2024-05-15').current).toMatchObject({ value: 200, from: '2024-05-15', until: null, url: 'https://www.ameli.fr/x' })
    expect(on('2024-05-15').history[0]).toMatchObject({ state: 'past', until: '2024-05-14' })
  })

  it('a row ended by its own `to` shows that day; a key with no row in force that day is left out, and so is its group', () => {
    const rows = [row({ key: 'act.X.base', from: '2020-01-01', to: '2020-06-30' }), row({})]
    expect(parametersInForce(rows, '2020-03-01').map((g) => g.group)).toEqual(['tariffs', 'deductions'])
    expect(parametersInForce(rows, '2020-03-01')[0]!.parameters[0]!.current.until).toBe('2020-06-30')
    expect(parametersInForce(rows, '2020-07-01').map((g) => g.group)).toEqual(['deductions'])
    expect(parametersInForce(rows, '2004-12-31')).toEqual([])
  })

  it('marks a figure not confirmed by an official text ([U] in the note)', () => {
    const g = parametersInForce([row({ note: 'assumed [U].' })], '2010-01-01')
    expect(g[0]!.parameters[0]!.current.unconfirmed).toBe(true)
    expect(parametersInForce([row({ note: null })], '2010-01-01')[0]!.parameters[0]!.current.unconfirmed).toBe(false)
  })

  it('groups keys the way a reader looks for them', () => {
    expect(groupOf('act.G.base')).toBe('tariffs')
    expect(groupOf('sector-3.base.gp')).toBe('tariffs')
    expect(groupOf('rate.medicine-15.general')).toBe('rates')
    expect(groupOf('hospital.full-rate-from-day')).toBe('rates')
    expect(groupOf('hospital.heavy-act-participation')).toBe('deductions')
    expect(groupOf('franchise.transport.daily-cap')).toBe('deductions')
    expect(groupOf('smic.monthly')).toBe('dailyAllowances')
    expect(groupOf('css.ceiling.free.1')).toBe('css')
    expect(groupOf('card.vitale.delivery-days')).toBe('procedures')
    expect(groupOf('affiliation.receipt.max-days')).toBe('affiliation')
  })

  it('keeps the official references of a source, not the project’s pointers', () => {
    expect(publicReference('RULEBOOK §1 and Act codes; règlement arbitral, arrêté 28/04/2023 (JO 30/04/2023)')).toBe('règlement arbitral, arrêté 28/04/2023 (JO 30/04/2023)')
    expect(publicReference('RULEBOOK Corrections C4: ...')).toBe('')
    expect(publicReference('Avenant conventionnel n° 2')).toBe('Avenant conventionnel n° 2')
  })
})

describe('the wording of each rule for a person', () => {
  const t = (key: string, values?: { n: number }) => `${key}:${values?.n ?? ''}`
  it('€ for amounts, % for rates and basis points, the divisor 91,25 from hundredths', () => {
    const norm = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ')
    expect(norm(formatRuleValue(200, 'money', 'fr', t))).toBe('2,00 €')
    expect(norm(formatRuleValue(2650, 'money', 'en', t))).toBe('€26.50')
    expect(norm(formatRuleValue(70, 'percent', 'fr', t))).toBe('70 %')
    expect(norm(formatRuleValue(620, 'basisPoints', 'fr', t))).toBe('6,2 %')
    expect(norm(formatRuleValue(50, 'basisPoints', 'en', t))).toBe('0.5%')
    expect(formatRuleValue(9125, 'hundredths', 'fr', t)).toBe('91,25')
    expect(formatRuleValue(3, 'days', 'fr', t)).toBe('days:3')
    expect(formatRuleValue(1, 'yesNo', 'fr', t)).toBe('yes:')
    expect(displayOf('ij.sjb-divisor-hundredths', 'count')).toBe('hundredths')
    expect(displayOf('affiliation.follow.lock-minutes', 'count')).toBe('minutes')
    expect(displayOf('participation.amount', 'cents')).toBe('money')
  })

  it('every shipped rule has a plain-language label in French and English, and every group a title', () => {
    for (const locale of ['fr', 'en'] as const) {
      const page = (messages[locale] as { rulesPage: { labels: Record<string, string>; groups: Record<string, string> } }).rulesPage
      for (const key of new Set(bundledRuleRows.map((r) => r.key))) expect(page.labels[labelId(key)], `${locale} ${key}`).toBeTruthy()
      for (const g of RULE_GROUPS) expect(page.groups[g], `${locale} ${g}`).toBeTruthy()
      expect(Object.keys(page.labels).length).toBe(new Set(bundledRuleRows.map((r) => r.key)).size)
    }
  })
})
