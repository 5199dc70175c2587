import { calendarDate, compareDates, type CalendarDate } from './dates';

/**
 * Whether a transfer is still to come. A payment is "scheduled" only while its status says so AND its date is
 * after today (Paris): once the date is reached it is shown as paid even if the payment run (npm run
 * jobs:payments) has not marked it yet. ARCHITECTURE Conventions §10: paidOn is compared as a calendar date.
 */
export function isPaymentScheduled(status: string, paidOn: string, today: CalendarDate): boolean {
  return status === 'scheduled' && compareDates(calendarDate(paidOn), today) > 0;
}

/** The status to display: "paid" once the date is reached, whatever the job did. */
export function displayedPaymentStatus(status: string, paidOn: string, today: CalendarDate): string {
  return status === 'scheduled' && !isPaymentScheduled(status, paidOn, today) ? 'paid' : status;
}
