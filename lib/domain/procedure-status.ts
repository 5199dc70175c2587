/**
 * Statuses of a procedure (démarche), shared by every procedure type (openIMIS-like life cycle).
 * The per-type state machines (issue 5) move between these.
 */
export const PROCEDURE_STATUSES = ['submitted', 'in-review', 'waiting-document', 'approved', 'rejected', 'cancelled', 'completed'] as const
export type TProcedureStatus = (typeof PROCEDURE_STATUSES)[number]

/** Still waiting for the caisse or the person: counted in the advisor's queue and "in progress" for the person. */
export const PROCEDURE_WAITING_STATUSES = ['submitted', 'in-review', 'waiting-document'] as const satisfies readonly TProcedureStatus[]
