import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  assertCents,
  basisPointsOf,
  formatEuros,
  parseEurosToCents,
  percentOf,
  sumCents,
} from '@/lib/domain/money';

/** Oracle: exact rational cents × num / den, rounded half away from zero, in BigInt. */
function halfUpOracle(cents: number, num: number, den: number): number {
  const p = BigInt(cents) * BigInt(num);
  const d = BigInt(den);
  const abs = p < 0n ? -p : p;
  const q = abs / d;
  const r = abs % d;
  const rounded = 2n * r >= d ? q + 1n : q;
  return Number(p < 0n ? -rounded : rounded);
}

describe('money', () => {
  it('RULEBOOK worked example 1: 25.00 € × 70 % = 17.50 € (no float error)', () => {
    expect(percentOf(2500, 70)).toBe(1750);
  });

  it('RULEBOOK Decisions: half-up to the cent — kiné 16.13 € × 60 % = 9.678 → 9.68 €', () => {
    expect(percentOf(1613, 60)).toBe(968);
  });

  it('RULEBOOK worked example 9: dentist 23.00 € × 60 % = 13.80 €', () => {
    expect(percentOf(2300, 60)).toBe(1380);
  });

  it('RULEBOOK Decisions: an exact half cent rounds up (0.5 → 1), below half rounds down', () => {
    expect(percentOf(1, 50)).toBe(1); // 0.5
    expect(percentOf(3, 50)).toBe(2); // 1.5
    expect(percentOf(1, 49)).toBe(0); // 0.49
    expect(basisPointsOf(1, 5000)).toBe(1); // 0.5
    expect(basisPointsOf(1, 4999)).toBe(0); // 0.4999
    expect(basisPointsOf(1000, 1)).toBe(0); // 0.1
    expect(basisPointsOf(5000, 1)).toBe(1); // 0.5
    expect(percentOf(-1613, 60)).toBe(-968); // symmetric for negative regularisations
    expect(percentOf(-1, 50)).toBe(-1);
  });

  it('RULEBOOK worked examples: 65 % of 10.00 €, 15 % of 4.00 €, mutuelle 200 % of 31.50 €, basis points 7000 = 70 %', () => {
    expect(percentOf(1000, 65)).toBe(650);
    expect(percentOf(400, 15)).toBe(60);
    expect(percentOf(3150, 200)).toBe(6300);
    expect(basisPointsOf(2500, 7000)).toBe(1750);
    expect(basisPointsOf(1613, 6000)).toBe(968);
  });

  it('RULEBOOK Decisions (property): percentOf equals half-up rounding of the exact rational', () => {
    fc.assert(
      fc.property(fc.integer({ min: -10_000_000_00, max: 10_000_000_00 }), fc.integer({ min: 0, max: 300 }), (cents, pct) => {
        expect(percentOf(cents, pct)).toBe(halfUpOracle(cents, pct, 100));
      }),
    );
  });

  it('RULEBOOK Decisions (property): basisPointsOf equals half-up rounding of the exact rational', () => {
    fc.assert(
      fc.property(fc.integer({ min: -10_000_000_00, max: 10_000_000_00 }), fc.integer({ min: 0, max: 30_000 }), (cents, bp) => {
        expect(basisPointsOf(cents, bp)).toBe(halfUpOracle(cents, bp, 10_000));
        expect(Number.isInteger(basisPointsOf(cents, bp))).toBe(true);
      }),
    );
  });

  it('ARCHITECTURE Conventions §2: money is integer cents; fractions and unsafe numbers are refused', () => {
    expect(() => assertCents(16.5)).toThrow(RangeError);
    expect(() => assertCents(Number.NaN)).toThrow(RangeError);
    expect(() => assertCents(2 ** 53)).toThrow(RangeError);
    expect(() => assertCents(-1650)).not.toThrow();
    expect(() => percentOf(16.5, 70)).toThrow(RangeError);
    expect(() => percentOf(1650, 70.5)).toThrow(RangeError);
    expect(sumCents([1650, 750, 100])).toBe(2500);
    expect(sumCents([])).toBe(0);
    expect(() => sumCents([1, 0.1])).toThrow(RangeError);
  });

  it('formatEuros: "16,50 €" in French (Intl no-break spaces), "€16.50" in English', () => {
    expect(formatEuros(1650, 'fr')).toBe('16,50\u00a0€');
    expect(formatEuros(1650, 'en')).toBe('€16.50');
    expect(formatEuros(123456, 'fr')).toBe('1\u202f234,56\u00a0€');
    expect(formatEuros(123456, 'en')).toBe('€1,234.56');
    expect(formatEuros(5, 'fr')).toBe('0,05\u00a0€');
    expect(formatEuros(-968, 'en')).toBe('-€9.68');
  });

  it('parseEurosToCents: comma or dot decimals, at most 2 decimals, otherwise null', () => {
    expect(parseEurosToCents('16,50')).toBe(1650);
    expect(parseEurosToCents('16.50')).toBe(1650);
    expect(parseEurosToCents('16')).toBe(1600);
    expect(parseEurosToCents('16,5')).toBe(1650);
    expect(parseEurosToCents('0,07')).toBe(7);
    expect(parseEurosToCents(' 1 234,56 € ')).toBe(123456);
    for (const bad of ['', ',', '16,505', '-16', '16,50,1', 'abc', '1e3', '16.']) {
      expect(parseEurosToCents(bad)).toBeNull();
    }
  });

  it('parseEurosToCents (property): round-trips with the dot form of any amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000_000_00 }), (cents) => {
        const text = `${Math.trunc(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
        expect(parseEurosToCents(text)).toBe(cents);
        expect(parseEurosToCents(text.replace('.', ','))).toBe(cents);
      }),
    );
  });
});
