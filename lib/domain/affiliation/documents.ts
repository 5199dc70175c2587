/**
 * Affiliation (PUMA "demande d'ouverture des droits à l'assurance maladie", form S1106): who may apply, which
 * supporting documents each situation requires, and the 3-month residence condition with its exceptions.
 * Sources: seed 003 (the American spouse's file: passport, birth certificate with translation, marriage certificate,
 * the spouse's attestation de droits, 3 consecutive months of rent receipts or bills, RIB), seed 001 (students:
 * identity, visa, enrolment certificate, RIB, translated birth certificate), seed 002 (birth certificate and a valid
 * residence permit; copies of good quality, translated if necessary). Rule rows: prisma/rules/affiliation.json.
 * Pure: `today` and the rule set are passed in; refusals are values.
 */
import { addMonths, compareDates, type CalendarDate } from '../dates';
import type { RuleSet } from '../rules/rule-set';
import { allow, refuse, type Decision } from '../procedures/decision';

/** The applicant's situation, as on page 1 of the request form. */
export const AFFILIATION_SITUATIONS = ['employee', 'self-employed', 'student', 'job-seeker', 'resident', 'family-member'] as const;
export type TAffiliationSituation = (typeof AFFILIATION_SITUATIONS)[number];

/** Supporting documents (Upload.kind values) an affiliation request can carry. */
export const AFFILIATION_DOCUMENTS = [
  'identity',
  'birth-certificate',
  'birth-certificate-translation',
  'residence-permit',
  'proof-of-residence',
  'employment-proof',
  'self-employment-proof',
  'enrolment-certificate',
  'job-seeker-registration',
  'marriage-certificate',
  'spouse-attestation',
  'rib',
] as const;
export type TAffiliationDocument = (typeof AFFILIATION_DOCUMENTS)[number];

/** EU/EEA countries and Switzerland: their nationals need no residence permit (seed 001, EHIC countries). */
export const EEA_COUNTRIES: ReadonlySet<string> = new Set([
  'AT', 'BE', 'BG', 'CY', 'CZ', 'DE', 'DK', 'EE', 'ES', 'FI', 'FR', 'GR', 'HR', 'HU', 'IE', 'IT', 'LT', 'LU', 'LV', 'MT',
  'NL', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK', 'IS', 'LI', 'NO', 'CH',
]);

export type TDocumentFacts = {
  situation: TAffiliationSituation;
  /** ISO 3166 alpha-2 nationality. */
  nationality: string;
  /** False when the birth certificate is not in French: a sworn translation is then required. */
  birthCertificateInFrench: boolean;
};

export type TDocumentRequirement = {
  document: TAffiliationDocument;
  /** Why it is asked (an i18n key under `affiliation.documentReasons`). */
  reason: string;
};

/** The documents a request must carry before it can be submitted, in the order the form shows them. */
export function requiredDocuments(facts: TDocumentFacts): TDocumentRequirement[] {
  const out: TDocumentRequirement[] = [
    { document: 'identity', reason: 'identity' },
    { document: 'birth-certificate', reason: 'civilStatus' },
  ];
  if (!facts.birthCertificateInFrench) out.push({ document: 'birth-certificate-translation', reason: 'translation' });
  if (!EEA_COUNTRIES.has(facts.nationality.toUpperCase())) out.push({ document: 'residence-permit', reason: 'legalStay' });
  switch (facts.situation) {
    case 'employee':
      out.push({ document: 'employment-proof', reason: 'employment' });
      break;
    case 'self-employed':
      out.push({ document: 'self-employment-proof', reason: 'selfEmployment' });
      break;
    case 'student':
      out.push({ document: 'enrolment-certificate', reason: 'enrolment' });
      break;
    case 'job-seeker':
      out.push({ document: 'job-seeker-registration', reason: 'jobSeeker' }, { document: 'proof-of-residence', reason: 'residence' });
      break;
    case 'resident':
      out.push({ document: 'proof-of-residence', reason: 'residence' });
      break;
    case 'family-member':
      out.push({ document: 'marriage-certificate', reason: 'familyLink' }, { document: 'spouse-attestation', reason: 'spouseRights' }, { document: 'proof-of-residence', reason: 'spouseResidence' });
      break;
  }
  out.push({ document: 'rib', reason: 'bankDetails' });
  return out;
}

/** Documents asked but not (yet) attached. */
export function missingDocuments(facts: TDocumentFacts, attached: Iterable<string>): TAffiliationDocument[] {
  const have = new Set(attached);
  return requiredDocuments(facts)
    .map((r) => r.document)
    .filter((d) => !have.has(d));
}

/** Whether the situation is exempt from the 3-month residence condition (workers, students, family members joining). */
export function exemptFromResidenceCondition(situation: TAffiliationSituation): boolean {
  return situation === 'employee' || situation === 'self-employed' || situation === 'student' || situation === 'family-member';
}

/**
 * The stable-residence condition (PUMA): a person not working in France must have lived there 3 consecutive months
 * (rule `affiliation.residence.min-months`) — except students and family members joining an insured person
 * (seed 003). The arrival date cannot be in the future. Refusal `affiliation.errors.residenceTooShort` carries the
 * date from which the request can be made.
 */
export function checkResidence(
  input: { situation: TAffiliationSituation; arrivalDate: CalendarDate; birthDate: CalendarDate },
  today: CalendarDate,
  rules: RuleSet,
): Decision<{ exempt: boolean; eligibleFrom: CalendarDate }> {
  if (compareDates(input.arrivalDate, today) > 0) return refuse('affiliation.errors.arrivalInFuture');
  if (compareDates(input.arrivalDate, input.birthDate) < 0) return refuse('affiliation.errors.arrivalBeforeBirth');
  const exempt = exemptFromResidenceCondition(input.situation);
  const months = rules.valueAt('affiliation.residence.min-months', today);
  const eligibleFrom = exempt ? input.arrivalDate : addMonths(input.arrivalDate, months);
  if (compareDates(eligibleFrom, today) > 0) return refuse('affiliation.errors.residenceTooShort', { eligibleFrom, months });
  return allow({ exempt, eligibleFrom });
}
