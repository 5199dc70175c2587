import { describe, expect, it } from 'vitest'
import { getDb } from '@/lib/db/client'
import { zonedTimeToUtc } from '@/lib/domain/appointments/slots'
import { bookAppointment } from '@/lib/services/agenda/book-appointment'
import { cancelAppointment } from '@/lib/services/agenda/cancel-appointment'
import { moveAppointment } from '@/lib/services/agenda/move-appointment'
import { markAppointment } from '@/lib/services/agenda/mark-appointment'
import { getMyAgenda } from '@/lib/services/agenda/get-my-agenda'
import { getOfficeAgenda } from '@/lib/services/agenda/get-office-agenda'
import { appointmentIcs } from '@/lib/services/agenda/appointment-ics'
import { sendAppointmentReminders } from '@/lib/services/agenda/send-appointment-reminders'
import { findMyCpam } from '@/lib/services/agenda/find-my-cpam'
import type { TActor } from '@/lib/services/procedures/common'
import { codeOf, ctx, insuredActor, NOW, staffActor } from '../support/procedures'

const db = () => getDb()
const paris = (date: string, time: string) => zonedTimeToUtc(date, time)
const description = 'Ma carte Vitale ne fonctionne plus chez le pharmacien.'

async function pointId(name: string): Promise<string> {
  return (await db().receptionPoint.findFirstOrThrow({ where: { name: { contains: name } }, select: { id: true } })).id
}
async function slotAt(point: string, startsAt: Date): Promise<string> {
  return (await db().appointmentSlot.findFirstOrThrow({ where: { receptionPointId: point, startsAt }, select: { id: true } })).id
}
const book = (actor: TActor, slotId: string, now = NOW) => bookAppointment({ actor, input: { slotId, reason: 'card', description }, ...ctx, now })

/** Extra insured persons of the Rhône caisse, each with an account (to fire concurrent bookings from different people). */
async function makePeople(n: number, tag: string): Promise<TActor[]> {
  const rhone = await db().organisation.findFirstOrThrow({ where: { department: '69', kind: 'cpam' }, select: { id: true } })
  const out: TActor[] = []
  for (let i = 0; i < n; i++) {
    const user = await db().user.create({
      data: {
        role: 'insured',
        displayName: `Test ${tag} ${i}`,
        insured: {
          create: {
            nir: `2990169${tag}${String(i).padStart(3, '0')}`.slice(0, 13), nirKey: '01', nirKind: 'permanent', sex: 2, birthName: `TEST${tag}`, firstNames: `P${i}`,
            birthDate: '1999-01-01', email: `p${i}.${tag.toLowerCase()}@example.org`, addressLine1: '1 rue Test', postalCode: '69007', city: 'Lyon', regime: 'general', organisationId: rhone.id, rightsFrom: '2020-01-01',
          },
        },
      },
      select: { id: true, insuredId: true },
    })
    out.push({ id: user.id, role: 'insured', insuredId: user.insuredId, organisationId: null })
  }
  return out
}

describe('seeded slots (issue 6 §2: 30-minute slots from opening hours, ~6 weeks, no closed day, no lunch break)', () => {
  it('cuts the Lyon 7e hours into 30-minute slots with a lunch gap and skips Christmas', async () => {
    const lyon = await pointId('Lyon 7e')
    const day = await db().appointmentSlot.findMany({ where: { receptionPointId: lyon, startsAt: { gte: paris('2026-11-30', '00:00'), lt: paris('2026-12-01', '00:00') } }, orderBy: { startsAt: 'asc' } })
    expect(day.map((s) => s.startsAt.toISOString())).toContain(paris('2026-11-30', '08:30').toISOString())
    expect(day.map((s) => s.startsAt.toISOString())).not.toContain(paris('2026-11-30', '12:30').toISOString())
    expect(day).toHaveLength(14)
    expect(day.every((s) => s.endsAt.getTime() - s.startsAt.getTime() === 30 * 60_000)).toBe(true)
    expect(await db().appointmentSlot.count({ where: { startsAt: { gte: paris('2026-12-25', '00:00'), lt: paris('2026-12-26', '00:00') } } })).toBe(0)
    expect(await db().appointmentSlot.count({ where: { receptionPointId: lyon, startsAt: { gte: paris('2027-01-04', '00:00') } } })).toBeGreaterThan(0)
  })
})

