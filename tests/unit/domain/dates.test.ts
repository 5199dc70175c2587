import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  addDays,
  addMonths,
  ageOn,
  ageOnFirstJanuary,
  calendarDate,
  compareDates,
  daysBetween,
  earlierDate,
  formatDate,
  isWithin,
  laterDate,
  parseCalendarDate,
  toCalendarDate,
  type CalendarDate,
} from '@/lib/domain/dates';

const d = calendarDate;

/** Arbitrary valid calendar dates between 1900 and 2100. */
const dateArb = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true })
  .map((x) => d(x.toISOString().slice(0, 10)));

describe('calendar dates', () => {
  it('ARCHITECTURE Conventions §10: only existing YYYY-MM-DD days parse (2023-02-30 rejected)', () => {
    expect(parseCalendarDate('2023-06-15')).toBe('2023-06-15');
    expect(parseCalendarDate('2024-02-29')).toBe('2024-02-29');
    for (const bad of ['2023-02-30', '2023-02-29', '1900-02-29', '2023-13-01', '2023-00-10', '2023-04-31', '2023-6-15', '15/06/2023', '2023-06-15T00:00:00Z', '']) {
      expect(parseCalendarDate(bad)).toBeNull();
    }
    expect(parseCalendarDate('2000-02-29')).toBe('2000-02-29');
    expect(() => calendarDate('2023-02-30')).toThrow(RangeError);
  });

  it('ARCHITECTURE Conventions §10: dates compare as dates', () => {
    expect(compareDates(d('2023-06-15'), d('2023-06-16'))).toBe(-1);
    expect(compareDates(d('2024-01-01'), d('2023-12-31'))).toBe(1);
    expect(compareDates(d('2023-06-15'), d('2023-06-15'))).toBe(0);
  });

  it('addDays crosses months, years and leap days', () => {
    expect(addDays(d('2023-12-31'), 1)).toBe('2024-01-01');
    expect(addDays(d('2024-02-28'), 1)).toBe('2024-02-29');
    expect(addDays(d('2023-02-28'), 1)).toBe('2023-03-01');
    expect(addDays(d('2025-03-30'), 1)).toBe('2025-03-31'); // DST change in Paris is irrelevant
    expect(addDays(d('2023-03-01'), -1)).toBe('2023-02-28');
    expect(() => addDays(d('2023-03-01'), 0.5)).toThrow(RangeError);
  });

  it('addMonths clamps to the end of the month', () => {
    expect(addMonths(d('2024-01-31'), 1)).toBe('2024-02-29');
    expect(addMonths(d('2023-01-31'), 1)).toBe('2023-02-28');
    expect(addMonths(d('2023-03-31'), -1)).toBe('2023-02-28');
    expect(addMonths(d('2023-11-15'), 2)).toBe('2024-01-15');
    expect(addMonths(d('2024-02-29'), 12)).toBe('2025-02-28');
    expect(addMonths(d('2023-06-15'), -27)).toBe('2021-03-15'); // RULEBOOK §9: 27 months of statements
  });

  it('RULEBOOK worked example 15: a stay 04–06/05/2026 counts 3 days including exit (daysBetween + 1)', () => {
    expect(daysBetween(d('2026-05-04'), d('2026-05-06')) + 1).toBe(3);
    expect(daysBetween(d('2026-05-06'), d('2026-05-04'))).toBe(-2);
    expect(daysBetween(d('2024-01-01'), d('2025-01-01'))).toBe(366);
  });

  it('RULEBOOK IJ example A: arrêt 10–19/03/2025 is 10 days, 7 after a 3-day carence', () => {
    const days = daysBetween(d('2025-03-10'), d('2025-03-19')) + 1;
    expect(days).toBe(10);
    expect(days - 3).toBe(7);
  });

  it('(property) addDays and daysBetween are inverse; compareDates agrees with the sign', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: -40_000, max: 40_000 }), (a, n) => {
        const b = addDays(a, n);
        expect(parseCalendarDate(b)).toBe(b);
        expect(daysBetween(a, b)).toBe(n);
        expect(compareDates(a, b)).toBe(n === 0 ? 0 : n > 0 ? -1 : 1);
      }),
    );
  });

  it('(property) addMonths keeps the day unless clamped, and never overflows the month', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: -1200, max: 1200 }), (a, n) => {
        const b = addMonths(a, n);
        expect(parseCalendarDate(b)).toBe(b);
        const monthsA = Number(a.slice(0, 4)) * 12 + Number(a.slice(5, 7));
        const monthsB = Number(b.slice(0, 4)) * 12 + Number(b.slice(5, 7));
        expect(monthsB - monthsA).toBe(n);
        const dayA = Number(a.slice(8));
        const dayB = Number(b.slice(8));
        if (dayB !== dayA) {
          expect(dayB).toBeLessThan(dayA);
          expect(addDays(b, 1).slice(8)).toBe('01'); // clamped to the last day
        }
      }),
    );
  });

  it('ageOn counts full years (birthday reached on the day itself)', () => {
    expect(ageOn(d('1985-05-20'), d('2023-05-19'))).toBe(37);
    expect(ageOn(d('1985-05-20'), d('2023-05-20'))).toBe(38);
    expect(ageOn(d('2004-02-29'), d('2023-02-28'))).toBe(18);
    expect(ageOn(d('2004-02-29'), d('2023-03-01'))).toBe(19);
    expect(ageOn(d('2021-07-10'), d('2025-11-20'))).toBe(4); // RULEBOOK edge case 16: child 4 y
  });

  it('RULEBOOK Decisions: under-18 exemption uses the age on 1 January of the year of care', () => {
    // Born 2007-03-10: 17 on 1 Jan 2025 (exempt all 2025), although 18 on 2025-06-01.
    expect(ageOnFirstJanuary(d('2007-03-10'), 2025)).toBe(17);
    expect(ageOn(d('2007-03-10'), d('2025-06-01'))).toBe(18);
    expect(ageOnFirstJanuary(d('2007-01-01'), 2025)).toBe(18);
    // RULEBOOK §7: CSS participation bracket by age on 1 Jan (≤ 29 / 30–49 …).
    expect(ageOnFirstJanuary(d('1995-01-02'), 2025)).toBe(29);
  });

  it('RULEBOOK "Rules are dated data": isWithin is inclusive on both ends, open without `to`', () => {
    const from = d('2024-11-01');
    const to = d('2024-12-21');
    expect(isWithin(d('2024-11-01'), from, to)).toBe(true);
    expect(isWithin(d('2024-12-21'), from, to)).toBe(true);
    expect(isWithin(d('2024-10-31'), from, to)).toBe(false);
    expect(isWithin(d('2024-12-22'), from, to)).toBe(false);
    expect(isWithin(d('2099-01-01'), from)).toBe(true);
    expect(isWithin(d('2099-01-01'), from, null)).toBe(true);
  });

  it('ARCHITECTURE Conventions §10: earlierDate / laterDate compare as dates and agree with compareDates', () => {
    expect(earlierDate(d('2025-03-01'), d('2024-12-31'))).toBe('2024-12-31');
    expect(laterDate(d('2025-03-01'), d('2024-12-31'))).toBe('2025-03-01');
    expect(earlierDate(d('2024-02-29'), d('2024-02-29'))).toBe('2024-02-29');
    fc.assert(
      fc.property(dateArb, dateArb, (a, b) => {
        const lo = earlierDate(a, b);
        const hi = laterDate(a, b);
        expect(compareDates(lo, hi)).toBeLessThanOrEqual(0);
        expect([lo, hi].sort()).toEqual([a, b].sort());
      }),
    );
  });

  it('ARCHITECTURE Conventions §10: an instant is shown as its Europe/Paris calendar day', () => {
    expect(toCalendarDate(new Date('2023-06-14T22:30:00Z'))).toBe('2023-06-15'); // CEST, UTC+2
    expect(toCalendarDate(new Date('2023-06-14T21:59:59Z'))).toBe('2023-06-14');
    expect(toCalendarDate(new Date('2023-12-31T23:00:00Z'))).toBe('2024-01-01'); // CET, UTC+1
    expect(toCalendarDate(new Date('2023-12-31T22:59:59Z'))).toBe('2023-12-31');
    expect(toCalendarDate(new Date('2023-06-14T22:30:00Z'), 'UTC')).toBe('2023-06-14');
    expect(toCalendarDate(new Date('2023-06-15T02:00:00Z'), 'America/Cayenne')).toBe('2023-06-14');
    expect(() => toCalendarDate(new Date('nope'))).toThrow(RangeError);
  });

  it('formatDate: "15/06/2023" in French, "15 Jun 2023" in English', () => {
    const day: CalendarDate = d('2023-06-15');
    expect(formatDate(day, 'fr')).toBe('15/06/2023');
    expect(formatDate(day, 'en')).toBe('15 Jun 2023');
    expect(formatDate(d('2025-09-05'), 'fr')).toBe('05/09/2025');
    expect(formatDate(d('2025-09-05'), 'en')).toBe('5 Sep 2025');
  });
});

describe('isCalendarDate (fast check used on every claim line)', () => {
  it('agrees with the Date-based reference on every day shape from 1899 to 2101 and on malformed inputs', async () => {
    const { isCalendarDate, parseCalendarDateSlow } = await import('@/lib/domain/dates')
    const fc = (await import('fast-check')).default
    fc.assert(
      fc.property(fc.integer({ min: 1899, max: 2101 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), (y, m, d) => {
        const s = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`
        expect(isCalendarDate(s)).toBe(parseCalendarDateSlow(s) !== null)
      }),
      { numRuns: 5000 },
    )
    for (const s of ['2024-02-29', '2000-02-29']) expect(isCalendarDate(s)).toBe(true)
    for (const s of ['2023-02-29', '1900-02-29', '2023-2-01', '2023-02-1', '2023/02/01', ' 2023-02-01', '2023-02-01T', 'abcd-ef-gh', '', '2023-00-10']) expect(isCalendarDate(s)).toBe(false)
  })
})
