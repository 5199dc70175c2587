/**
 * The act catalogue (RULEBOOK "Act codes used by the project"): what kind of care each code is and which
 * rules apply to it. The figures (bases, rates) are dated rows; this only says which rows to read.
 * Shipped as data in prisma/rules/acts.json; more codes can be added there without code changes.
 */

export const CARE_TYPES = [
  'doctor',
  'dentist',
  'paramedical',
  'laboratory',
  'medicine-100',
  'medicine-65',
  'medicine-30',
  'medicine-15',
  'hospital',
  'hospital-fee',
  'emergency-fee',
  'transport',
  'midwife',
  'radiology',
  'device',
] as const;
export type CareType = (typeof CARE_TYPES)[number];

export interface ActDefinition {
  code: string;
  careType: CareType;
  /** Plain-language name, shown to the public. */
  label: { fr: string; en: string };
  /** The base is the price charged (medicine box, hospital stay, lab bill): no act.<code>.base row. */
  baseFromFee?: boolean;
  /** Doctors' acts: which sector 3 tarif d'autorité applies (sector-3.base.<kind>). */
  authorityTariff?: 'gp' | 'specialist';
  /** The participation forfaitaire applies (doctor acts, biology). */
  participation?: boolean;
  /** Which franchise médicale applies. */
  franchise?: 'medicine' | 'paramedical' | 'transport';
  /** For the direct-access exceptions of the care pathway. */
  specialty?: 'general-practice' | 'specialist' | 'psychiatry' | 'dentistry';
  /** Has act.<code>.base.under-6 rows (children's base). */
  childBase?: boolean;
  /** Has act.<code>.base.sector-2 rows (sector 2 without OPTAM). */
  sector2Base?: boolean;
  /** Has act.<code>.base.reduced rows (FPU minoré, for ALD). */
  reducedBase?: boolean;
  /**
   * A 100 % santé item (RULEBOOK "Beyond the act table"): has act.<code>.price-limit rows; a responsible
   * mutuelle (or the CSS) covers the price up to that limit, so nothing is left to pay within it.
   */
  priceLimit?: boolean;
  /**
   * The responsible contract limits the cover of this free-price item (act.<code>.cover-cap rows): `total`
   * counts the Assurance Maladie's share in the limit (hearing aids), `complementary` only the mutuelle's (frames).
   */
  coverCap?: 'total' | 'complementary';
}
