import 'server-only'
import type { Db, Tx } from '@/lib/db/client'
import { writeAudit } from '@/lib/db/repositories/audit'
import { findAffiliationInScope, listAttachedKinds, listNirsWithPrefix, type TAffiliationRow } from '@/lib/db/repositories/affiliation-registration'
import { isUniqueViolation } from '@/lib/db/repositories/db-errors'
import { queueOutboxMessages, type TOutboxInput } from '@/lib/db/repositories/outbox'
import { updateProcedureState } from '@/lib/db/repositories/procedures'
import { missingDocuments } from '@/lib/domain/affiliation/documents'
import { transitionAffiliation, type TAffiliationEvent, type TAffiliationState } from '@/lib/domain/affiliation/affiliation-machine'
import { generateNir, nirPrefix, orderOf, type TBirthPlace, type TNirRequest } from '@/lib/domain/affiliation/nir-allocation'
import type { CalendarDate } from '@/lib/domain/dates'
import { maskIban } from '@/lib/domain/iban'
import { ZAffiliationPayload, type TAffiliationPayload } from '@/lib/schemas/affiliation'
import { AppError } from '@/lib/errors'
import { auditRole, orRefuse, renderMessage, staffScope, type TActor } from '../procedures/common'

/**
 * What every advisor step on an affiliation request shares: the request in the actor's scope (advisors: their
 * caisse, supervisors: any; insured → 403; another caisse → 404), its payload, the machine's decision with the
 * documents still missing, and the write of the step (status, ProcedureEvent with the event type as note, audit event
 * `affiliation.<event>` without the IBAN, messages to the applicant) in the caller's transaction.
 */

export type TLoadedAffiliation = { row: TAffiliationRow; payload: TAffiliationPayload; scope: string | null }

export async function loadAffiliationForStaff(db: Db | Tx, actor: TActor, procedureId: string): Promise<TLoadedAffiliation> {
  const scope = staffScope(actor, 'update:procedure:caisse')
  const row = await findAffiliationInScope(db, procedureId, scope)
  if (!row) throw new AppError('notFound', 404)
  const parsed = ZAffiliationPayload.safeParse(JSON.parse(row.payload))
  if (!parsed.success) throw new AppError('affiliation.errors.transition', 422)
  return { row, payload: parsed.data, scope }
}

/** The documents the situation requires that are not attached to the request. */
export async function missingFor(db: Db | Tx, loaded: TLoadedAffiliation): Promise<string[]> {
  const kinds = await listAttachedKinds(db, loaded.row.id)
  return missingDocuments({ situation: loaded.payload.situation, nationality: loaded.payload.nationality, birthCertificateInFrench: loaded.payload.birthCertificateInFrench }, kinds)
}

/** The machine's view of the request (the reason of the last document request is kept in the payload). */
export function machineState(loaded: TLoadedAffiliation): TAffiliationState {
  const last = loaded.payload.documentRequests.at(-1)
  return { status: loaded.row.status as TAffiliationState['status'], requestedDocument: loaded.row.requestedDocument, requestReason: last && !last.answeredOn ? last.reason : null, decisionReason: loaded.row.decisionReason }
}

/** Asks the machine; a refusal is a 422 whose code is the i18n key. */
export async function decide(db: Db | Tx, loaded: TLoadedAffiliation, event: TAffiliationEvent): Promise<TAffiliationState> {
  const missing = event.type === 'register-temporary' || event.type === 'assign-permanent' ? await missingFor(db, loaded) : []
  return orRefuse(transitionAffiliation(machineState(loaded), event, missing))
}

/** The first advisor step on a request that was only sent also confirms its receipt. */
export function withReceipt(payload: TAffiliationPayload, status: string, today: CalendarDate): TAffiliationPayload {
  return status === 'submitted' && !payload.acknowledgedOn ? { ...payload, acknowledgedOn: today } : payload
}

const CLOSED = new Set(['completed', 'rejected', 'cancelled'])

