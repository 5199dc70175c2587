import 'server-only'
import { getDb } from '@/lib/db/client'
import { ZRequestAffiliationDocument } from '@/lib/schemas/affiliation-advisor'
import { todayOf, type TActor, type TRequestContext } from '../procedures/common'
import { applicantMessages, decide, documentName, loadAffiliationForStaff, recordAffiliationStep, withReceipt } from './advisor-step'

/**
 * An advisor asks the applicant for a document (one of AFFILIATION_DOCUMENTS) with a reason shown to them
 * (required): → waiting-document, payload.documentRequests gets {document, reason, requestedOn, answeredOn: null};
 * the applicant gets an e-mail (their language) saying what is missing and why, with their request number. On a
 * request only sent, this also confirms its receipt (acknowledgedOn). Errors: forbidden 403, notFound 404,
 * affiliation.errors.{transition,reasonRequired} 422.
 */
export async function requestAffiliationDocument({ actor, input, publicBaseUrl = '', ...ctx }: { actor: TActor; input: unknown; /** The portal's address for links in the e-mail ('' = a path only). */ publicBaseUrl?: string } & TRequestContext): Promise<{ id: string; reference: string; status: string }> {
  const data = ZRequestAffiliationDocument.parse(input)
  const db = getDb()
  const loaded = await loadAffiliationForStaff(db, actor, data.procedureId)
  const next = await decide(db, loaded, { type: 'request-document', document: data.document, reason: data.reason })
  const now = ctx.now
  const today = todayOf(now)
  const payload = withReceipt(
    { ...loaded.payload, documentRequests: [...loaded.payload.documentRequests, { document: data.document, reason: data.reason, requestedOn: today, answeredOn: null }] },
    loaded.row.status,
    today,
  )
  await db.$transaction((tx) =>
    recordAffiliationStep(tx, {
      loaded, actor, event: 'request-document', next, payload, insuredId: loaded.row.insuredId, now, ip: ctx.ip, userAgent: ctx.userAgent,
      details: { document: data.document },
      messages: applicantMessages(loaded, { template: 'requestDocument', params: { document: documentName(loaded, data.document), reason: data.reason, followUrl: `${publicBaseUrl.replace(/\/$/, '')}/affiliation/suivi` }, insuredId: loaded.row.insuredId }),
    }),
  )
  return { id: loaded.row.id, reference: loaded.row.reference, status: next.status }
}
