import 'server-only'
import { randomUUID } from 'node:crypto'
import { getDb } from '@/lib/db/client'
import { writeAudit } from '@/lib/db/repositories/audit'
import { addToPayment, findCareSheetFacts, findSameCareLines, findScheduledPayment, insertPaperClaim, loadDeductionTallyOf } from '@/lib/db/repositories/back-office'
import type { NewCarryOver, NewClaim, NewPayment } from '@/lib/db/repositories/claims'
import { findPersonOfInsured, findProfessional } from '@/lib/db/repositories/people'
import { queueOutboxMessages } from '@/lib/db/repositories/outbox'
import { addDays, calendarDate, compareDates, formatDate, isWithin, type CalendarDate } from '@/lib/domain/dates'
import { maskIban } from '@/lib/domain/iban'
import { formatEuros } from '@/lib/domain/money'
import { DeductionLedger } from '@/lib/domain/reimbursement/engine'
import type { ClaimLineInput, Complementary, Regime, Sector, Situation } from '@/lib/domain/reimbursement/types'
import { AppError } from '@/lib/errors'
import { ZPaperCareSheet } from '@/lib/schemas/back-office'
import { getRuleEngine } from '../simulation/rule-engine'
import { auditRole, newReference, renderMessage, resolveInsuredFile, todayOf, type TActor, type TRequestContext } from '../procedures/common'

/** A paper care sheet older than this cannot be reimbursed any more (délai de 2 ans, CSS art. L. 332-1). */
const MAX_AGE_DAYS = 730

const weekday = (d: CalendarDate): number => new Date(`${d}T00:00:00Z`).getUTCDay()

/** The caisse's next payment run after `day` (payments are grouped on Tuesdays and Fridays). */
export function nextPaymentRunAfter(day: CalendarDate): CalendarDate {
  let d = addDays(day, 1)
  while (weekday(d) !== 2 && weekday(d) !== 5) d = addDays(d, 1)
  return d
}

function complementaryOf(f: { complementaryKind: string; mutuelleOverrunPercent: number | null; mutuelleName: string | null }): Complementary {
  if (f.complementaryKind === 'overrun') return { overrunCoverPercent: f.mutuelleOverrunPercent ?? 100 }
  if (f.complementaryKind === 'ticket-moderateur' || f.mutuelleName) return 'ticket-moderateur'
  return 'none'
}

export type TPaperCareSheetResult = {
  claimId: string
  reference: string
  lines: { act: string; quantity: number; feeCharged: number; base: number; rate: number; participation: number; franchise: number; amoPaid: number; complementary: number; patient: number }[]
  totalCharged: number
  amoPaid: number
  /** What the person's mutuelle (or CSS) is expected to pay, and what the person keeps (issue 17 §5). */
  complementary: number
  patient: number
  payment: { reference: string; paidOn: string } | null
  awaitingBankDetails: boolean
  /** A preview (issue 17 §5): computed with the same checks, nothing stored; no reference yet. */
  preview: boolean
}

/**
 * An advisor enters a paper care sheet (feuille de soins): the engine in force (getRuleEngine, with the supervisor's
 * dated rows) computes each line, starting the annual caps of participations and franchises from what the person
 * already owes this year (stored lines and amounts carried forward, RULEBOOK §4). The claim, its lines, any
 * carried-forward deduction and the payment are written with the audit event and the notification in one
 * transaction. The payment goes out on the next payment run (Tuesday or Friday after today) as a scheduled
 * transfer, grouped with the person's other lines of that run; without bank details the claim waits for them.
 * Errors: forbidden, notFound (file/person of another caisse), backoffice.errors.{careDateFuture,careDateTooOld,
 * professional,notAld} (422, with the field), simulation.errors.* of the engine (unknown act, not in force).
 * The same act for the same person, date and professional already stored → backoffice.errors.duplicateSheet (409,
 * with the first claim's reference) unless the advisor confirms it is a second act (`confirmDuplicate`).
 * `preview`: the same checks and computation, nothing written (no claim, payment, audit or message): what the
 * advisor reads before saving (issue 17 §5).
 */