describe('Trouver ma CPAM (issue 6 §1)', () => {
  it('finds the Rhône caisse with all its points, Corsica and overseas departments, and says when there is none', async () => {
    const rhone = await findMyCpam({ postalCode: '69007', now: NOW })
    expect(rhone.status).toBe('found')
    if (rhone.status === 'found') {
      expect(rhone.caisses[0]!.name).toBe('CPAM du Rhône')
      expect(rhone.caisses[0]!.points.length).toBeGreaterThanOrEqual(2)
      expect(rhone.caisses[0]!.points[0]!.hours.length).toBeGreaterThan(0)
    }
    // Issue 17 §2: every caisse of France exists (those outside the demo have no reception point in the simulator).
    const ajaccio = await findMyCpam({ postalCode: '20000', now: NOW })
    expect(ajaccio).toMatchObject({ status: 'found', department: '2A', caisses: [{ name: 'CPAM de la Corse-du-Sud', points: [] }] })
    expect(await findMyCpam({ postalCode: '20200', now: NOW })).toMatchObject({ status: 'found', department: '2B', caisses: [{ name: 'CPAM de la Haute-Corse' }] })
    expect(await findMyCpam({ postalCode: '97400', now: NOW })).toMatchObject({ status: 'found', department: '974', caisses: [{ name: 'CGSS de La Réunion', kind: 'cgss' }] })
    expect(await findMyCpam({ postalCode: '13001', now: NOW })).toMatchObject({ status: 'found', department: '13', caisses: [{ name: 'CPAM des Bouches-du-Rhône' }] })
    // Outside the régime général's caisses (New Caledonia has its own social security): none.
    expect(await findMyCpam({ postalCode: '98800', now: NOW })).toMatchObject({ status: 'unknown', department: '988' })
    // A code no French town has: said so (the official list), not "département 99".
    expect(await findMyCpam({ postalCode: '99999', now: NOW })).toEqual({ status: 'unknown', postalCode: '99999', department: null })
    expect(await findMyCpam({ postalCode: '6900', now: NOW })).toMatchObject({ status: 'invalid' })
    expect(await findMyCpam({ postalCode: undefined, now: NOW })).toMatchObject({ status: 'empty' })
  })
})

