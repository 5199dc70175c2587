/**
 * The work queue's expected processing delay (SLA, issue 17 §7): each request type has a delay in calendar days
 * (rule rows `queue.sla.<type>`, prisma/rules/queue-sla.json), counted from the day the request was received
 * (Europe/Paris calendar day). The rule in force on that day applies: a new row changes the delay of requests
 * received from its date on, never of older ones.
 *
 * States against the expected date (`dueOn` = received + delay):
 *  - late: today is after the expected date;
 *  - due soon: 20 % of the delay or less is left (daysLeft × 5 ≤ delay), expected date included;
 *  - on time: otherwise.
 * Pure and total: `today` is passed in; a type without a rule has no SLA (null), never a guessed one.
 */
import { addMonths, compareDates, daysBetween, addDays, type CalendarDate } from '../dates';
import type { RuleSet } from '../rules/rule-set';

export const SLA_STATES = ['late', 'due-soon', 'on-time'] as const;
export type TSlaState = (typeof SLA_STATES)[number];

export type TSla = {
  /** The delay in force on the day the request was received. */
  days: number;
  dueOn: CalendarDate;
  /** Days from today to the expected date (negative when late). */
  daysLeft: number;
  state: TSlaState;
};

export const slaKey = (type: string) => `queue.sla.${type}`;

export function slaState(days: number, daysLeft: number): TSlaState {
  if (daysLeft < 0) return 'late';
  if (daysLeft * 5 <= days) return 'due-soon';
  return 'on-time';
}

export function slaOf(type: string, receivedOn: CalendarDate, today: CalendarDate, rules: RuleSet): TSla | null {
  const row = rules.rowAt(slaKey(type), receivedOn);
  if (!row) return null;
  const dueOn = addDays(receivedOn, row.value);
  const daysLeft = daysBetween(today, dueOn);
  return { days: row.value, dueOn, daysLeft, state: slaState(row.value, daysLeft) };
}

/** The age of a request as a person says it: today, N days (under two months), then whole months, then whole years. */
export type TAge = { unit: 'today' | 'days' | 'months' | 'years'; count: number };

export function ageOf(receivedOn: CalendarDate, today: CalendarDate): TAge {
  const days = Math.max(0, daysBetween(receivedOn, today));
  if (days === 0) return { unit: 'today', count: 0 };
  let months = 0;
  while (months < 1200 && compareDates(addMonths(receivedOn, months + 1), today) <= 0) months++;
  if (months < 2) return { unit: 'days', count: days };
  if (months < 24) return { unit: 'months', count: months };
  return { unit: 'years', count: Math.floor(months / 12) };
}

/** Most urgent first: the smallest number of days left (the latest first), then the oldest; no SLA last. */
export function compareUrgency(a: { sla: TSla | null; receivedAt: Date; id: string }, b: { sla: TSla | null; receivedAt: Date; id: string }): number {
  if (a.sla && !b.sla) return -1;
  if (!a.sla && b.sla) return 1;
  const byLeft = (a.sla?.daysLeft ?? 0) - (b.sla?.daysLeft ?? 0);
  return byLeft || a.receivedAt.getTime() - b.receivedAt.getTime() || a.id.localeCompare(b.id);
}
