/**
 * Changes of situation (RULEBOOK §9 "Address / bank", "Newborn"): the department of a new address (which decides
 * the caisse), the médecin traitant's eligibility, the birth declaration's checks. Pure.
 */
import { compareDates, type CalendarDate } from '../dates';
import { allow, refuse, type Decision } from './decision';

/**
 * Department of a French postal code: "75011" → "75", Corsica "20000–20199" → "2A", "20200–20699" → "2B",
 * overseas "97x.." → "97x". Null for a malformed code.
 */
export function departmentOfPostalCode(postalCode: string): string | null {
  if (!/^\d{5}$/.test(postalCode)) return null;
  if (postalCode.startsWith('20')) return Number(postalCode.slice(0, 3)) < 202 ? '2A' : '2B';
  if (postalCode.startsWith('97') || postalCode.startsWith('98')) return postalCode.slice(0, 3);
  return postalCode.slice(0, 2);
}

/** Doctors who can be declared médecin traitant (any doctor, usually a GP; not paramedical or establishments). */
export const DOCTOR_SPECIALTIES = new Set(['general-practitioner', 'pediatrician', 'psychiatrist', 'gynecologist', 'ophthalmologist', 'cardiologist', 'dermatologist', 'endocrinologist']);

export function canDeclareDoctor(facts: { professional: { id: string; kind: string; specialty: string }; currentDoctorId: string | null }): Decision<true> {
  if (facts.professional.kind !== 'person' || !DOCTOR_SPECIALTIES.has(facts.professional.specialty)) return refuse('procedureErrors.doctor.notADoctor');
  if (facts.currentDoctorId === facts.professional.id) return refuse('procedureErrors.doctor.alreadyDeclared');
  return allow(true);
}

/** A birth can be declared from the birth day on (never in the future). */
export function checkBirthDeclaration(facts: { birthDate: CalendarDate; today: CalendarDate }): Decision<true> {
  if (compareDates(facts.birthDate, facts.today) > 0) return refuse('procedureErrors.birth.future');
  return allow(true);
}

/** Next free rank on the attestation ("02", "03"…) given the ranks already used by an insured person. */
export function nextBeneficiaryRank(ranks: readonly string[]): string {
  const max = ranks.reduce((m, r) => Math.max(m, Number(r) || 1), 1);
  return String(max + 1).padStart(2, '0');
}
