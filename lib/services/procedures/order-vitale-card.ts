import 'server-only'
import { getDb } from '@/lib/db/client'
import { findCardOrderByIdempotencyKey } from '@/lib/db/repositories/card-orders'
import { isUniqueViolation } from '@/lib/db/repositories/db-errors'
import { findPersonOfInsured } from '@/lib/db/repositories/people'
import { ZOrderVitaleCard } from '@/lib/schemas/procedures'
import { AppError } from '@/lib/errors'
import { loadRuleSet, resolveInsuredFile, type TActor, type TRequestContext } from './common'
import { insuredFactsOrThrow } from './submit-procedure'
import { cardOrderResult, checkVitaleOrder, writeVitaleOrder, type TCardOrderResult } from './vitale-order-core'

/**
 * Order a Vitale card for oneself or a beneficiary (RULEBOOK §9): photo and identity document already uploaded
 * (uploadFile), postal address confirmed. Errors (422 unless said): procedureErrors.vitale.{temporaryNumber,noOwnNumber,
 * tooYoung{minAge,opensOn},pending (409),waitAfterBlock{opensOn}}, procedureErrors.upload.notFound (404), forbidden, notFound.
 * The same idempotencyKey returns the first order (created: false).
 */
export async function orderVitaleCard({ actor, insuredId, input, ...ctx }: { actor: TActor; insuredId?: string; input: unknown } & TRequestContext): Promise<TCardOrderResult> {
  const data = ZOrderVitaleCard.parse(input)
  const db = getDb()
  const owner = await resolveInsuredFile(db, actor, insuredId, { insured: 'create:procedure:own', staff: 'update:procedure:caisse' }, ctx)
  const now = ctx.now
  const existing = await findCardOrderByIdempotencyKey(db, data.idempotencyKey)
  if (existing) {
    if (existing.insuredId !== owner) throw new AppError('procedureErrors.procedure.idempotencyConflict', 409)
    return cardOrderResult(existing, false)
  }
  const insured = await insuredFactsOrThrow(owner)
  const person = await findPersonOfInsured(db, owner, data.beneficiaryId)
  if (!person) throw new AppError('notFound', 404)
  const rules = await loadRuleSet(db)
  let decision: Awaited<ReturnType<typeof checkVitaleOrder>>
  try {
    decision = await checkVitaleOrder(db, { insured, person, photoUploadId: data.photoUploadId, identityUploadId: data.identityUploadId, rules, now })
  } catch (error) {
    // A double click: the other request with the same key may have written its order between our idempotency lookup
    // and the check, which then sees it as "pending"; the answer is that first order, not a refusal.
    if (error instanceof AppError && error.code === 'procedureErrors.vitale.pending') {
      const first = await findCardOrderByIdempotencyKey(db, data.idempotencyKey)
      if (first && first.insuredId === owner) return cardOrderResult(first, false)
    }
    throw error
  }
  try {
    const order = await db.$transaction((tx) =>
      writeVitaleOrder(tx, { actor, insured, person, photoUploadId: data.photoUploadId, identityUploadId: data.identityUploadId, estimatedDelivery: decision.estimatedDelivery, kind: decision.kind, idempotencyKey: data.idempotencyKey, now, ip: ctx.ip, userAgent: ctx.userAgent }),
    )
    return cardOrderResult(order, true)
  } catch (error) {
    if (isUniqueViolation(error)) {
      // Two clicks racing: the first one won; return its order (the violated index may be either key).
      const first = await findCardOrderByIdempotencyKey(db, data.idempotencyKey)
      if (first && first.insuredId === owner) return cardOrderResult(first, false)
    }
    if (isUniqueViolation(error, 'inProgressKey')) throw new AppError('procedureErrors.vitale.pending', 409)
    throw error
  }
}
