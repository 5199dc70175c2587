import { describe, it, expect } from 'vitest';
import { calendarDate as d } from '@/lib/domain/dates';
import { displayedPaymentStatus, isPaymentScheduled } from '@/lib/domain/payment-status';

describe('payment status (Mes paiements)', () => {
  it('a scheduled transfer is still to come only while its date is after today', () => {
    expect(isPaymentScheduled('scheduled', '2026-11-25', d('2026-11-24'))).toBe(true);
    expect(isPaymentScheduled('scheduled', '2026-11-24', d('2026-11-24'))).toBe(false);
    expect(isPaymentScheduled('paid', '2026-11-25', d('2026-11-24'))).toBe(false);
  });

  it('shown as paid once its date is reached, whatever the payment run did', () => {
    expect(displayedPaymentStatus('scheduled', '2026-11-24', d('2026-11-24'))).toBe('paid');
    expect(displayedPaymentStatus('scheduled', '2026-12-31', d('2026-11-24'))).toBe('scheduled');
    expect(displayedPaymentStatus('rejected', '2026-11-01', d('2026-11-24'))).toBe('rejected');
  });

  it('ARCHITECTURE Conventions §10: paidOn is read as a calendar date (a timestamp string is refused, not compared as text)', () => {
    expect(() => isPaymentScheduled('scheduled', '2026-11-25T00:00:00Z', d('2026-11-24'))).toThrow(RangeError);
  });
});
