import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  buildNir,
  buildTemporaryNir,
  formatNir,
  isValidNirWithKey,
  nirKey,
  normalizeNir,
  parseNir,
} from '@/lib/domain/nir';

/** Months allowed by RULEBOOK §8: 01–12, 20, 30–42, 50–99. */
const monthArb = fc.oneof(
  fc.integer({ min: 1, max: 12 }),
  fc.constant(20),
  fc.integer({ min: 30, max: 42 }),
  fc.integer({ min: 50, max: 99 }),
);

/** Department + matching commune (3 digits, 2 for overseas 97x/98x, country code for 99). */
const placeArb = fc.oneof(
  fc.record({
    department: fc.integer({ min: 1, max: 96 }).map((d) => String(d).padStart(2, '0')),
    commune: fc.integer({ min: 0, max: 999 }),
  }),
  fc.record({ department: fc.constantFrom('2A', '2B'), commune: fc.integer({ min: 0, max: 999 }) }),
  fc.record({ department: fc.constantFrom('971', '972', '973', '974', '976', '987', '988'), commune: fc.integer({ min: 0, max: 99 }) }),
  fc.record({ department: fc.constant('99'), commune: fc.integer({ min: 100, max: 999 }) }),
);

const partsArb = fc.record({
  sex: fc.constantFrom(1 as const, 2 as const),
  birthYear: fc.integer({ min: 1900, max: 2026 }),
  birthMonth: monthArb,
  order: fc.integer({ min: 1, max: 999 }),
  place: placeArb,
});

