import { describe, expect, it } from 'vitest'
import { getDb } from '@/lib/db/client'
import type { PublicParameter } from '@/lib/domain/rules/rule-catalogue'
import { addRuleRow } from '@/lib/services/rules/add-rule-row'
import { listPublicRules, type TPublicRules } from '@/lib/services/rules/list-public-rules'
import { approveRuleRow, withdrawRuleRow } from '@/lib/services/rules/review-rule-row'

/**
 * The public rules page (issue 16 item 7) reads the dated rows of the database, as the engine does: each parameter's
 * value on both sides of its date, a supervisor's future row only from its date once approved (four eyes), never a
 * pending or withdrawn row. RULEBOOK §1 (G 26.50 € from 01/11/2023, 30 € from 22/12/2024) and §4 (participation
 * forfaitaire 1 €, 2 € from 15/05/2024).
 */
const today = '2026-11-24'

function param(result: TPublicRules, key: string): PublicParameter | undefined {
  if (!result.ok) throw new Error(`refused: ${result.error}`)
  return result.groups.flatMap((g) => g.parameters).find((p) => p.key === key)
}
const at = async (date: string, key: string) => param(await listPublicRules({ date, today }), key)

describe('listPublicRules: the parameters in force on a date, from the database', () => {
  it('participation forfaitaire 1 € on 14/05/2024, 2 € from 15/05/2024 (RULEBOOK §4), under "deductions"', async () => {
    expect(await at('2024-05-14', 'participation.amount')).toMatchObject({ group: 'deductions', display: 'money', current: { value: 100, from: '2005-01-01', until: '2024-05-14' } })
    const after = await at('2024-05-15', 'participation.amount')
    expect(after).toMatchObject({ current: { value: 200, from: '2024-05-15', until: null, state: 'inForce' } })
    expect(after!.history.map((h) => [h.value, h.state])).toEqual([
      [100, 'past'],
      [200, 'inForce'],
    ])
  })

  it('GP consultation 26,50 € on 21/12/2024, 30 € from 22/12/2024 (RULEBOOK §1), with its whole history and official link', async () => {
    const before = await at('2024-12-21', 'act.G.base')
    expect(before).toMatchObject({ group: 'tariffs', current: { value: 2650, from: '2023-11-01', until: '2024-12-21' } })
    expect(before!.history.map((h) => [h.from, h.until, h.value, h.state])).toEqual([
      ['2017-05-01', '2023-10-31', 2500, 'past'],
      ['2023-11-01', '2024-12-21', 2650, 'inForce'],
      ['2024-12-22', null, 3000, 'future'],
    ])
    expect(before!.current.url).toMatch(/^https:\/\/www\.service-public\.fr\//)
    // The developer's pointer (RULEBOOK §…) is not part of the public reference; the official texts are.
    expect(before!.current.reference).not.toMatch(/RULEBOOK/)
    expect(before!.current.reference).toMatch(/arrêté 28\/04\/2023/)
    expect(await at('2024-12-22', 'act.G.base')).toMatchObject({ current: { value: 3000 } })
  })

  it('a supervisor’s future row shows only once approved, and only from its date; a pending or withdrawn row never', async () => {
    const staff = async (email: string) => {
      const u = await getDb().user.findFirstOrThrow({ where: { email }, select: { id: true, role: true } })
      return { id: u.id, role: u.role as 'supervisor' }
    }
    const supervisor = await staff('isabelle.moreau@cpam-paris.example.fr')
    const second = await staff('helene.bonnet@cpam-paris.example.fr')
    const ctx = { today, ip: '203.0.113.9', userAgent: 'vitest' }
    const review = { ...ctx, now: new Date('2026-11-24T10:00:00Z') }
    const added = await addRuleRow({ actor: supervisor, input: { key: 'act.G.base', value: '32,50', from: '2027-03-01', source: 'Avenant conventionnel (test)' }, ...ctx })
    if (!added.ok) throw new Error('refused')
    const pendingParticipation = await addRuleRow({ actor: supervisor, input: { key: 'participation.amount', value: '3', from: '2027-06-01', source: 'Décision UNCAM (test)' }, ...ctx })
    if (!pendingParticipation.ok) throw new Error('refused')

    // Pending: not on the page, not even in the history.
    const pending = await at('2027-03-01', 'act.G.base')
    expect(pending!.current.value).toBe(3000)
    expect(pending!.history.map((h) => h.from)).not.toContain('2027-03-01')

    await approveRuleRow({ actor: second, input: { rowId: added.id }, ...review })
    const dayBefore = await at('2027-02-28', 'act.G.base')
    expect(dayBefore).toMatchObject({ current: { value: 3000, until: '2027-02-28' } })
    expect(dayBefore!.history.at(-1)).toMatchObject({ from: '2027-03-01', value: 3250, state: 'future', reference: 'Avenant conventionnel (test)' })
    // The row stored without a link keeps the official page of its key.
    expect(dayBefore!.history.at(-1)!.url).toMatch(/^https:\/\/www\.service-public\.fr\//)
    expect(await at('2027-03-01', 'act.G.base')).toMatchObject({ current: { value: 3250, from: '2027-03-01', state: 'inForce' } })

    // Still pending 3 €: the page says 2 € on its date, and so does a withdrawn row.
    expect(await at('2027-06-01', 'participation.amount')).toMatchObject({ current: { value: 200 } })
    await withdrawRuleRow({ actor: second, input: { rowId: pendingParticipation.id }, ...review })
    const withdrawn = await at('2027-06-01', 'participation.amount')
    expect(withdrawn).toMatchObject({ current: { value: 200 } })
    expect(withdrawn!.history.map((h) => h.value)).toEqual([100, 200])
  })

  it('today (Paris, from the caller) when no date is given; a clear refusal, not an empty page, for a bad date', async () => {
    const none = await listPublicRules({ date: undefined, today: '2024-01-15' })
    expect(none.ok && none.date).toBe('2024-01-15')
    expect(param(none, 'participation.amount')!.current.value).toBe(100)
    expect(await listPublicRules({ date: '', today })).toMatchObject({ ok: true, date: today })
    expect(await listPublicRules({ date: '2024-02-30', today })).toEqual({ ok: false, error: 'date' })
    expect(await listPublicRules({ date: '15/01/2024', today })).toEqual({ ok: false, error: 'date' })
    expect(await listPublicRules({ date: ['2024-01-15'], today })).toEqual({ ok: false, error: 'date' })
    expect(await listPublicRules({ date: '1999-12-31', today })).toEqual({ ok: false, error: 'range' })
    expect(await listPublicRules({ date: '9999-01-01', today })).toEqual({ ok: false, error: 'range' })
  })

  it('every group the page announces has parameters today, each with a source reference or an official link', async () => {
    const r = await listPublicRules({ date: today, today })
    if (!r.ok) throw new Error('refused')
    expect(r.groups.map((g) => g.group)).toEqual(['tariffs', 'rates', 'deductions', 'dailyAllowances', 'css', 'procedures', 'affiliation'])
    for (const p of r.groups.flatMap((g) => g.parameters)) expect(p.current.reference || p.current.url, p.key).toBeTruthy()
  })
})
