import 'server-only'
import { randomBytes } from 'node:crypto'
import { getDb } from '@/lib/db/client'
import { writeAudit } from '@/lib/db/repositories/audit'
import { findCardOrderInScope, issueCard, updateCardOrderState } from '@/lib/db/repositories/card-orders'
import { findInsuredFacts } from '@/lib/db/repositories/people'
import { ehicCardValidUntil, transitionEhicOrder, type TEhicOrderEvent } from '@/lib/domain/cards/ehic'
import { transitionVitaleOrder, type TVitaleOrderEvent } from '@/lib/domain/cards/vitale-order'
import { calendarDate } from '@/lib/domain/dates'
import { ZAdvanceCardOrder } from '@/lib/schemas/procedures'
import { AppError } from '@/lib/errors'
import { auditRole, loadRuleSet, notifyProcedureChange, orRefuse, staffScope, todayOf, type TActor, type TRequestContext } from './common'

/**
 * The back-office step of a card order (advisors of the holder's caisse, supervisors): Vitale check-photo →
 * start-production → send → deliver, or reject (reason to fix: photo-unusable…); EHIC start-production → send →
 * deliver, or reject. Delivery issues the card (EHIC valid 2 years, never beyond the rights end; the previous
 * active card of the person is marked replaced). Errors: forbidden, notFound, procedureErrors.transition.invalid.
 */
export async function advanceCardOrder({ actor, input, ...ctx }: { actor: TActor; input: unknown } & TRequestContext): Promise<{ id: string; status: string; estimatedDelivery: string | null; cardId: string | null }> {
  const data = ZAdvanceCardOrder.parse(input)
  const db = getDb()
  const order = await findCardOrderInScope(db, data.orderId, { organisationId: staffScope(actor, 'update:procedure:caisse') })
  if (!order) throw new AppError('notFound', 404)
  const now = ctx.now
  const today = todayOf(now)
  const rules = await loadRuleSet(db)
  const next =
    order.kind === 'vitale'
      ? orRefuse(transitionVitaleOrder(order, (data.event === 'reject' ? { type: 'reject', reason: data.reason } : { type: data.event }) as TVitaleOrderEvent, today, rules))
      : orRefuse(transitionEhicOrder(order, (data.event === 'reject' ? { type: 'reject', reason: data.reason } : { type: data.event }) as TEhicOrderEvent, today))
  const insured = await findInsuredFacts(db, order.insuredId)
  if (!insured) throw new AppError('notFound', 404)
  const closed = next.status === 'delivered' || next.status === 'rejected'
  const cardId = await db.$transaction(async (tx) => {
    let newCard: string | null = null
    if (next.status === 'delivered') {
      const validUntil = order.kind === 'ehic' ? ehicCardValidUntil(today, insured.rightsTo ? calendarDate(insured.rightsTo) : null, rules) : null
      newCard = (await issueCard(tx, { kind: order.kind, insuredId: order.insuredId, beneficiaryId: order.beneficiaryId, serialNumber: `${order.kind === 'vitale' ? 'V' : 'E'}${randomBytes(6).toString('hex').toUpperCase()}`, issuedOn: today, validUntil })).id
    }
    await updateCardOrderState(
      tx,
      order.id,
      { status: next.status, estimatedDelivery: next.estimatedDelivery, rejectReason: next.rejectReason, inProgressKey: closed ? null : order.inProgressKey, ...(newCard ? { cardId: newCard } : {}) },
      { at: now, actorUserId: actor.id, note: next.rejectReason },
    )
    await writeAudit(tx, { actorUserId: actor.id, actorRole: auditRole(actor), action: `card.${order.kind}.${data.event}`, targetType: 'card-order', targetId: order.id, insuredId: order.insuredId, ip: ctx.ip ?? null, userAgent: ctx.userAgent ?? null, details: { reference: order.reference, from: order.status, to: next.status, rejectReason: next.rejectReason } })
    await notifyProcedureChange(tx, insured, { reference: order.reference, type: `${order.kind}-order`, status: next.status })
    return newCard
  })
  return { id: order.id, status: next.status, estimatedDelivery: next.estimatedDelivery, cardId }
}
