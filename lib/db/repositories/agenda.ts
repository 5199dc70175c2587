import type { Db, Tx } from '../client'
import type { Prisma } from '../generated/sqlite/client'

/** Reception points, slots and appointments (issue 6 §1–2, §6). DTOs only; ownership and scope are in the queries. */

export type TOpeningHourDto = { weekday: number; opens: string; closes: string }
export type TReceptionPointDto = {
  id: string
  organisationId: string
  organisationName: string
  name: string
  addressLine1: string
  addressLine2: string | null
  postalCode: string
  city: string
  phone: string | null
  byAppointment: boolean
  slotMinutes: number
  hours: TOpeningHourDto[]
  closedDays: { date: string; reason: string }[]
}
export type TCaisseDto = {
  id: string
  code: string
  kind: string
  name: string
  department: string
  addressLine1: string
  addressLine2: string | null
  postalCode: string
  city: string
  phone: string
  englishPhone: string | null
  points: TReceptionPointDto[]
}

const pointSelect = (fromDate: string) =>
  ({
    id: true,
    organisationId: true,
    name: true,
    addressLine1: true,
    addressLine2: true,
    postalCode: true,
    city: true,
    phone: true,
    byAppointment: true,
    slotMinutes: true,
    organisation: { select: { name: true } },
    openingHours: { select: { weekday: true, opens: true, closes: true }, orderBy: [{ weekday: 'asc' }, { opens: 'asc' }] },
    closedDays: { where: { date: { gte: fromDate } }, select: { date: true, reason: true }, orderBy: { date: 'asc' } },
  }) satisfies Prisma.ReceptionPointSelect

type TPointRow = {
  id: string
  organisationId: string
  name: string
  addressLine1: string
  addressLine2: string | null
  postalCode: string
  city: string
  phone: string | null
  byAppointment: boolean
  slotMinutes: number
  organisation: { name: string }
  openingHours: TOpeningHourDto[]
  closedDays: { date: string; reason: string }[]
}
const toPoint = ({ organisation, openingHours, ...p }: TPointRow): TReceptionPointDto => ({ ...p, organisationName: organisation.name, hours: openingHours })

/** The caisses of a department and all their reception points (CPAM first), with hours and the closed days from `fromDate`. */
export async function findCaissesOfDepartment(db: Db, department: string, fromDate: string): Promise<TCaisseDto[]> {
  const rows = await db.organisation.findMany({
    where: { department },
    orderBy: [{ kind: 'asc' }, { name: 'asc' }],
    select: {
      id: true, code: true, kind: true, name: true, department: true, addressLine1: true, addressLine2: true, postalCode: true, city: true, phone: true, englishPhone: true,
      receptionPoints: { select: pointSelect(fromDate), orderBy: { name: 'asc' } },
    },
  })
  return rows.map(({ receptionPoints, ...o }) => ({ ...o, points: receptionPoints.map(toPoint) }))
}

/** Reception points taking appointments, of one caisse (null = every caisse, for supervisors). */
export async function listReceptionPoints(db: Db, organisationId: string | null, fromDate: string, onlyByAppointment = false): Promise<TReceptionPointDto[]> {
  const rows = await db.receptionPoint.findMany({
    where: { ...(organisationId ? { organisationId } : {}), ...(onlyByAppointment ? { byAppointment: true } : {}) },
    orderBy: [{ organisation: { name: 'asc' } }, { name: 'asc' }],
    select: pointSelect(fromDate),
  })
  return rows.map(toPoint)
}

export async function findReceptionPoint(db: Db | Tx, id: string, fromDate = '0000-00-00'): Promise<TReceptionPointDto | null> {
  const row = await db.receptionPoint.findUnique({ where: { id }, select: pointSelect(fromDate) })
  return row ? toPoint(row) : null
}

export type TSlotDto = { id: string; receptionPointId: string; advisorId: string | null; advisorName: string | null; startsAt: Date; endsAt: Date; capacity: number; bookedCount: number; status: string }
const slotSelect = { id: true, receptionPointId: true, advisorId: true, startsAt: true, endsAt: true, capacity: true, bookedCount: true, status: true, advisor: { select: { displayName: true } } } as const
type TSlotRow = Omit<TSlotDto, 'advisorName'> & { advisor: { displayName: string } | null }
const toSlot = ({ advisor, ...s }: TSlotRow): TSlotDto => ({ ...s, advisorName: advisor?.displayName ?? null })

