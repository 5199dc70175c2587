import { describe, expect, it } from 'vitest'
import { getDb } from '@/lib/db/client'
import { addRuleRow } from '@/lib/services/rules/add-rule-row'
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
  const line = (careDate: string) => ({ careDate, act: 'G', quantity: 1, sector: '1' as const, regime: 'general' as const, birthDate: '1980-01-01', pathway: 'coordinated' as const, situations: [], complementary: 'ticket-moderateur' as const })

  it('applies from that day on (the engine is rebuilt), not before; the change is audited', async () => {
    const supervisor = await staff('isabelle.moreau@cpam-paris.example.fr')
    const r = await addRuleRow({ actor: supervisor, input: { key: 'act.G.base', value: '32,50', from: '2027-03-01', source: 'Avenant conventionnel (test)' }, ...ctx })
    expect(r).toMatchObject({ ok: true })
    const engine = await getRuleEngine()
    const before = engine.simulate(line('2027-02-28'))
    const after = engine.simulate(line('2027-03-01'))
    expect(before.ok && before.result.base).toBe(3000)
    expect(after.ok && after.result).toMatchObject({ base: 3250, amoGross: 2275 })
    const audit = await getDb().auditEvent.findFirstOrThrow({ where: { action: 'rule.add' } })
    expect(audit).toMatchObject({ actorUserId: supervisor.id, ip: '203.0.113.9', targetType: 'rule-parameter' })
    expect(JSON.parse(audit.details)).toMatchObject({ key: 'act.G.base', value: 3250, from: '2027-03-01' })
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
    expect(row).toMatchObject({ value: 300, unit: 'cents', createdById: supervisor.id })
  })
})
