import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { ZodError } from 'zod'
import { getDb } from '@/lib/db/client'
import { parseNir } from '@/lib/domain/nir'
import { buildFrenchIban } from '@/lib/domain/iban'
import type { TAffiliationPayload } from '@/lib/schemas/affiliation'
import { ZQueueFilter } from '@/lib/schemas/back-office'
import { acknowledgeAffiliation } from '@/lib/services/affiliation/acknowledge-affiliation'
import { requestAffiliationDocument } from '@/lib/services/affiliation/request-affiliation-document'
import { registerTemporaryNumber } from '@/lib/services/affiliation/register-temporary-number'
import { assignPermanentNumber } from '@/lib/services/affiliation/assign-permanent-number'
import { rejectAffiliation } from '@/lib/services/affiliation/reject-affiliation'
import { getAffiliationForStaff } from '@/lib/services/affiliation/get-affiliation-for-staff'
import { readAffiliationDocument } from '@/lib/services/affiliation/read-affiliation-document'
import { getAffiliationAttestation } from '@/lib/services/affiliation/get-affiliation-attestation'
import { getProcedureForStaff, listQueueForStaff } from '@/lib/services/back-office/queue'
import { openInsuredFile } from '@/lib/services/back-office/insured-file'
import { enterPaperCareSheet } from '@/lib/services/back-office/enter-paper-care-sheet'
import { listAuditJournal } from '@/lib/services/back-office/audit-journal'
import { advanceProcedure } from '@/lib/services/procedures/advance-procedure'
import { listProcedures } from '@/lib/services/procedures/list-procedures'
import { orderVitaleCard } from '@/lib/services/procedures/order-vitale-card'
import { uploadFile } from '@/lib/services/procedures/upload-file'
import { ZAuditFilter } from '@/lib/schemas/back-office'
import { codeOf, ctx, insuredActor, jpeg, key, NOW, PDF_BYTES, staffActor } from '../support/procedures'

/**
 * Issue 7 §2–§3: an advisor processes an affiliation request (PUMA) in the back-office — receipt, document requests,
 * temporary number (RULEBOOK §8: 7/8, 99 + INSEE country code for a birth abroad, first free order number), permanent
 * number (1/2) with the first attestation de droits, refusal — each step in the caisse's scope, audited, e-mailed.
 */

const PARIS = 'camille.roux@cpam-paris.example.fr'
const RHONE = 'julie.fontaine@cpam-rhone.example.fr'
const SUPERVISOR = 'isabelle.moreau@cpam-paris.example.fr'
const VERIFY = 'http://localhost:3000'
const FAMILY_DOCS = ['identity', 'birth-certificate', 'birth-certificate-translation', 'residence-permit', 'marriage-certificate', 'spouse-attestation', 'proof-of-residence', 'rib']

let seq = 0
/** A name suffix in letters (issue 17 §7: no digits in a name): 1 → "A", 27 → "AA". */
const letters = (n: number): string => (n > 26 ? letters(Math.floor((n - 1) / 26)) : '') + String.fromCharCode(65 + ((n - 1) % 26))

