import type { Db, Tx } from '../client'
import { eventsWithActors, uploadSelect, type TEventDto, type TUploadDto } from './back-office'

/**
 * Affiliation requests as the advisor processes them (back-office): the request in the caisse's scope, its
 * supporting documents, the numbers already taken, and the Insured file created at registration. The scope
 * (`organisationId`, null = every caisse for supervisors) is part of every query.
 */

/** The same shapes as the other request pages of the back-office. */
export type TAffiliationUploadDto = TUploadDto
export type TAffiliationEventDto = TEventDto

export type TAffiliationRow = {
  id: string
  reference: string
  type: string
  status: string
  payload: string
  submittedAt: Date
  estimatedCompletion: string | null
  closedAt: Date | null
  decisionReason: string | null
  requestedDocument: string | null
  openKey: string | null
  organisationId: string
  organisationName: string
  insuredId: string | null
  assignedTo: string | null
}

export type TAffiliationDetailRow = TAffiliationRow & { events: TAffiliationEventDto[]; uploads: TAffiliationUploadDto[] }

const rowSelect = {
  id: true, reference: true, type: true, status: true, payload: true, submittedAt: true, estimatedCompletion: true, closedAt: true, decisionReason: true, requestedDocument: true, openKey: true,
  organisationId: true, organisation: { select: { name: true } }, insuredId: true, assignedTo: { select: { displayName: true } },
} as const

type TRawRow = { organisation: { name: string }; assignedTo: { displayName: string } | null } & Omit<TAffiliationRow, 'organisationName' | 'assignedTo'>
const toRow = ({ organisation, assignedTo, ...r }: TRawRow): TAffiliationRow => ({ ...r, organisationName: organisation.name, assignedTo: assignedTo?.displayName ?? null })

const scopeWhere = (id: string, organisationId: string | null) => ({ id, type: 'affiliation', ...(organisationId ? { organisationId } : {}) })

/** An affiliation request in the caisse's scope (null when unknown, another type, or another caisse's). */
export async function findAffiliationInScope(db: Db | Tx, id: string, organisationId: string | null): Promise<TAffiliationRow | null> {
  const r = await db.procedure.findFirst({ where: scopeWhere(id, organisationId), select: rowSelect })
  return r ? toRow(r) : null
}

/** The request with its history (oldest first, with the advisor's name) and its supporting documents. */
export async function findAffiliationDetail(db: Db, id: string, organisationId: string | null): Promise<TAffiliationDetailRow | null> {
  const r = await db.procedure.findFirst({
    where: scopeWhere(id, organisationId),
    select: {
      ...rowSelect,
      events: { orderBy: [{ at: 'asc' }, { id: 'asc' }], select: { status: true, at: true, note: true, actorUserId: true } },
      uploads: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], select: uploadSelect },
    },
  })
  if (!r) return null
  const { events, uploads, ...row } = r
  return { ...toRow(row), uploads, events: await eventsWithActors(db, events) }
}

/** The kinds of the documents attached to a request (for the machine's missing-documents check). */
export async function listAttachedKinds(db: Db | Tx, procedureId: string): Promise<string[]> {
  const rows = await db.upload.findMany({ where: { procedureId }, select: { kind: true } })
  return rows.map((r) => r.kind)
}

/** Every NIR (13 characters) already given that starts with these 10 characters (to find a free order number). */
export async function listNirsWithPrefix(db: Db | Tx, prefix: string): Promise<string[]> {
  const [insured, beneficiaries] = await Promise.all([
    db.insured.findMany({ where: { nir: { startsWith: prefix } }, select: { nir: true } }),
    db.beneficiary.findMany({ where: { ownNir: { startsWith: prefix } }, select: { ownNir: true } }),
  ])
  return [...insured.map((i) => i.nir), ...beneficiaries.map((b) => b.ownNir!).filter(Boolean)]
}