describe('booking rules (issue 6 §2: past slot, opening hours, own caisse, max 2 upcoming, 24-hour limit)', async () => {
  const mei = await insuredActor('Mei')
  const lyon = await pointId('Lyon 7e')

  it('refuses a past slot, a slot outside opening hours or on a closed day, a slot of another caisse, a short description', async () => {
    expect(await codeOf(book(mei, await slotAt(lyon, paris('2026-11-24', '08:30'))))).toBe('422 agenda.errors.slotPast')
    const lunch = await db().appointmentSlot.create({ data: { receptionPointId: lyon, startsAt: paris('2026-12-01', '12:30'), endsAt: paris('2026-12-01', '13:00') } })
    expect(await codeOf(book(mei, lunch.id))).toBe('422 agenda.errors.slotOutsideHours')
    await db().closedDay.create({ data: { receptionPointId: lyon, date: '2026-12-02', reason: 'Formation' } })
    expect(await codeOf(book(mei, await slotAt(lyon, paris('2026-12-02', '09:00'))))).toBe('422 agenda.errors.slotOutsideHours')
    const parisPoint = await pointId('Paris 19e')
    expect(await codeOf(book(mei, await slotAt(parisPoint, paris('2026-12-01', '09:00'))))).toBe('404 agenda.errors.slotNotFound')
    await expect(bookAppointment({ actor: mei, input: { slotId: await slotAt(lyon, paris('2026-12-01', '09:00')), reason: 'card', description: 'court' }, ...ctx })).rejects.toThrow()
    await expect(bookAppointment({ actor: mei, input: { slotId: await slotAt(lyon, paris('2026-12-01', '09:00')), reason: 'holiday', description }, ...ctx })).rejects.toThrow()
    expect(await db().appointment.count({ where: { insuredId: mei.insuredId } })).toBe(0)
  })

  it('books with its audit event and confirmation e-mail, at most 2 upcoming, then the 24-hour limit for moving and cancelling', async () => {
    // Issue 17 §4: a slot starting within the 24-hour cancellation delay is not offered and cannot be booked…
    expect(await codeOf(book(mei, await slotAt(lyon, paris('2026-11-25', '09:00'))))).toBe('422 agenda.errors.slotTooSoon')
    // …so tomorrow's appointment is booked the day before (47 hours ahead).
    const tomorrow = await book(mei, await slotAt(lyon, paris('2026-11-25', '09:00')), new Date('2026-11-23T09:00:00Z'))
    expect(tomorrow.reference).toMatch(/^RDV-2026-/)
    expect(await db().auditEvent.count({ where: { action: 'appointment.book', targetId: tomorrow.id } })).toBe(1)
    const mail = await db().outboxMessage.findFirstOrThrow({ where: { insuredId: mei.insuredId, template: 'agendaNotifications.confirmation' } })
    expect(mail).toMatchObject({ channel: 'email', recipient: 'mei.chen@example.edu', locale: 'en' })
    expect(mail.body).toContain('Wednesday, 25 November 2026')
    expect(mail.body).toContain('at 09:00')
    const second = await book(mei, await slotAt(lyon, paris('2026-12-03', '10:00')))
    expect(await codeOf(book(mei, await slotAt(lyon, paris('2026-12-04', '10:00'))))).toBe('422 agenda.errors.tooMany')
    // Tomorrow 09:00 Paris is 22 hours away: too late to move or cancel.
    expect(await codeOf(cancelAppointment({ actor: mei, input: { appointmentId: tomorrow.id, confirm: 'yes' }, ...ctx }))).toBe('422 agenda.errors.tooLate')
    expect(await codeOf(moveAppointment({ actor: mei, input: { appointmentId: tomorrow.id, slotId: await slotAt(lyon, paris('2026-12-04', '10:00')) }, ...ctx }))).toBe('422 agenda.errors.tooLate')
    // Another person cannot see, move, cancel or download it.
    const jonathan = await insuredActor('Jonathan Pierre')
    expect(await codeOf(cancelAppointment({ actor: jonathan, input: { appointmentId: second.id, confirm: 'yes' }, ...ctx }))).toBe('404 notFound')
    expect(await codeOf(appointmentIcs({ actor: jonathan, appointmentId: second.id, locale: 'fr' }))).toBe('404 notFound')
    const ics = await appointmentIcs({ actor: mei, appointmentId: second.id, locale: 'en' })
    expect(ics.content).toContain('DTSTART:20261203T090000Z')
    expect(ics.content).toMatch(/SUMMARY:Appointment/)
    expect(ics.content).toContain('LOCATION:Accueil Lyon 7e')
    // Cancelling asks for confirmation (issue 17 §4): without it nothing changes.
    expect(await codeOf(cancelAppointment({ actor: mei, input: { appointmentId: second.id }, ...ctx }))).toBe('422 agenda.errors.confirmCancel')
    expect(await codeOf(cancelAppointment({ actor: mei, input: { appointmentId: second.id, confirm: 'on' }, ...ctx }))).toBe('422 agenda.errors.confirmCancel')
    expect((await db().appointment.findUniqueOrThrow({ where: { id: second.id } })).status).toBe('booked')
    // Cancelling the second one frees its place and a slot for a new booking.
    await cancelAppointment({ actor: mei, input: { appointmentId: second.id, confirm: 'yes' }, ...ctx })
    expect((await db().appointmentSlot.findFirstOrThrow({ where: { appointments: { some: { id: second.id } } } })).bookedCount).toBe(0)
    expect(await codeOf(cancelAppointment({ actor: mei, input: { appointmentId: second.id, confirm: 'yes' }, ...ctx }))).toBe('409 agenda.errors.notBooked')
    const agenda = await getMyAgenda({ actor: mei, now: NOW })
    expect(agenda.upcoming.map((a) => a.id)).toEqual([tomorrow.id])
    expect(agenda.upcoming[0]!.changeable).toBe(false)
    expect(agenda.freeSlots.length).toBeGreaterThan(0)
    expect(agenda.freeSlots.every((s) => s.startsAt > NOW)).toBe(true)
  })

  it('offers only slots starting at least 24 hours from now, for booking and for moving (issue 17 §4)', async () => {
    const dayAhead = new Date(NOW.getTime() + 24 * 3_600_000)
    const week = await getMyAgenda({ actor: mei, now: NOW })
    // This week still has slots on Wednesday 25 November before 10:00 UTC (within 24 hours): none is offered.
    expect(await db().appointmentSlot.count({ where: { receptionPointId: lyon, startsAt: { gt: NOW, lt: dayAhead } } })).toBeGreaterThan(0)
    expect(week.freeSlots.length).toBeGreaterThan(0)
    expect(week.freeSlots.every((s) => s.startsAt.getTime() >= dayAhead.getTime())).toBe(true)
    expect(week.freeSlots.map((s) => s.startsAt.toISOString())).toContain(paris('2026-11-25', '11:00').toISOString())
    expect(week.freeSlots.map((s) => s.startsAt.toISOString())).not.toContain(paris('2026-11-25', '10:30').toISOString())
    // Moving to a slot within 24 hours is refused with its own message; the appointment stays where it was.
    const [dan] = await makePeople(1, 'TS')
    const a = await book(dan!, await slotAt(lyon, paris('2026-12-10', '09:00')))
    expect(await codeOf(moveAppointment({ actor: dan!, input: { appointmentId: a.id, slotId: await slotAt(lyon, paris('2026-11-25', '10:30')) }, ...ctx }))).toBe('422 agenda.errors.slotTooSoon')
    expect((await db().appointment.findUniqueOrThrow({ where: { id: a.id }, select: { slot: { select: { startsAt: true } } } })).slot.startsAt).toEqual(paris('2026-12-10', '09:00'))
  })

  it('the advisor of the caisse marks it done once started; another caisse does not see it; the office agenda lists it', async () => {
    const a = await db().appointment.findFirstOrThrow({ where: { insuredId: mei.insuredId, status: 'booked' } })
    const julie = await staffActor('julie.fontaine@cpam-rhone.example.fr')
    expect(await codeOf(markAppointment({ actor: julie, input: { appointmentId: a.id, outcome: 'done' }, ...ctx }))).toBe('422 officeAgenda.errors.notStarted')
    const camille = await staffActor('camille.roux@cpam-paris.example.fr')
    expect(await codeOf(markAppointment({ actor: camille, input: { appointmentId: a.id, outcome: 'done' }, ...ctx, now: new Date('2026-11-25T10:00:00Z') }))).toBe('404 notFound')
    expect(await codeOf(markAppointment({ actor: mei, input: { appointmentId: a.id, outcome: 'done' }, ...ctx }))).toBe('403 forbidden')
    expect(await markAppointment({ actor: julie, input: { appointmentId: a.id, outcome: 'no-show' }, ...ctx, now: new Date('2026-11-25T10:00:00Z') })).toMatchObject({ status: 'no-show' })
    expect(await db().auditEvent.count({ where: { action: 'appointment.no-show', targetId: a.id, actorUserId: julie.id } })).toBe(1)
    const office = await getOfficeAgenda({ actor: julie, day: '2026-11-25', now: NOW })
    expect(office.point?.name).toContain('Lyon 7e')
    expect(office.slots.flatMap((s) => s.appointments).map((x) => x.id)).toContain(a.id)
    expect((await getOfficeAgenda({ actor: julie, pointId: await pointId('Paris 19e'), now: NOW })).point?.name).toContain('Lyon')
    const supervisor = await staffActor('isabelle.moreau@cpam-paris.example.fr')
    expect((await getOfficeAgenda({ actor: supervisor, pointId: lyon, now: NOW })).point?.id).toBe(lyon)
    // ARCHITECTURE Conventions §10: a day that does not exist is not rolled over by Date.parse (30 Feb → 2 Mar); it falls back to today.
    expect((await getOfficeAgenda({ actor: julie, day: '2026-02-30', now: NOW })).day).toBe((await getOfficeAgenda({ actor: julie, now: NOW })).day)
  })
})

