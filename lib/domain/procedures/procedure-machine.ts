/**
 * The life cycle shared by every procedure (démarche) stored in the Procedure table — change of address, bank
 * details, usual name, birth declaration, CSS application, refund requests, médecin traitant, card loss —
 * with what each type expects from the person and its estimated completion date (rule rows
 * `procedure.<type>.days`). openIMIS-like: submitted → in-review → approved → completed, a document can be
 * requested (waiting-document → back in review when the person adds it), rejected with a reason, cancelled by the
 * person while nobody has started on it. Pure and total: `today` is passed in, refusals are values.
 */
import { addDays, type CalendarDate } from '../dates';
import type { RuleSet } from '../rules/rule-set';
import type { TProcedureStatus } from '../procedure-status';
import { allow, refuse, type Decision } from './decision';

export const PROCEDURE_TYPES = [
  'card-loss',
  'address-change',
  'bank-change',
  'name-change',
  'birth',
  'css',
  'transport-refund',
  'abroad-refund',
  'doctor-declaration',
  'care-not-received',
] as const;
export type TProcedureType = (typeof PROCEDURE_TYPES)[number];

export type TProcedureEvent =
  | { type: 'start-review' }
  | { type: 'request-document'; document: string }
  | { type: 'add-document' }
  | { type: 'approve' }
  | { type: 'complete' }
  | { type: 'reject'; reason: string }
  | { type: 'cancel' };

/** Who may apply an event: the advisor (back-office) or the person (insured). */
export const EVENT_ACTOR: Record<TProcedureEvent['type'], 'advisor' | 'insured'> = {
  'start-review': 'advisor',
  'request-document': 'advisor',
  'add-document': 'insured',
  approve: 'advisor',
  complete: 'advisor',
  reject: 'advisor',
  cancel: 'insured',
};

const NEXT: Record<TProcedureStatus, Partial<Record<TProcedureEvent['type'], TProcedureStatus>>> = {
  submitted: { 'start-review': 'in-review', 'request-document': 'waiting-document', approve: 'approved', reject: 'rejected', cancel: 'cancelled' },
  'in-review': { 'request-document': 'waiting-document', approve: 'approved', reject: 'rejected' },
  'waiting-document': { 'add-document': 'in-review', reject: 'rejected', cancel: 'cancelled' },
  approved: { complete: 'completed' },
  rejected: {},
  cancelled: {},
  completed: {},
};

/** The events possible from `status` (the back-office shows them as buttons). */
export function procedureEvents(status: string): TProcedureEvent['type'][] {
  return Object.keys(NEXT[status as TProcedureStatus] ?? {}) as TProcedureEvent['type'][];
}

export function isProcedureType(type: string): type is TProcedureType {
  return (PROCEDURE_TYPES as readonly string[]).includes(type);
}

/** Estimated completion of a procedure of `type` (re)started on `today`. */
export function estimatedCompletion(type: TProcedureType, today: CalendarDate, rules: RuleSet): CalendarDate {
  return addDays(today, rules.valueAt(`procedure.${type}.days`, today));
}

export type TProcedureState = { type: string; status: string; estimatedCompletion: string | null; requestedDocument: string | null; decisionReason: string | null };

/**
 * Total transition function. Refusals: 'procedureErrors.transition.invalid' (event not possible from the status),
 * 'procedureErrors.transition.reasonRequired' (reject without reason, request-document without a document).
 */
export function transitionProcedure(state: TProcedureState, event: TProcedureEvent, today: CalendarDate, rules: RuleSet): Decision<TProcedureState> {
  const next = NEXT[state.status as TProcedureStatus]?.[event.type];
  if (!next || !isProcedureType(state.type)) return refuse('procedureErrors.transition.invalid', { from: state.status, event: event.type });
  if (event.type === 'reject' && !event.reason.trim()) return refuse('procedureErrors.transition.reasonRequired');
  if (event.type === 'request-document' && !event.document.trim()) return refuse('procedureErrors.transition.reasonRequired');
  const terminal = next === 'approved' || next === 'rejected' || next === 'cancelled' || next === 'completed';
  return allow({
    type: state.type,
    status: next,
    estimatedCompletion: terminal ? null : event.type === 'add-document' ? estimatedCompletion(state.type, today, rules) : state.estimatedCompletion,
    requestedDocument: event.type === 'request-document' ? event.document.trim() : next === 'waiting-document' ? state.requestedDocument : null,
    decisionReason: event.type === 'reject' ? event.reason.trim() : state.decisionReason,
  });
}

/** What the person has to do now (suivre mes démarches): nothing, add a document, retake a photo. */
export type TExpectedAction = { kind: 'none' } | { kind: 'add-document'; document: string } | { kind: 'retake-photo' } | { kind: 'new-order' };

export function expectedFromPerson(state: { status: string; requestedDocument?: string | null; rejectReason?: string | null }): TExpectedAction {
  if (state.status === 'waiting-document') return { kind: 'add-document', document: state.requestedDocument ?? '' };
  if (state.status === 'rejected' && state.rejectReason && state.rejectReason.startsWith('photo-')) return { kind: 'retake-photo' };
  if (state.status === 'rejected' && state.rejectReason && /^(identity|address)-/.test(state.rejectReason)) return { kind: 'new-order' };
  return { kind: 'none' };
}
