import 'server-only'
import { getDb } from '@/lib/db/client'
import { blockCard, findCardOfInsured } from '@/lib/db/repositories/card-orders'
import { isUniqueViolation } from '@/lib/db/repositories/db-errors'
import { findPersonOfInsured } from '@/lib/db/repositories/people'
import { findProcedureByIdempotencyKey } from '@/lib/db/repositories/procedures'
import { canBlockCard } from '@/lib/domain/cards/card-loss'
import { reorderOpensOn } from '@/lib/domain/cards/vitale-order'
import { addDays } from '@/lib/domain/dates'
import { ZDeclareCardLoss } from '@/lib/schemas/procedures'
import { AppError } from '@/lib/errors'
import { loadRuleSet, orRefuse, resolveInsuredFile, todayOf, type TActor, type TRequestContext } from './common'
import { insuredFactsOrThrow, submitProcedure, type TProcedureResult } from './submit-procedure'
import { cardOrderResult, checkVitaleOrder, writeVitaleOrder, type TCardOrderResult } from './vitale-order-core'

export type TCardLossResult = TProcedureResult & {
  cardStatus: 'blocked'
  /** The new order placed at once, if asked (`reorder`). */
  order: TCardOrderResult | null
  /** Without an immediate order: the day a new order opens again (seed 004: 2 days). */
  reorderOpensOn: string | null
}

/**
 * Declare a Vitale card lost, stolen or broken: the card is blocked at once, a completed "card-loss" procedure keeps
 * the history; with `reorder` the new card is ordered in the same transaction (no wait), else a new order opens
 * 2 days later (card.vitale.reorder-wait-days). Errors: procedureErrors.cardLoss.{notActive,notVitale} (422),
 * the orderVitaleCard errors when reordering, forbidden, notFound.
 */
export async function declareCardLoss({ actor, insuredId, input, ...ctx }: { actor: TActor; insuredId?: string; input: unknown } & TRequestContext): Promise<TCardLossResult> {
  const data = ZDeclareCardLoss.parse(input)
  const db = getDb()
  const owner = await resolveInsuredFile(db, actor, insuredId, { insured: 'create:procedure:own', staff: 'update:procedure:caisse' }, ctx)
  const now = ctx.now
  const rules = await loadRuleSet(db)
  const replay = await findProcedureByIdempotencyKey(db, data.idempotencyKey)
  const card = await findCardOfInsured(db, owner, data.cardId)
  if (!card) throw new AppError('notFound', 404)
  const waitEnds = addDays(todayOf(card.blockedAt ?? now), rules.valueAt('card.vitale.reorder-wait-days', todayOf(now)))
  if (replay) {
    if (replay.insuredId !== owner || replay.type !== 'card-loss') throw new AppError('procedureErrors.procedure.idempotencyConflict', 409)
    return { id: replay.id, reference: replay.reference, type: replay.type, status: replay.status, estimatedCompletion: null, created: false, cardStatus: 'blocked', order: null, reorderOpensOn: data.reorder ? null : waitEnds }
  }
  orRefuse(canBlockCard(card))
  const insured = await insuredFactsOrThrow(owner)
  const person = await findPersonOfInsured(db, owner, card.beneficiaryId)
  if (!person) throw new AppError('notFound', 404)
  const reorder = data.reorder
  const decision = reorder ? await checkVitaleOrder(db, { insured, person, photoUploadId: reorder.photoUploadId, identityUploadId: reorder.identityUploadId, rules, now, ignoreBlock: true }) : null
  let order: TCardOrderResult | null = null
  try {
    const result = await submitProcedure({
      actor,
      insured,
      type: 'card-loss',
      beneficiaryId: card.beneficiaryId,
      payload: { cardId: card.id, serialNumber: card.serialNumber, reason: data.reason, reorderedAtOnce: Boolean(reorder) },
      idempotencyKey: data.idempotencyKey,
      rules,
      now,
      ip: ctx.ip,
      userAgent: ctx.userAgent,
      status: 'completed',
      auditDetails: { cardId: card.id, reason: data.reason },
      extra: async (tx) => {
        if (!(await blockCard(tx, card.id, data.reason, now))) throw new AppError('procedureErrors.cardLoss.notActive', 422)
        if (reorder && decision) {
          const o = await writeVitaleOrder(tx, { actor, insured, person, photoUploadId: reorder.photoUploadId, identityUploadId: reorder.identityUploadId, estimatedDelivery: decision.estimatedDelivery, kind: decision.kind, idempotencyKey: reorder.idempotencyKey, now, ip: ctx.ip, userAgent: ctx.userAgent })
          order = cardOrderResult(o, true)
        }
      },
    })
    return { ...result, cardStatus: 'blocked', order, reorderOpensOn: reorder ? null : reorderOpensOn({ blockedOn: todayOf(now), reorderedSince: false }, rules) }
  } catch (error) {
    if (isUniqueViolation(error, 'inProgressKey')) throw new AppError('procedureErrors.vitale.pending', 409)
    throw error
  }
}
