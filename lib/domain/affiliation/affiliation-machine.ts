/**
 * The life cycle of an affiliation request (Procedure type "affiliation"), openIMIS-like:
 *   submitted ──acknowledge──▶ in-review ──register-temporary──▶ approved (temporary number, rights open)
 *        │                        │  ▲                                   │
 *        │             request-document  add-document                    assign-permanent
 *        │                        ▼  │                                   ▼
 *        └──────────────▶ waiting-document                     completed (permanent number, attestation de droits)
 * A permanent number can also be given straight from review (seed 003: "perhaps you'll be issued a permanent number
 * straightaway", e.g. someone who had one before). Reject (with a reason) is possible until a number is given;
 * the applicant can withdraw the request while nobody has given a number.
 * A number is given only when every required document is attached (`missing` empty). Pure and total.
 */
import { allow, refuse, type Decision } from '../procedures/decision';

export const AFFILIATION_STATUSES = ['submitted', 'in-review', 'waiting-document', 'approved', 'completed', 'rejected', 'cancelled'] as const;
export type TAffiliationStatus = (typeof AFFILIATION_STATUSES)[number];

export type TAffiliationEvent =
  | { type: 'acknowledge' }
  | { type: 'request-document'; document: string; reason: string }
  | { type: 'add-document' }
  | { type: 'register-temporary' }
  | { type: 'assign-permanent' }
  | { type: 'reject'; reason: string }
  | { type: 'withdraw' };

export const AFFILIATION_EVENT_ACTOR: Record<TAffiliationEvent['type'], 'advisor' | 'applicant'> = {
  acknowledge: 'advisor',
  'request-document': 'advisor',
  'add-document': 'applicant',
  'register-temporary': 'advisor',
  'assign-permanent': 'advisor',
  reject: 'advisor',
  withdraw: 'applicant',
};

const NEXT: Record<TAffiliationStatus, Partial<Record<TAffiliationEvent['type'], TAffiliationStatus>>> = {
  submitted: { acknowledge: 'in-review', 'request-document': 'waiting-document', reject: 'rejected', withdraw: 'cancelled' },
  'in-review': { 'request-document': 'waiting-document', 'register-temporary': 'approved', 'assign-permanent': 'completed', reject: 'rejected', withdraw: 'cancelled' },
  'waiting-document': { 'add-document': 'in-review', 'request-document': 'waiting-document', reject: 'rejected', withdraw: 'cancelled' },
  approved: { 'assign-permanent': 'completed' },
  completed: {},
  rejected: {},
  cancelled: {},
};

/** The events possible from `status` (the back-office shows them as buttons). */
export function affiliationEvents(status: string): TAffiliationEvent['type'][] {
  return Object.keys(NEXT[status as TAffiliationStatus] ?? {}) as TAffiliationEvent['type'][];
}

export type TAffiliationState = { status: TAffiliationStatus; requestedDocument: string | null; requestReason: string | null; decisionReason: string | null };

/**
 * Refusals (i18n keys): affiliation.errors.transition (not possible from this status), affiliation.errors.reasonRequired
 * (reject or request without a reason), affiliation.errors.documentsMissing (a number needs every required document;
 * details.documents lists them, comma-separated).
 */
export function transitionAffiliation(state: TAffiliationState, event: TAffiliationEvent, missing: readonly string[]): Decision<TAffiliationState> {
  const next = NEXT[state.status]?.[event.type];
  if (!next) return refuse('affiliation.errors.transition', { from: state.status, event: event.type });
  if (event.type === 'reject' && !event.reason.trim()) return refuse('affiliation.errors.reasonRequired');
  if (event.type === 'request-document' && (!event.document.trim() || !event.reason.trim())) return refuse('affiliation.errors.reasonRequired');
  if ((event.type === 'register-temporary' || event.type === 'assign-permanent') && missing.length > 0) {
    return refuse('affiliation.errors.documentsMissing', { documents: missing.join(',') });
  }
  return allow({
    status: next,
    requestedDocument: event.type === 'request-document' ? event.document.trim() : next === 'waiting-document' ? state.requestedDocument : null,
    requestReason: event.type === 'request-document' ? event.reason.trim() : next === 'waiting-document' ? state.requestReason : null,
    decisionReason: event.type === 'reject' ? event.reason.trim() : state.decisionReason,
  });
}

/** Whether the request is still open (a number can still be given or a document added). */
export function isOpenAffiliation(status: string): boolean {
  return status === 'submitted' || status === 'in-review' || status === 'waiting-document' || status === 'approved';
}
