import { describe, expect, it } from 'vitest'
import { getDb } from '@/lib/db/client'
import { zonedTimeToUtc } from '@/lib/domain/appointments/slots'
import { bookAppointment } from '@/lib/services/agenda/book-appointment'
import { codeOf, ctx, insuredActor, key } from '../support/procedures'

const description = 'Ma carte Vitale ne fonctionne plus chez le pharmacien.'
const slotAt = async (point: string, date: string, time: string) =>
  (await getDb().appointmentSlot.findFirstOrThrow({ where: { receptionPointId: point, startsAt: zonedTimeToUtc(date, time) }, select: { id: true } })).id

describe('booking double submission (the form’s idempotency key books once)', () => {
  it('the same key twice, even on another slot, makes one appointment and returns the first; another person’s key is refused', async () => {
    const db = getDb()
    const mei = await insuredActor('Mei')
    const lyon = (await db.receptionPoint.findFirstOrThrow({ where: { name: { contains: 'Lyon 7e' } }, select: { id: true } })).id
    const [first, second] = [await slotAt(lyon, '2026-12-03', '09:00'), await slotAt(lyon, '2026-12-03', '09:30')]
    const before = await db.appointment.count({ where: { insuredId: mei.insuredId } })
    const k = key('rdv')

    const a = await bookAppointment({ actor: mei, input: { slotId: first, reason: 'card', description, idempotencyKey: k }, ...ctx })
    expect(a.created).toBe(true)
    const again = await bookAppointment({ actor: mei, input: { slotId: second, reason: 'card', description, idempotencyKey: k }, ...ctx })
    expect(again).toEqual({ ...a, created: false })
    expect(await db.appointment.count({ where: { insuredId: mei.insuredId } })).toBe(before + 1)
    expect((await db.appointmentSlot.findUniqueOrThrow({ where: { id: second } })).bookedCount).toBe(0)
    expect(await db.auditEvent.count({ where: { action: 'appointment.book', targetId: a.id } })).toBe(1)
    expect(await db.outboxMessage.count({ where: { insuredId: mei.insuredId, body: { contains: a.reference } } })).toBeGreaterThanOrEqual(1)
    const mails = await db.outboxMessage.count({ where: { insuredId: mei.insuredId, body: { contains: a.reference } } })

    // Two clicks at once with the same key: still one appointment.
    const k2 = key('rdv')
    const both = await Promise.all([
      bookAppointment({ actor: mei, input: { slotId: second, reason: 'card', description, idempotencyKey: k2 }, ...ctx }),
      bookAppointment({ actor: mei, input: { slotId: second, reason: 'card', description, idempotencyKey: k2 }, ...ctx }),
    ])
    expect(both[0].id).toBe(both[1].id)
    expect(both.map((b) => b.created).sort()).toEqual([false, true])
    expect(await db.appointment.count({ where: { insuredId: mei.insuredId } })).toBe(before + 2)
    expect(await db.outboxMessage.count({ where: { insuredId: mei.insuredId, body: { contains: a.reference } } })).toBe(mails)

    // Someone else replaying Mei's key gets a conflict, not her appointment.
    const sophie = await insuredActor('Sophie')
    const parisPoint = (await db.receptionPoint.findFirstOrThrow({ where: { name: { contains: 'Paris 19e' } }, select: { id: true } })).id
    expect(await codeOf(bookAppointment({ actor: sophie, input: { slotId: await slotAt(parisPoint, '2026-12-03', '09:00'), reason: 'card', description, idempotencyKey: k }, ...ctx }))).toBe(
      '409 procedureErrors.procedure.idempotencyConflict',
    )
  })
})