describe('NIR', () => {
  it('RULEBOOK §8: published test vectors are valid (295109912611193, 253072B07300470, 253072A07300443)', () => {
    expect(parseNir('295109912611193')).toEqual({ ok: true, nir: '2951099126111', key: '93', kind: 'permanent', sex: 2 });
    expect(parseNir('253072B07300470')).toMatchObject({ ok: true, nir: '253072B073004', key: '70' });
    expect(parseNir('253072A07300443')).toMatchObject({ ok: true, nir: '253072A073004', key: '43' });
    expect(isValidNirWithKey('2 95 10 99 126 111 93')).toBe(true);
  });

  it('RULEBOOK §8: key = 97 − (N13 mod 97), exact on 13-digit numbers', () => {
    expect(nirKey('2951099126111')).toBe(97 - Number(2951099126111n % 97n));
    expect(nirKey('2951099126111')).toBe(93);
    fc.assert(
      fc.property(fc.bigInt({ min: 10n ** 12n, max: 10n ** 13n - 1n }), (n) => {
        expect(nirKey(n.toString())).toBe(97 - Number(n % 97n));
      }),
    );
  });

  it('RULEBOOK §8: Corsica 2A → 19 and 2B → 18 in the key computation', () => {
    expect(nirKey('253072A073004')).toBe(nirKey('2530719073004'));
    expect(nirKey('253072B073004')).toBe(nirKey('2530718073004'));
    expect(nirKey('253072A073004')).not.toBe(nirKey('253072B073004'));
  });

  it('RULEBOOK §8: a wrong key is refused with nir.key', () => {
    expect(parseNir('295109912611194')).toEqual({ ok: false, error: 'nir.key' });
    expect(parseNir('253072B07300443')).toEqual({ ok: false, error: 'nir.key' });
    expect(isValidNirWithKey('295109912611192')).toBe(false);
  });

  it('RULEBOOK §8: 13 characters parse without key (key computed), other lengths are nir.length', () => {
    expect(parseNir('2951099126111')).toMatchObject({ ok: true, key: '93' });
    expect(isValidNirWithKey('2951099126111')).toBe(false);
    expect(parseNir('29510991261')).toEqual({ ok: false, error: 'nir.length' });
    expect(parseNir('2951099126111931')).toEqual({ ok: false, error: 'nir.length' });
    expect(parseNir('')).toEqual({ ok: false, error: 'nir.length' });
  });

  it('RULEBOOK §8: normalisation strips spaces, dots, dashes and uppercases 2a/2b', () => {
    expect(normalizeNir(' 2 53-07.2b 073 004 70 ')).toBe('253072B07300470');
    expect(parseNir('2 53 07 2b 073 004 70')).toMatchObject({ ok: true, nir: '253072B073004' });
  });

  it('RULEBOOK §8: first digit 1/2 = permanent with sex, 7/8 = temporary, anything else is nir.format', () => {
    const male = buildNir({ sex: 1, birthYear: 1985, birthMonth: 5, department: '75', commune: 115, order: 423 });
    expect(parseNir(male.nir)).toMatchObject({ ok: true, kind: 'permanent', sex: 1 });
    const temp = buildTemporaryNir({ prefix: 7, birthYear: 1990, birthMonth: 3, department: '99', commune: 350, order: 12 });
    expect(parseNir(temp.nir + temp.key)).toMatchObject({ ok: true, kind: 'temporary', sex: null });
    for (const first of ['0', '3', '4', '5', '6', '9']) {
      const nir13 = first + male.nir.slice(1);
      expect(parseNir(nir13)).toEqual({ ok: false, error: 'nir.format' });
    }
  });

  it('RULEBOOK §8: month 01–12, 20, 30–42, 50–99 accepted; 00, 13–19, 21–29, 43–49 refused', () => {
    const withMonth = (mm: string) => `185${mm}75115423`;
    for (const mm of ['01', '12', '20', '30', '42', '50', '99']) expect(parseNir(withMonth(mm)).ok).toBe(true);
    for (const mm of ['00', '13', '19', '21', '29', '43', '49']) {
      expect(parseNir(withMonth(mm))).toEqual({ ok: false, error: 'nir.format' });
    }
  });

  it('RULEBOOK §8: department 01–95, 2A/2B, 96, 97x/98x, 99 accepted; 00, 2C, letters elsewhere refused', () => {
    for (const dept of ['01', '95', '2A', '2B', '96', '97', '98', '99']) {
      expect(parseNir(`18505${dept}115423`).ok).toBe(true);
    }
    for (const dept of ['00', '2C', '3A', 'AB']) {
      expect(parseNir(`18505${dept}115423`)).toEqual({ ok: false, error: 'nir.format' });
    }
    expect(parseNir('18505751A5423')).toEqual({ ok: false, error: 'nir.format' });
    expect(parseNir('2951099126111A3')).toEqual({ ok: false, error: 'nir.format' });
  });

  it('RULEBOOK §8: formatNir groups sex · YY · MM · dept · commune · order · key', () => {
    expect(formatNir('1850575115423', '56')).toBe('1 85 05 75 115 423 56');
    expect(formatNir('295109912611193')).toBe('2 95 10 99 126 111 93');
    expect(formatNir('1850597112423', 7)).toBe('1 85 05 971 12 423 07');
    expect(formatNir('1850575115423')).toBe('1 85 05 75 115 423');
  });

  it('RULEBOOK §8: born abroad = department 99 with the country code as commune', () => {
    const { nir, key } = buildNir({ sex: 2, birthYear: 1995, birthMonth: 10, department: '99', commune: '126', order: 111 });
    expect(nir + key).toBe('295109912611193');
  });

  it('RULEBOOK §8: buildNir refuses parts that cannot form a valid NIR', () => {
    const base = { sex: 1 as const, birthYear: 1985, birthMonth: 5, department: '75', commune: 115, order: 423 };
    expect(() => buildNir({ ...base, birthMonth: 13 })).toThrow(RangeError);
    expect(() => buildNir({ ...base, order: 0 })).toThrow(RangeError);
    expect(() => buildNir({ ...base, department: '00' })).toThrow(RangeError);
    expect(() => buildNir({ ...base, commune: 1234 })).toThrow(RangeError);
  });

  it('RULEBOOK §8 (property): every NIR built by buildNir / buildTemporaryNir parses back as valid', () => {
    fc.assert(
      fc.property(partsArb, fc.constantFrom(7 as const, 8 as const), ({ sex, birthYear, birthMonth, order, place }, prefix) => {
        const parts = { birthYear, birthMonth, order, ...place };
        const built = buildNir({ sex, ...parts });
        expect(built.nir).toHaveLength(13);
        expect(parseNir(built.nir + built.key)).toEqual({ ok: true, nir: built.nir, key: built.key, kind: 'permanent', sex });
        expect(isValidNirWithKey(formatNir(built.nir, built.key))).toBe(true);
        const temp = buildTemporaryNir({ prefix, ...parts });
        expect(parseNir(temp.nir + temp.key)).toMatchObject({ ok: true, kind: 'temporary', sex: null });
      }),
    );
  });

  it('RULEBOOK §8 (property): changing one digit of a valid NIR breaks it', () => {
    fc.assert(
      fc.property(partsArb, fc.nat(14), fc.integer({ min: 1, max: 9 }), ({ sex, birthYear, birthMonth, order, place }, pos, delta) => {
        const { nir, key } = buildNir({ sex, birthYear, birthMonth, order, ...place });
        const full = nir + key;
        const ch = full[pos]!;
        fc.pre(/\d/.test(ch));
        const changed = full.slice(0, pos) + String((Number(ch) + delta) % 10) + full.slice(pos + 1);
        expect(isValidNirWithKey(changed)).toBe(false);
        if (pos >= 13) expect(parseNir(changed)).toEqual({ ok: false, error: 'nir.key' });
      }),
    );
  });
});
