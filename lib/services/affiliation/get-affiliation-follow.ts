import 'server-only'
import { getDb } from '@/lib/db/client'
import { getAffiliationFollow } from '@/lib/db/repositories/affiliation-requests'
import { affiliationEvents } from '@/lib/domain/affiliation/affiliation-machine'
import { affiliationTimeline, type TTimelineStep } from '@/lib/domain/affiliation/timeline'
import type { CalendarDate } from '@/lib/domain/dates'
import { formatNir } from '@/lib/domain/nir'
import { ZAffiliationPayload } from '@/lib/schemas/affiliation'
import { AppError } from '@/lib/errors'
import { loadRuleSet, todayOf } from '@/lib/services/procedures/common'

export type TAffiliationFollowView = {
  id: string
  reference: string
  status: string
  situation: string
  firstNames: string
  submittedOn: CalendarDate
  closedOn: CalendarDate | null
  decisionReason: string | null
  documents: { id: string; kind: string; filename: string; on: CalendarDate }[]
  /** The document the caisse asked for and why (status waiting-document), from the last unanswered request. */
  documentRequest: { document: string; reason: string; requestedOn: string } | null
  timeline: TTimelineStep[]
  temporaryNumber: { formatted: string; on: string | null } | null
  permanentNumber: { formatted: string; on: string | null } | null
  attestation: { issuedOn: CalendarDate } | null
  canWithdraw: boolean
}

const day = (d: Date) => todayOf(d)

/**
 * What the applicant sees of their request once they proved who they are (the follow-up cookie holds the id):
 * status, documents sent, the timeline (affiliationTimeline: facts from the payload, the 'account-activated' event
 * and the linked person's first Vitale card order), the numbers once given, whether an attestation de droits is
 * available, what document is asked. No IBAN, no address: the page shows what the applicant needs to follow.
 */
export async function getAffiliationFollowView({ procedureId, now }: { procedureId: string; now: Date }): Promise<TAffiliationFollowView> {
  const db = getDb()
  const row = await getAffiliationFollow(db, procedureId)
  if (!row) throw new AppError('affiliation.errors.notFound', 404)
  const payload = ZAffiliationPayload.parse(JSON.parse(row.payload))
  const today = todayOf(now)
  const activated = row.events.find((e) => e.note === 'account-activated')
  const closedOn = row.closedAt ? day(row.closedAt) : row.status === 'rejected' || row.status === 'cancelled' ? day(row.events[row.events.length - 1]?.at ?? row.submittedAt) : null
  const timeline = affiliationTimeline(
    {
      status: row.status,
      submittedOn: day(row.submittedAt),
      acknowledgedOn: (payload.acknowledgedOn as CalendarDate | null) ?? null,
      documentRequests: payload.documentRequests.map((r) => ({ document: r.document, requestedOn: r.requestedOn as CalendarDate, answeredOn: r.answeredOn as CalendarDate | null })),
      temporaryNumberOn: (payload.temporaryNir?.on as CalendarDate | undefined) ?? null,
      permanentNumberOn: (payload.permanentNir?.on as CalendarDate | undefined) ?? null,
      accountActivatedOn: activated ? day(activated.at) : null,
      firstCardOrderedOn: row.firstVitaleOrder ? day(row.firstVitaleOrder.requestedAt) : null,
      firstCardDeliveredOn: row.firstVitaleOrder?.deliveredAt ? day(row.firstVitaleOrder.deliveredAt) : null,
      closedOn,
      decisionReason: row.decisionReason,
    },
    today,
    await loadRuleSet(db),
  )
  const lastRequest = payload.documentRequests[payload.documentRequests.length - 1]
  const temporary = payload.temporaryNir ?? (row.insured?.nirKind === 'temporary' ? { nir: row.insured.nir, key: row.insured.nirKey, on: null } : null)
  const permanent = payload.permanentNir ?? (row.insured?.nirKind === 'permanent' ? { nir: row.insured.nir, key: row.insured.nirKey, on: null } : null)
  return {
    id: row.id,
    reference: row.reference,
    status: row.status,
    situation: payload.situation,
    firstNames: payload.firstNames,
    submittedOn: day(row.submittedAt),
    closedOn,
    decisionReason: row.decisionReason,
    documents: row.uploads.map((u) => ({ id: u.id, kind: u.kind, filename: u.filename, on: day(u.createdAt) })),
    documentRequest:
      row.status === 'waiting-document' && lastRequest && !lastRequest.answeredOn
        ? { document: lastRequest.document, reason: lastRequest.reason, requestedOn: lastRequest.requestedOn }
        : row.status === 'waiting-document' && row.requestedDocument
          ? { document: row.requestedDocument, reason: '', requestedOn: today }
          : null,
    timeline,
    temporaryNumber: temporary ? { formatted: formatNir(temporary.nir, temporary.key), on: temporary.on } : null,
    permanentNumber: permanent ? { formatted: formatNir(permanent.nir, permanent.key), on: permanent.on } : null,
    attestation: permanent && row.attestation ? { issuedOn: day(row.attestation.issuedAt) } : null,
    canWithdraw: affiliationEvents(row.status).includes('withdraw'),
  }
}
