import { describe, it, expect } from 'vitest';
import { issuedAttestationStatus } from '@/lib/domain/attestation-status';
import { calendarDate as d } from '@/lib/domain/dates';

describe('issued attestation status (Mes documents)', () => {
  it('an attestation is valid up to and including validUntil, expired the day after', () => {
    const doc = { revokedAt: null, validUntil: '2027-11-24' };
    expect(issuedAttestationStatus(doc, d('2026-11-24'))).toBe('valid');
    expect(issuedAttestationStatus(doc, d('2027-11-24'))).toBe('valid');
    expect(issuedAttestationStatus(doc, d('2027-11-25'))).toBe('expired');
  });

  it('revoked wins over expired; no validUntil means valid until revoked', () => {
    expect(issuedAttestationStatus({ revokedAt: new Date('2026-01-01T10:00:00Z'), validUntil: '2020-01-01' }, d('2026-11-24'))).toBe('revoked');
    expect(issuedAttestationStatus({ revokedAt: null, validUntil: null }, d('2099-01-01'))).toBe('valid');
  });

  it('ARCHITECTURE Conventions §10: a stored date that is not a calendar date is an error, not a string comparison', () => {
    expect(() => issuedAttestationStatus({ revokedAt: null, validUntil: '2027-11-24T00:00:00Z' }, d('2026-11-24'))).toThrow(RangeError);
  });
});
