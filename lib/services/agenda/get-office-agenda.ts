import 'server-only'
import { getDb } from '@/lib/db/client'
import { findUserReceptionPointId, listPointAgenda, listReceptionPoints, type TDaySlotDto, type TReceptionPointDto } from '@/lib/db/repositories/agenda'
import { addDays, calendarDate, parseCalendarDate } from '@/lib/domain/dates'
import { parisToday } from '@/lib/domain/paris-today'
import { zonedTimeToUtc } from '@/lib/domain/appointments/slots'
import { staffScope, type TActor } from '@/lib/services/procedures/common'

export type TOfficeAgenda = { points: TReceptionPointDto[]; point: TReceptionPointDto | null; day: string; slots: TDaySlotDto[] }

/**
 * The office agenda (issue 6 §6): the reception points the actor may see (advisors: their caisse; supervisors:
 * all), the chosen one (default: the advisor's own point, else the first) and its slots of one Paris day with
 * their appointments. An unknown or out-of-scope point falls back to the default.
 */
export async function getOfficeAgenda({ actor, pointId, day, now }: { actor: TActor; pointId?: string; day?: string; now: Date }): Promise<TOfficeAgenda> {
  const db = getDb()
  const scope = staffScope(actor, 'read:agenda:caisse')
  const today = parisToday(now)
  const [points, defaultPointId] = await Promise.all([listReceptionPoints(db, scope, today), findUserReceptionPointId(db, actor.id)])
  const point = points.find((p) => p.id === pointId) ?? points.find((p) => p.id === defaultPointId) ?? points.find((p) => p.byAppointment) ?? points[0] ?? null
  // A day that does not exist (2026-02-30, which Date.parse rolls over to 2 March) falls back to today.
  const theDay = (day ? parseCalendarDate(day) : null) ?? calendarDate(today)
  const next = addDays(theDay, 1)
  const slots = point ? await listPointAgenda(db, point.id, zonedTimeToUtc(theDay, '00:00'), zonedTimeToUtc(next, '00:00')) : []
  return { points, point, day: theDay, slots }
}
