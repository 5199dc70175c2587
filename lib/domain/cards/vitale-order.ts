/**
 * Vitale card orders (RULEBOOK §9 "Vitale loss/theft"; seed documents 003 and 004).
 * States: requested → photo-checked → in-production → sent → delivered, or rejected with a reason to fix
 * (from requested or photo-checked). Rules: not for a temporary number; a child's card from 12 on request,
 * one's own card from 16; one order in progress per person; not while the person's card is active (declare it lost,
 * stolen or broken first); after a loss/theft/broken declaration without
 * an immediate reorder, a new order opens again 2 days later. Every figure comes from the rule set.
 * Pure: `today` is passed in.
 */
import { addDays, ageOn, calendarDate, compareDates, type CalendarDate } from '../dates';
import type { RuleSet } from '../rules/rule-set';
import { allow, isTemporaryNir, refuse, type Decision } from '../procedures/decision';

export const VITALE_ORDER_STATUSES = ['requested', 'photo-checked', 'in-production', 'sent', 'delivered', 'rejected'] as const;
export type TVitaleOrderStatus = (typeof VITALE_ORDER_STATUSES)[number];
/** Statuses of an order still "in progress" (one per person). */
export const VITALE_IN_PROGRESS: readonly TVitaleOrderStatus[] = ['requested', 'photo-checked', 'in-production', 'sent'];

export const VITALE_REJECT_REASONS = ['photo-unusable', 'photo-not-compliant', 'identity-unreadable', 'identity-mismatch', 'address-undeliverable'] as const;
export type TVitaleRejectReason = (typeof VITALE_REJECT_REASONS)[number];

export type TVitaleOrderEvent =
  | { type: 'check-photo' }
  | { type: 'start-production' }
  | { type: 'send' }
  | { type: 'deliver' }
  | { type: 'reject'; reason: TVitaleRejectReason };

export type TCardOrderState = { status: string; estimatedDelivery: string | null };

const NEXT: Record<string, Partial<Record<TVitaleOrderEvent['type'], TVitaleOrderStatus>>> = {
  requested: { 'check-photo': 'photo-checked', reject: 'rejected' },
  'photo-checked': { 'start-production': 'in-production', reject: 'rejected' },
  'in-production': { send: 'sent' },
  sent: { deliver: 'delivered' },
  delivered: {},
  rejected: {},
};

/** The events an advisor may apply to an order in `status` (for the back-office buttons). */
export function vitaleOrderEvents(status: string): TVitaleOrderEvent['type'][] {
  return Object.keys(NEXT[status] ?? {}) as TVitaleOrderEvent['type'][];
}

/** Estimated delivery of a Vitale card ordered on `today` (about 2–3 weeks: the upper bound is shown). */
export function vitaleEstimatedDelivery(today: CalendarDate, rules: RuleSet): CalendarDate {
  return addDays(today, rules.valueAt('card.vitale.delivery-days', today));
}

/**
 * Total transition function: the next state, or a refusal ('procedureErrors.transition.invalid') when the
 * event does not apply to the current status. The estimated delivery never goes before today.
 */
export function transitionVitaleOrder(
  order: TCardOrderState,
  event: TVitaleOrderEvent,
  today: CalendarDate,
  rules: RuleSet,
): Decision<{ status: TVitaleOrderStatus; estimatedDelivery: string | null; rejectReason: TVitaleRejectReason | null }> {
  const next = NEXT[order.status]?.[event.type];
  if (!next) return refuse('procedureErrors.transition.invalid', { from: order.status, event: event.type });
  if (event.type === 'reject' && !(VITALE_REJECT_REASONS as readonly string[]).includes(event.reason)) {
    return refuse('procedureErrors.transition.reasonRequired');
  }
  let estimate = order.estimatedDelivery;
  if (next === 'delivered' || next === 'rejected') estimate = null;
  else if (next === 'in-production') {
    const production = addDays(today, rules.valueAt('card.vitale.production-days', today));
    estimate = estimate && compareDates(calendarDate(estimate), production) > 0 ? estimate : production;
  } else if (estimate && compareDates(calendarDate(estimate), today) < 0) estimate = today;
  return allow({ status: next, estimatedDelivery: estimate, rejectReason: event.type === 'reject' ? event.reason : null });
}

export type TVitaleOrderFacts = {
  today: CalendarDate;
  /** The card holder: the insured person or a beneficiary. */
  person: { nir: string | null; birthDate: CalendarDate; isBeneficiary: boolean };
  /** Statuses of this person's Vitale orders. */
  orderStatuses: readonly string[];
  /** The person's latest blocked Vitale card, if any: the calendar day it was blocked (Europe/Paris), and whether an order followed. */
  lastBlock: { blockedOn: CalendarDate; reorderedSince: boolean } | null;
  /** The serial number of the person's Vitale card in use (active), if any. */
  activeCard?: string | null;
};

/** "own" from 16, "on-request" between 12 and 16 (RULEBOOK §9). */
export type TVitaleOrderKind = 'own' | 'on-request';

/** Whether a Vitale card may be ordered today for this person, with the estimated delivery. */
export function canOrderVitaleCard(facts: TVitaleOrderFacts, rules: RuleSet): Decision<{ kind: TVitaleOrderKind; estimatedDelivery: CalendarDate }> {
  const { today, person } = facts;
  if (!person.nir) return refuse('procedureErrors.vitale.noOwnNumber');
  if (isTemporaryNir(person.nir)) return refuse('procedureErrors.vitale.temporaryNumber');
  const age = ageOn(person.birthDate, today);
  const onRequestAge = rules.valueAt('card.vitale.min-age.on-request', today);
  const ownAge = rules.valueAt('card.vitale.min-age.own', today);
  if (age < onRequestAge) {
    return refuse('procedureErrors.vitale.tooYoung', { minAge: onRequestAge, opensOn: birthdayAt(person.birthDate, onRequestAge) });
  }
  if (facts.orderStatuses.some((s) => (VITALE_IN_PROGRESS as readonly string[]).includes(s))) return refuse('procedureErrors.vitale.pending');
  // One card in use per person (issue 17 item 1): a lost, stolen or broken card is declared first, which blocks it.
  if (facts.activeCard) return refuse('procedureErrors.vitale.activeCard', { serial: facts.activeCard });
  const opensOn = reorderOpensOn(facts.lastBlock, rules);
  if (opensOn && compareDates(today, opensOn) < 0) return refuse('procedureErrors.vitale.waitAfterBlock', { opensOn });
  return allow({ kind: age < ownAge ? 'on-request' : 'own', estimatedDelivery: vitaleEstimatedDelivery(today, rules) });
}

/**
 * Seed 004: "if you do not immediately order your new carte Vitale after blocking your current one, you have
 * to wait up to two days". The day a new order opens again (blocking day + the wait), or null when no wait applies.
 */
export function reorderOpensOn(lastBlock: TVitaleOrderFacts['lastBlock'], rules: RuleSet): CalendarDate | null {
  if (!lastBlock || lastBlock.reorderedSince) return null;
  return addDays(lastBlock.blockedOn, rules.valueAt('card.vitale.reorder-wait-days', lastBlock.blockedOn));
}

function birthdayAt(birthDate: CalendarDate, age: number): string {
  const y = Number(birthDate.slice(0, 4)) + age;
  const md = birthDate.slice(5);
  // 29 February → 1 March in common years (same convention as ageOn).
  if (md === '02-29' && !(y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0))) return `${y}-03-01`;
  return `${String(y).padStart(4, '0')}-${md}`;
}
