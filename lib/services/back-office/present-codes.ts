import type { TPayloadTranslator } from './present-payload'
import { humaniseKey } from './present-payload'

/**
 * Codes stored in the database (statuses, procedure types, audit actions and outcomes, target types) as staff read
 * them (issue 17 §6). Pure: the caller passes a translator over the whole message tree. A code no message knows is
 * humanised ("in-review" → "In review"), never shown raw.
 */

function pick(tr: TPayloadTranslator, keys: string[], code: string, values?: Record<string, string | number>): string {
  for (const k of keys) if (tr.has(k)) return tr.t(k, values)
  return humaniseKey(code)
}

/** A procedure, card order or sick-leave type. */
export function procedureTypeLabel(type: string, tr: TPayloadTranslator): string {
  return pick(tr, [`procedureTypes.${type}`], type)
}

/** A procedure, card order or sick-leave status. */
export function procedureStatusLabel(status: string, tr: TPayloadTranslator): string {
  return pick(tr, [`procedurePages.status.${status}`, `backoffice.sickLeaveStatuses.${status}`], status)
}

export function threadStatusLabel(status: string, tr: TPayloadTranslator): string {
  return pick(tr, [`messaging.status.${status}`], status)
}

export function appointmentStatusLabel(status: string, tr: TPayloadTranslator): string {
  return pick(tr, [`agenda.status.${status}`], status)
}

export function appointmentReasonLabel(reason: string, tr: TPayloadTranslator): string {
  return pick(tr, [`agenda.reasons.${reason}`], reason)
}

export function auditOutcomeLabel(outcome: string, tr: TPayloadTranslator): string {
  return pick(tr, [`backoffice.auditOutcomes.${outcome}`], outcome)
}

export function auditTargetLabel(targetType: string, tr: TPayloadTranslator): string {
  return pick(tr, [`backoffice.auditTargets.${targetType}`], targetType)
}

/** "procedure.approve" → "Demande acceptée"; "procedure.css.submit" → "Démarche envoyée : Demande de CSS". */
export function auditActionLabel(action: string, tr: TPayloadTranslator): string {
  const key = `backoffice.auditActions.${action.replace(/\./g, '_')}`
  if (tr.has(key)) return tr.t(key)
  const parts = action.split('.')
  if (parts.length === 3 && parts[0] === 'procedure' && parts[2] === 'submit') {
    return tr.t('backoffice.auditPatterns.submit', { type: procedureTypeLabel(parts[1]!, tr) })
  }
  if (parts.length === 3 && parts[0] === 'card') {
    const kind = pick(tr, [`backoffice.auditCardKinds.${parts[1]}`], parts[1]!)
    const event = pick(tr, [`backoffice.auditCardEvents.${parts[2]}`], parts[2]!)
    return tr.t('backoffice.auditPatterns.card', { kind, event })
  }
  return tr.t('backoffice.auditPatterns.prefix', { action })
}

/** A refusal worded for staff when one exists (backoffice.staffErrors.<code with dots as underscores>), else the code. */
export function staffCode(code: string): string {
  return STAFF_WORDED.has(code) ? `backoffice.staffErrors.${code.replace(/\./g, '_')}` : code
}

/** Codes whose default wording speaks to the insured person ("your file", "My procedures"). */
export const STAFF_WORDED: ReadonlySet<string> = new Set([
  'procedureErrors.transition.invalid',
  'procedureErrors.transition.reasonRequired',
  'procedureErrors.refund.amountRequired',
  'procedureErrors.refund.noAmount',
  'procedureErrors.upload.notFound',
  'procedureErrors.sickLeave.overlap',
  'procedureErrors.sickLeave.tooFar',
  'procedureErrors.sickLeave.tooOld',
  'procedureErrors.cancel.taken',
])