describe('moving an appointment (issue 6: frees the old slot and takes the new one atomically)', async () => {
  const lyon = await pointId('Lyon 7e')
  const [anna, ben] = await makePeople(2, 'MV')

  it('moves to a free slot; a move to a full slot changes nothing', async () => {
    const a = await book(anna!, await slotAt(lyon, paris('2026-12-07', '09:00')))
    const target = await slotAt(lyon, paris('2026-12-07', '09:30'))
    await moveAppointment({ actor: anna!, input: { appointmentId: a.id, slotId: target }, ...ctx })
    const slots = await db().appointmentSlot.findMany({ where: { receptionPointId: lyon, startsAt: { in: [paris('2026-12-07', '09:00'), paris('2026-12-07', '09:30')] } }, orderBy: { startsAt: 'asc' } })
    expect(slots.map((s) => s.bookedCount)).toEqual([0, 1])
    expect((await db().appointment.findUniqueOrThrow({ where: { id: a.id } })).slotId).toBe(target)
    await book(ben!, await slotAt(lyon, paris('2026-12-07', '10:00')))
    expect(await codeOf(moveAppointment({ actor: anna!, input: { appointmentId: a.id, slotId: await slotAt(lyon, paris('2026-12-07', '10:00')) }, ...ctx }))).toBe('409 agenda.errors.slotFull')
    const after = await db().appointmentSlot.findMany({ where: { receptionPointId: lyon, startsAt: { in: [paris('2026-12-07', '09:30'), paris('2026-12-07', '10:00')] } }, orderBy: { startsAt: 'asc' } })
    expect(after.map((s) => s.bookedCount)).toEqual([1, 1])
    expect((await db().appointment.findUniqueOrThrow({ where: { id: a.id } })).slotId).toBe(target)
    expect(await db().outboxMessage.count({ where: { insuredId: anna!.insuredId, template: 'agendaNotifications.moved' } })).toBe(1)
  })
})

