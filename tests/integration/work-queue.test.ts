import { describe, expect, it } from 'vitest'
import { getDb } from '@/lib/db/client'
import { ZQueueFilter } from '@/lib/schemas/back-office'
import { listWorkQueue, queueFiguresByCaisse, weekStartOf } from '@/lib/services/back-office/work-queue'
import { assignQueueRequests } from '@/lib/services/back-office/assign-queue-requests'
import { deleteQueueFilter, listSavedQueueFilters, saveQueueFilter } from '@/lib/services/back-office/saved-queue-filters'
import { calendarDate } from '@/lib/domain/dates'
import { ZodError } from 'zod'
import { codeOf as appCodeOf, ctx, insuredActor, NOW, staffActor } from '../support/procedures'

/**
 * The work queue (issue 17 §7) on the demo world seeded as of 2026-11-24 (prisma/seed/seed-queue.ts), at NOW =
 * 2026-11-24 10:00 UTC. Delays: prisma/rules/queue-sla.json.
 */

const CAMILLE = 'camille.roux@cpam-paris.example.fr'
const KARIM = 'karim.benaissa@cpam-paris.example.fr'
const JULIE = 'julie.fontaine@cpam-rhone.example.fr'
const ISABELLE = 'isabelle.moreau@cpam-paris.example.fr'
/** An AppError's "status code", or "ZodError" for an input the schema refuses. */
async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    return await appCodeOf(p)
  } catch (error) {
    if (error instanceof ZodError) return 'ZodError'
    throw error
  }
}
const q = (f: Record<string, string> = {}) => ZQueueFilter.parse(f)
const list = async (email: string, f: Record<string, string> = {}) => listWorkQueue({ actor: await staffActor(email), filter: q(f), now: NOW })
const refs = (r: { items: { reference: string }[] }) => r.items.map((i) => i.reference)
const procedureKey = async (reference: string) => `procedure:${(await getDb().procedure.findUniqueOrThrow({ where: { reference }, select: { id: true } })).id}`
const EMILY_AFF = async () => (await getDb().procedure.findFirstOrThrow({ where: { type: 'affiliation', status: 'approved', insured: { firstNames: 'Emily Anne' } }, select: { reference: true } })).reference
const orgId = async (code: string) => (await getDb().organisation.findUniqueOrThrow({ where: { code }, select: { id: true } })).id

