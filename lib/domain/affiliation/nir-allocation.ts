/**
 * Numbers given at affiliation (immatriculation), RULEBOOK §8:
 *  - a temporary number first (7 for men, 8 for women, seed 003): valid NIR format and key, reimbursable on paper
 *    care sheets, but no ameli account and no Vitale card;
 *  - then the permanent number (1 men, 2 women): birth year and month, birth department and commune — or 99 and the
 *    INSEE country code for people born abroad — an order number, and the key (97 − N mod 97, 2A → 19, 2B → 18).
 * The order number is the smallest one (1–999) not yet used with the same first 10 characters: the caller passes
 * the orders already taken (read from the database) and retries if another registration took it meanwhile.
 * Pure: no I/O; refusals are values.
 */
import { buildNir, buildTemporaryNir, type NirParts } from '../nir';
import type { CalendarDate } from '../dates';
import { allow, refuse, type Decision } from '../procedures/decision';

/** Where a person was born, as the NIR encodes it. */
export type TBirthPlace =
  | { kind: 'france'; /** "01"–"95", "2A", "2B", "971"–"976" */ department: string; /** INSEE commune number within the department */ commune: number }
  | { kind: 'abroad'; /** INSEE country code, 100–999 */ countryCode: number };

export type TNirRequest = { sex: 1 | 2; birthDate: CalendarDate; birthPlace: TBirthPlace };

const DEPARTMENT = /^(0[1-9]|[1-8]\d|9[0-5]|2A|2B|97[1-6])$/;

/** Checks the place of birth; the refusal code is an i18n key. */
export function checkBirthPlace(place: TBirthPlace): Decision<TBirthPlace> {
  if (place.kind === 'abroad') {
    if (!Number.isInteger(place.countryCode) || place.countryCode < 100 || place.countryCode > 999) return refuse('affiliation.errors.countryCode');
    return allow(place);
  }
  const dept = place.department.toUpperCase();
  if (!DEPARTMENT.test(dept) || dept === '20') return refuse('affiliation.errors.department');
  const max = dept.length === 3 ? 99 : 999;
  if (!Number.isInteger(place.commune) || place.commune < 1 || place.commune > max) return refuse('affiliation.errors.commune');
  return allow({ ...place, department: dept });
}

/** The first 10 characters of the number (sex/prefix, YY, MM, department, commune) before the order number. */
export function nirPrefix(kind: 'temporary' | 'permanent', req: TNirRequest): string {
  const first = kind === 'permanent' ? String(req.sex) : req.sex === 1 ? '7' : '8';
  return first + partsString(req);
}

function partsString(req: TNirRequest): string {
  const p = placeParts(req, 1);
  const yy = String(p.birthYear % 100).padStart(2, '0');
  const mm = String(p.birthMonth).padStart(2, '0');
  const communeWidth = p.department.length === 3 ? 2 : 3;
  const com = typeof p.commune === 'number' ? String(p.commune).padStart(communeWidth, '0') : p.commune;
  return `${yy}${mm}${p.department}${com}`;
}

function placeParts(req: TNirRequest, order: number): NirParts {
  const [y, m] = req.birthDate.split('-').map(Number) as [number, number];
  if (req.birthPlace.kind === 'abroad') return { birthYear: y, birthMonth: m, department: '99', commune: req.birthPlace.countryCode, order };
  return { birthYear: y, birthMonth: m, department: req.birthPlace.department.toUpperCase(), commune: req.birthPlace.commune, order };
}

/** The smallest order number 1–999 not in `taken`, or null when all are used. */
export function firstFreeOrder(taken: Iterable<number>): number | null {
  const used = new Set(taken);
  for (let n = 1; n <= 999; n++) if (!used.has(n)) return n;
  return null;
}

/**
 * Generates a number of the given kind. `takenOrders` are the order numbers (positions 11–13) already used by
 * numbers with the same prefix (nirPrefix). Refusals: affiliation.errors.{countryCode,department,commune,noFreeOrder}.
 */
export function generateNir(kind: 'temporary' | 'permanent', req: TNirRequest, takenOrders: Iterable<number>): Decision<{ nir: string; key: string }> {
  const place = checkBirthPlace(req.birthPlace);
  if (!place.ok) return place;
  const order = firstFreeOrder(takenOrders);
  if (order === null) return refuse('affiliation.errors.noFreeOrder');
  const parts = placeParts({ ...req, birthPlace: place.value }, order);
  return allow(kind === 'permanent' ? buildNir({ ...parts, sex: req.sex }) : buildTemporaryNir({ ...parts, prefix: req.sex === 1 ? 7 : 8 }));
}

/** The order number of a 13-character NIR (positions 11–13). */
export function orderOf(nir13: string): number {
  return Number(nir13.slice(10, 13));
}