/** An affiliation request as the public form stores it (Procedure type affiliation, insuredId null, Upload rows). */
async function affiliationRequest(o: { firstNames?: string; birthName?: string; sex?: 1 | 2; birthDate?: string; birthCountry?: string; nationality?: string; situation?: TAffiliationPayload['situation']; documents?: string[]; status?: string; caisse?: string; email?: string } = {}) {
  const db = getDb()
  const org = await db.organisation.findUniqueOrThrow({ where: { code: o.caisse ?? '751' }, select: { id: true } })
  const n = ++seq
  const payload: TAffiliationPayload = {
    situation: o.situation ?? 'family-member', sex: o.sex ?? 2, birthName: o.birthName ?? `Walker${letters(n)}`, usualName: null, firstNames: o.firstNames ?? 'Grace', birthDate: o.birthDate ?? '1990-05-14',
    birthCity: 'Chicago', birthCountry: o.birthCountry ?? 'US', nationality: o.nationality ?? 'US', birthCertificateInFrench: false,
    addressLine1: '4 rue de la Roquette', addressLine2: null, postalCode: '75011', city: 'Paris', arrivalDate: '2026-06-01', email: o.email ?? `grace${n}@example.com`, phone: '0612345678',
    iban: buildFrenchIban('30004', '00822', String(10000000000 + n).slice(0, 11)), bic: null, bankHolder: 'GRACE WALKER', employerName: null,
    spouseNir: { nir: '1850575115423', key: '55' }, preferredLocale: 'en',
    temporaryNir: null, permanentNir: null, documentRequests: [], acknowledgedOn: null,
  }
  const submittedAt = new Date('2026-11-02T09:00:00Z')
  const p = await db.procedure.create({
    data: {
      reference: `AFF-2026-T${String(n).padStart(5, '0')}${Date.now() % 1000}`, type: 'affiliation', insuredId: null, organisationId: org.id, status: o.status ?? 'submitted',
      applicantBirthDate: payload.birthDate, payload: JSON.stringify(payload), submittedAt, idempotencyKey: key('aff'),
      events: { create: { status: 'submitted', at: submittedAt, note: 'submit' } },
    },
    select: { id: true, reference: true },
  })
  for (const kind of o.documents ?? FAMILY_DOCS) {
    await db.upload.create({ data: { procedureId: p.id, insuredId: null, kind, filename: `${kind}.pdf`, mimeType: 'application/pdf', size: PDF_BYTES.length, sha256: createHash('sha256').update(PDF_BYTES).digest('hex'), content: Buffer.from(PDF_BYTES) } })
  }
  return { ...p, payload }
}

const row = (id: string) => getDb().procedure.findUniqueOrThrow({ where: { id }, include: { events: { orderBy: { at: 'asc' } }, uploads: true } })
const payloadOf = async (id: string) => JSON.parse((await row(id)).payload) as TAffiliationPayload
const outboxTo = (recipient: string) => getDb().outboxMessage.findMany({ where: { recipient }, orderBy: { createdAt: 'asc' } })

