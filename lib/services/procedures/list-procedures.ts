import 'server-only'
import { maskIban } from '@/lib/domain/iban'
import { getDb } from '@/lib/db/client'
import { listCardOrdersOfInsured, listCardOrdersOfInsuredIn } from '@/lib/db/repositories/card-orders'
import { listOutboxForInsured, type TNotificationDto } from '@/lib/db/repositories/outbox'
import { listProceduresOfInsured, listProceduresOfInsuredIn } from '@/lib/db/repositories/procedures'
import { expectedFromPerson, type TExpectedAction } from '@/lib/domain/procedures/procedure-machine'
import { AppError } from '@/lib/errors'
import { resolveInsuredFile, type TActor } from './common'

/** One line of "Suivre mes démarches": a procedure or a card order, with its history and what the person must do. */
export type TProcedureListEntry = {
  id: string
  source: 'procedure' | 'card-order'
  reference: string
  /** Procedure type, or "vitale-order" / "ehic-order". */
  type: string
  status: string
  beneficiaryId: string | null
  submittedAt: Date
  /** Estimated completion (procedures) or delivery (card orders), "YYYY-MM-DD". */
  estimatedDate: string | null
  expected: TExpectedAction
  decisionReason: string | null
  history: { status: string; at: Date; note: string | null }[]
  /** Safe details for display (never a full IBAN). */
  details: Record<string, unknown>
  /** The person may withdraw it: sent, and no advisor has taken it yet (issue 19 §6). */
  canWithdraw: boolean
  /** Transfers that paid it (refunds), with the amount paid. */
  payments: { reference: string; amount: number; paidOn: string }[]
}

function safeDetails(type: string, payload: string): Record<string, unknown> {
  const p = JSON.parse(payload) as Record<string, unknown>
  if (type === 'bank-change') return { ibanMasked: p.ibanMasked, holder: p.holder }
  // An affiliation request's payload holds the whole application (full IBAN, contact, spouse's NIR): show only what the list needs.
  if (type === 'affiliation') return { situation: p.situation, ibanMasked: typeof p.iban === 'string' ? maskIban(p.iban) : null }
  return p
}

/**
 * Every procedure and card order of the insured person's file, newest first. Insured: own file; staff: insuredId of
 * their caisse. `statuses`: only the procedures and card orders in one of these statuses, filtered by the database
 * (the home's "in progress" list; the same entries as filtering the whole list).
 */
export async function listProcedures({ actor, insuredId, statuses }: { actor: TActor; insuredId?: string; statuses?: readonly string[] }): Promise<TProcedureListEntry[]> {
  const db = getDb()
  const owner = await resolveInsuredFile(db, actor, insuredId, { insured: 'read:procedure:own', staff: 'read:insured-file:caisse' })
  const [procedures, orders] = await Promise.all(
    statuses
      ? [listProceduresOfInsuredIn(db, owner, statuses), listCardOrdersOfInsuredIn(db, owner, statuses)]
      : [listProceduresOfInsured(db, owner), listCardOrdersOfInsured(db, owner)],
  )
  const entries: TProcedureListEntry[] = [
    ...procedures.map((p) => ({
      id: p.id,
      source: 'procedure' as const,
      reference: p.reference,
      type: p.type,
      status: p.status,
      beneficiaryId: p.beneficiaryId,
      submittedAt: p.submittedAt,
      estimatedDate: p.estimatedCompletion,
      expected: expectedFromPerson(p),
      decisionReason: p.decisionReason,
      history: p.events,
      details: { ...safeDetails(p.type, p.payload), uploads: p.uploads },
      canWithdraw: p.status === 'submitted' && p.assignedToId === null && p.type !== 'affiliation',
      payments: p.payments,
    })),
    ...orders.map((o) => ({
      id: o.id,
      source: 'card-order' as const,
      reference: o.reference,
      type: `${o.kind}-order`,
      status: o.status,
      beneficiaryId: o.beneficiaryId,
      submittedAt: o.requestedAt,
      estimatedDate: o.estimatedDelivery,
      expected: expectedFromPerson(o),
      decisionReason: o.rejectReason,
      history: o.events,
      details: { departureDate: o.departureDate, cardId: o.cardId },
      canWithdraw: false,
      payments: [],
    })),
  ]
  return entries.sort((a, b) => b.submittedAt.getTime() - a.submittedAt.getTime())
}

/** The e-mails and SMS sent about the person's file (visible in the app). */
export async function listNotifications({ actor }: { actor: TActor }): Promise<TNotificationDto[]> {
  if (actor.role !== 'insured' || !actor.insuredId) throw new AppError('forbidden', 403)
  return listOutboxForInsured(getDb(), actor.insuredId)
}
