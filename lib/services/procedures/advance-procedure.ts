import 'server-only'
import { getDb, type Tx } from '@/lib/db/client'
import { writeAudit } from '@/lib/db/repositories/audit'
import { createBeneficiaryWithLinks, createCoveragePeriod, findInsuredFacts, listBeneficiaryRanks, updateInsured } from '@/lib/db/repositories/people'
import { attachUploads, findProcedureInScope, recordPayment, updateProcedureState, type TProcedureRow } from '@/lib/db/repositories/procedures'
import { listOwnCoveragePeriodsFrom } from '@/lib/db/repositories/coverage'
import { cssPeriod, type TCssAssessment } from '@/lib/domain/css/eligibility'
import { maskIban } from '@/lib/domain/iban'
import { EVENT_ACTOR, transitionProcedure, type TProcedureEvent } from '@/lib/domain/procedures/procedure-machine'
import { nextBeneficiaryRank } from '@/lib/domain/procedures/change-of-situation'
import { calendarDate, compareDates, type CalendarDate } from '@/lib/domain/dates'
import { ZAdvanceProcedure, type TAdvanceProcedure } from '@/lib/schemas/procedures'
import { AppError } from '@/lib/errors'
import { auditRole, loadRuleSet, newReference, notifyProcedureChange, orRefuse, staffScope, todayOf, type TActor, type TRequestContext } from './common'

const CLOSED = new Set(['approved', 'rejected', 'cancelled', 'completed'])
const REFUNDS = new Set(['transport-refund', 'abroad-refund'])

/** The estimate stored with a refund request (cents), or null when the engine could not estimate it. */
function estimateOf(payload: Record<string, unknown>): number | null {
  const cents = (payload.estimate as { amoCents?: unknown } | null | undefined)?.amoCents
  return typeof cents === 'number' && Number.isInteger(cents) ? cents : null
}

/**
 * The amount a refund is paid on completion: the accepted amount (typed by the advisor or the estimate, see
 * applyApproval), else the estimate for a request accepted before that rule. A refund never completes unpaid.
 */
export function refundAmountToPay(payload: Record<string, unknown>): number {
  const approved = payload.approvedAmount
  const amount = typeof approved === 'number' && Number.isInteger(approved) ? approved : estimateOf(payload)
  if (amount === null || amount <= 0) throw new AppError('procedureErrors.refund.noAmount', 422)
  return amount
}

/** What approval changes in the file, per type (same transaction as the status change). */
async function applyApproval(tx: Tx, p: TProcedureRow, today: CalendarDate, input: TAdvanceProcedure, rules: Awaited<ReturnType<typeof loadRuleSet>>): Promise<Record<string, unknown>> {
  const payload = JSON.parse(p.payload) as Record<string, unknown>
  const insuredId = p.insuredId!
  switch (p.type) {
    case 'address-change': {
      await updateInsured(tx, insuredId, {
        addressLine1: String(payload.addressLine1), addressLine2: (payload.addressLine2 as string | null) ?? null, postalCode: String(payload.postalCode), city: String(payload.city),
        ...(payload.newOrganisationId ? { organisationId: String(payload.newOrganisationId) } : {}),
      })
      return { caisseChanged: Boolean(payload.newOrganisationId), newOrganisationId: payload.newOrganisationId ?? null }
    }
    case 'bank-change':
      await updateInsured(tx, insuredId, { iban: String(payload.iban), bic: (payload.bic as string | null) ?? null, bankHolder: String(payload.holder) })
      return { ibanMasked: maskIban(String(payload.iban)) }
    case 'name-change':
      await updateInsured(tx, insuredId, { usualName: String(payload.usualName) })
      return {}
    case 'doctor-declaration':
      await updateInsured(tx, insuredId, { doctorId: String(payload.professionalId), doctorDeclaredOn: today })
      return { rpps: payload.rpps }
    case 'birth': {
      const parents = [insuredId, ...(payload.otherParentId ? [String(payload.otherParentId)] : [])]
      const links = []
      for (const parent of parents) links.push({ insuredId: parent, rank: nextBeneficiaryRank(await listBeneficiaryRanks(tx, parent)) })
      const child = await createBeneficiaryWithLinks(tx, { firstNames: String(payload.firstNames), lastName: String(payload.lastName), birthDate: String(payload.birthDate), sex: Number(payload.sex) }, links)
      return { beneficiaryId: child.id, parents: parents.length }
    }
    case 'css': {
      const a = payload.assessment as TCssAssessment
      // A renewal approved while a CSS runs starts the day after it ends (the latest end among those not ended).
      const running = await listOwnCoveragePeriodsFrom(tx, insuredId, today, 'css')
      const currentEnd = running.reduce<CalendarDate | null>((end, c) => (c.to && (!end || compareDates(calendarDate(c.to), end) > 0) ? calendarDate(c.to) : end), null)
      const period = cssPeriod(today, rules, currentEnd)
      await createCoveragePeriod(tx, { insuredId, kind: 'css', from: period.from, to: period.to, label: a.outcome, monthlyParticipation: a.outcome === 'participation' ? a.monthlyParticipation : null })
      return { period }
    }
    case 'transport-refund':
    case 'abroad-refund': {
      // Issue 19 §2: accepted without a typed amount = accepted at the estimate shown to the person and the advisor.
      const amount = input.event === 'approve' && input.refundAmount !== undefined ? input.refundAmount : estimateOf(payload)
      if (amount === null || amount <= 0) throw new AppError('procedureErrors.refund.amountRequired', 422, { field: 'refundAmount' })
      return { refundAmount: amount }
    }
    default:
      return {}
  }
}

