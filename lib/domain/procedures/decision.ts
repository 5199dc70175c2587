/**
 * The result of a domain rule or a state-machine transition: allowed (with a value) or refused with an
 * error code (the i18n key of the explanation, root namespace `procedureErrors`) and the facts the
 * message shows (a date it opens again, a ceiling…). Domain functions never throw for a refusal.
 */
export type Refusal = { ok: false; error: string; details?: Record<string, string | number> };
export type Decision<T> = { ok: true; value: T } | Refusal;

export function allow<T>(value: T): Decision<T> {
  return { ok: true, value };
}

export function refuse(error: string, details?: Record<string, string | number>): Refusal {
  return details ? { ok: false, error, details } : { ok: false, error };
}

/** Temporary numbers start with 7 or 8 (RULEBOOK §8): reimbursable, but no account, no Vitale card, no EHIC. */
export function isTemporaryNir(nir: string): boolean {
  return nir.startsWith('7') || nir.startsWith('8');
}
