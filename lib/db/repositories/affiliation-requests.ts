import type { Db, Tx } from '../client'

/**
 * Affiliation requests (Procedure type 'affiliation', public side): creation with the supporting documents, the
 * lookups of the applicant's follow-up page (number + birth date, then the cookie-scoped view), and what the
 * timeline needs from the linked Insured (first Vitale card order, attestation de droits).
 */

export type TAffiliationRow = {
  id: string
  reference: string
  status: string
  payload: string
  organisationId: string
  insuredId: string | null
  applicantBirthDate: string | null
  submittedAt: Date
  closedAt: Date | null
  decisionReason: string | null
  requestedDocument: string | null
  idempotencyKey: string | null
}

const rowSelect = {
  id: true, reference: true, status: true, payload: true, organisationId: true, insuredId: true, applicantBirthDate: true, submittedAt: true,
  closedAt: true, decisionReason: true, requestedDocument: true, idempotencyKey: true,
} as const

export type TAffiliationFileInput = { kind: string; filename: string; mimeType: string; size: number; sha256: string; content: Uint8Array; width: number | null; height: number | null }

export async function findAffiliationByIdempotencyKey(db: Db | Tx, idempotencyKey: string): Promise<(TAffiliationRow & { type: string; organisation: { name: string } }) | null> {
  return db.procedure.findUnique({ where: { idempotencyKey }, select: { ...rowSelect, type: true, organisation: { select: { name: true } } } })
}

/** The request with this number and this applicant's birth date (both must match), or null. */
export async function findAffiliationByReferenceAndBirthDate(db: Db | Tx, reference: string, birthDate: string): Promise<{ id: string } | null> {
  return db.procedure.findFirst({ where: { reference, type: 'affiliation', applicantBirthDate: birthDate }, select: { id: true } })
}

export async function findAffiliationById(db: Db | Tx, id: string): Promise<TAffiliationRow | null> {
  return db.procedure.findFirst({ where: { id, type: 'affiliation' }, select: rowSelect })
}

/** An insured person by NIR (13 characters), with what decides whether their rights are open. */
export async function findInsuredRightsByNir(db: Db | Tx, nir13: string): Promise<{ id: string; nirKey: string; nirKind: string; affiliationStatus: string; rightsFrom: string; rightsTo: string | null } | null> {
  return db.insured.findUnique({ where: { nir: nir13 }, select: { id: true, nirKey: true, nirKind: true, affiliationStatus: true, rightsFrom: true, rightsTo: true } })
}

/** Insured persons born on this date (the service compares names, accents and case folded: portable on both databases). */
export async function listInsuredIdentitiesBornOn(db: Db | Tx, birthDate: string): Promise<{ id: string; birthName: string; firstNames: string }[]> {
  return db.insured.findMany({ where: { birthDate }, select: { id: true, birthName: true, firstNames: true } })
}

/** Open affiliation requests with this birth date (the same identity asking twice). */
export async function listOpenAffiliationPayloadsBornOn(db: Db | Tx, birthDate: string): Promise<{ id: string; payload: string }[]> {
  return db.procedure.findMany({ where: { type: 'affiliation', applicantBirthDate: birthDate, status: { in: ['submitted', 'in-review', 'waiting-document', 'approved'] } }, select: { id: true, payload: true } })
}

/** The request, its first event ('submit') and its supporting documents, in the caller's transaction. */
export async function createAffiliationRequest(
  tx: Tx,
  data: { reference: string; organisationId: string; payload: string; applicantBirthDate: string; idempotencyKey: string; submittedAt: Date },
  files: TAffiliationFileInput[],
): Promise<TAffiliationRow> {
  return tx.procedure.create({
    data: {
      ...data,
      type: 'affiliation',
      status: 'submitted',
      insuredId: null,
      events: { create: { status: 'submitted', at: data.submittedAt, actorUserId: null, note: 'submit' } },
      uploads: { create: files.map((f) => ({ ...f, content: Buffer.from(f.content), insuredId: null, uploadedById: null, createdAt: data.submittedAt })) },
    },
    select: rowSelect,
  })
}