describe('work queue: age, SLA, groups and filters (issue 17 §7)', () => {
  it('a Paris advisor sees her caisse most urgent first, with the age and the state against the expected date', async () => {
    const paris = await list(CAMILLE)
    const byRef = new Map(paris.items.map((i) => [i.reference, i]))
    const emilyAff = await EMILY_AFF()
    // Late first (the most days late first), then the fewest days left.
    const seeded = [emilyAff, 'DEM-2026-Q0EUE00002', 'DEM-2026-Q0EUE00004', 'DEM-2026-Q0EUE00003', 'DEM-2026-Q0EUE00001', 'CV-2026-SEEDB0FF1C']
    expect(refs(paris).filter((r) => seeded.includes(r))).toEqual(seeded)
    expect(byRef.get(emilyAff)).toMatchObject({ age: { unit: 'months', count: 2 }, sla: { days: 60, dueOn: '2026-10-27', state: 'late' }, assignedTo: 'Camille Roux', caisse: 'Assurance Maladie de Paris (CPAM 75)' })
    expect(byRef.get('DEM-2026-Q0EUE00002')).toMatchObject({ waitingFor: 'person', age: { unit: 'days', count: 20 }, sla: { dueOn: '2026-11-19', daysLeft: -5, state: 'late' } })
    expect(byRef.get('DEM-2026-Q0EUE00001')).toMatchObject({ waitingFor: 'caisse', sla: { days: 30, daysLeft: 4, state: 'due-soon' }, canTake: true, canAssign: false })
    expect(byRef.get('DEM-2026-Q0EUE00003')).toMatchObject({ age: { unit: 'today', count: 0 }, sla: { days: 2, daysLeft: 2, state: 'on-time' } })
    expect(byRef.get('DEM-2026-Q0EUE00004')).toMatchObject({ assignedTo: 'Karim Benaïssa', canTake: false })
    expect(byRef.get('CV-2026-SEEDB0FF1C')).toMatchObject({ kind: 'card-order', sla: { days: 16, state: 'on-time' }, canTake: false })
    // Nothing of the Rhône; the caisse asked in the query is ignored for an advisor.
    expect(paris.items.every((i) => i.caisse === 'Assurance Maladie de Paris (CPAM 75)')).toBe(true)
    expect(refs(await list(CAMILLE, { caisse: await orgId('691') }))).toEqual(refs(paris))
    expect(paris.advisors).toEqual([])
  })

  it('"waiting for the person" is apart from "waiting for the caisse", with counts; my cases; unassigned; type; sort', async () => {
    const open = await list(CAMILLE)
    expect(open.counts.open).toBe(open.total)
    expect(open.counts.caisse + open.counts.person).toBe(open.counts.open)
    const person = await list(CAMILLE, { status: 'person' })
    expect(refs(person)).toEqual(['DEM-2026-Q0EUE00002'])
    expect(person.counts).toEqual(open.counts)
    expect(open.counts.person).toBe(1)
    const caisse = await list(CAMILLE, { status: 'caisse' })
    expect(caisse.total).toBe(open.counts.caisse)
    expect(refs(caisse)).not.toContain('DEM-2026-Q0EUE00002')
    expect(refs(await list(CAMILLE, { assignee: 'me' }))).toEqual([await EMILY_AFF()])
    expect(refs(await list(KARIM, { assignee: 'me' }))).toEqual(['DEM-2026-Q0EUE00004'])
    const none = await list(CAMILLE, { assignee: 'none' })
    expect(none.items.every((i) => i.assignedToId === null)).toBe(true)
    expect(refs(none)).toContain('DEM-2026-Q0EUE00001')
    expect(refs(await list(CAMILLE, { type: 'name-change' }))).toEqual(['DEM-2026-Q0EUE00001'])
    const oldest = await list(CAMILLE, { sort: 'received' })
    const times = oldest.items.map((i) => i.submittedAt.getTime())
    expect(times).toEqual([...times].sort((a, b) => a - b))
    expect(refs(await list(CAMILLE, { status: 'closed', type: 'card-loss' }))).toEqual(['DEM-2026-Q0EUE00005'])
    expect((await list(CAMILLE, { status: 'closed', type: 'card-loss' })).items[0]!.sla).toBeNull()
  })

  it('a supervisor sees every caisse (a caisse column), or one; advisors of every caisse to give requests to', async () => {
    const all = await list(ISABELLE)
    expect(refs(all)).toEqual(expect.arrayContaining(['DEM-2026-Q0EUE00001', 'DEM-2026-Q0EUE00006', 'DEM-2026-Q0EUE00007']))
    expect(new Set(all.items.map((i) => i.caisse))).toEqual(new Set(['Assurance Maladie de Paris (CPAM 75)', 'CPAM du Rhône']))
    expect(all.items.find((i) => i.reference === 'DEM-2026-Q0EUE00001')).toMatchObject({ canTake: true, canAssign: true })
    const rhone = await list(ISABELLE, { caisse: await orgId('691') })
    expect(refs(rhone)).toEqual(expect.arrayContaining(['DEM-2026-Q0EUE00006', 'DEM-2026-Q0EUE00007']))
    expect(refs(rhone)).toEqual(refs(await list(JULIE)))
    expect(rhone.items.every((i) => i.caisse === 'CPAM du Rhône')).toBe(true)
    expect(all.advisors.map((a) => a.displayName)).toEqual(expect.arrayContaining(['Camille Roux', 'Karim Benaïssa', 'Julie Fontaine']))
  })

  it('supervisors get figures per caisse: open, late, waiting for the person / the caisse, closed this week; advisors are refused', async () => {
    expect(weekStartOf(calendarDate('2026-11-24'))).toBe('2026-11-23')
    expect(weekStartOf(calendarDate('2026-11-23'))).toBe('2026-11-23')
    expect(weekStartOf(calendarDate('2026-11-29'))).toBe('2026-11-23')
    const figures = await queueFiguresByCaisse({ actor: await staffActor(ISABELLE), now: NOW })
    const paris = figures.find((f) => f.caisse === 'Assurance Maladie de Paris (CPAM 75)')!
    const parisQueue = await list(CAMILLE)
    expect(paris).toMatchObject({ open: parisQueue.total, person: 1, caisseWaiting: parisQueue.total - 1, late: 3, doneThisWeek: 1 })
    const julie = await list(JULIE)
    expect(julie.items.find((i) => i.reference === 'DEM-2026-Q0EUE00007')?.sla?.state).toBe('late')
    const lateRhone = julie.items.filter((i) => i.sla?.state === 'late').length
    expect(lateRhone).toBeGreaterThanOrEqual(1)
    expect(figures.find((f) => f.caisse === 'CPAM du Rhône')).toMatchObject({ open: julie.total, late: lateRhone, person: 0, caisseWaiting: julie.total, doneThisWeek: 0 })
    expect(await codeOf(queueFiguresByCaisse({ actor: await staffActor(CAMILLE), now: NOW }))).toBe('403 forbidden')
    expect(await codeOf(listWorkQueue({ actor: await insuredActor('Sophie'), filter: q(), now: NOW }))).toBe('403 forbidden')
  })
})