export type TNewAffiliatedInsured = {
  nir: string
  nirKey: string
  sex: number
  birthName: string
  usualName: string | null
  firstNames: string
  birthDate: string
  birthPlace: string
  birthCountry: string
  nationality: string
  addressLine1: string
  addressLine2: string | null
  postalCode: string
  city: string
  email: string
  phone: string
  preferredLocale: string
  iban: string
  bic: string | null
  bankHolder: string
  employerName: string | null
  organisationId: string
  rightsFrom: string
}

/**
 * The Insured file opened with the temporary number ('in-progress'), or straight with the permanent one ('active');
 * no User yet: the account is created at activation.
 */
export async function createAffiliatedInsured(tx: Tx, data: TNewAffiliatedInsured & { nirKind: 'temporary' | 'permanent' }): Promise<{ id: string }> {
  return tx.insured.create({
    data: { ...data, affiliationStatus: data.nirKind === 'permanent' ? 'active' : 'in-progress', regime: 'general', managementCode: '10', country: 'FR' },
    select: { id: true },
  })
}

/** The request and its documents now belong to the new Insured file. */
export async function linkAffiliationToInsured(tx: Tx, procedureId: string, insuredId: string): Promise<number> {
  await tx.procedure.update({ where: { id: procedureId }, data: { insuredId } })
  const r = await tx.upload.updateMany({ where: { procedureId }, data: { insuredId } })
  return r.count
}

/** The permanent number replaces the temporary one; the affiliation becomes active. */
export async function giveInsuredPermanentNumber(tx: Tx, insuredId: string, data: { nir: string; nirKey: string }): Promise<void> {
  await tx.insured.update({ where: { id: insuredId }, data: { nir: data.nir, nirKey: data.nirKey, nirKind: 'permanent', affiliationStatus: 'active' } })
}

/** The Insured file linked to the request (the temporary number's), for the permanent number. */
export async function findAffiliatedInsured(db: Db | Tx, insuredId: string): Promise<{ id: string; nir: string; nirKey: string; nirKind: string; email: string | null; phone: string | null; preferredLocale: string } | null> {
  return db.insured.findUnique({ where: { id: insuredId }, select: { id: true, nir: true, nirKey: true, nirKind: true, email: true, phone: true, preferredLocale: true } })
}

/** The spouse named on the request, when they are insured in this scope (a link to their 360° file). */
export async function findInsuredByNirInScope(db: Db, nir13: string, organisationId: string | null): Promise<{ id: string; name: string } | null> {
  const i = await db.insured.findFirst({ where: { nir: nir13, ...(organisationId ? { organisationId } : {}) }, select: { id: true, firstNames: true, birthName: true, usualName: true } })
  return i ? { id: i.id, name: `${i.firstNames} ${i.usualName ?? i.birthName}` } : null
}

/** A supporting document of a request in scope, with its content (null when not this request's or not in scope). */
export async function readAffiliationUpload(db: Db, procedureId: string, uploadId: string, organisationId: string | null): Promise<(TAffiliationUploadDto & { content: Uint8Array; insuredId: string | null }) | null> {
  const row = await db.upload.findFirst({
    where: { id: uploadId, procedureId, procedure: { type: 'affiliation', ...(organisationId ? { organisationId } : {}) } },
    select: { id: true, kind: true, filename: true, mimeType: true, size: true, createdAt: true, content: true, insuredId: true },
  })
  return row ? { ...row, content: new Uint8Array(row.content) } : null
}

/** The affiliation request that opened this insured file (the 360° view links to it), in scope. */
export async function findAffiliationOfInsured(db: Db, insuredId: string, organisationId: string | null): Promise<{ id: string; reference: string; status: string } | null> {
  return db.procedure.findFirst({ where: { type: 'affiliation', insuredId, ...(organisationId ? { organisationId } : {}) }, orderBy: { submittedAt: 'desc' }, select: { id: true, reference: true, status: true } })
}