/** A supporting document added later (the applicant answering a request), attached to the request. */
export async function addAffiliationUpload(tx: Tx, procedureId: string, insuredId: string | null, file: TAffiliationFileInput, at: Date): Promise<{ id: string }> {
  return tx.upload.create({ data: { ...file, content: Buffer.from(file.content), procedureId, insuredId, uploadedById: null, createdAt: at }, select: { id: true } })
}

/** New status of the request (conditional on the status read: two tabs cannot both apply a step), with its event. */
export async function updateAffiliationState(
  tx: Tx,
  id: string,
  from: string,
  data: { status: string; payload: string; requestedDocument: string | null; closedAt: Date | null },
  event: { at: Date; note: string },
): Promise<boolean> {
  const r = await tx.procedure.updateMany({ where: { id, status: from }, data: { ...data, openKey: null } })
  if (r.count === 0) return false
  await tx.procedureEvent.create({ data: { procedureId: id, status: data.status, at: event.at, actorUserId: null, note: event.note } })
  return true
}

export type TAffiliationFollowDto = TAffiliationRow & {
  events: { status: string; at: Date; note: string | null }[]
  uploads: { id: string; kind: string; filename: string; createdAt: Date }[]
  insured: { id: string; nir: string; nirKey: string; nirKind: string } | null
  firstVitaleOrder: { requestedAt: Date; status: string; estimatedDelivery: string | null; deliveredAt: Date | null } | null
  attestation: { id: string; issuedAt: Date } | null
}

/** Everything the follow-up page shows about one request. */
export async function getAffiliationFollow(db: Db, id: string): Promise<TAffiliationFollowDto | null> {
  const row = await db.procedure.findFirst({
    where: { id, type: 'affiliation' },
    select: {
      ...rowSelect,
      events: { orderBy: { at: 'asc' }, select: { status: true, at: true, note: true } },
      uploads: { orderBy: { createdAt: 'asc' }, select: { id: true, kind: true, filename: true, createdAt: true } },
      insured: { select: { id: true, nir: true, nirKey: true, nirKind: true } },
    },
  })
  if (!row) return null
  let firstVitaleOrder: TAffiliationFollowDto['firstVitaleOrder'] = null
  let attestation: TAffiliationFollowDto['attestation'] = null
  if (row.insured) {
    const order = await db.cardOrder.findFirst({
      where: { insuredId: row.insured.id, beneficiaryId: null, kind: 'vitale' },
      orderBy: { requestedAt: 'asc' },
      select: { requestedAt: true, status: true, estimatedDelivery: true, events: { where: { status: 'delivered' }, orderBy: { at: 'asc' }, take: 1, select: { at: true } } },
    })
    if (order) firstVitaleOrder = { requestedAt: order.requestedAt, status: order.status, estimatedDelivery: order.estimatedDelivery, deliveredAt: order.events[0]?.at ?? null }
    attestation = await db.issuedDocument.findFirst({ where: { insuredId: row.insured.id, kind: 'attestation-droits', revokedAt: null }, orderBy: { issuedAt: 'desc' }, select: { id: true, issuedAt: true } })
  }
  return { ...row, firstVitaleOrder, attestation }
}

/** The latest attestation de droits of the insured person linked to the request (its printed snapshot), or null. */
export async function findAffiliationAttestation(db: Db, procedureId: string): Promise<{ id: string; insuredId: string; issuedAt: Date; verificationCode: string; snapshot: string } | null> {
  const p = await db.procedure.findFirst({ where: { id: procedureId, type: 'affiliation' }, select: { insuredId: true } })
  if (!p?.insuredId) return null
  return db.issuedDocument.findFirst({
    where: { insuredId: p.insuredId, kind: 'attestation-droits', revokedAt: null },
    orderBy: { issuedAt: 'desc' },
    select: { id: true, insuredId: true, issuedAt: true, verificationCode: true, snapshot: true },
  })
}