describe('work queue: take, assign, in bulk (issue 17 §7)', () => {
  it('Camille takes a selection: her caisse only, never a request someone else took; one transaction, each audited', async () => {
    const camille = await staffActor(CAMILLE)
    const order = await getDb().cardOrder.findUniqueOrThrow({ where: { reference: 'CV-2026-SEEDB0FF1C' }, select: { id: true } })
    const keys = [
      await procedureKey('DEM-2026-Q0EUE00001'),
      await procedureKey('DEM-2026-Q0EUE00003'),
      await procedureKey('DEM-2026-Q0EUE00004'), // Karim's
      await procedureKey('DEM-2026-Q0EUE00007'), // another caisse
      `card-order:${order.id}`,
      await procedureKey('DEM-2026-Q0EUE00005'), // closed
    ]
    const out = await assignQueueRequests({ actor: camille, input: { keys, mode: 'take' }, ...ctx })
    expect(out.done.map((d) => d.reference)).toEqual(['DEM-2026-Q0EUE00001', 'DEM-2026-Q0EUE00003'])
    expect(out.skipped).toEqual([
      { reference: 'DEM-2026-Q0EUE00004', reason: 'taken', by: 'Karim Benaïssa' },
      { reference: keys[3]!.slice('procedure:'.length), reason: 'not-found' },
      { reference: 'CV-2026-SEEDB0FF1C', reason: 'card-order' },
      { reference: 'DEM-2026-Q0EUE00005', reason: 'closed' },
    ])
    const nadia = await getDb().procedure.findUniqueOrThrow({ where: { reference: 'DEM-2026-Q0EUE00007' }, select: { assignedTo: { select: { displayName: true } } } })
    expect(nadia.assignedTo?.displayName).toBe('Julie Fontaine')
    const audits = await getDb().auditEvent.findMany({ where: { actorUserId: camille.id, action: { in: ['procedure.take', 'staff.scope.denied'] } }, select: { action: true, outcome: true, details: true } })
    expect(audits.filter((a) => a.action === 'procedure.take')).toHaveLength(2)
    expect(audits.filter((a) => a.action === 'staff.scope.denied' && a.outcome === 'denied')).toHaveLength(1)
    expect(refs(await list(CAMILLE, { assignee: 'me' })).sort()).toEqual([await EMILY_AFF(), 'DEM-2026-Q0EUE00001', 'DEM-2026-Q0EUE00003'].sort())
    // Karim comes too late: named, nothing changed.
    const late = await assignQueueRequests({ actor: await staffActor(KARIM), input: { keys: [keys[0]!], mode: 'take' }, ...ctx })
    expect(late).toMatchObject({ done: [], skipped: [{ reference: 'DEM-2026-Q0EUE00001', reason: 'taken', by: 'Camille Roux' }] })
    // Advisors cannot give requests to others (update:assignment:any).
    expect(await codeOf(assignQueueRequests({ actor: camille, input: { keys: [keys[0]!], mode: 'assign', assigneeId: 'x' }, ...ctx }))).toBe('403 forbidden')
    expect(await codeOf(assignQueueRequests({ actor: await insuredActor('Sophie'), input: { keys: [keys[0]!], mode: 'take' }, ...ctx }))).toBe('403 forbidden')
  })

  it('a supervisor gives requests to an advisor of their caisse (audited as a reassignment); another caisse’s request is skipped', async () => {
    const isabelle = await staffActor(ISABELLE)
    const karim = await staffActor(KARIM)
    const key = await procedureKey('DEM-2026-Q0EUE00006') // Rhône, free
    const paris = await procedureKey('DEM-2026-Q0EUE00002')
    const out = await assignQueueRequests({ actor: isabelle, input: { keys: [paris, key], mode: 'assign', assigneeId: karim.id }, ...ctx })
    expect(out).toEqual({ mode: 'assign', assignee: 'Karim Benaïssa', done: [{ reference: 'DEM-2026-Q0EUE00002' }], skipped: [{ reference: 'DEM-2026-Q0EUE00006', reason: 'assignee-caisse', by: 'Karim Benaïssa' }] })
    const audit = await getDb().auditEvent.findFirstOrThrow({ where: { actorUserId: isabelle.id, action: 'procedure.reassign', targetId: paris.slice('procedure:'.length) }, select: { details: true } })
    expect(JSON.parse(audit.details)).toMatchObject({ reference: 'DEM-2026-Q0EUE00002', from: null, to: karim.id, bulk: true })
    expect(await codeOf(assignQueueRequests({ actor: isabelle, input: { keys: [paris], mode: 'assign', assigneeId: isabelle.id }, ...ctx }))).toBe('422 backoffice.errors.assignee')
    expect(await codeOf(assignQueueRequests({ actor: isabelle, input: { keys: [], mode: 'take' }, ...ctx }))).toBe('ZodError')
  })
})

