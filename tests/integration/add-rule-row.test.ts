import { describe, expect, it } from 'vitest'
import { getDb } from '@/lib/db/client'
import { addRuleRow } from '@/lib/services/rules/add-rule-row'
import { approveRuleRow, withdrawRuleRow } from '@/lib/services/rules/review-rule-row'
import { checkRuleValue, isBigChange } from '@/lib/domain/rules/rule-row-guard'
import { getRuleEngine } from '@/lib/services/simulation/rule-engine'

/**
 * ARCHITECTURE §3 / issue "The reimbursement engine" §1: a new row with a future date changes results from that
 * date on, without code changes — here added by a supervisor through the service the tariffs page calls.
 */
describe('a supervisor adds a future-dated rule value', () => {
  const staff = async (email: string) => {
    const u = await getDb().user.findFirstOrThrow({ where: { email }, select: { id: true, role: true } })
    return { id: u.id, role: u.role as 'advisor' | 'supervisor' }
  }
  const ctx = { today: '2026-11-24', ip: '203.0.113.9', userAgent: 'vitest' }
  const review = { ...ctx, now: new Date('2026-11-24T10:00:00Z') }
  const line = (careDate: string) => ({ careDate, act: 'G', quantity: 1, sector: '1' as const, regime: 'general' as const, birthDate: '1980-01-01', pathway: 'coordinated' as const, situations: [], complementary: 'ticket-moderateur' as const })

  it('applies from that day on once a second supervisor approved it (four eyes), not before; each step is audited', async () => {
    const supervisor = await staff('isabelle.moreau@cpam-paris.example.fr')
    const second = await staff('helene.bonnet@cpam-paris.example.fr')
    const r = await addRuleRow({ actor: supervisor, input: { key: 'act.G.base', value: '32,50', from: '2027-03-01', source: 'Avenant conventionnel (test)' }, ...ctx })
    expect(r).toMatchObject({ ok: true })
    if (!r.ok) throw new Error('refused')
    // Pending: the engine still pays 30 € on 1 March 2027.
    const pendingEngine = await getRuleEngine()
    const pendingResult = pendingEngine.simulate(line('2027-03-01'))
    expect(pendingResult.ok && pendingResult.result.base).toBe(3000)
    // The author cannot approve their own row.
    await expect(approveRuleRow({ actor: supervisor, input: { rowId: r.id }, ...review })).rejects.toMatchObject({ code: 'tariffs.errors.ownRow', status: 403 })
    await approveRuleRow({ actor: second, input: { rowId: r.id }, ...review })
    await expect(approveRuleRow({ actor: second, input: { rowId: r.id }, ...review })).rejects.toMatchObject({ code: 'tariffs.errors.notPending' })
    expect(await getDb().auditEvent.findFirstOrThrow({ where: { action: 'rule.approve', targetId: r.id } })).toMatchObject({ actorUserId: second.id })
    const engine = await getRuleEngine()
    const before = engine.simulate(line('2027-02-28'))
    const after = engine.simulate(line('2027-03-01'))
    expect(before.ok && before.result.base).toBe(3000)
    expect(after.ok && after.result).toMatchObject({ base: 3250, amoGross: 2275 })
    const audit = await getDb().auditEvent.findFirstOrThrow({ where: { action: 'rule.add' } })
    expect(audit).toMatchObject({ actorUserId: supervisor.id, ip: '203.0.113.9', targetType: 'rule-parameter' })
    expect(JSON.parse(audit.details)).toMatchObject({ key: 'act.G.base', value: 3250, from: '2027-03-01', status: 'pending' })
  })

  it('refuses an advisor (403), and changes nothing', async () => {
    const advisor = await staff('camille.roux@cpam-paris.example.fr')
    const count = await getDb().ruleParameter.count()
    await expect(addRuleRow({ actor: advisor, input: { key: 'act.G.base', value: '40', from: '2027-05-01', source: 'Not allowed' }, ...ctx })).rejects.toMatchObject({ status: 403 })
    expect(await getDb().ruleParameter.count()).toBe(count)
  })

  it('refuses, field by field: unknown key, today or a past date, a second row the same day, a bad value, no source', async () => {
    const supervisor = await staff('isabelle.moreau@cpam-paris.example.fr')
    const count = await getDb().ruleParameter.count()
    const add = (input: Record<string, string>) => addRuleRow({ actor: supervisor, input: { key: 'participation.amount', value: '3', from: '2027-06-01', source: 'Décision UNCAM (test)', ...input }, ...ctx })
    expect(await add({ key: 'act.NOPE.base' })).toEqual({ ok: false, fieldErrors: { key: 'errors.unknownKey' } })
    expect(await add({ from: '2026-11-24' })).toEqual({ ok: false, fieldErrors: { from: 'errors.notFuture' } })
    expect(await add({ from: '2024-05-15' })).toEqual({ ok: false, fieldErrors: { from: 'errors.notFuture' } })
    expect(await add({ from: '2027-02-30' })).toEqual({ ok: false, fieldErrors: { from: 'errors.from' } })
    expect(await add({ value: 'trois' })).toEqual({ ok: false, fieldErrors: { value: 'errors.valueCents' } })
    expect(await add({ key: 'rate.doctor.general', value: '72,5' })).toEqual({ ok: false, fieldErrors: { value: 'errors.valueInteger' } })
    expect(await add({ source: '' })).toEqual({ ok: false, fieldErrors: { source: 'errors.source' } })
    expect(await getDb().ruleParameter.count()).toBe(count)
    expect(await add({})).toMatchObject({ ok: true })
    expect(await add({ value: '4' })).toEqual({ ok: false, fieldErrors: { from: 'errors.duplicate' } })
    const row = await getDb().ruleParameter.findFirstOrThrow({ where: { key: 'participation.amount', from: '2027-06-01' } })
    expect(row).toMatchObject({ value: 300, unit: 'cents', createdById: supervisor.id, status: 'pending' })
  })

  it('issue 17 §5 — money-safe: 3200 typed for a 30 € GP base needs a confirmation; a base of 0, a rate of 150 %, a start in 9999 are refused', async () => {
    const supervisor = await staff('isabelle.moreau@cpam-paris.example.fr')
    const count = await getDb().ruleParameter.count()
    const add = (input: Record<string, string>) => addRuleRow({ actor: supervisor, input: { key: 'act.G.base', value: '32', from: '2027-09-01', source: 'Avenant conventionnel (test)', ...input }, ...ctx })
    // 3 200 € instead of 32,00 €: ×98 the 32,50 € in force from March 2027 (first test) → asked to confirm, nothing written.
    expect(await add({ value: '3200' })).toEqual({ ok: false, fieldErrors: { value: 'errors.bigChange' }, bigChange: { current: 3250, proposed: 320000, unit: 'cents' } })
    expect(await add({ value: '0' })).toEqual({ ok: false, fieldErrors: { value: 'errors.zeroBase' } })
    expect(await add({ key: 'rate.doctor.general', value: '150' })).toEqual({ ok: false, fieldErrors: { value: 'errors.rateRange' } })
    expect(await add({ from: '9999-01-01' })).toEqual({ ok: false, fieldErrors: { from: 'errors.tooFar' } })
    expect(await add({ from: '2031-11-25' })).toEqual({ ok: false, fieldErrors: { from: 'errors.tooFar' } })
    expect(await getDb().ruleParameter.count()).toBe(count)
    // 48 € (+47.7 % from 32,50 €) passes without a confirmation; 49 € (+50.8 %) only with one.
    expect(await add({ value: '48' })).toMatchObject({ ok: true })
    expect(await add({ value: '49', from: '2027-10-01' })).toMatchObject({ ok: false, fieldErrors: { value: 'errors.bigChange' } })
    expect(await add({ value: '49', from: '2027-10-01', confirm: '1' })).toMatchObject({ ok: true })
    const audit = await getDb().auditEvent.findFirstOrThrow({ where: { action: 'rule.add', details: { contains: '"from":"2027-10-01"' } } })
    expect(JSON.parse(audit.details)).toMatchObject({ confirmedLargeChange: true, valueInForce: 3250 })
  })

  it('issue 17 §5 — a future row can be withdrawn before its start (pending or approved), not a shipped row nor one in force', async () => {
    const first = await staff('isabelle.moreau@cpam-paris.example.fr')
    const second = await staff('helene.bonnet@cpam-paris.example.fr')
    const r = await addRuleRow({ actor: first, input: { key: 'act.G.base', value: '31', from: '2027-04-01', source: 'Avenant conventionnel (test)' }, ...ctx })
    if (!r.ok) throw new Error('refused')
    await approveRuleRow({ actor: second, input: { rowId: r.id }, ...review })
    const applied = (await getRuleEngine()).simulate(line('2027-04-01'))
    expect(applied.ok && applied.result.base).toBe(3100)
    // Not yet: on 1 April 2027 it is in force and stays.
    await expect(withdrawRuleRow({ actor: first, input: { rowId: r.id }, ...review, today: '2027-04-01' })).rejects.toMatchObject({ code: 'tariffs.errors.alreadyStarted' })
    await withdrawRuleRow({ actor: first, input: { rowId: r.id }, ...review })
    // Back to the value approved from 1 March 2027 in the first test.
    const back = (await getRuleEngine()).simulate(line('2027-04-01'))
    expect(back.ok && back.result.base).toBe(3250)
    expect(await getDb().auditEvent.count({ where: { action: 'rule.withdraw', targetId: r.id } })).toBe(1)
    await expect(withdrawRuleRow({ actor: first, input: { rowId: r.id }, ...review })).rejects.toMatchObject({ code: 'tariffs.errors.alreadyWithdrawn' })
    // A shipped row (no author) is history.
    const shipped = await getDb().ruleParameter.findFirstOrThrow({ where: { key: 'act.G.base', createdById: null } })
    await expect(withdrawRuleRow({ actor: first, input: { rowId: shipped.id }, ...review })).rejects.toMatchObject({ code: 'tariffs.errors.shippedRow' })
    // The same date can be proposed again after a withdrawal; a pending row whose date came cannot be approved.
    const again = await addRuleRow({ actor: first, input: { key: 'act.G.base', value: '31,50', from: '2027-04-01', source: 'Avenant conventionnel (test, again)' }, ...ctx })
    if (!again.ok) throw new Error('refused')
    await expect(approveRuleRow({ actor: second, input: { rowId: again.id }, ...review, today: '2027-04-01' })).rejects.toMatchObject({ code: 'tariffs.errors.startedWhilePending' })
    // An advisor can do none of it.
    const advisor = await staff('camille.roux@cpam-paris.example.fr')
    await expect(approveRuleRow({ actor: advisor, input: { rowId: again.id }, ...review })).rejects.toMatchObject({ status: 403 })
    await expect(withdrawRuleRow({ actor: advisor, input: { rowId: again.id }, ...review })).rejects.toMatchObject({ status: 403 })
  })
})

describe('rule row plausibility (issue 17 §5, pure)', () => {
  it('rates are 0–100 %, an act base is never 0 €, ±50 % is the confirmation threshold', () => {
    expect(checkRuleValue('rate.doctor.general', 'percent', 100)).toBeNull()
    expect(checkRuleValue('rate.doctor.general', 'percent', 101)).toBe('rateRange')
    expect(checkRuleValue('complementary.overrun', 'percent', 200)).toBeNull()
    expect(checkRuleValue('act.G.base', 'cents', 0)).toBe('zeroBase')
    expect(checkRuleValue('participation.amount', 'cents', 0)).toBeNull()
    expect(isBigChange(3000, 4500)).toBe(false)
    expect(isBigChange(3000, 4501)).toBe(true)
    expect(isBigChange(3000, 1499)).toBe(true)
    expect(isBigChange(3000, 1500)).toBe(false)
    expect(isBigChange(0, 1)).toBe(true)
  })
})
