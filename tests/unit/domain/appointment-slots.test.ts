import { describe, expect, it } from 'vitest'
import { canChangeAppointment, earliestBookableStart, isBookableStart, daySlotTimes, departmentOfPostalCode, generateSlots, isWithinOpeningHours, utcToZoned, zonedTimeToUtc } from '@/lib/domain/appointments/slots'

const hours = [
  { weekday: 1, opens: '08:30', closes: '12:30' },
  { weekday: 1, opens: '13:30', closes: '16:30' },
  { weekday: 4, opens: '08:30', closes: '12:30' },
]

describe('appointment slots (issue 6 §2)', () => {
  it('converts Paris wall-clock times to UTC across summer and winter time', () => {
    expect(zonedTimeToUtc('2026-12-01', '09:00').toISOString()).toBe('2026-12-01T08:00:00.000Z')
    expect(zonedTimeToUtc('2026-07-01', '09:00').toISOString()).toBe('2026-07-01T07:00:00.000Z')
    expect(zonedTimeToUtc('2027-03-29', '08:30').toISOString()).toBe('2027-03-29T06:30:00.000Z')
    expect(utcToZoned(new Date('2026-10-25T08:00:00Z'))).toEqual({ date: '2026-10-25', time: '09:00' })
  })

  it('cuts opening ranges into 30-minute slots with the lunch break as a gap; skips closed days and days without hours', () => {
    expect(daySlotTimes(hours.filter((h) => h.weekday === 1), 30)).toHaveLength(14)
    expect(daySlotTimes([{ opens: '08:30', closes: '12:15' }], 30).at(-1)).toEqual({ starts: '11:30', ends: '12:00' })
    const week = generateSlots({ from: '2026-11-30', days: 7, hours, closedDays: ['2026-12-03'], slotMinutes: 30 })
    expect(new Set(week.map((s) => s.date))).toEqual(new Set(['2026-11-30']))
    expect(week.some((s) => s.startsAt.toISOString() === '2026-11-30T11:30:00.000Z')).toBe(false)
  })

  it('accepts a slot only inside one opening range of a day that is not closed', () => {
    const slot = (time: string, end: string) => ({ startsAt: zonedTimeToUtc('2026-11-30', time), endsAt: zonedTimeToUtc('2026-11-30', end) })
    expect(isWithinOpeningHours(slot('12:00', '12:30'), hours, [])).toBe(true)
    expect(isWithinOpeningHours(slot('12:30', '13:00'), hours, [])).toBe(false)
    expect(isWithinOpeningHours(slot('12:15', '12:45'), hours, [])).toBe(false)
    expect(isWithinOpeningHours(slot('09:00', '09:30'), hours, ['2026-11-30'])).toBe(false)
  })

  it('allows moving or cancelling until exactly 24 hours before', () => {
    const start = new Date('2026-12-01T09:00:00Z')
    expect(canChangeAppointment(start, new Date('2026-11-30T09:00:00Z'))).toBe(true)
    expect(canChangeAppointment(start, new Date('2026-11-30T09:00:01Z'))).toBe(false)
  })

  it('maps postal codes to departments (Corsica 2A/2B, overseas 97x)', () => {
    expect(departmentOfPostalCode('69007')).toBe('69')
    expect(departmentOfPostalCode('01000')).toBe('01')
    expect(departmentOfPostalCode('20000')).toBe('2A')
    expect(departmentOfPostalCode('20190')).toBe('2A')
    expect(departmentOfPostalCode('20200')).toBe('2B')
    expect(departmentOfPostalCode('97400')).toBe('974')
    expect(departmentOfPostalCode('00100')).toBeNull()
    expect(departmentOfPostalCode('6900')).toBeNull()
  })
})

describe('bookable slots (issue 17 §4: not within the 24-hour cancellation delay)', () => {
  const now = new Date('2026-11-24T10:00:00Z')
  it('a slot 24 hours ahead or more is bookable; sooner is not, as it could be neither moved nor cancelled', () => {
    expect(isBookableStart(new Date('2026-11-25T10:00:00Z'), now)).toBe(true)
    expect(isBookableStart(new Date('2026-11-25T09:59:00Z'), now)).toBe(false)
    expect(isBookableStart(new Date('2026-11-24T11:00:00Z'), now)).toBe(false)
    expect(earliestBookableStart(now).toISOString()).toBe('2026-11-25T10:00:00.000Z')
    // The same limit as for cancelling: a slot just bookable can still be cancelled at once.
    expect(canChangeAppointment(new Date('2026-11-25T10:00:00Z'), now)).toBe(true)
  })
})