describe('affiliation in the back-office (issue 7 §1–§2)', () => {
  it('the queue lists a request by the applicant’s name, filtered by type; the request page works with no insured file', async () => {
    const r = await affiliationRequest({ firstNames: 'Ada', birthName: 'Queue' })
    const advisor = await staffActor(PARIS)
    const q = await listQueueForStaff({ actor: advisor, filter: ZQueueFilter.parse({ type: 'affiliation', status: 'all' }) })
    expect(q.items.every((i) => i.type === 'affiliation')).toBe(true)
    const item = q.items.find((i) => i.id === r.id)!
    expect(item).toMatchObject({ insuredId: null, insuredName: 'Ada Queue', status: 'submitted' })
    // The generic procedure view does not break on insuredId null.
    expect((await getProcedureForStaff({ actor: advisor, procedureId: r.id, ...ctx })).insuredName).toBe('Ada Queue')
    const view = await getAffiliationForStaff({ actor: advisor, procedureId: r.id, ...ctx })
    expect(view.applicant.ibanMasked).toMatch(/^FR76 \*+/i)
    expect(JSON.stringify(view)).not.toContain(r.payload.iban)
    expect(view.missing).toEqual([])
    expect(view.checklist.map((c) => c.document)).toEqual(FAMILY_DOCS)
    expect(view.checklist.every((c) => c.files.length === 1)).toBe(true)
    expect(view.actions).toEqual(['acknowledge', 'request-document', 'reject'])
    expect(view.birthPlaceDefault).toEqual({ kind: 'abroad', countryCode: '404' })
    expect(view.residence).toMatchObject({ ok: true, exempt: true })
    expect(view.spouse?.name).toBe('Jonathan Pierre Martin')
    // The Lyon advisor does not see the spouse in Paris (nor the request at all).
    expect(await codeOf(getAffiliationForStaff({ actor: await staffActor(RHONE), procedureId: r.id, ...ctx }))).toBe('404 notFound')
  })

  it('acknowledge: submitted → in-review, receipt date, history, audit and an e-mail in the applicant’s language', async () => {
    const r = await affiliationRequest()
    const advisor = await staffActor(PARIS)
    expect(await acknowledgeAffiliation({ actor: advisor, input: { procedureId: r.id }, ...ctx })).toMatchObject({ status: 'in-review' })
    const p = await row(r.id)
    expect(p.status).toBe('in-review')
    expect(p.assignedToId).toBe(advisor.id)
    expect(p.events.at(-1)).toMatchObject({ status: 'in-review', note: 'acknowledge', actorUserId: advisor.id })
    expect((await payloadOf(r.id)).acknowledgedOn).toBe('2026-11-24')
    // The request page's history names the advisor; the applicant's own step has no staff name.
    const history = (await getAffiliationForStaff({ actor: advisor, procedureId: r.id, ...ctx })).events
    const advisorName = (await getDb().user.findUniqueOrThrow({ where: { id: advisor.id }, select: { displayName: true } })).displayName
    expect(history.map((e) => [e.note, e.actor])).toEqual([['submit', null], ['acknowledge', advisorName]])
    const mail = await outboxTo(r.payload.email)
    expect(mail).toHaveLength(1)
    expect(mail[0]).toMatchObject({ channel: 'email', locale: 'en', template: 'affiliationAdvisor.notifications.acknowledge' })
    expect(mail[0]!.subject).toContain(r.reference)
    const audit = await getDb().auditEvent.findFirstOrThrow({ where: { targetId: r.id, action: 'affiliation.acknowledge' } })
    expect(audit).toMatchObject({ actorUserId: advisor.id, actorRole: 'advisor', insuredId: null })
    expect(audit.details).not.toContain(r.payload.iban)
    // Twice: the machine refuses.
    expect(await codeOf(acknowledgeAffiliation({ actor: advisor, input: { procedureId: r.id }, ...ctx }))).toBe('422 affiliation.errors.transition')
  })

  it('request a document: a reason is required; → waiting-document, the request is kept in the payload and e-mailed with its reason', async () => {
    const r = await affiliationRequest()
    const advisor = await staffActor(PARIS)
    const bad = await requestAffiliationDocument({ actor: advisor, input: { procedureId: r.id, document: 'identity', reason: '  ' }, ...ctx }).catch((e: unknown) => e)
    expect(bad).toBeInstanceOf(ZodError)
    expect((bad as ZodError).issues[0]!.message).toBe('affiliation.errors.reasonRequired')
    const unknownDoc = await requestAffiliationDocument({ actor: advisor, input: { procedureId: r.id, document: 'selfie', reason: 'x' }, ...ctx }).catch((e: unknown) => e)
    expect(unknownDoc).toBeInstanceOf(ZodError)
    const reason = 'The copy of the passport cannot be read: send a sharper scan.'
    await requestAffiliationDocument({ actor: advisor, input: { procedureId: r.id, document: 'identity', reason }, publicBaseUrl: VERIFY, ...ctx })
    const p = await row(r.id)
    expect([p.status, p.requestedDocument, p.events.at(-1)?.note]).toEqual(['waiting-document', 'identity', 'request-document'])
    const payload = await payloadOf(r.id)
    expect(payload.documentRequests).toEqual([{ document: 'identity', reason, requestedOn: '2026-11-24', answeredOn: null }])
    // First advisor step on a request only sent: it also confirms the receipt.
    expect(payload.acknowledgedOn).toBe('2026-11-24')
    const [mail] = await outboxTo(r.payload.email)
    expect(mail!.body).toContain(reason)
    expect(mail!.body).toContain('Identity document')
    // The link to the follow-up page, where the document is added.
    expect(mail!.body).toContain(`${VERIFY}/affiliation/suivi`)
    expect(mail!.body).toContain(r.reference)
    expect(await getDb().auditEvent.count({ where: { targetId: r.id, action: 'affiliation.request-document' } })).toBe(1)
  })

  it('register a temporary number: a woman born in the USA gets 8 YY MM 99 404 001 with a valid key; the insured file is opened and the documents linked', async () => {
    const r = await affiliationRequest({ birthDate: '1990-05-14' })
    const advisor = await staffActor(PARIS)
    await acknowledgeAffiliation({ actor: advisor, input: { procedureId: r.id }, ...ctx })
    const out = await registerTemporaryNumber({ actor: advisor, input: { procedureId: r.id, birthPlace: { kind: 'abroad', countryCode: '404' } }, ...ctx })
    expect(out.nir).toBe('8900599404001')
    const parsed = parseNir(`${out.nir}${out.key}`)
    expect(parsed.ok && parsed.kind).toBe('temporary')
    const insured = await getDb().insured.findUniqueOrThrow({ where: { id: out.insuredId }, include: { user: true, organisation: true } })
    expect(insured).toMatchObject({ nir: out.nir, nirKey: out.key, nirKind: 'temporary', affiliationStatus: 'in-progress', rightsFrom: '2026-11-24', regime: 'general', sex: 2, birthCountry: 'US', email: r.payload.email, iban: r.payload.iban })
    expect(insured.user).toBeNull()
    expect(insured.organisation.code).toBe('751')
    const p = await row(r.id)
    expect(p.status).toBe('approved')
    expect(p.insuredId).toBe(out.insuredId)
    expect(p.uploads.every((u) => u.insuredId === out.insuredId)).toBe(true)
    expect((await payloadOf(r.id)).temporaryNir).toEqual({ nir: out.nir, key: out.key, on: '2026-11-24' })
    const messages = await outboxTo(r.payload.email)
    const sms = await outboxTo(r.payload.phone)
    expect(messages.at(-1)!.body).toContain('8 90 05 99 404 001')
    expect(messages.at(-1)!.body).toMatch(/paper care sheets/)
    expect(messages.at(-1)!.body).toMatch(/cannot yet create your ameli account nor order a carte Vitale/)
    expect(sms.at(-1)).toMatchObject({ channel: 'sms', insuredId: out.insuredId })
    const audit = await getDb().auditEvent.findFirstOrThrow({ where: { targetId: r.id, action: 'affiliation.register-temporary' } })
    expect(audit.insuredId).toBe(out.insuredId)
  })

  it('numbers never collide: two people born the same month in the same country get orders 001 and 002', async () => {
    const advisor = await staffActor(PARIS)
    const a = await affiliationRequest({ birthDate: '1993-02-03', status: 'in-review' })
    const b = await affiliationRequest({ birthDate: '1993-02-27', status: 'in-review' })
    const ra = await registerTemporaryNumber({ actor: advisor, input: { procedureId: a.id, birthPlace: { kind: 'abroad', countryCode: 404 } }, ...ctx })
    const rb = await registerTemporaryNumber({ actor: advisor, input: { procedureId: b.id, birthPlace: { kind: 'abroad', countryCode: 404 } }, ...ctx })
    expect([ra.nir, rb.nir]).toEqual(['8930299404001', '8930299404002'])
    // At the same time: each transaction reads the free orders; the loser of the race runs again.
    const c = await affiliationRequest({ birthDate: '1994-07-01', status: 'in-review' })
    const d = await affiliationRequest({ birthDate: '1994-07-09', status: 'in-review' })
    const both = await Promise.all([c, d].map((x) => registerTemporaryNumber({ actor: advisor, input: { procedureId: x.id, birthPlace: { kind: 'abroad', countryCode: 404 } }, ...ctx })))
    expect(both.map((x) => x.nir).sort()).toEqual(['8940799404001', '8940799404002'])
  })

  it('assign the permanent number: 2 YY MM 99 404 order + key, the file becomes active, an attestation de droits is issued by the advisor', async () => {
    const r = await affiliationRequest({ birthDate: '1988-03-09', status: 'in-review' })
    const advisor = await staffActor(PARIS)
    const temp = await registerTemporaryNumber({ actor: advisor, input: { procedureId: r.id, birthPlace: { kind: 'abroad', countryCode: '404' } }, ...ctx })
    const out = await assignPermanentNumber({ actor: advisor, input: { procedureId: r.id, birthPlace: { kind: 'abroad', countryCode: '404' } }, verifyBaseUrl: VERIFY, ...ctx })
    expect(out.insuredId).toBe(temp.insuredId)
    expect(out.nir).toMatch(/^2880399404\d{3}$/)
    const parsed = parseNir(`${out.nir}${out.key}`)
    expect(parsed.ok && parsed.kind).toBe('permanent')
    const insured = await getDb().insured.findUniqueOrThrow({ where: { id: out.insuredId } })
    expect(insured).toMatchObject({ nir: out.nir, nirKey: out.key, nirKind: 'permanent', affiliationStatus: 'active' })
    const doc = await getDb().issuedDocument.findUniqueOrThrow({ where: { id: out.attestationId } })
    expect(doc).toMatchObject({ insuredId: out.insuredId, kind: 'attestation-droits', issuedById: advisor.id, scope: 'insured' })
    expect(JSON.parse(doc.snapshot).insured.nir).toBe(`2 88 03 99 404 ${out.nir.slice(10)} ${out.key}`)
    const p = await row(r.id)
    expect([p.status, p.closedAt !== null, p.events.at(-1)?.note]).toEqual(['completed', true, 'assign-permanent'])
    expect((await payloadOf(r.id)).permanentNir).toEqual({ nir: out.nir, key: out.key, on: '2026-11-24' })
    const mail = (await outboxTo(r.payload.email)).at(-1)!
    expect(mail.body).toContain(`${VERIFY}/activer-mon-compte`)
    expect(mail.body).toContain(`${VERIFY}/affiliation/suivi`)
    expect(mail.body).toMatch(/attestation de droits/)
    // In the person's list of procedures, the request shows its situation and a masked IBAN, never the whole application.
    const listed = (await listProcedures({ actor: advisor, insuredId: out.insuredId })).find((e) => e.type === 'affiliation')!
    expect(Object.keys(listed.details).sort()).toEqual(['ibanMasked', 'situation', 'uploads'])
    expect(listed.details.ibanMasked).toMatch(/\*/)
    expect(JSON.stringify(listed)).not.toContain(r.payload.iban)
    expect(await getDb().auditEvent.count({ where: { insuredId: out.insuredId, action: { in: ['affiliation.assign-permanent', 'document.attestation.issue'] } } })).toBe(2)
    // The advisor downloads it again from the request page.
    const pdf = await getAffiliationAttestation({ actor: advisor, input: { procedureId: r.id, documentId: out.attestationId }, ...ctx })
    expect(Buffer.from(pdf.pdf).subarray(0, 5).toString()).toBe('%PDF-')
    expect(await codeOf(getAffiliationAttestation({ actor: await staffActor(RHONE), input: { procedureId: r.id, documentId: out.attestationId }, ...ctx }))).toBe('404 notFound')
    // Nothing more to do.
    expect((await getAffiliationForStaff({ actor: advisor, procedureId: r.id, ...ctx })).actions).toEqual([])
  })

  it('a permanent number straight from review (born in France, Corsica): the insured file is opened active with it', async () => {
    const r = await affiliationRequest({ sex: 1, firstNames: 'Marc', birthDate: '1979-10-02', birthCountry: 'FR', nationality: 'FR', situation: 'employee', status: 'in-review', documents: ['identity', 'birth-certificate', 'birth-certificate-translation', 'employment-proof', 'rib'] })
    const out = await assignPermanentNumber({ actor: await staffActor(SUPERVISOR), input: { procedureId: r.id, birthPlace: { kind: 'france', department: '2a', commune: '4' } }, verifyBaseUrl: VERIFY, ...ctx })
    expect(out.nir).toMatch(/^179102A004\d{3}$/)
    expect(parseNir(`${out.nir}${out.key}`).ok).toBe(true)
    expect((await getDb().insured.findUniqueOrThrow({ where: { id: out.insuredId } })).affiliationStatus).toBe('active')
    expect((await payloadOf(r.id)).temporaryNir).toBeNull()
  })

  it('missing documents block a number (the machine lists them); a bad place of birth is refused', async () => {
    const r = await affiliationRequest({ status: 'in-review', documents: ['identity', 'birth-certificate', 'birth-certificate-translation', 'residence-permit', 'marriage-certificate', 'spouse-attestation', 'proof-of-residence'] })
    const advisor = await staffActor(PARIS)
    const input = { procedureId: r.id, birthPlace: { kind: 'abroad', countryCode: '404' } }
    expect(await codeOf(registerTemporaryNumber({ actor: advisor, input, ...ctx }))).toBe('422 affiliation.errors.documentsMissing')
    expect(await codeOf(assignPermanentNumber({ actor: advisor, input, verifyBaseUrl: VERIFY, ...ctx }))).toBe('422 affiliation.errors.documentsMissing')
    expect((await getAffiliationForStaff({ actor: advisor, procedureId: r.id, ...ctx })).missing).toEqual(['rib'])
    expect((await row(r.id)).status).toBe('in-review')
    expect(await getDb().insured.count({ where: { email: r.payload.email } })).toBe(0)
    const full = await affiliationRequest({ status: 'in-review' })
    expect(await codeOf(registerTemporaryNumber({ actor: advisor, input: { procedureId: full.id, birthPlace: { kind: 'france', department: '20', commune: '1' } }, ...ctx }))).toBe('422 affiliation.errors.department')
    await expect(registerTemporaryNumber({ actor: advisor, input: { procedureId: full.id, birthPlace: { kind: 'abroad', countryCode: '42' } }, ...ctx })).rejects.toBeInstanceOf(ZodError)
  })

  it('reject with a reason (e-mailed); another caisse gets 404, an insured person 403; the generic procedure step refuses an affiliation', async () => {
    const r = await affiliationRequest()
    const advisor = await staffActor(PARIS)
    const lyon = await staffActor(RHONE)
    const jonathan = await insuredActor('Jonathan Pierre')
    const input = { procedureId: r.id }
    expect(await codeOf(acknowledgeAffiliation({ actor: lyon, input, ...ctx }))).toBe('404 notFound')
    expect(await codeOf(requestAffiliationDocument({ actor: lyon, input: { ...input, document: 'rib', reason: 'x' }, ...ctx }))).toBe('404 notFound')
    expect(await codeOf(rejectAffiliation({ actor: lyon, input: { ...input, reason: 'x' }, ...ctx }))).toBe('404 notFound')
    expect(await codeOf(registerTemporaryNumber({ actor: lyon, input: { ...input, birthPlace: { kind: 'abroad', countryCode: 404 } }, ...ctx }))).toBe('404 notFound')
    expect(await codeOf(getAffiliationForStaff({ actor: lyon, procedureId: r.id, ...ctx }))).toBe('404 notFound')
    expect(await codeOf(readAffiliationDocument({ actor: lyon, input: { procedureId: r.id, uploadId: (await row(r.id)).uploads[0]!.id }, ...ctx }))).toBe('404 notFound')
    expect(await codeOf(acknowledgeAffiliation({ actor: jonathan, input, ...ctx }))).toBe('403 forbidden')
    expect(await codeOf(getAffiliationForStaff({ actor: jonathan, procedureId: r.id, ...ctx }))).toBe('403 forbidden')
    expect(await codeOf(advanceProcedure({ actor: advisor, input: { procedureId: r.id, event: 'start-review' }, ...ctx }))).toBe('404 notFound')
    const reason = 'You already have rights in another caisse.'
    await rejectAffiliation({ actor: advisor, input: { procedureId: r.id, reason }, ...ctx })
    const p = await row(r.id)
    expect([p.status, p.decisionReason, p.closedAt !== null]).toEqual(['rejected', reason, true])
    expect((await outboxTo(r.payload.email)).at(-1)!.body).toContain(reason)
    expect(await codeOf(rejectAffiliation({ actor: advisor, input: { procedureId: r.id, reason }, ...ctx }))).toBe('422 affiliation.errors.transition')
  })

  it('an advisor opens an attached document (audited); a document of another request is not found through this one', async () => {
    const r = await affiliationRequest()
    const other = await affiliationRequest()
    const advisor = await staffActor(PARIS)
    const upload = (await row(r.id)).uploads[0]!
    const file = await readAffiliationDocument({ actor: advisor, input: { procedureId: r.id, uploadId: upload.id }, ...ctx })
    expect(Buffer.from(file.content).subarray(0, 5).toString()).toBe('%PDF-')
    expect(await getDb().auditEvent.count({ where: { action: 'affiliation.document.open', targetId: upload.id, actorUserId: advisor.id } })).toBe(1)
    expect(await codeOf(readAffiliationDocument({ actor: advisor, input: { procedureId: other.id, uploadId: upload.id }, ...ctx }))).toBe('404 notFound')
    // The audit journal lists affiliation steps with no insured file.
    await acknowledgeAffiliation({ actor: advisor, input: { procedureId: r.id }, ...ctx })
    const journal = await listAuditJournal({ actor: await staffActor(SUPERVISOR), filter: ZAuditFilter.parse({ action: 'affiliation.' }) })
    expect(journal.rows.some((x) => x.action === 'affiliation.acknowledge' && x.insuredName === null)).toBe(true)
  })
})

