import { describe, expect, it } from 'vitest'
import { createTranslator } from 'next-intl'
import { messages } from '@/lib/i18n/messages'
import { AUDIT_ACTIONS, AUDIT_OUTCOMES, AUDIT_TARGET_TYPES, CARD_ORDER_AUDIT_EVENTS } from '@/lib/domain/audit-actions'
import { PROCEDURE_STATUSES } from '@/lib/domain/procedure-status'
import { PROCEDURE_TYPES } from '@/lib/domain/procedures/procedure-machine'
import { QUEUE_TYPES } from '@/lib/schemas/back-office'
import { FILE_NOTE_KINDS } from '@/lib/domain/file-notes'
import type { TPayloadTranslator } from '@/lib/services/back-office/present-payload'
import { auditActionLabel, auditOutcomeLabel, auditTargetLabel, STAFF_WORDED, staffCode } from '@/lib/services/back-office/present-codes'

function translator(locale: 'fr' | 'en'): TPayloadTranslator {
  const t = createTranslator({ locale, messages: messages[locale] as never }) as unknown as ((k: string, v?: Record<string, string | number>) => string) & { has: (k: string) => boolean }
  return { t: (k, v) => t(k, v), has: (k) => t.has(k) }
}

// Issue 17 §6: every code the back-office shows has a label in French and in English.
describe.each(['fr', 'en'] as const)('code labels (%s)', (locale) => {
  const tr = translator(locale)
  it('every audit action, outcome and target type', () => {
    expect(AUDIT_ACTIONS.filter((a) => !tr.has(`backoffice.auditActions.${a.replace(/\./g, '_')}`))).toEqual([])
    expect(AUDIT_OUTCOMES.filter((o) => !tr.has(`backoffice.auditOutcomes.${o}`))).toEqual([])
    expect(AUDIT_TARGET_TYPES.filter((o) => !tr.has(`backoffice.auditTargets.${o}`))).toEqual([])
    expect(CARD_ORDER_AUDIT_EVENTS.filter((o) => !tr.has(`backoffice.auditCardEvents.${o}`))).toEqual([])
  })
  it('every procedure type, status, thread and appointment status, note kind', () => {
    expect([...PROCEDURE_TYPES, ...QUEUE_TYPES, 'sick-leave'].filter((x) => !tr.has(`procedureTypes.${x}`))).toEqual([])
    expect(PROCEDURE_STATUSES.filter((x) => !tr.has(`procedurePages.status.${x}`))).toEqual([])
    expect(['open', 'answered', 'closed'].filter((x) => !tr.has(`messaging.status.${x}`))).toEqual([])
    expect(['booked', 'cancelled', 'moved', 'done', 'no-show'].filter((x) => !tr.has(`agenda.status.${x}`))).toEqual([])
    expect(FILE_NOTE_KINDS.filter((x) => !tr.has(`backoffice.file.notes.kinds.${x}`))).toEqual([])
  })
  it('every staff-worded refusal', () => {
    expect([...STAFF_WORDED].filter((c) => !tr.has(staffCode(c)))).toEqual([])
  })
})

describe('audit labels', () => {
  const fr = translator('fr')
  it('static, composed and unknown actions', () => {
    expect(auditActionLabel('procedure.approve', fr)).toBe('Demande acceptée')
    expect(auditActionLabel('procedure.css.submit', fr)).toBe('Démarche envoyée : Demande de Complémentaire santé solidaire')
    expect(auditActionLabel('card.vitale.deliver', fr)).toBe('Carte Vitale : livrée')
    expect(auditActionLabel('brand.new', fr)).toBe('Autre action (brand.new)')
    expect(auditOutcomeLabel('success', fr)).toBe('réussi')
    expect(auditTargetLabel('message-thread', translator('en'))).toBe('message thread')
  })
  it('a refusal that speaks to the person has a staff wording', () => {
    expect(staffCode('procedureErrors.transition.invalid')).toBe('backoffice.staffErrors.procedureErrors_transition_invalid')
    expect(staffCode('backoffice.errors.notLocked')).toBe('backoffice.errors.notLocked')
    expect(fr.t(staffCode('procedureErrors.transition.invalid'))).not.toMatch(/votre dossier/)
  })
})
