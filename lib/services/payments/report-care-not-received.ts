import 'server-only'
import { getDb } from '@/lib/db/client'
import { findLineOfInsured, markLineDisputed } from '@/lib/db/repositories/payments'
import { AppError } from '@/lib/errors'
import { ZReportCareNotReceived } from '@/lib/schemas/payments'
import { loadRuleSet, resolveInsuredFile, type TActor, type TRequestContext } from '@/lib/services/procedures/common'
import { insuredFactsOrThrow, submitProcedure, type TProcedureResult } from '@/lib/services/procedures/submit-procedure'

/**
 * "Je n'ai pas reçu ces soins": opens a procedure of type care-not-received for an advisor of the caisse, about
 * one claim line of the person's household, with the person's comment (required: paymentsPage.detail.commentRequired,
 * commentLength). The same idempotency key returns the first procedure (two clicks);
 * one open procedure per line (openKey, two tabs): a second report while it is open → 409
 * procedureErrors.procedure.pending. The procedure, the line's disputedAt, the audit event and the notification
 * are written in one transaction. Someone else's line → 404.
 */
export async function reportCareNotReceived({ actor, insuredId, input, ...ctx }: { actor: TActor; insuredId?: string; input: unknown } & TRequestContext): Promise<TProcedureResult> {
  const parsed = ZReportCareNotReceived.safeParse(input)
  if (!parsed.success) {
    const comment = parsed.error.issues.find((i) => i.path[0] === 'comment')
    if (comment) throw new AppError(comment.message, 422)
    throw parsed.error
  }
  const data = parsed.data
  const db = getDb()
  const owner = await resolveInsuredFile(db, actor, insuredId, { insured: 'create:procedure:own', staff: 'update:procedure:caisse' }, ctx)
  const line = await findLineOfInsured(db, owner, data.lineId)
  if (!line) throw new AppError('notFound', 404)
  const now = ctx.now
  return submitProcedure({
    actor,
    insured: await insuredFactsOrThrow(owner),
    type: 'care-not-received',
    beneficiaryId: line.claim.beneficiaryId,
    payload: {
      lineId: line.id,
      claimReference: line.claim.reference,
      careDate: line.careDate,
      act: line.act,
      amoPaid: line.amoPaid,
      paymentReference: line.payment?.reference ?? null,
      comment: data.comment,
    },
    idempotencyKey: data.idempotencyKey,
    openKey: `care-not-received:${line.id}`,
    rules: await loadRuleSet(db),
    now,
    ip: ctx.ip,
    userAgent: ctx.userAgent,
    auditDetails: { lineId: line.id, claimReference: line.claim.reference },
    extra: (tx) => markLineDisputed(tx, line.id, now),
  })
}