describe('a temporary number in the back-office (issue 7 §3)', () => {
  it('the 360° file opens, a paper care sheet is reimbursed; a Vitale card cannot be ordered for a temporary number', async () => {
    const r = await affiliationRequest({ birthDate: '1991-09-19', status: 'in-review' })
    const advisor = await staffActor(PARIS)
    const { insuredId } = await registerTemporaryNumber({ actor: advisor, input: { procedureId: r.id, birthPlace: { kind: 'abroad', countryCode: 404 } }, ...ctx })
    const file = await openInsuredFile({ actor: advisor, input: { insuredId }, ...ctx })
    expect(file.nirKind).toBe('temporary')
    expect(file.user).toBeNull()
    const sheet = await enterPaperCareSheet({ actor: advisor, input: { insuredId, careDate: '2026-11-20', professionalRpps: '10003456789', lines: [{ act: 'G', fee: '30', quantity: 1 }] }, ...ctx })
    expect(sheet.amoPaid).toBeGreaterThan(0)
    expect(sheet.payment).not.toBeNull()
    expect(sheet.awaitingBankDetails).toBe(false)
    const photo = await uploadFile({ actor: advisor, insuredId, kind: 'photo', filename: 'p.jpg', bytes: await jpeg(600, 750), ...ctx })
    const identity = await uploadFile({ actor: advisor, insuredId, kind: 'identity', filename: 'id.pdf', bytes: PDF_BYTES, ...ctx })
    const order = orderVitaleCard({ actor: advisor, insuredId, input: { photoUploadId: photo.id, identityUploadId: identity.id, addressConfirmed: true, idempotencyKey: key('cv') }, ...ctx })
    expect(await codeOf(order)).toBe('422 procedureErrors.vitale.temporaryNumber')
  })

  it('the seeded demo: emily’s request is approved with her temporary number and documents; an advisor gives her permanent number', async () => {
    const db = getDb()
    const emily = await db.insured.findFirstOrThrow({ where: { birthName: 'Carter' } })
    const p = await db.procedure.findFirstOrThrow({ where: { type: 'affiliation', insuredId: emily.id }, include: { uploads: true, events: true } })
    expect(p.status).toBe('approved')
    expect(p.uploads.every((u) => u.insuredId === emily.id)).toBe(true)
    const view = await getAffiliationForStaff({ actor: await staffActor(PARIS), procedureId: p.id, now: NOW })
    expect(view.missing).toEqual([])
    expect(view.actions).toEqual(['assign-permanent'])
    expect(view.birthPlaceDefault).toEqual({ kind: 'abroad', countryCode: '404' })
    const out = await assignPermanentNumber({ actor: await staffActor(PARIS), input: { procedureId: p.id, birthPlace: { kind: 'abroad', countryCode: '404' } }, verifyBaseUrl: VERIFY, ...ctx })
    expect(out.nir).toMatch(/^2881199404\d{3}$/)
    expect(out.insuredId).toBe(emily.id)
  })
})