/** Open slots with a free place at a point, starting in [from, to). */
export async function listFreeSlots(db: Db, receptionPointId: string, from: Date, to: Date): Promise<TSlotDto[]> {
  const rows = await db.appointmentSlot.findMany({
    where: { receptionPointId, status: 'open', startsAt: { gt: from, lt: to }, bookedCount: { lt: db.appointmentSlot.fields.capacity } },
    orderBy: [{ startsAt: 'asc' }, { advisorId: 'asc' }],
    select: slotSelect,
  })
  return rows.map(toSlot)
}

export async function findSlot(db: Db | Tx, id: string): Promise<TSlotDto | null> {
  const row = await db.appointmentSlot.findUnique({ where: { id }, select: slotSelect })
  return row ? toSlot(row) : null
}

/**
 * Takes one place of a slot: ONE conditional UPDATE (bookedCount + 1 where a place is left, the slot is open and
 * not started). The database evaluates the condition on the row it locks, so concurrent bookings cannot exceed the
 * capacity. Returns whether a place was taken.
 */
export async function takeSlotPlace(tx: Tx, slotId: string, now: Date): Promise<boolean> {
  const { count } = await tx.appointmentSlot.updateMany({
    where: { id: slotId, status: 'open', startsAt: { gt: now }, bookedCount: { lt: tx.appointmentSlot.fields.capacity } },
    data: { bookedCount: { increment: 1 } },
  })
  return count === 1
}

/** Gives a place back (cancel, move). */
export async function releaseSlotPlace(tx: Tx, slotId: string): Promise<void> {
  await tx.appointmentSlot.updateMany({ where: { id: slotId, bookedCount: { gt: 0 } }, data: { bookedCount: { decrement: 1 } } })
}

/** Serialises one person's bookings (the "at most 2 upcoming" rule under concurrency): a write on their row. */
export async function lockInsuredRow(tx: Tx, insuredId: string): Promise<boolean> {
  const { count } = await tx.insured.updateMany({ where: { id: insuredId }, data: { updatedAt: new Date() } })
  return count === 1
}

export async function countUpcomingAppointments(db: Db | Tx, insuredId: string, now: Date): Promise<number> {
  return db.appointment.count({ where: { insuredId, status: 'booked', slot: { startsAt: { gt: now } } } })
}

export async function hasBookingOnSlot(db: Db | Tx, insuredId: string, slotId: string): Promise<boolean> {
  return (await db.appointment.count({ where: { insuredId, slotId, status: 'booked' } })) > 0
}

export type TAppointmentDto = {
  id: string
  reference: string
  reason: string
  description: string
  status: string
  createdAt: Date
  cancelledAt: Date | null
  insuredId: string
  slot: TSlotDto
  point: { id: string; name: string; addressLine1: string; postalCode: string; city: string; organisationId: string; organisationName: string }
}
const appointmentSelect = {
  id: true, reference: true, reason: true, description: true, status: true, createdAt: true, cancelledAt: true, insuredId: true,
  slot: {
    select: {
      ...slotSelect,
      receptionPoint: { select: { id: true, name: true, addressLine1: true, postalCode: true, city: true, organisationId: true, organisation: { select: { name: true } } } },
    },
  },
} as const
type TAppointmentRow = Omit<TAppointmentDto, 'slot' | 'point'> & {
  slot: TSlotRow & { receptionPoint: { id: string; name: string; addressLine1: string; postalCode: string; city: string; organisationId: string; organisation: { name: string } } }
}
function toAppointment(row: TAppointmentRow): TAppointmentDto {
  const { slot, ...a } = row
  const { receptionPoint, ...s } = slot
  const { organisation, ...point } = receptionPoint
  return { ...a, slot: toSlot(s), point: { ...point, organisationName: organisation.name } }
}

/** One appointment of this person (ownership in the query). */
export async function findAppointmentOfInsured(db: Db | Tx, insuredId: string, id: string): Promise<TAppointmentDto | null> {
  const row = await db.appointment.findFirst({ where: { id, insuredId }, select: appointmentSelect })
  return row ? toAppointment(row) : null
}

