/**
 * The timeline of an affiliation request, as the applicant follows it: each step with its usual delay (seed 003:
 * receipt confirmed in 3–5 days, temporary number in 1–2 months, permanent number from about 2 months later, the
 * card about 2 weeks after ordering online — rule rows affiliation.*) and the actual date once it happened.
 * Expected dates chain from the latest actual date before them, so a late step pushes the next ones.
 * Pure: dates and rules are passed in.
 */
import { addDays, compareDates, type CalendarDate } from '../dates';
import type { RuleSet } from '../rules/rule-set';

export type TTimelineStepKey = 'submitted' | 'receipt' | 'document' | 'temporary-number' | 'permanent-number' | 'account' | 'first-card' | 'card-delivered' | 'rejected' | 'cancelled';

export type TTimelineStep = {
  key: TTimelineStepKey;
  state: 'done' | 'current' | 'upcoming' | 'skipped';
  /** When it happened. */
  on: CalendarDate | null;
  /** The usual window (from–to; `to` null = "from about"), for steps not done yet. */
  expectedFrom: CalendarDate | null;
  expectedTo: CalendarDate | null;
  /** The document asked (document step) or the reason (rejected). */
  detail: string | null;
};

export type TTimelineFacts = {
  status: string;
  submittedOn: CalendarDate;
  acknowledgedOn: CalendarDate | null;
  /** Every document request, with when the applicant answered it (null = still waiting). */
  documentRequests: { document: string; requestedOn: CalendarDate; answeredOn: CalendarDate | null }[];
  temporaryNumberOn: CalendarDate | null;
  permanentNumberOn: CalendarDate | null;
  accountActivatedOn: CalendarDate | null;
  firstCardOrderedOn: CalendarDate | null;
  firstCardDeliveredOn: CalendarDate | null;
  closedOn: CalendarDate | null;
  decisionReason: string | null;
};

const later = (a: CalendarDate, b: CalendarDate | null): CalendarDate => (b && compareDates(b, a) > 0 ? b : a);

export function affiliationTimeline(f: TTimelineFacts, today: CalendarDate, rules: RuleSet): TTimelineStep[] {
  const at = (key: string) => rules.valueAt(key, f.submittedOn);
  const steps: TTimelineStep[] = [{ key: 'submitted', state: 'done', on: f.submittedOn, expectedFrom: null, expectedTo: null, detail: null }];
  const stopped = f.status === 'rejected' || f.status === 'cancelled';

  // Receipt confirmed: 3–5 days after sending (or the first time an advisor acted on the file).
  const receiptBase = f.submittedOn;
  steps.push(
    f.acknowledgedOn
      ? { key: 'receipt', state: 'done', on: f.acknowledgedOn, expectedFrom: null, expectedTo: null, detail: null }
      : { key: 'receipt', state: 'current', on: null, expectedFrom: addDays(receiptBase, at('affiliation.receipt.min-days')), expectedTo: addDays(receiptBase, at('affiliation.receipt.max-days')), detail: null },
  );
  let cursor = f.acknowledgedOn ?? later(addDays(receiptBase, at('affiliation.receipt.max-days')), today);

  for (const r of f.documentRequests) {
    steps.push({ key: 'document', state: r.answeredOn ? 'done' : 'current', on: r.answeredOn, expectedFrom: null, expectedTo: null, detail: r.document });
    cursor = r.answeredOn ?? later(cursor, today);
  }

  if (stopped) {
    steps.push({ key: f.status as 'rejected' | 'cancelled', state: 'done', on: f.closedOn, expectedFrom: null, expectedTo: null, detail: f.decisionReason });
    return markCurrent(steps);
  }

  // Temporary number: 1–2 months after receipt; skipped when the permanent number came straight away.
  if (f.temporaryNumberOn) {
    steps.push({ key: 'temporary-number', state: 'done', on: f.temporaryNumberOn, expectedFrom: null, expectedTo: null, detail: null });
    cursor = f.temporaryNumberOn;
  } else if (f.permanentNumberOn) {
    steps.push({ key: 'temporary-number', state: 'skipped', on: null, expectedFrom: null, expectedTo: null, detail: null });
  } else {
    const from = later(addDays(cursor, at('affiliation.temporary-number.min-days')), today);
    steps.push({ key: 'temporary-number', state: 'upcoming', on: null, expectedFrom: from, expectedTo: later(addDays(cursor, at('affiliation.temporary-number.max-days')), from), detail: null });
    cursor = addDays(cursor, at('affiliation.temporary-number.max-days'));
  }

  // Permanent number: from about 2 months after the temporary one, no promised upper bound.
  if (f.permanentNumberOn) {
    steps.push({ key: 'permanent-number', state: 'done', on: f.permanentNumberOn, expectedFrom: null, expectedTo: null, detail: null });
    cursor = f.permanentNumberOn;
  } else {
    steps.push({ key: 'permanent-number', state: 'upcoming', on: null, expectedFrom: later(addDays(cursor, at('affiliation.permanent-number.min-days')), today), expectedTo: null, detail: null });
  }

  // Account activation: as soon as the permanent number is there (the person asks for it).
  steps.push(
    f.accountActivatedOn
      ? { key: 'account', state: 'done', on: f.accountActivatedOn, expectedFrom: null, expectedTo: null, detail: null }
      : { key: 'account', state: 'upcoming', on: null, expectedFrom: null, expectedTo: null, detail: null },
  );

  // First Vitale card: ordered online, about 2 weeks.
  steps.push(
    f.firstCardOrderedOn
      ? { key: 'first-card', state: 'done', on: f.firstCardOrderedOn, expectedFrom: null, expectedTo: null, detail: null }
      : { key: 'first-card', state: 'upcoming', on: null, expectedFrom: null, expectedTo: null, detail: null },
  );
  steps.push(
    f.firstCardDeliveredOn
      ? { key: 'card-delivered', state: 'done', on: f.firstCardDeliveredOn, expectedFrom: null, expectedTo: null, detail: null }
      : {
          key: 'card-delivered',
          state: 'upcoming',
          on: null,
          expectedFrom: f.firstCardOrderedOn ? later(addDays(f.firstCardOrderedOn, at('affiliation.first-card.days')), today) : null,
          expectedTo: null,
          detail: null,
        },
  );
  return markCurrent(steps);
}

/** The first step not done (and not skipped) is the current one; a current step before it stays current. */
function markCurrent(steps: TTimelineStep[]): TTimelineStep[] {
  let seenCurrent = false;
  return steps.map((s) => {
    if (s.state === 'done' || s.state === 'skipped') return s;
    if (!seenCurrent) {
      seenCurrent = true;
      return { ...s, state: 'current' };
    }
    return { ...s, state: s.state === 'current' ? 'current' : 'upcoming' };
  });
}
