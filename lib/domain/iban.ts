/**
 * IBAN, French RIB key and BIC.
 * RULEBOOK §8: IBAN = move the first 4 characters to the end, letters A=10…Z=35, value mod 97 = 1.
 * RIB key = 97 − ((89·bank + 15·branch + 3·account) mod 97), letters A/J→1…I/R→9, S→2…Z→9.
 * Pure module: no I/O, no clock.
 */
import { extractIBAN, getCountrySpecifications } from 'ibantools';

export type IbanError = 'iban.format' | 'iban.checksum' | 'iban.country';

export type ValidatedIban =
  | { ok: true; iban: string; bankCode?: string; country: string }
  | { ok: false; error: IbanError };

export type ValidatedBic = { ok: true; bic: string } | { ok: false; error: 'bic.format' };

/** Countries whose BBAN is a French RIB (bank 5 · branch 5 · account 11 · key 2). */
const RIB_COUNTRIES = new Set(['FR', 'MC']);

/** Removes spaces, dots and dashes and uppercases (electronic format). */
export function normalizeIban(input: string): string {
  return input.replace(/[\s.\-]/g, '').toUpperCase();
}

/** IBAN remainder: letters A=10…Z=35, processed in chunks so the result is exact. */
function mod97(alnum: string): number {
  let rest = 0;
  for (const ch of alnum) {
    const code = ch.charCodeAt(0);
    const value = code >= 65 ? code - 55 : code - 48;
    rest = (rest * (value >= 10 ? 100 : 10) + value) % 97;
  }
  return rest;
}

/** Converts a RIB character to its digit: A/J→1 … I/R→9, S→2 … Z→9; digits unchanged. */
function ribDigits(s: string): string {
  return s.replace(/[A-Z]/g, (ch) => {
    const n = ch.charCodeAt(0) - 64; // A=1 … Z=26
    return String(n <= 9 ? n : n <= 18 ? n - 9 : n - 17);
  });
}

function modOfDigits(digits: string): number {
  return Number(BigInt(digits) % 97n);
}

/** French RIB key (1–97) of bank (5), branch (5) and account (11) codes. */
export function ribKey(bank: string, branch: string, account: string): number {
  const b = normalizeIban(bank);
  const g = normalizeIban(branch);
  const a = normalizeIban(account);
  if (!/^[0-9A-Z]{5}$/.test(b) || !/^[0-9A-Z]{5}$/.test(g) || !/^[0-9A-Z]{11}$/.test(a)) {
    throw new RangeError('ribKey: expected bank(5), branch(5), account(11)');
  }
  const sum = 89 * modOfDigits(ribDigits(b)) + 15 * modOfDigits(ribDigits(g)) + 3 * modOfDigits(ribDigits(a));
  return 97 - (sum % 97);
}

/** Validates an IBAN: structure, SEPA country, country length/BBAN format, mod 97 = 1, and the RIB key for France. */
export function validateIban(input: string): ValidatedIban {
  const iban = normalizeIban(input);
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return { ok: false, error: 'iban.format' };
  const country = iban.slice(0, 2);
  const spec = getCountrySpecifications()[country];
  if (!spec || !spec.SEPA) return { ok: false, error: 'iban.country' };
  const bban = iban.slice(4);
  if (spec.chars !== iban.length || (spec.bban_regexp && !new RegExp(spec.bban_regexp).test(bban))) {
    return { ok: false, error: 'iban.format' };
  }
  if (mod97(bban + iban.slice(0, 4)) !== 1) return { ok: false, error: 'iban.checksum' };
  if (RIB_COUNTRIES.has(country)) {
    const key = ribKey(bban.slice(0, 5), bban.slice(5, 10), bban.slice(10, 21));
    if (String(key).padStart(2, '0') !== bban.slice(21, 23)) return { ok: false, error: 'iban.checksum' };
    return { ok: true, iban, bankCode: bban.slice(0, 5), country };
  }
  const bankCode = extractIBAN(iban).bankIdentifier;
  return bankCode ? { ok: true, iban, bankCode, country } : { ok: true, iban, country };
}

/** Builds a French IBAN (electronic format) from bank (5), branch (5) and account (11), computing RIB key and check digits. */
export function buildFrenchIban(bank: string, branch: string, account: string): string {
  const key = String(ribKey(bank, branch, account)).padStart(2, '0');
  const bban = normalizeIban(`${bank}${branch}${account}`) + key;
  const check = String(98 - mod97(`${bban}FR00`)).padStart(2, '0');
  return `FR${check}${bban}`;
}

/** Groups an IBAN by 4 characters: "FR76 3000 6000 0112 3456 7890 189". */
export function formatIban(iban: string): string {
  return normalizeIban(iban).replace(/(.{4})(?=.)/g, '$1 ');
}

/** Masks an IBAN for display, keeping country + check digits and the last 4: "FR76 **** … ***0 189". */
export function maskIban(iban: string): string {
  const s = normalizeIban(iban);
  if (s.length <= 8) return formatIban(s);
  return formatIban(s.slice(0, 4) + '*'.repeat(s.length - 8) + s.slice(-4));
}

/** Validates a BIC (8 or 11 characters: bank 4 letters · country 2 letters · location 2 · optional branch 3). */
export function validateBic(bic: string): ValidatedBic {
  const s = bic.replace(/\s/g, '').toUpperCase();
  return /^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(s) ? { ok: true, bic: s } : { ok: false, error: 'bic.format' };
}