describe('no double booking (issue 6 Rules: 50 concurrent bookings at one slot)', async () => {
  const lyon = await pointId('Lyon 7e')
  const people = await makePeople(50, 'CC')

  for (const capacity of [1, 3]) {
    it(`capacity ${capacity}: exactly ${capacity} of 50 simultaneous bookings succeed`, async () => {
      const slot = await db().appointmentSlot.findFirstOrThrow({ where: { receptionPointId: lyon, startsAt: paris(capacity === 1 ? '2026-12-08' : '2026-12-09', '14:00') } })
      await db().appointmentSlot.update({ where: { id: slot.id }, data: { capacity } })
      const results = await Promise.allSettled(people.map((p) => book(p, slot.id)))
      const ok = results.filter((r) => r.status === 'fulfilled')
      const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')
      expect(ok).toHaveLength(capacity)
      expect(new Set(refused.map((r) => (r.reason as { code?: string }).code))).toEqual(new Set(['agenda.errors.slotFull']))
      expect((await db().appointmentSlot.findUniqueOrThrow({ where: { id: slot.id } })).bookedCount).toBe(capacity)
      expect(await db().appointment.count({ where: { slotId: slot.id, status: 'booked' } })).toBe(capacity)
      expect(await db().auditEvent.count({ where: { action: 'appointment.book', details: { contains: slot.id } } })).toBe(capacity)
    }, 120_000)
  }
})

describe('reminder job (issue 6 §2: a reminder the day before, in the outbox)', async () => {
  const lyon = await pointId('Lyon 7e')
  const [cleo] = await makePeople(1, 'RM')

  it('queues one reminder for tomorrow’s appointment, and none on a second run', async () => {
    const a = await book(cleo!, await slotAt(lyon, paris('2026-11-26', '09:00')))
    expect((await sendAppointmentReminders(db(), NOW)).sent).toBe(0)
    const eve = new Date('2026-11-25T07:00:00Z')
    expect((await sendAppointmentReminders(db(), eve)).sent).toBeGreaterThanOrEqual(1)
    expect(await db().outboxMessage.count({ where: { insuredId: cleo!.insuredId, template: 'agendaNotifications.reminder' } })).toBe(1)
    expect((await db().appointment.findUniqueOrThrow({ where: { id: a.id } })).reminderSentAt).toEqual(eve)
    expect((await sendAppointmentReminders(db(), eve)).sent).toBe(0)
  })
})
