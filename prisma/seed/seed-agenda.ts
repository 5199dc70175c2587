import type { Db } from '../../lib/db/client'
import { generateSlots } from '../../lib/domain/appointments/slots'

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
  return { slots }
}
