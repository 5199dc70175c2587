/**
 * European Health Insurance Card (EHIC / CEAM) and its provisional replacement certificate (RULEBOOK §9 "CEAM").
 * Order at least 15 days before departure (delivery ~10–15 days); a later departure gets a warning and the offer
 * of the provisional certificate (immediate PDF, 3 months, never beyond the rights end). The card is valid 2 years,
 * never beyond the rights end. Not for a temporary number. One order in progress per person.
 * States: requested → in-production → sent → delivered, or rejected. Pure: `today` is passed in.
 */
import { addDays, addMonths, calendarDate, compareDates, daysBetween, type CalendarDate } from '../dates';
import type { RuleSet } from '../rules/rule-set';
import { allow, isTemporaryNir, refuse, type Decision } from '../procedures/decision';

export const EHIC_ORDER_STATUSES = ['requested', 'in-production', 'sent', 'delivered', 'rejected'] as const;
export type TEhicOrderStatus = (typeof EHIC_ORDER_STATUSES)[number];
export const EHIC_IN_PROGRESS: readonly TEhicOrderStatus[] = ['requested', 'in-production', 'sent'];
export const EHIC_REJECT_REASONS = ['no-rights', 'address-undeliverable', 'other-country-competent'] as const;
export type TEhicRejectReason = (typeof EHIC_REJECT_REASONS)[number];

export type TEhicOrderEvent = { type: 'start-production' } | { type: 'send' } | { type: 'deliver' } | { type: 'reject'; reason: TEhicRejectReason };

const NEXT: Record<string, Partial<Record<TEhicOrderEvent['type'], TEhicOrderStatus>>> = {
  requested: { 'start-production': 'in-production', reject: 'rejected' },
  'in-production': { send: 'sent', reject: 'rejected' },
  sent: { deliver: 'delivered' },
  delivered: {},
  rejected: {},
};

export function ehicOrderEvents(status: string): TEhicOrderEvent['type'][] {
  return Object.keys(NEXT[status] ?? {}) as TEhicOrderEvent['type'][];
}

export function transitionEhicOrder(
  order: { status: string; estimatedDelivery: string | null },
  event: TEhicOrderEvent,
  today: CalendarDate,
): Decision<{ status: TEhicOrderStatus; estimatedDelivery: string | null; rejectReason: TEhicRejectReason | null }> {
  const next = NEXT[order.status]?.[event.type];
  if (!next) return refuse('procedureErrors.transition.invalid', { from: order.status, event: event.type });
  if (event.type === 'reject' && !(EHIC_REJECT_REASONS as readonly string[]).includes(event.reason)) return refuse('procedureErrors.transition.reasonRequired');
  let estimate = order.estimatedDelivery;
  if (next === 'delivered' || next === 'rejected') estimate = null;
  else if (estimate && compareDates(calendarDate(estimate), today) < 0) estimate = today;
  return allow({ status: next, estimatedDelivery: estimate, rejectReason: event.type === 'reject' ? event.reason : null });
}

export type TEhicPerson = { nir: string | null; rightsFrom: CalendarDate; rightsTo: CalendarDate | null };

/** Rights open today (affiliation active and today within [rightsFrom, rightsTo]). */
function checkRights(person: TEhicPerson, today: CalendarDate, active: boolean) {
  if (!person.nir) return refuse('procedureErrors.ehic.noOwnNumber');
  if (isTemporaryNir(person.nir)) return refuse('procedureErrors.ehic.temporaryNumber');
  if (!active || compareDates(today, person.rightsFrom) < 0 || (person.rightsTo && compareDates(today, person.rightsTo) > 0)) {
    return refuse('procedureErrors.ehic.noRights');
  }
  return null;
}

export type TEhicAssessment = {
  estimatedDelivery: CalendarDate;
  /** Days between today and the departure. */
  daysBeforeDeparture: number;
  /** False when the departure is less than the threshold (15 days) away: the card will not arrive in time. */
  arrivesInTime: boolean;
  /** The provisional certificate is offered when the card will not arrive in time. */
  provisionalOffered: boolean;
  minDaysBeforeDeparture: number;
};

/** Whether an EHIC may be ordered today for a departure on `departureDate`, and whether it arrives in time. */
export function assessEhicOrder(
  facts: { today: CalendarDate; departureDate: CalendarDate; person: TEhicPerson; affiliationActive: boolean; orderStatuses: readonly string[] },
  rules: RuleSet,
): Decision<TEhicAssessment> {
  const { today, departureDate } = facts;
  const rights = checkRights(facts.person, today, facts.affiliationActive);
  if (rights) return rights;
  if (compareDates(departureDate, today) < 0) return refuse('procedureErrors.ehic.departureInPast');
  if (facts.orderStatuses.some((s) => (EHIC_IN_PROGRESS as readonly string[]).includes(s))) return refuse('procedureErrors.ehic.pending');
  const min = rules.valueAt('card.ehic.min-days-before-departure', today);
  const daysBeforeDeparture = daysBetween(today, departureDate);
  const arrivesInTime = daysBeforeDeparture >= min;
  return allow({
    estimatedDelivery: addDays(today, rules.valueAt('card.ehic.delivery-days', today)),
    daysBeforeDeparture,
    arrivesInTime,
    provisionalOffered: !arrivesInTime,
    minDaysBeforeDeparture: min,
  });
}

/** Validity of a card issued on `issuedOn`: 2 years (last day inclusive), never beyond the rights end. */
export function ehicCardValidUntil(issuedOn: CalendarDate, rightsTo: CalendarDate | null, rules: RuleSet): CalendarDate {
  const years = rules.valueAt('card.ehic.validity-years', issuedOn);
  return capAt(addDays(addMonths(issuedOn, 12 * years), -1), rightsTo);
}

/** The provisional replacement certificate issued today: valid 3 months, never beyond the rights end. */
export function provisionalCertificateValidity(
  facts: { today: CalendarDate; person: TEhicPerson; affiliationActive: boolean },
  rules: RuleSet,
): Decision<{ validFrom: CalendarDate; validUntil: CalendarDate; cappedByRights: boolean }> {
  const rights = checkRights(facts.person, facts.today, facts.affiliationActive);
  if (rights) return rights;
  const months = rules.valueAt('card.ehic.provisional-validity-months', facts.today);
  const full = addDays(addMonths(facts.today, months), -1);
  const validUntil = capAt(full, facts.person.rightsTo);
  return allow({ validFrom: facts.today, validUntil, cappedByRights: validUntil !== full });
}

function capAt(date: CalendarDate, rightsTo: CalendarDate | null): CalendarDate {
  return rightsTo && compareDates(rightsTo, date) < 0 ? rightsTo : date;
}
