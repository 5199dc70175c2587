/**
 * INSEE country codes (Code officiel géographique, "code pays"), used as the "commune" of a NIR for people born
 * abroad (department 99, RULEBOOK §8). ISO 3166 alpha-2 → 3-digit INSEE code, for the countries the portal's
 * newcomers come from most; an advisor can type any other code (100–999).
 * Source: INSEE, COG — liste des pays et territoires étrangers [U: transcribed from memory of the public list;
 * to be checked against the current file before real use].
 */
export const INSEE_COUNTRY_CODES: Readonly<Record<string, number>> = {
  DK: 101, IS: 102, NO: 103, SE: 104, FI: 105, EE: 106, LV: 107, LT: 108, DE: 109, AT: 110,
  BG: 111, HU: 112, LI: 113, RO: 114, CZ: 116, SK: 117, PL: 122, RU: 123, GR: 126, IT: 127,
  BE: 131, GB: 132, ES: 134, NL: 135, IE: 136, LU: 137, MC: 138, PT: 139, CH: 140, UA: 155,
  TR: 208, LB: 205, CN: 216, JP: 217, IN: 223, KR: 239, VN: 243, PH: 220,
  SN: 341, CI: 326, CM: 322, MA: 350, TN: 351, DZ: 352,
  CA: 401, US: 404, MX: 405, AR: 415, BR: 416, CO: 419,
  AU: 501, NZ: 502,
};

/** The INSEE code of a country of birth, or null when it is not in the table (the advisor types it). */
export function inseeCountryCode(iso2: string): number | null {
  return INSEE_COUNTRY_CODES[iso2.toUpperCase()] ?? null;
}
