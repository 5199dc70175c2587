import { describe, expect, it } from 'vitest'
import { calendarDate as d } from '@/lib/domain/dates'
import { RuleSet } from '@/lib/domain/rules/rule-set'
import { bundledRuleRows } from '@/prisma/rules'
import { PROCEDURE_TYPES, estimatedCompletion, expectedFromPerson, procedureEvents, transitionProcedure, type TProcedureEvent } from '@/lib/domain/procedures/procedure-machine'
import { PROCEDURE_STATUSES } from '@/lib/domain/procedure-status'

const rules = new RuleSet(bundledRuleRows)
const today = d('2026-11-10')
const state = (status: string, type = 'address-change') => ({ type, status, estimatedCompletion: '2026-11-25', requestedDocument: null, decisionReason: null })

describe('procedure life cycle (RULEBOOK §9; openIMIS-like: submitted → in-review → approved → completed, waiting-document, rejected, cancelled)', () => {
  it('every type has a dated processing delay', () => {
    for (const type of PROCEDURE_TYPES) expect(() => estimatedCompletion(type, today, rules), type).not.toThrow()
    expect(estimatedCompletion('address-change', today, rules)).toBe('2026-11-25')
    expect(estimatedCompletion('birth', today, rules)).toBe('2026-11-18')
  })

  it('document request and answer: the estimate restarts when the person adds the document', () => {
    const asked = transitionProcedure(state('in-review'), { type: 'request-document', document: 'Justificatif de domicile' }, today, rules)
    expect(asked).toMatchObject({ ok: true, value: { status: 'waiting-document', requestedDocument: 'Justificatif de domicile' } })
    if (!asked.ok) return
    expect(expectedFromPerson(asked.value)).toEqual({ kind: 'add-document', document: 'Justificatif de domicile' })
    const added = transitionProcedure(asked.value, { type: 'add-document' }, d('2026-11-20'), rules)
    expect(added).toMatchObject({ ok: true, value: { status: 'in-review', requestedDocument: null, estimatedCompletion: '2026-12-05' } })
  })

  it('reject needs a reason; cancel only while nobody works on it; terminal states accept nothing', () => {
    expect(transitionProcedure(state('submitted'), { type: 'reject', reason: ' ' }, today, rules)).toMatchObject({ ok: false, error: 'procedureErrors.transition.reasonRequired' })
    expect(transitionProcedure(state('submitted'), { type: 'reject', reason: 'Pièce illisible' }, today, rules)).toMatchObject({ ok: true, value: { status: 'rejected', decisionReason: 'Pièce illisible', estimatedCompletion: null } })
    expect(transitionProcedure(state('submitted'), { type: 'cancel' }, today, rules)).toMatchObject({ ok: true, value: { status: 'cancelled' } })
    expect(transitionProcedure(state('in-review'), { type: 'cancel' }, today, rules)).toMatchObject({ ok: false, error: 'procedureErrors.transition.invalid' })
    for (const s of ['rejected', 'cancelled', 'completed']) expect(procedureEvents(s)).toEqual([])
    expect(procedureEvents('approved')).toEqual(['complete'])
  })

  it('is total over every status × event × type', () => {
    const events: TProcedureEvent[] = [
      { type: 'start-review' },
      { type: 'request-document', document: 'x' },
      { type: 'add-document' },
      { type: 'approve' },
      { type: 'complete' },
      { type: 'reject', reason: 'r' },
      { type: 'cancel' },
    ]
    for (const type of [...PROCEDURE_TYPES, 'unknown'])
      for (const status of [...PROCEDURE_STATUSES, 'nonsense'])
        for (const e of events) expect(() => transitionProcedure(state(status, type), e, today, rules)).not.toThrow()
    expect(transitionProcedure(state('submitted', 'unknown'), { type: 'approve' }, today, rules).ok).toBe(false)
  })

  it('what the person must do: add a document, retake a photo (rejected Vitale photo), or nothing', () => {
    expect(expectedFromPerson({ status: 'rejected', rejectReason: 'photo-unusable' })).toEqual({ kind: 'retake-photo' })
    expect(expectedFromPerson({ status: 'rejected', rejectReason: 'identity-mismatch' })).toEqual({ kind: 'new-order' })
    expect(expectedFromPerson({ status: 'in-review' })).toEqual({ kind: 'none' })
  })
})
