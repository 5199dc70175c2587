import 'server-only'
import { getDb } from '@/lib/db/client'
import { writeAudit } from '@/lib/db/repositories/audit'
import { findAffiliationById, updateAffiliationState } from '@/lib/db/repositories/affiliation-requests'
import { transitionAffiliation, type TAffiliationStatus } from '@/lib/domain/affiliation/affiliation-machine'
import { ZWithdrawAffiliation } from '@/lib/schemas/affiliation-public'
import { AppError } from '@/lib/errors'
import { orRefuse, type TRequestContext } from '@/lib/services/procedures/common'

/**
 * The applicant withdraws their request (follow-up page, confirmation ticked; `procedureId` from the signed cookie):
 * possible while no number was given (the machine's 'withdraw': submitted, in-review, waiting-document → cancelled,
 * else affiliation.errors.transition). Status, closing date, event and audit (anonymous) in ONE transaction.
 */
export async function withdrawAffiliationRequest({ procedureId, input, ...ctx }: { procedureId: string; input: unknown } & TRequestContext): Promise<{ status: string }> {
  const db = getDb()
  ZWithdrawAffiliation.parse(input)
  const row = await findAffiliationById(db, procedureId)
  if (!row) throw new AppError('affiliation.errors.notFound', 404)
  const next = orRefuse(transitionAffiliation({ status: row.status as TAffiliationStatus, requestedDocument: row.requestedDocument, requestReason: null, decisionReason: row.decisionReason }, { type: 'withdraw' }, []))
  const now = ctx.now
  await db.$transaction(async (tx) => {
    const moved = await updateAffiliationState(tx, row.id, row.status, { status: next.status, payload: row.payload, requestedDocument: null, closedAt: now }, { at: now, note: 'withdraw' })
    if (!moved) throw new AppError('affiliation.errors.transition', 409)
    await writeAudit(tx, { actorRole: 'anonymous', action: 'affiliation.withdraw', targetType: 'procedure', targetId: row.id, insuredId: row.insuredId, ip: ctx.ip ?? null, userAgent: ctx.userAgent ?? null, details: { reference: row.reference, from: row.status } })
  })
  return { status: next.status }
}