describe('saved filters (issue 17 §7): per user, canonical, named', () => {
  it('Camille saves, lists, replaces and deletes her filters; Karim neither sees nor deletes them', async () => {
    const camille = await staffActor(CAMILLE)
    const karim = await staffActor(KARIM)
    const saved = await saveQueueFilter({ actor: camille, input: { name: '  Mes retards ', query: '?assignee=me&status=caisse&page=3&bogus=1&sort=due' } })
    expect(saved).toMatchObject({ name: 'Mes retards', query: 'status=caisse&assignee=me' })
    await saveQueueFilter({ actor: camille, input: { name: 'CSS', query: 'type=css' } })
    await saveQueueFilter({ actor: camille, input: { name: 'Mes retards', query: 'assignee=me&sort=received' } })
    expect((await listSavedQueueFilters({ actor: camille })).map((f) => [f.name, f.query])).toEqual([
      ['CSS', 'type=css'],
      ['Mes retards', 'assignee=me&sort=received'],
    ])
    expect(await listSavedQueueFilters({ actor: karim })).toEqual([])
    expect(await codeOf(deleteQueueFilter({ actor: karim, input: { filterId: saved.id } }))).toBe('404 notFound')
    await deleteQueueFilter({ actor: camille, input: { filterId: saved.id } })
    expect((await listSavedQueueFilters({ actor: camille })).map((f) => f.name)).toEqual(['CSS'])
    expect(await codeOf(saveQueueFilter({ actor: camille, input: { name: '   ', query: '' } }))).toBe('ZodError')
    expect(await codeOf(saveQueueFilter({ actor: await insuredActor('Sophie'), input: { name: 'x', query: '' } }))).toBe('403 forbidden')
  })
})
