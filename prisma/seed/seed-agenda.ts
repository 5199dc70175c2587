import type { Db } from '../../lib/db/client'
import { generateSlots, zonedTimeToUtc } from '../../lib/domain/appointments/slots'

/** How far ahead appointment slots are opened (issue 6 §2: "a free slot in the next weeks"). */
export const AGENDA_DAYS_AHEAD = 42

/**
 * Appointment slots of every reception point that takes appointments, from the seed's today for ~6 weeks: 30-minute
 * slots cut from the point's opening hours (lunch breaks and Thursday afternoons are gaps), none on closed days.
 * One slot per advisor of the point (capacity 1); a point without a named advisor gets one "any advisor" series.
 */
export async function seedAgenda(db: Db, today: string): Promise<{ slots: number }> {
  const points = await db.receptionPoint.findMany({
    where: { byAppointment: true },
    select: { id: true, slotMinutes: true, openingHours: { select: { weekday: true, opens: true, closes: true } }, closedDays: { select: { date: true } }, advisors: { where: { role: 'advisor' }, select: { id: true } } },
    orderBy: { name: 'asc' },
  })
  let slots = 0
  for (const p of points) {
    const times = generateSlots({ from: today, days: AGENDA_DAYS_AHEAD, hours: p.openingHours, closedDays: p.closedDays.map((d) => d.date), slotMinutes: p.slotMinutes })
    const advisors: (string | null)[] = p.advisors.length ? p.advisors.map((a) => a.id) : [null]
    const rows = times.flatMap((t) => advisors.map((advisorId) => ({ receptionPointId: p.id, advisorId, startsAt: t.startsAt, endsAt: t.endsAt, capacity: 1 })))
    for (let i = 0; i < rows.length; i += 500) await db.appointmentSlot.createMany({ data: rows.slice(i, i + 500) })
    slots += rows.length
  }
  await seedDemoBooking(db, today)
  return { slots }
}

/**
 * A booked appointment and an unanswered message, so that the Paris back-office is not empty on the first visit:
 * Sophie (maternity leave) meets Camille Roux at Paris 19e in a few days, and asks her caisse a question.
 */
async function seedDemoBooking(db: Db, today: string): Promise<void> {
  const sophie = await db.user.findFirst({ where: { role: 'insured', insured: { firstNames: 'Sophie', organisation: { department: '75' } } }, select: { id: true, insuredId: true, insured: { select: { organisationId: true } } } })
  const camille = await db.user.findFirst({ where: { email: 'camille.roux@cpam-paris.example.fr' }, select: { id: true } })
  if (!sophie?.insuredId || !sophie.insured || !camille) return
  const from = zonedTimeToUtc(new Date(Date.parse(`${today}T12:00:00Z`) + 3 * 86_400_000).toISOString().slice(0, 10), '10:00')
  const slot = await db.appointmentSlot.findFirst({ where: { advisorId: camille.id, startsAt: { gte: from } }, orderBy: { startsAt: 'asc' }, select: { id: true } })
  if (slot) {
    await db.appointmentSlot.update({ where: { id: slot.id }, data: { bookedCount: 1 } })
    await db.appointment.create({
      data: { reference: 'RDV-2026-5EED000001', slotId: slot.id, insuredId: sophie.insuredId, reason: 'maternity-paternity', description: 'Je voudrais comprendre le calcul de mes indemnités journalières pendant mon congé maternité.' },
    })
  }
  const at = new Date(Date.parse(`${today}T08:15:00Z`) - 86_400_000)
  await db.messageThread.create({
    data: {
      insuredId: sophie.insuredId, organisationId: sophie.insured.organisationId, topic: 'change-of-situation', subject: 'Déclaration de grossesse', status: 'open', createdAt: at, lastMessageAt: at,
      messages: { create: [{ authorUserId: sophie.id, authorRole: 'insured', body: 'Bonjour, mon médecin a envoyé la déclaration de grossesse il y a trois semaines. Est-elle bien enregistrée ? Merci.', createdAt: at }] },
    },
  })
}