/** Status, payload and history of the step, its audit event and the applicant's messages, in the caller's transaction. */
export async function recordAffiliationStep(
  tx: Tx,
  s: {
    loaded: TLoadedAffiliation
    actor: TActor
    event: TAffiliationEvent['type']
    next: TAffiliationState
    payload: TAffiliationPayload
    insuredId: string | null
    now: Date
    ip?: string | null
    userAgent?: string | null
    details?: Record<string, unknown>
    messages: TOutboxInput[]
  },
): Promise<void> {
  const { row } = s.loaded
  const closed = CLOSED.has(s.next.status)
  await updateProcedureState(
    tx,
    row.id,
    {
      status: s.next.status,
      estimatedCompletion: row.estimatedCompletion,
      requestedDocument: s.next.requestedDocument,
      decisionReason: s.next.decisionReason,
      openKey: closed ? null : row.openKey,
      closedAt: closed ? s.now : null,
      payload: JSON.stringify(s.payload),
      assignedToId: s.actor.id,
    },
    { at: s.now, actorUserId: s.actor.id, note: s.event },
  )
  await writeAudit(tx, {
    actorUserId: s.actor.id,
    actorRole: auditRole(s.actor),
    action: `affiliation.${s.event}`,
    targetType: 'procedure',
    targetId: row.id,
    insuredId: s.insuredId,
    ip: s.ip ?? null,
    userAgent: s.userAgent ?? null,
    details: { reference: row.reference, from: row.status, to: s.next.status, ibanMasked: maskIban(s.payload.iban), ...s.details },
  })
  await queueOutboxMessages(tx, s.messages)
}

/**
 * The applicant's e-mail (and SMS when `sms`), in their language, from `affiliationAdvisor.notifications.<template>`
 * (subject and body, with {placeholders}); the request number is always a parameter.
 */
export function applicantMessages(
  loaded: TLoadedAffiliation,
  o: { template: string; params?: Record<string, string | number>; insuredId: string | null; sms?: boolean },
): TOutboxInput[] {
  const locale = loaded.payload.preferredLocale === 'en' ? 'en' : 'fr'
  const params = { reference: loaded.row.reference, firstName: loaded.payload.firstNames.split(' ')[0] ?? '', ...(o.params ?? {}) }
  const key = `affiliationAdvisor.notifications.${o.template}`
  const subject = renderMessage(locale, `${key}.subject`, params)
  const out: TOutboxInput[] = [{ channel: 'email', recipient: loaded.payload.email, insuredId: o.insuredId, template: key, subject, body: renderMessage(locale, `${key}.body`, params), locale }]
  if (o.sms && loaded.payload.phone) out.push({ channel: 'sms', recipient: loaded.payload.phone, insuredId: o.insuredId, template: key, subject: null, body: renderMessage(locale, `${key}.sms`, params), locale })
  return out
}

/** The document's name in the applicant's language (affiliation.documents.*). */
export function documentName(loaded: TLoadedAffiliation, document: string): string {
  return renderMessage(loaded.payload.preferredLocale === 'en' ? 'en' : 'fr', `affiliation.documents.${document}`)
}

/** The number request of the applicant with the place of birth the advisor confirmed. */
export function nirRequest(payload: TAffiliationPayload, birthPlace: TBirthPlace): TNirRequest {
  return { sex: payload.sex, birthDate: payload.birthDate as CalendarDate, birthPlace }
}

/** A new number of this kind, the smallest order not yet used by any Insured or beneficiary with the same prefix. */
export async function allocateNir(tx: Tx, kind: 'temporary' | 'permanent', req: TNirRequest): Promise<{ nir: string; key: string }> {
  const taken = (await listNirsWithPrefix(tx, nirPrefix(kind, req))).map(orderOf)
  return orRefuse(generateNir(kind, req, taken))
}

/** Runs the step again when another registration took the same number between the read and the insert. */
export async function retryOnNirRace<T>(work: () => Promise<T>, attempts = 5): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await work()
    } catch (error) {
      if (i < attempts && isUniqueViolation(error, 'nir')) continue
      throw error
    }
  }
}