export async function enterPaperCareSheet({ actor, input, confirmDuplicate = false, preview = false, ...ctx }: { actor: TActor; input: unknown; confirmDuplicate?: boolean; preview?: boolean } & TRequestContext): Promise<TPaperCareSheetResult> {
  if (actor.role === 'insured') throw new AppError('forbidden', 403)
  const data = ZPaperCareSheet.parse(input)
  const db = getDb()
  const insuredId = await resolveInsuredFile(db, actor, data.insuredId, { insured: 'read:insured-space:own', staff: 'create:claim:caisse' }, ctx)
  const now = ctx.now
  const today = todayOf(now)
  if (compareDates(data.careDate, today) > 0) throw new AppError('backoffice.errors.careDateFuture', 422, { field: 'careDate' })
  if (compareDates(data.careDate, addDays(today, -MAX_AGE_DAYS)) < 0) throw new AppError('backoffice.errors.careDateTooOld', 422, { field: 'careDate' })
  const person = await findPersonOfInsured(db, insuredId, data.beneficiaryId)
  if (!person) throw new AppError('notFound', 404, { field: 'beneficiaryId' })
  const professional = await findProfessional(db, { rpps: data.professionalRpps })
  if (!professional) throw new AppError('backoffice.errors.professional', 422, { field: 'professionalRpps' })
  const facts = await findCareSheetFacts(db, insuredId)
  if (!facts) throw new AppError('notFound', 404)

  // Situations of the person on the date of care (coverage periods); ALD only for care linked to it (the box).
  const active = facts.coverages.filter((c) => (c.beneficiaryId ?? null) === person.beneficiaryId && isWithin(data.careDate, calendarDate(c.from), c.to ? calendarDate(c.to) : null))
  const situations = new Set<Situation>()
  for (const c of active) if (c.kind === 'css' || c.kind === 'maternity' || c.kind === 'ame' || c.kind === 'invalidity') situations.add(c.kind)
  if (data.ald) {
    if (!active.some((c) => c.kind === 'ald')) throw new AppError('backoffice.errors.notAld', 422, { field: 'ald' })
    situations.add('ald')
  }

  if (!confirmDuplicate) {
    const same = await findSameCareLines(db, { insuredId, beneficiaryId: person.beneficiaryId, professionalId: professional.id, careDate: data.careDate, acts: data.lines.map((l) => l.act) })
    if (same.length > 0) throw new AppError('backoffice.errors.duplicateSheet', 409, { field: 'confirmDuplicate', reference: same[0]!.reference, act: same[0]!.act })
  }

  const engine = await getRuleEngine()
  const ledgerKey = person.beneficiaryId ?? insuredId
  const ledger = new DeductionLedger()
  const year = Number(data.careDate.slice(0, 4))
  const tally = await loadDeductionTallyOf(db, insuredId, person.beneficiaryId, year)
  ledger.preloadYear(ledgerKey, year, tally.participation, tally.franchises)

  const claimId = `paper${randomUUID().replace(/-/g, '')}`
  const claim: NewClaim = {
    id: claimId,
    reference: newReference('FSP', now),
    insuredId,
    beneficiaryId: person.beneficiaryId,
    professionalId: professional.id,
    source: 'paper',
    careDate: data.careDate,
    receivedOn: today,
    status: 'processed',
    tiersPayant: false,
    lines: [],
  }
  let lastCarried: string | null = null
  data.lines.forEach((l, index) => {
    const line: ClaimLineInput = {
      careDate: data.careDate,
      act: l.act,
      quantity: l.quantity,
      feeCharged: l.fee,
      sector: professional.sector as Sector,
      regime: facts.regime as Regime,
      birthDate: person.birthDate,
      pathway: data.pathway,
      situations: [...situations],
      complementary: complementaryOf(facts),
      beneficiaryId: ledgerKey,
      professionalId: professional.id,
    }
    const outcome = engine.compute(line, ledger, ledgerKey)
    if (!outcome.ok) {
      const e = outcome.errors[0]!
      throw new AppError(`simulation.errors.${e.code}`, 422, { field: `lines.${index}.${e.path === 'feeCharged' ? 'fee' : e.path === 'quantity' ? 'quantity' : 'act'}`, act: l.act, date: data.careDate, codes: [...engine.acts.keys()].join(', ') })
    }
    const id = `${claimId}-${index + 1}`
    claim.lines.push({ id, lineNo: index + 1, input: line, result: outcome.result, label: engine.acts.get(l.act)?.label.fr ?? null, careType: engine.acts.get(l.act)!.careType, paymentId: null, paidOn: null })
    if (outcome.result.carriedForward > 0) lastCarried = id
  })
  const carryOvers: NewCarryOver[] = []
  const pending = ledger.pending().find((p) => p.beneficiary === ledgerKey)
  if (pending && lastCarried) {
    if (pending.participation > 0) carryOvers.push({ id: `${claimId}-cp`, insuredId, beneficiaryId: person.beneficiaryId, kind: 'participation', amount: pending.participation, year, originLineId: lastCarried })
    if (pending.franchises > 0) carryOvers.push({ id: `${claimId}-cf`, insuredId, beneficiaryId: person.beneficiaryId, kind: 'franchise', amount: pending.franchises, year, originLineId: lastCarried })
  }

  const amoPaid = claim.lines.reduce((s, l) => s + l.result.amoPaid, 0)
  const totalCharged = claim.lines.reduce((s, l) => s + (l.input.feeCharged ?? 0) * l.input.quantity, 0)
  const paidOn = nextPaymentRunAfter(today)
  const awaitingBankDetails = amoPaid > 0 && !facts.iban
  if (awaitingBankDetails) claim.status = 'awaiting-bank-details'

  const summary = (payment: { reference: string } | null, isPreview: boolean): TPaperCareSheetResult => ({
    claimId: isPreview ? '' : claim.id,
    reference: isPreview ? '' : claim.reference,
    lines: claim.lines.map((l) => ({ act: l.input.act, quantity: l.input.quantity, feeCharged: l.input.feeCharged ?? 0, base: l.result.base, rate: l.result.rate, participation: l.result.participation, franchise: l.result.franchise, amoPaid: l.result.amoPaid, complementary: l.result.complementary, patient: l.result.patient })),
    totalCharged,
    amoPaid,
    complementary: claim.lines.reduce((s, l) => s + l.result.complementary, 0),
    patient: claim.lines.reduce((s, l) => s + l.result.patient, 0),
    payment: payment ? { reference: payment.reference, paidOn } : null,
    awaitingBankDetails,
    preview: isPreview,
  })
  if (preview) return summary(amoPaid > 0 && facts.iban ? { reference: '' } : null, true)

  const payment = await db.$transaction(async (tx) => {
    let pay: { id: string; reference: string } | null = null
    const newPayments: NewPayment[] = []
    if (amoPaid > 0 && facts.iban) {
      pay = await findScheduledPayment(tx, insuredId, paidOn)
      if (pay) await addToPayment(tx, pay.id, amoPaid)
      else {
        pay = { id: `${claimId}-pay`, reference: newReference('VIR', now) }
        newPayments.push({ id: pay.id, reference: pay.reference, insuredId, paidOn, amount: amoPaid, kind: 'reimbursement', status: 'scheduled', ibanMasked: maskIban(facts.iban) })
      }
      for (const l of claim.lines) {
        l.paymentId = pay.id
        l.paidOn = paidOn
      }
    }
    await insertPaperClaim(tx, { claim, payments: newPayments, carryOvers, enteredById: actor.id })
    await writeAudit(tx, {
      actorUserId: actor.id,
      actorRole: auditRole(actor),
      action: 'claim.paper.enter',
      targetType: 'claim',
      targetId: claim.id,
      insuredId,
      ip: ctx.ip ?? null,
      userAgent: ctx.userAgent ?? null,
      details: { reference: claim.reference, careDate: data.careDate, lines: claim.lines.length, totalCharged, amoPaid, paidOn: pay ? paidOn : null, payment: pay?.reference ?? null },
    })
    const locale = facts.preferredLocale === 'en' ? 'en' : 'fr'
    if (facts.email && amoPaid > 0) {
      const params = { reference: claim.reference, amount: formatEuros(amoPaid, locale), date: formatDate(paidOn, locale) }
      await queueOutboxMessages(tx, [
        {
          channel: 'email',
          recipient: facts.email,
          insuredId,
          template: facts.iban ? 'backofficeNotifications.paperClaim' : 'backofficeNotifications.paperClaimNoBank',
          subject: renderMessage(locale, 'backofficeNotifications.paperClaimSubject', params),
          body: renderMessage(locale, facts.iban ? 'backofficeNotifications.paperClaim' : 'backofficeNotifications.paperClaimNoBank', params),
          locale,
        },
      ])
    }
    return pay
  })
  return summary(payment, false)
}
