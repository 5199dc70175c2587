/**
 * French social-security number (NIR, "numéro de sécurité sociale").
 * RULEBOOK §8: 13 characters (sex · YY · MM · dept · commune · order) + 2-digit key,
 * key = 97 − (N13 mod 97) with 2A → 19 and 2B → 18.
 * Pure module: no I/O, no clock.
 */

export type NirKind = 'permanent' | 'temporary';
export type NirError = 'nir.length' | 'nir.format' | 'nir.key';

export type ParsedNir =
  | { ok: true; nir: string; key: string; kind: NirKind; sex: 1 | 2 | null }
  | { ok: false; error: NirError };

export interface NirParts {
  /** Birth year; only the last two digits are kept (1985 → "85"). */
  birthYear: number;
  /** 1–12, or 20, 30–42, 50–99 when the month is unknown or fictitious. */
  birthMonth: number;
  /** "01"–"95", "2A", "2B", "96", "971"…"989" (3-digit overseas), "99" (born abroad). */
  department: string;
  /** Commune code (3 digits, 2 for 3-digit departments); for dept "99" the 3-digit country code. */
  commune: string | number;
  /** Order number in the birth register, 1–999. */
  order: number;
}

const SEPARATORS = /[\s.\-]/g;

/** Strips spaces, dots and dashes and uppercases (for Corsica "2A"/"2B"). */
export function normalizeNir(input: string): string {
  return input.replace(SEPARATORS, '').toUpperCase();
}

/** Replaces the Corsican department letters by their numeric substitutes (2A → 19, 2B → 18). */
function numericNir13(nir13: string): string {
  const dept = nir13.slice(5, 7);
  if (dept === '2A') return `${nir13.slice(0, 5)}19${nir13.slice(7)}`;
  if (dept === '2B') return `${nir13.slice(0, 5)}18${nir13.slice(7)}`;
  return nir13;
}

/** Control key of a 13-character NIR: 97 − (N mod 97), computed exactly with BigInt. */
export function nirKey(nir13: string): number {
  const digits = numericNir13(normalizeNir(nir13));
  if (!/^\d{13}$/.test(digits)) throw new RangeError(`nirKey: expected 13 digits, got "${nir13}"`);
  return 97 - Number(BigInt(digits) % 97n);
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function isValidMonth(mm: string): boolean {
  if (!/^\d{2}$/.test(mm)) return false;
  const m = Number(mm);
  return (m >= 1 && m <= 12) || m === 20 || (m >= 30 && m <= 42) || m >= 50;
}

/**
 * Checks positions 6–13 (department, commune, order). Overseas departments 97x/98x
 * use 3 digits for the department and 2 for the commune.
 */
function isValidPlaceAndOrder(rest: string): boolean {
  const dept = rest.slice(0, 2);
  const order = rest.slice(5, 8);
  if (!/^\d{3}$/.test(order) || order === '000') return false;
  if (dept === '2A' || dept === '2B') return /^\d{3}$/.test(rest.slice(2, 5));
  if (!/^\d{5}$/.test(rest.slice(0, 5))) return false;
  const d = Number(dept);
  return d >= 1 && d <= 99;
}

/**
 * Parses a NIR of 13 characters (key computed) or 15 characters (key checked).
 * Permanent numbers start with 1/2 (sex), temporary ones with 7/8.
 */
export function parseNir(input: string): ParsedNir {
  const s = normalizeNir(input);
  if (s.length !== 13 && s.length !== 15) return { ok: false, error: 'nir.length' };
  const nir = s.slice(0, 13);
  const first = nir[0];
  let kind: NirKind;
  let sex: 1 | 2 | null;
  if (first === '1' || first === '2') {
    kind = 'permanent';
    sex = first === '1' ? 1 : 2;
  } else if (first === '7' || first === '8') {
    kind = 'temporary';
    sex = null;
  } else {
    return { ok: false, error: 'nir.format' };
  }
  if (!/^\d{2}$/.test(nir.slice(1, 3))) return { ok: false, error: 'nir.format' };
  if (!isValidMonth(nir.slice(3, 5))) return { ok: false, error: 'nir.format' };
  if (!isValidPlaceAndOrder(nir.slice(5))) return { ok: false, error: 'nir.format' };
  const key = pad(nirKey(nir), 2);
  if (s.length === 15) {
    const given = s.slice(13);
    if (!/^\d{2}$/.test(given)) return { ok: false, error: 'nir.format' };
    if (given !== key) return { ok: false, error: 'nir.key' };
  }
  return { ok: true, nir, key, kind, sex };
}

/** True when the input is a complete 15-character NIR whose key matches. */
export function isValidNirWithKey(nir15: string): boolean {
  return normalizeNir(nir15).length === 15 && parseNir(nir15).ok;
}

/**
 * Groups a NIR for display: "1 85 05 75 115 423 56" (sex, YY, MM, dept, commune, order, key).
 * Accepts 13 characters (+ optional key) or 15 characters; without a key none is shown.
 */
export function formatNir(nir13: string, key?: string | number): string {
  const s = normalizeNir(nir13);
  const base = s.slice(0, 13);
  const k = key !== undefined ? pad(Number(key), 2) : s.length === 15 ? s.slice(13) : undefined;
  const overseas = /^9[78]$/.test(base.slice(5, 7));
  const deptLen = overseas ? 3 : 2;
  const groups = [
    base.slice(0, 1),
    base.slice(1, 3),
    base.slice(3, 5),
    base.slice(5, 5 + deptLen),
    base.slice(5 + deptLen, 10),
    base.slice(10, 13),
  ];
  if (k !== undefined) groups.push(k);
  return groups.join(' ');
}

function assemble(first: string, parts: NirParts): { nir: string; key: string } {
  const { birthYear, birthMonth, department, commune, order } = parts;
  if (!Number.isInteger(birthYear) || birthYear < 0) throw new RangeError('buildNir: birthYear');
  if (!Number.isInteger(order) || order < 1 || order > 999) throw new RangeError('buildNir: order');
  const dept = department.toUpperCase();
  const communeWidth = dept.length === 3 ? 2 : 3;
  const com = typeof commune === 'number' ? pad(commune, communeWidth) : commune;
  const nir = `${first}${pad(birthYear % 100, 2)}${pad(birthMonth, 2)}${dept}${com}${pad(order, 3)}`;
  const parsed = parseNir(nir);
  if (!parsed.ok || nir.length !== 13) throw new RangeError(`buildNir: invalid parts (${nir})`);
  return { nir, key: parsed.key };
}

/** Builds a permanent NIR and its key from its parts; throws RangeError on invalid parts. */
export function buildNir(parts: NirParts & { sex: 1 | 2 }): { nir: string; key: string } {
  return assemble(String(parts.sex), parts);
}

/** Builds a temporary NIR (prefix 7 or 8) and its key; throws RangeError on invalid parts. */
export function buildTemporaryNir(parts: NirParts & { prefix: 7 | 8 }): { nir: string; key: string } {
  return assemble(String(parts.prefix), parts);
}
