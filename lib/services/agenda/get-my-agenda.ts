import 'server-only'
import { getDb } from '@/lib/db/client'
import { findAppointmentOfInsured, listAppointmentsOfInsured, listFreeSlots, listReceptionPoints, type TAppointmentDto, type TReceptionPointDto, type TSlotDto } from '@/lib/db/repositories/agenda'
import { findInsuredFacts } from '@/lib/db/repositories/people'
import { canChangeAppointment, earliestBookableStart, isWithinOpeningHours, MAX_UPCOMING_APPOINTMENTS, zonedTimeToUtc } from '@/lib/domain/appointments/slots'
import { addDays, calendarDate, daysBetween, type CalendarDate } from '@/lib/domain/dates'
import { parisToday } from '@/lib/domain/paris-today'
import { AppError } from '@/lib/errors'
import type { TActor } from '@/lib/services/procedures/common'
import { ownInsuredId } from './common'

export type TMyAppointment = TAppointmentDto & { upcoming: boolean; changeable: boolean }
export type TMyAgenda = {
  upcoming: TMyAppointment[]
  past: TMyAppointment[]
  canBook: boolean
  maxUpcoming: number
  points: TReceptionPointDto[]
  point: TReceptionPointDto | null
  week: number
  weekStart: string
  freeSlots: TSlotDto[]
  moving: TMyAppointment | null
}

/** Monday of the Paris week of `today` + `week` weeks. */
function mondayOf(today: CalendarDate, week: number): CalendarDate {
  // 1970-01-05 was a Monday: days since then modulo 7 is the number of days back to Monday.
  const back = (((daysBetween(calendarDate('1970-01-05'), today) % 7) + 7) % 7)
  return addDays(today, week * 7 - back)
}

/**
 * "Mon agenda": the person's appointments (upcoming first, with whether they can still be moved or cancelled), the
 * reception points of their caisse taking appointments and the free slots of the chosen point for one week
 * (0 = this week … 5), only slots within opening hours starting at least the 24-hour cancellation delay from now
 * (a slot sooner could be neither moved nor cancelled). `moveId` selects an appointment to move.
 */
export async function getMyAgenda({ actor, pointId, week = 0, moveId, now }: { actor: TActor; pointId?: string; week?: number; moveId?: string; now: Date }): Promise<TMyAgenda> {
  const db = getDb()
  const insuredId = ownInsuredId(actor)
  const insured = await findInsuredFacts(db, insuredId)
  if (!insured) throw new AppError('notFound', 404)
  const today = parisToday(now)
  const all = (await listAppointmentsOfInsured(db, insuredId)).map((a) => {
    const upcoming = a.status === 'booked' && a.slot.startsAt.getTime() > now.getTime()
    return { ...a, upcoming, changeable: upcoming && canChangeAppointment(a.slot.startsAt, now) }
  })
  const upcoming = all.filter((a) => a.upcoming).sort((a, b) => a.slot.startsAt.getTime() - b.slot.startsAt.getTime())
  const past = all.filter((a) => !a.upcoming)
  const moving = moveId ? (upcoming.find((a) => a.id === moveId && a.changeable) ?? null) : null
  if (moveId && !moving && !(await findAppointmentOfInsured(db, insuredId, moveId))) throw new AppError('notFound', 404)
  const points = await listReceptionPoints(db, insured.organisationId, today, true)
  const point = points.find((p) => p.id === (pointId ?? moving?.point.id)) ?? points[0] ?? null
  const weekStart = mondayOf(calendarDate(today), week)
  const weekEnd = addDays(weekStart, 7)
  const closed = point ? point.closedDays.map((d) => d.date) : []
  // The repository's lower bound is exclusive: 1 ms less keeps a slot exactly 24 hours ahead (it is bookable).
  const freeSlots = point
    ? (await listFreeSlots(db, point.id, new Date(Math.max(earliestBookableStart(now).getTime() - 1, zonedTimeToUtc(weekStart, '00:00').getTime())), zonedTimeToUtc(weekEnd, '00:00'))).filter(
        (s) => isWithinOpeningHours(s, point.hours, closed) && s.id !== moving?.slot.id,
      )
    : []
  return { upcoming, past, canBook: upcoming.length < MAX_UPCOMING_APPOINTMENTS, maxUpcoming: MAX_UPCOMING_APPOINTMENTS, points, point, week, weekStart, freeSlots, moving }
}
