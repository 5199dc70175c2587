import 'server-only'
import { getDb } from '@/lib/db/client'
import { ZAcknowledgeAffiliation } from '@/lib/schemas/affiliation-advisor'
import { todayOf, type TActor, type TRequestContext } from '../procedures/common'
import { applicantMessages, decide, loadAffiliationForStaff, recordAffiliationStep } from './advisor-step'

/**
 * An advisor confirms the receipt of an affiliation request (accusé de réception): submitted → in-review,
 * payload.acknowledgedOn, the applicant is told by e-mail in their language with their request number.
 * Errors: forbidden 403, notFound 404 (another caisse), affiliation.errors.transition 422.
 */
export async function acknowledgeAffiliation({ actor, input, ...ctx }: { actor: TActor; input: unknown } & TRequestContext): Promise<{ id: string; reference: string; status: string }> {
  const data = ZAcknowledgeAffiliation.parse(input)
  const db = getDb()
  const loaded = await loadAffiliationForStaff(db, actor, data.procedureId)
  const next = await decide(db, loaded, { type: 'acknowledge' })
  const now = ctx.now
  const today = todayOf(now)
  const payload = { ...loaded.payload, acknowledgedOn: loaded.payload.acknowledgedOn ?? today }
  await db.$transaction((tx) =>
    recordAffiliationStep(tx, {
      loaded, actor, event: 'acknowledge', next, payload, insuredId: loaded.row.insuredId, now, ip: ctx.ip, userAgent: ctx.userAgent,
      messages: applicantMessages(loaded, { template: 'acknowledge', insuredId: loaded.row.insuredId }),
    }),
  )
  return { id: loaded.row.id, reference: loaded.row.reference, status: next.status }
}