/** One appointment at a point of this caisse (null = any caisse). */
export async function findAppointmentInScope(db: Db | Tx, id: string, organisationId: string | null): Promise<TAppointmentDto | null> {
  const row = await db.appointment.findFirst({ where: { id, ...(organisationId ? { slot: { receptionPoint: { organisationId } } } : {}) }, select: appointmentSelect })
  return row ? toAppointment(row) : null
}

export async function listAppointmentsOfInsured(db: Db, insuredId: string): Promise<TAppointmentDto[]> {
  const rows = await db.appointment.findMany({ where: { insuredId }, orderBy: { slot: { startsAt: 'desc' } }, select: appointmentSelect, take: 50 })
  return rows.map(toAppointment)
}

/** The appointment booked with this form key (double click, replay), whoever booked it: the caller checks the owner. */
export async function findAppointmentByIdempotencyKey(db: Db | Tx, idempotencyKey: string) {
  return db.appointment.findUnique({
    where: { idempotencyKey },
    select: { id: true, reference: true, insuredId: true, slot: { select: { startsAt: true, receptionPoint: { select: { name: true } } } } },
  })
}

export async function createAppointment(
  tx: Tx,
  data: { reference: string; slotId: string; insuredId: string; reason: string; description: string; createdAt: Date; idempotencyKey?: string | null },
): Promise<{ id: string }> {
  return tx.appointment.create({ data: { ...data, status: 'booked' }, select: { id: true } })
}

/** Changes an appointment only while it is still booked (a second click or another tab changes nothing). */
export async function updateBookedAppointment(tx: Tx, id: string, data: { slotId?: string; status?: string; cancelledAt?: Date; reminderSentAt?: null }): Promise<boolean> {
  const { count } = await tx.appointment.updateMany({ where: { id, status: 'booked' }, data })
  return count === 1
}

export type TDaySlotDto = TSlotDto & {
  appointments: { id: string; reference: string; reason: string; description: string; status: string; insuredName: string; insuredId: string }[]
}

/** The office agenda of one point over [from, to): slots with their appointments (cancelled ones left out). */
export async function listPointAgenda(db: Db, receptionPointId: string, from: Date, to: Date): Promise<TDaySlotDto[]> {
  const rows = await db.appointmentSlot.findMany({
    where: { receptionPointId, startsAt: { gte: from, lt: to } },
    orderBy: [{ startsAt: 'asc' }, { advisorId: 'asc' }],
    select: {
      ...slotSelect,
      appointments: {
        where: { status: { not: 'cancelled' } },
        select: { id: true, reference: true, reason: true, description: true, status: true, insuredId: true, insured: { select: { firstNames: true, birthName: true, usualName: true } } },
        orderBy: { createdAt: 'asc' },
      },
    },
  })
  return rows.map(({ appointments, ...s }) => ({
    ...toSlot(s),
    appointments: appointments.map(({ insured, ...a }) => ({ ...a, insuredName: `${insured.firstNames} ${insured.usualName ?? insured.birthName}` })),
  }))
}

/** Booked appointments starting in [from, to) whose reminder is not sent yet. */
export async function listRemindersDue(db: Db, from: Date, to: Date): Promise<{ id: string }[]> {
  return db.appointment.findMany({ where: { status: 'booked', reminderSentAt: null, slot: { startsAt: { gte: from, lt: to } } }, select: { id: true }, orderBy: { createdAt: 'asc' } })
}

/** Marks the reminder as sent, once (a second job run finds nothing to do). */
export async function claimReminder(tx: Tx, id: string, now: Date): Promise<boolean> {
  const { count } = await tx.appointment.updateMany({ where: { id, status: 'booked', reminderSentAt: null }, data: { reminderSentAt: now } })
  return count === 1
}

export async function setAppointmentOutcome(tx: Tx, id: string, outcome: 'done' | 'no-show'): Promise<boolean> {
  const { count } = await tx.appointment.updateMany({ where: { id, status: { in: ['booked', 'done', 'no-show'] } }, data: { status: outcome } })
  return count === 1
}

/** The reception point an advisor works at (their default in the office agenda). */
export async function findUserReceptionPointId(db: Db, userId: string): Promise<string | null> {
  return (await db.user.findUnique({ where: { id: userId }, select: { receptionPointId: true } }))?.receptionPointId ?? null
}