/**
 * Moves a procedure one step (the back-office step the advisor screens call, and the person's answers).
 * Advisors (their caisse) and supervisors (any): start-review, request-document, approve (applies the change: address
 * and caisse, IBAN, usual name, médecin traitant, new beneficiary, CSS period; refunds: optional refundAmount),
 * complete (refunds: records the payment), reject (reason). The insured person, on their own procedure: add-document
 * (uploads), cancel. Errors: forbidden (403), notFound (404), procedureErrors.transition.{invalid,reasonRequired} (422),
 * procedureErrors.upload.notFound. Status, event, effects, audit and notification in one transaction.
 */
export async function advanceProcedure({ actor, input, ...ctx }: { actor: TActor; input: unknown } & TRequestContext): Promise<{ id: string; reference: string; status: string; estimatedCompletion: string | null }> {
  const data = ZAdvanceProcedure.parse(input)
  const db = getDb()
  const byInsured = EVENT_ACTOR[data.event] === 'insured'
  let procedure: TProcedureRow | null
  if (byInsured) {
    if (actor.role !== 'insured' || !actor.insuredId) throw new AppError('forbidden', 403)
    procedure = await findProcedureInScope(db, data.procedureId, { insuredId: actor.insuredId })
  } else {
    procedure = await findProcedureInScope(db, data.procedureId, { organisationId: staffScope(actor, 'update:procedure:caisse') })
  }
  // Affiliation requests have their own steps (lib/services/affiliation): never through this generic one.
  if (!procedure || !procedure.insuredId || procedure.type === 'affiliation') throw new AppError('notFound', 404)
  const p = procedure
  // Issue 19 §6: the person withdraws a request only while no advisor has taken it.
  if (data.event === 'cancel' && p.assignedToId !== null) throw new AppError('procedureErrors.cancel.taken', 409)
  const now = ctx.now
  const today = todayOf(now)
  const rules = await loadRuleSet(db)
  const event: TProcedureEvent =
    data.event === 'request-document' ? { type: data.event, document: data.document } : data.event === 'reject' ? { type: data.event, reason: data.reason } : { type: data.event }
  const next = orRefuse(transitionProcedure(p, event, today, rules))
  const insured = await findInsuredFacts(db, p.insuredId!)
  if (!insured) throw new AppError('notFound', 404)
  await db.$transaction(async (tx) => {
    let effects: Record<string, unknown> = {}
    let payload: string | undefined
    if (data.event === 'add-document') {
      if ((await attachUploads(tx, p.insuredId!, p.id, data.uploadIds)) !== data.uploadIds.length) throw new AppError('procedureErrors.upload.notFound', 404)
    }
    if (data.event === 'approve') {
      effects = await applyApproval(tx, p, today, data, rules)
      if ('refundAmount' in effects) payload = JSON.stringify({ ...JSON.parse(p.payload), approvedAmount: effects.refundAmount })
    }
    if (data.event === 'complete' && REFUNDS.has(p.type)) {
      // Issue 19 §2: a completed refund is a paid refund, its transfer tied to the request (shown in Mes paiements).
      const amount = refundAmountToPay(JSON.parse(p.payload) as Record<string, unknown>)
      const pay = await recordPayment(tx, { reference: newReference('VIR', now), insuredId: p.insuredId!, paidOn: today, amount, kind: 'refund', ibanMasked: insured.iban ? maskIban(insured.iban) : null, procedureId: p.id })
      effects = { paymentId: pay.id, amount }
    }
    await updateProcedureState(
      tx,
      p.id,
      {
        status: next.status,
        estimatedCompletion: next.estimatedCompletion,
        requestedDocument: next.requestedDocument,
        decisionReason: next.decisionReason,
        openKey: CLOSED.has(next.status) ? null : p.openKey,
        closedAt: CLOSED.has(next.status) ? now : null,
        ...(payload ? { payload } : {}),
        ...(byInsured ? {} : { assignedToId: actor.id }),
      },
      { at: now, actorUserId: actor.id, note: data.event === 'reject' ? data.reason : data.event === 'request-document' ? data.document : 'note' in data ? (data.note ?? null) : null },
    )
    await writeAudit(tx, {
      actorUserId: actor.id,
      actorRole: auditRole(actor),
      action: `procedure.${data.event}`,
      targetType: 'procedure',
      targetId: p.id,
      insuredId: p.insuredId,
      ip: ctx.ip ?? null,
      userAgent: ctx.userAgent ?? null,
      details: { reference: p.reference, type: p.type, from: p.status, to: next.status, ...effects },
    })
    await notifyProcedureChange(tx, insured, { reference: p.reference, type: p.type, status: next.status })
  })
  return { id: p.id, reference: p.reference, status: next.status, estimatedCompletion: next.estimatedCompletion }
}
