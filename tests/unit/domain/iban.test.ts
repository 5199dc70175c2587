import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { isValidIBAN } from 'ibantools';
import {
  buildFrenchIban,
  formatIban,
  maskIban,
  normalizeIban,
  ribKey,
  validateBic,
  validateIban,
} from '@/lib/domain/iban';

const digits = (n: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n });
const alnum = (n: number) => fc.string({ unit: fc.constantFrom(...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'), minLength: n, maxLength: n });

describe('RIB key', () => {
  it('RULEBOOK §8: 30006 00001 12345678901 → RIB key 89', () => {
    expect(ribKey('30006', '00001', '12345678901')).toBe(89);
  });

  it('RULEBOOK §8: RIB key = 97 − ((89·bank + 15·branch + 3·account) mod 97)', () => {
    fc.assert(
      fc.property(digits(5), digits(5), digits(11), (bank, branch, account) => {
        const expected = 97 - Number((89n * BigInt(bank) + 15n * BigInt(branch) + 3n * BigInt(account)) % 97n);
        expect(ribKey(bank, branch, account)).toBe(expected);
      }),
    );
  });

  it('RULEBOOK §8: account letters A/J→1 … I/R→9, S→2 … Z→9', () => {
    const key = (first: string) => ribKey('30006', '00001', `${first}2345678901`);
    expect(key('A')).toBe(key('1'));
    expect(key('J')).toBe(key('1'));
    expect(key('I')).toBe(key('9'));
    expect(key('R')).toBe(key('9'));
    expect(key('S')).toBe(key('2'));
    expect(key('Z')).toBe(key('9'));
    expect(key('A')).not.toBe(key('2'));
  });

  it('RULEBOOK §8: ribKey refuses wrong lengths', () => {
    expect(() => ribKey('3000', '00001', '12345678901')).toThrow(RangeError);
    expect(() => ribKey('30006', '00001', '1234567890')).toThrow(RangeError);
  });
});

describe('IBAN', () => {
  it('RULEBOOK §8: FR7630006000011234567890189 is valid (mod 97 = 1 and RIB key)', () => {
    expect(validateIban('FR76 3000 6000 0112 3456 7890 189')).toEqual({
      ok: true,
      iban: 'FR7630006000011234567890189',
      bankCode: '30006',
      country: 'FR',
    });
  });

  it('RULEBOOK §8: buildFrenchIban computes RIB key and check digits', () => {
    expect(buildFrenchIban('30006', '00001', '12345678901')).toBe('FR7630006000011234567890189');
  });

  it('RULEBOOK §8: IBAN check digits must give mod 97 = 1 (iban.checksum)', () => {
    expect(validateIban('FR7730006000011234567890189')).toEqual({ ok: false, error: 'iban.checksum' });
    expect(validateIban('DE89370400440532013000')).toMatchObject({ ok: true, country: 'DE' });
    expect(validateIban('DE89370400440532013001')).toEqual({ ok: false, error: 'iban.checksum' });
  });

  it('RULEBOOK §8: a French IBAN with correct check digits but a wrong RIB key is refused', () => {
    // Wrong RIB key 88, then IBAN check digits recomputed so that mod 97 = 1 still holds.
    const bban = '30006' + '00001' + '12345678901' + '88';
    const rearranged = [...`${bban}FR00`].map((c) => (/[A-Z]/.test(c) ? String(c.charCodeAt(0) - 55) : c)).join('');
    const check = String(98 - Number(BigInt(rearranged) % 97n)).padStart(2, '0');
    expect(validateIban(`FR${check}${bban}`)).toEqual({ ok: false, error: 'iban.checksum' });
  });

  it('IBAN format: wrong shape or country length is iban.format; non-SEPA country is iban.country', () => {
    expect(validateIban('')).toEqual({ ok: false, error: 'iban.format' });
    expect(validateIban('FR76 3000 6000 0112 3456 7890 18')).toEqual({ ok: false, error: 'iban.format' });
    expect(validateIban('7630006000011234567890189')).toEqual({ ok: false, error: 'iban.format' });
    expect(validateIban('FR76300060000112345678901@9')).toEqual({ ok: false, error: 'iban.format' });
    // Valid Brazilian / Kosovar IBANs, but outside SEPA.
    expect(validateIban('BR1800360305000010009795493C1')).toEqual({ ok: false, error: 'iban.country' });
    expect(validateIban('XK051212012345678906')).toEqual({ ok: false, error: 'iban.country' });
  });

  it('IBAN: other SEPA countries are accepted (GB, CH)', () => {
    expect(validateIban('GB82 WEST 1234 5698 7654 32')).toMatchObject({ ok: true, country: 'GB', bankCode: 'WEST' });
    expect(validateIban('CH9300762011623852957')).toMatchObject({ ok: true, country: 'CH' });
  });

  it('RULEBOOK §8 (property): buildFrenchIban always validates, and agrees with ibantools', () => {
    fc.assert(
      fc.property(digits(5), digits(5), alnum(11), (bank, branch, account) => {
        const iban = buildFrenchIban(bank, branch, account);
        expect(iban).toMatch(/^FR\d{2}[0-9A-Z]{23}$/);
        expect(validateIban(iban)).toEqual({ ok: true, iban, bankCode: bank, country: 'FR' });
        expect(isValidIBAN(iban)).toBe(true);
      }),
    );
  });

  it('RULEBOOK §8 (property): changing one character of a built IBAN is detected', () => {
    fc.assert(
      fc.property(digits(5), digits(5), digits(11), fc.integer({ min: 2, max: 26 }), fc.integer({ min: 1, max: 9 }), (bank, branch, account, pos, delta) => {
        const iban = buildFrenchIban(bank, branch, account);
        const changed = iban.slice(0, pos) + String((Number(iban[pos]) + delta) % 10) + iban.slice(pos + 1);
        expect(validateIban(changed).ok).toBe(false);
      }),
    );
  });

  it('normalizeIban / formatIban / maskIban', () => {
    expect(normalizeIban(' fr76-3000 6000.0112 3456 7890 189 ')).toBe('FR7630006000011234567890189');
    expect(formatIban('FR7630006000011234567890189')).toBe('FR76 3000 6000 0112 3456 7890 189');
    expect(maskIban('FR76 3000 6000 0112 3456 7890 189')).toBe('FR76 **** **** **** **** ***0 189');
    expect(maskIban('DE89370400440532013000')).toBe('DE89 **** **** **** **30 00');
  });
});

describe('BIC', () => {
  it('BIC: 8 or 11 characters, 4 letters bank + 2 letters country + 2 location (+ 3 branch)', () => {
    expect(validateBic('BNPAFRPP')).toEqual({ ok: true, bic: 'BNPAFRPP' });
    expect(validateBic('bnpa fr pp xxx')).toEqual({ ok: true, bic: 'BNPAFRPPXXX' });
    expect(validateBic('BNPAFRP')).toEqual({ ok: false, error: 'bic.format' });
    expect(validateBic('BNPAFRPPXX')).toEqual({ ok: false, error: 'bic.format' });
    expect(validateBic('BNP1FRPP')).toEqual({ ok: false, error: 'bic.format' });
    expect(validateBic('BNPA12PP')).toEqual({ ok: false, error: 'bic.format' });
  });
});
