import { calendarDate, compareDates, type CalendarDate } from './dates';

export type TIssuedAttestationStatus = 'valid' | 'expired' | 'revoked';

/**
 * The status of an issued attestation de droits on a day: revoked wins; then expired once the day is after
 * validUntil (the attestation is still valid ON validUntil); else valid. No validUntil: valid until revoked.
 * ARCHITECTURE Conventions §10: validUntil is compared as a calendar date, not as a string.
 */
export function issuedAttestationStatus(doc: { revokedAt: Date | null; validUntil: string | null }, today: CalendarDate): TIssuedAttestationStatus {
  if (doc.revokedAt) return 'revoked';
  if (doc.validUntil !== null && compareDates(calendarDate(doc.validUntil), today) < 0) return 'expired';
  return 'valid';
}
