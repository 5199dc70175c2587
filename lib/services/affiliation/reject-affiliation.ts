import 'server-only'
import { getDb } from '@/lib/db/client'
import { ZRejectAffiliation } from '@/lib/schemas/affiliation-advisor'
import { todayOf, type TActor, type TRequestContext } from '../procedures/common'
import { applicantMessages, decide, loadAffiliationForStaff, recordAffiliationStep, withReceipt } from './advisor-step'

/**
 * An advisor refuses an affiliation request with a reason (shown to the applicant and e-mailed in their language);
 * possible until a number is given. Errors: forbidden 403, notFound 404, affiliation.errors.{transition,reasonRequired} 422.
 */
export async function rejectAffiliation({ actor, input, ...ctx }: { actor: TActor; input: unknown } & TRequestContext): Promise<{ id: string; reference: string; status: string }> {
  const data = ZRejectAffiliation.parse(input)
  const db = getDb()
  const loaded = await loadAffiliationForStaff(db, actor, data.procedureId)
  const next = await decide(db, loaded, { type: 'reject', reason: data.reason })
  const now = ctx.now
  const payload = withReceipt(loaded.payload, loaded.row.status, todayOf(now))
  await db.$transaction((tx) =>
    recordAffiliationStep(tx, {
      loaded, actor, event: 'reject', next, payload, insuredId: loaded.row.insuredId, now, ip: ctx.ip, userAgent: ctx.userAgent,
      details: { reason: data.reason },
      messages: applicantMessages(loaded, { template: 'reject', params: { reason: data.reason }, insuredId: loaded.row.insuredId }),
    }),
  )
  return { id: loaded.row.id, reference: loaded.row.reference, status: next.status }
}
