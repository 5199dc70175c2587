import sharp from 'sharp'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ZodError } from 'zod'
import { getDb } from '@/lib/db/client'
import { buildNir } from '@/lib/domain/nir'
import { buildFrenchIban } from '@/lib/domain/iban'
import { ZAffiliationPayload } from '@/lib/schemas/affiliation'
import { isAppError } from '@/lib/errors'
import { addAffiliationDocument } from '@/lib/services/affiliation/add-affiliation-document'
import { downloadAffiliationAttestation } from '@/lib/services/affiliation/download-affiliation-attestation'
import { issueAttestation } from '@/lib/services/documents/issue-attestation'
import { createFollowLimiter, followAffiliationRequest } from '@/lib/services/affiliation/follow-affiliation-request'
import { createKeyedLimiter, resetAffiliationLimiters } from '@/lib/services/affiliation/affiliation-limits'
import { signFollowToken, verifyFollowToken, FOLLOW_ACCESS_SECONDS } from '@/lib/services/affiliation/follow-token'
import { getAffiliationFollowView } from '@/lib/services/affiliation/get-affiliation-follow'
import { submitAffiliationRequest, type TAffiliationFile } from '@/lib/services/affiliation/submit-affiliation-request'
import { withdrawAffiliationRequest } from '@/lib/services/affiliation/withdraw-affiliation-request'
import { insured } from '@/prisma/seed/demo-data'
import { nirOf } from '@/prisma/seed/demo-nir'
import { ctx, key, NOW, PDF_BYTES, staffActor } from '../support/procedures'

/** The outcome of a call: 'ok', the AppError as "<status> <code>", or the zod messages. */
async function outcome(promise: Promise<unknown>): Promise<string> {
  try {
    await promise
    return 'ok'
  } catch (error) {
    if (isAppError(error)) return `${error.status} ${error.code}`
    if (error instanceof ZodError) return `zod ${error.issues.map((i) => i.message).join(',')}`
    throw error
  }
}

async function errorOf(promise: Promise<unknown>) {
  try {
    await promise
  } catch (error) {
    if (isAppError(error)) return error
    throw error
  }
  throw new Error('expected a refusal')
}

const jonathan = nirOf(insured.find((p) => p.key === 'jonathan')!)
const PNG = new Uint8Array(await sharp({ create: { width: 40, height: 30, channels: 3, background: '#c0d0e0' } }).png().toBuffer())
const TEXT = new TextEncoder().encode('this is not an image, nor a PDF')

/** Sarah Miller, American, joins her insured husband (the demo "jonathan") in Paris. */
function sarah(over: Record<string, unknown> = {}) {
  return {
    idempotencyKey: key('aff'), situation: 'family-member', sex: '2', birthName: 'Miller', usualName: '', firstNames: 'Sarah Jane', birthDate: '1990-04-12',
    birthCity: 'Denver', birthCountry: 'US', nationality: 'US', birthCertificateInFrench: 'no', addressLine1: '18 rue Saint-Maur', addressLine2: '',
    postalCode: '75011', city: 'Paris', arrivalDate: '2026-10-01', email: 'sarah.miller@example.com', phone: '07 12 34 56 78',
    iban: buildFrenchIban('30004', '00822', '00010987654'), bic: '', bankHolder: 'Sarah Miller', employerName: '', spouseNir: `${jonathan.nir}${jonathan.key}`,
    preferredLocale: 'en', certify: 'on', ...over,
  }
}

const FAMILY_DOCUMENTS = ['identity', 'birth-certificate', 'birth-certificate-translation', 'residence-permit', 'marriage-certificate', 'spouse-attestation', 'proof-of-residence', 'rib']
const filesFor = (kinds: string[]): TAffiliationFile[] => kinds.map((kind, i) => ({ kind, filename: `${kind}.${i % 2 ? 'pdf' : 'png'}`, bytes: i % 2 ? PDF_BYTES : PNG }))

describe('affiliation request, public side (issue 7 §1–§4)', () => {
  let submitted: { id: string; reference: string }
  // These tests send many requests from one address: the quota per address has its own tests below.
  beforeEach(() => resetAffiliationLimiters())

  it('submits a complete request: procedure, documents, event, audit and e-mail in one go; the caisse of the postal code', async () => {
    const input = sarah()
    const r = await submitAffiliationRequest({ input, files: filesFor(FAMILY_DOCUMENTS), ...ctx })
    expect(r).toMatchObject({ status: 'submitted', created: true, caisseName: 'Assurance Maladie de Paris (CPAM 75)' })
    expect(r.reference).toMatch(/^AFF-2026-[0-9A-F]{10}$/)
    submitted = r
    const db = getDb()
    const p = await db.procedure.findUniqueOrThrow({ where: { id: r.id }, include: { organisation: true, events: true, uploads: true } })
    expect(p).toMatchObject({ type: 'affiliation', status: 'submitted', insuredId: null, applicantBirthDate: '1990-04-12', organisation: { department: '75', kind: 'cpam' } })
    const payload = ZAffiliationPayload.parse(JSON.parse(p.payload))
    expect(payload).toMatchObject({ situation: 'family-member', birthName: 'Miller', spouseNir: { nir: jonathan.nir, key: jonathan.key }, phone: '07 12 34 56 78', preferredLocale: 'en', temporaryNir: null, documentRequests: [] })
    expect(p.events.map((e) => [e.status, e.note])).toEqual([['submitted', 'submit']])
    expect(p.uploads.map((u) => u.kind).sort()).toEqual([...FAMILY_DOCUMENTS].sort())
    expect(p.uploads.every((u) => u.insuredId === null && ['image/png', 'application/pdf'].includes(u.mimeType))).toBe(true)
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: 'affiliation.submit', targetId: r.id } })
    expect(audit).toMatchObject({ actorRole: 'anonymous', actorUserId: null, ip: ctx.ip, userAgent: ctx.userAgent })
    expect(audit.details).not.toContain(input.iban)
    const mail = await db.outboxMessage.findFirstOrThrow({ where: { recipient: 'sarah.miller@example.com' } })
    expect(mail).toMatchObject({ channel: 'email', locale: 'en', insuredId: null })
    expect(mail.body).toContain(r.reference)
    expect(mail.body).toContain('Sarah')
    expect(mail.body).not.toContain('Miller')
    expect(mail.body).not.toContain(input.iban)

    // A second click (same idempotency key) returns the same request and writes nothing.
    const counts = async () => [await db.procedure.count(), await db.upload.count(), await db.outboxMessage.count()]
    const before = await counts()
    const again = await submitAffiliationRequest({ input, files: filesFor(FAMILY_DOCUMENTS), ...ctx })
    expect(again).toMatchObject({ id: r.id, reference: r.reference, created: false })
    expect(await counts()).toEqual(before)
    // The same identity asking again with a new form is refused while the first request is open.
    expect(await outcome(submitAffiliationRequest({ input: sarah(), files: filesFor(FAMILY_DOCUMENTS), ...ctx }))).toBe('409 affiliationPublic.errors.pending')
  })

  it('refuses a request with a missing document, listing it; documents of another situation are not kept', async () => {
    const e = await errorOf(submitAffiliationRequest({ input: sarah({ firstNames: 'Anna' }), files: filesFor(FAMILY_DOCUMENTS.filter((d) => d !== 'marriage-certificate')), ...ctx }))
    expect([e.status, e.code, e.details]).toEqual([422, 'affiliation.errors.documentsMissing', { documents: 'marriage-certificate' }])
    const r = await submitAffiliationRequest({ input: sarah({ firstNames: 'Anna' }), files: filesFor([...FAMILY_DOCUMENTS, 'employment-proof']), ...ctx })
    expect((await getDb().upload.findMany({ where: { procedureId: r.id } })).map((u) => u.kind)).not.toContain('employment-proof')
  })

  it('refuses a person without work living in France for less than 3 months, with the date they can apply from', async () => {
    const e = await errorOf(submitAffiliationRequest({ input: sarah({ situation: 'resident', spouseNir: '', firstNames: 'Beth' }), files: filesFor(['identity', 'birth-certificate', 'birth-certificate-translation', 'residence-permit', 'proof-of-residence', 'rib']), ...ctx }))
    expect([e.status, e.code, e.details]).toEqual([422, 'affiliation.errors.residenceTooShort', { eligibleFrom: '2027-01-01', months: 3 }])
  })

  it('refuses a family member whose spouse number is unknown (or temporary)', async () => {
    const unknown = buildNir({ sex: 1, birthYear: 1985, birthMonth: 5, department: '75', commune: '115', order: 999 })
    const e = await errorOf(submitAffiliationRequest({ input: sarah({ spouseNir: `${unknown.nir}${unknown.key}`, firstNames: 'Cora' }), files: filesFor(FAMILY_DOCUMENTS), ...ctx }))
    expect([e.status, e.code, e.details]).toEqual([422, 'affiliation.errors.spouseUnknown', { field: 'spouseNir' }])
    const emily = nirOf(insured.find((p) => p.key === 'emily')!)
    expect(await outcome(submitAffiliationRequest({ input: sarah({ spouseNir: `${emily.nir}${emily.key}` }), files: filesFor(FAMILY_DOCUMENTS), ...ctx }))).toBe('zod affiliation.errors.spouseTemporary')
  })

  it('refuses a file that is neither an image nor a PDF, naming the document', async () => {
    const files = filesFor(FAMILY_DOCUMENTS).map((f) => (f.kind === 'identity' ? { ...f, filename: 'passport.png', bytes: TEXT } : f))
    const e = await errorOf(submitAffiliationRequest({ input: sarah({ firstNames: 'Dora' }), files, ...ctx }))
    expect([e.status, e.code, e.details]).toEqual([400, 'procedureErrors.upload.type', { document: 'identity' }])
  })

  it('refuses an identity already insured (the demo "emily", accents and case folded)', async () => {
    const input = sarah({ birthName: 'CARTER', firstNames: 'Émily  anne', birthDate: '1988-11-23' })
    expect(await outcome(submitAffiliationRequest({ input, files: filesFor(FAMILY_DOCUMENTS), ...ctx }))).toBe('409 affiliation.errors.alreadyInsured')
  })

  it('follows a request with its number and the birth date only; wrong pairs are not found; tries are limited per address', async () => {
    const limiter = createFollowLimiter()
    expect(await outcome(followAffiliationRequest({ input: { reference: submitted.reference, birthDate: '1990-04-13' }, limiter, ...ctx }))).toBe('404 affiliation.errors.notFound')
    expect(await outcome(followAffiliationRequest({ input: { reference: 'AFF-2026-0000000000', birthDate: '1990-04-12' }, limiter, ...ctx }))).toBe('404 affiliation.errors.notFound')
    expect(await followAffiliationRequest({ input: { reference: submitted.reference.toLowerCase(), birthDate: '1990-04-12' }, limiter, ...ctx })).toEqual({ id: submitted.id })
    expect(await getDb().auditEvent.count({ where: { action: 'affiliation.follow', outcome: 'failure', ip: ctx.ip } })).toBe(2)
    // Rule affiliation.follow.attempts-per-hour = 10: the 11th try from the same address is refused.
    // (Wrong tries on an unknown number, so that the per-number lock, tested below, stays out of the way.)
    for (let i = 3; i < 10; i++) await outcome(followAffiliationRequest({ input: { reference: 'AFF-2026-00000000F0', birthDate: '2000-01-01' }, limiter, ...ctx }))
    expect(await outcome(followAffiliationRequest({ input: { reference: submitted.reference, birthDate: '1990-04-12' }, limiter, ...ctx }))).toBe('429 affiliation.errors.rateLimited')
    expect(await outcome(followAffiliationRequest({ input: { reference: submitted.reference, birthDate: '1990-04-12' }, limiter, ...ctx, ip: '192.0.2.99' }))).toBe('ok')
  })

  it('the follow-up cookie grants one request for 30 minutes and cannot be forged', () => {
    const token = signFollowToken(submitted.id, NOW)
    expect(verifyFollowToken(token, NOW)).toBe(submitted.id)
    expect(verifyFollowToken(token, new Date(NOW.getTime() + (FOLLOW_ACCESS_SECONDS - 1) * 1000))).toBe(submitted.id)
    expect(verifyFollowToken(token, new Date(NOW.getTime() + FOLLOW_ACCESS_SECONDS * 1000))).toBeNull()
    const [, exp, sig] = token.split('.')
    expect(verifyFollowToken(`other-id.${exp}.${sig}`, NOW)).toBeNull()
    expect(verifyFollowToken(`${submitted.id}.${Number(exp) + 3600}.${sig}`, NOW)).toBeNull()
    expect(verifyFollowToken('garbage', NOW)).toBeNull()
  })

  it('the requested document: the wrong kind and a non-image file are refused; the right one moves the request back to review', async () => {
    const db = getDb()
    const p = await db.procedure.findUniqueOrThrow({ where: { id: submitted.id } })
    // What the advisor's "request a document" step leaves (another feature): status, requestedDocument, the payload entry.
    const payload = ZAffiliationPayload.parse(JSON.parse(p.payload))
    payload.documentRequests.push({ document: 'proof-of-residence', reason: 'Les quittances ne couvrent que 2 mois.', requestedOn: '2026-11-20', answeredOn: null })
    await db.procedure.update({ where: { id: p.id }, data: { status: 'waiting-document', requestedDocument: 'proof-of-residence', payload: JSON.stringify({ ...payload, acknowledgedOn: '2026-11-19' }) } })

    const waiting = await getAffiliationFollowView({ procedureId: p.id, now: NOW })
    expect(waiting.documentRequest).toEqual({ document: 'proof-of-residence', reason: 'Les quittances ne couvrent que 2 mois.', requestedOn: '2026-11-20' })
    expect(waiting.timeline.map((s) => [s.key, s.state])).toEqual([
      ['submitted', 'done'], ['receipt', 'done'], ['document', 'current'], ['temporary-number', 'upcoming'], ['permanent-number', 'upcoming'], ['account', 'upcoming'], ['first-card', 'upcoming'], ['card-delivered', 'upcoming'],
    ])

    const file = { filename: 'quittances.pdf', bytes: PDF_BYTES }
    expect(await outcome(addAffiliationDocument({ procedureId: p.id, input: { document: 'rib' }, file, ...ctx }))).toBe('422 affiliation.errors.wrongDocument')
    expect(await outcome(addAffiliationDocument({ procedureId: p.id, input: { document: 'proof-of-residence' }, file: { filename: 'q.pdf', bytes: TEXT }, ...ctx }))).toBe('400 procedureErrors.upload.type')
    expect(await db.procedure.findUniqueOrThrow({ where: { id: p.id }, select: { status: true } })).toEqual({ status: 'waiting-document' })

    expect(await addAffiliationDocument({ procedureId: p.id, input: { document: 'proof-of-residence' }, file, ...ctx })).toEqual({ status: 'in-review' })
    const after = await db.procedure.findUniqueOrThrow({ where: { id: p.id }, include: { events: { orderBy: { at: 'asc' } }, uploads: true } })
    expect(after.status).toBe('in-review')
    expect(after.requestedDocument).toBeNull()
    expect(ZAffiliationPayload.parse(JSON.parse(after.payload)).documentRequests[0]!.answeredOn).toBe('2026-11-24')
    expect(after.events.map((e) => e.note)).toEqual(['submit', 'add-document'])
    expect(after.uploads.filter((u) => u.kind === 'proof-of-residence')).toHaveLength(2)
    expect(await db.auditEvent.count({ where: { action: 'affiliation.add-document', targetId: p.id, actorRole: 'anonymous' } })).toBe(1)
    expect(await outcome(addAffiliationDocument({ procedureId: p.id, input: { document: 'proof-of-residence' }, file, ...ctx }))).toBe('409 affiliation.errors.notWaiting')

    const view = await getAffiliationFollowView({ procedureId: p.id, now: NOW })
    expect(view).toMatchObject({ status: 'in-review', documentRequest: null, canWithdraw: true, temporaryNumber: null, permanentNumber: null })
    expect(view.documents).toHaveLength(FAMILY_DOCUMENTS.length + 1)
    expect(view.timeline.find((s) => s.key === 'document')).toMatchObject({ state: 'done', on: '2026-11-24', detail: 'proof-of-residence' })
  })

  it('shows the numbers once given and withdraws only while no number was given', async () => {
    const db = getDb()
    const r = await submitAffiliationRequest({ input: sarah({ firstNames: 'Eve' }), files: filesFor(FAMILY_DOCUMENTS), ...ctx })
    expect(await outcome(withdrawAffiliationRequest({ procedureId: r.id, input: {}, ...ctx }))).toBe('zod affiliationPublic.errors.confirmWithdraw')
    expect(await withdrawAffiliationRequest({ procedureId: r.id, input: { confirm: 'yes' }, ...ctx })).toEqual({ status: 'cancelled' })
    expect(await outcome(withdrawAffiliationRequest({ procedureId: r.id, input: { confirm: 'yes' }, ...ctx }))).toBe('422 affiliation.errors.transition')
    const cancelled = await getAffiliationFollowView({ procedureId: r.id, now: NOW })
    expect(cancelled).toMatchObject({ status: 'cancelled', canWithdraw: false, closedOn: '2026-11-24' })
    expect(cancelled.timeline.map((s) => s.key)).toEqual(['submitted', 'receipt', 'cancelled'])
    expect(await db.auditEvent.count({ where: { action: 'affiliation.withdraw', targetId: r.id } })).toBe(1)

    // The advisor gave a temporary number (another feature): the page shows it formatted, and withdrawal is closed.
    const p = await db.procedure.findUniqueOrThrow({ where: { id: submitted.id } })
    const payload = ZAffiliationPayload.parse(JSON.parse(p.payload))
    await db.procedure.update({ where: { id: p.id }, data: { status: 'approved', payload: JSON.stringify({ ...payload, temporaryNir: { nir: '8900499404123', key: '45', on: '2026-11-24' } }) } })
    const approved = await getAffiliationFollowView({ procedureId: p.id, now: NOW })
    expect(approved).toMatchObject({ canWithdraw: false, temporaryNumber: { formatted: '8 90 04 99 404 123 45', on: '2026-11-24' }, permanentNumber: null, attestation: null })
    expect(approved.timeline.find((s) => s.key === 'temporary-number')).toMatchObject({ state: 'done', on: '2026-11-24' })
    expect(await outcome(withdrawAffiliationRequest({ procedureId: p.id, input: { confirm: 'yes' }, ...ctx }))).toBe('422 affiliation.errors.transition')
  })

  it('once the permanent number and the attestation are given, the applicant downloads the attestation (audited)', async () => {
    const db = getDb()
    const r = await submitAffiliationRequest({ input: sarah({ firstNames: 'Fay' }), files: filesFor(FAMILY_DOCUMENTS), ...ctx })
    expect(await outcome(downloadAffiliationAttestation({ procedureId: r.id, ...ctx }))).toBe('404 notFound')
    // What the advisor's steps leave (another feature): the request linked to the person, the number, an attestation.
    // The demo "jonathan" stands in for the new insured person here (an active file of the Paris caisse).
    const person = await db.insured.findUniqueOrThrow({ where: { nir: jonathan.nir }, select: { id: true } })
    const p = await db.procedure.findUniqueOrThrow({ where: { id: r.id } })
    const payload = ZAffiliationPayload.parse(JSON.parse(p.payload))
    await db.procedure.update({ where: { id: r.id }, data: { status: 'completed', insuredId: person.id, payload: JSON.stringify({ ...payload, acknowledgedOn: '2026-11-24', permanentNir: { nir: jonathan.nir, key: jonathan.key, on: '2026-11-24' } }) } })
    await issueAttestation(db, { actor: await staffActor('camille.roux@cpam-paris.example.fr'), insuredId: person.id, scope: 'insured', verifyBaseUrl: 'http://localhost', ...ctx })

    const view = await getAffiliationFollowView({ procedureId: r.id, now: NOW })
    expect(view).toMatchObject({ status: 'completed', canWithdraw: false, attestation: { issuedOn: '2026-11-24' } })
    expect(view.permanentNumber?.formatted.replace(/\s/g, '')).toBe(`${jonathan.nir}${jonathan.key}`)
    expect(view.timeline.find((s) => s.key === 'permanent-number')).toMatchObject({ state: 'done', on: '2026-11-24' })
    expect(view.timeline.find((s) => s.key === 'account')).toMatchObject({ state: 'current' })

    const file = await downloadAffiliationAttestation({ procedureId: r.id, ...ctx })
    expect(new TextDecoder().decode(file.pdf.slice(0, 5))).toBe('%PDF-')
    expect(file.filename).toMatch(/^attestation-droits-2026-11-24-/)
    expect(await db.auditEvent.findFirstOrThrow({ where: { action: 'affiliation.attestation.download', insuredId: person.id } })).toMatchObject({ actorRole: 'anonymous', ip: ctx.ip })
    // Another request (the follow-up cookie is for one request) has no attestation.
    expect(await outcome(downloadAffiliationAttestation({ procedureId: submitted.id, ...ctx }))).toBe('404 notFound')
  })
})

describe('anonymous affiliation requests cannot be used to flood (issue 13 item 7)', () => {
  afterEach(() => {
    vi.useRealTimers()
    resetAffiliationLimiters()
  })
  const person = (n: number, over: Record<string, unknown> = {}) => sarah({ birthName: `Flood${String.fromCharCode(65 + (n % 26))}${String.fromCharCode(65 + Math.floor(n / 26))}`, email: `flood${n}@example.com`, ...over })

  it('attack "20 anonymous requests in 5 s from one address": 3 an hour are created, the 4th gets 429 with a translated message; refused requests do not count; another address is not affected', async () => {
    resetAffiliationLimiters()
    const from = { ...ctx, ip: '198.51.100.40' }
    // A person correcting a refused request is not counted.
    expect(await outcome(submitAffiliationRequest({ input: person(0), files: filesFor(['identity']), ...from }))).toBe('422 affiliation.errors.documentsMissing')
    for (let i = 1; i <= 3; i++) expect(await outcome(submitAffiliationRequest({ input: person(i), files: filesFor(FAMILY_DOCUMENTS), ...from }))).toBe('ok')
    const refused = await errorOf(submitAffiliationRequest({ input: person(4), files: filesFor(FAMILY_DOCUMENTS), ...from }))
    expect(refused.status).toBe(429)
    expect(refused.code).toBe('affiliationPublic.errors.tooManyRequests')
    expect(Number(refused.details?.minutes)).toBeGreaterThanOrEqual(59)
    expect(Number(refused.details?.minutes)).toBeLessThanOrEqual(60)
    expect(await getDb().procedure.count({ where: { type: 'affiliation', payload: { contains: 'FloodE' } } })).toBe(0)
    // Concurrent requests cannot slip through together: 5 at once from a fresh address, 3 created.
    const burst = await Promise.all([5, 6, 7, 8, 9].map((i) => outcome(submitAffiliationRequest({ input: person(i), files: filesFor(FAMILY_DOCUMENTS), ...ctx, ip: '198.51.100.41' }))))
    expect(burst.filter((o) => o === 'ok')).toHaveLength(3)
    expect(burst.filter((o) => o === '429 affiliationPublic.errors.tooManyRequests')).toHaveLength(2)
    expect(await outcome(submitAffiliationRequest({ input: person(10), files: filesFor(FAMILY_DOCUMENTS), ...ctx, ip: '198.51.100.42' }))).toBe('ok')
  })

  it('and 10 a day: after 3 an hour for several hours, the 11th of the day is refused even in a fresh hour', async () => {
    resetAffiliationLimiters()
    vi.useFakeTimers({ toFake: ['Date'] })
    let clock = Date.parse('2026-11-24T06:00:00Z')
    vi.setSystemTime(clock)
    const from = { ...ctx, ip: '198.51.100.50' }
    let created = 0
    for (let i = 11; created < 10; i++) {
      if (created > 0 && created % 3 === 0) vi.setSystemTime((clock += 61 * 60_000))
      expect(await outcome(submitAffiliationRequest({ input: person(i), files: filesFor(FAMILY_DOCUMENTS), ...from }))).toBe('ok')
      created++
    }
    vi.setSystemTime((clock += 61 * 60_000))
    expect(await outcome(submitAffiliationRequest({ input: person(30), files: filesFor(FAMILY_DOCUMENTS), ...from }))).toBe('429 affiliationPublic.errors.tooManyRequests')
  })

  it('attack "guess the birth date of a request number from rotating addresses": 5 wrong dates lock the number for 1 h, even for the right date from a new address (audited as denied)', async () => {
    const from = { ...ctx, ip: '198.51.100.60' }
    const request = await submitAffiliationRequest({ input: person(40, { birthDate: '1991-02-03' }), files: filesFor(FAMILY_DOCUMENTS), ...from })
    const referenceLimiter = createKeyedLimiter('test-follow-reference')
    for (let i = 0; i < 5; i++) {
      const limiter = createFollowLimiter()
      expect(await outcome(followAffiliationRequest({ input: { reference: request.reference, birthDate: `1991-02-1${i}` }, limiter, referenceLimiter, ...ctx, ip: `203.0.113.${100 + i}` }))).toBe('404 affiliation.errors.notFound')
    }
    const locked = await errorOf(followAffiliationRequest({ input: { reference: request.reference.toLowerCase(), birthDate: '1991-02-03' }, limiter: createFollowLimiter(), referenceLimiter, ...ctx, ip: '203.0.113.200' }))
    expect([locked.status, locked.code]).toEqual([429, 'affiliation.errors.referenceLocked'])
    expect(Number(locked.details?.minutes)).toBe(60)
    expect(await getDb().auditEvent.count({ where: { action: 'affiliation.follow', outcome: 'denied', ip: '203.0.113.200' } })).toBe(1)
    // Another request number is not locked.
    const other = await submitAffiliationRequest({ input: person(41, { birthDate: '1991-02-04' }), files: filesFor(FAMILY_DOCUMENTS), ...from })
    expect(await followAffiliationRequest({ input: { reference: other.reference, birthDate: '1991-02-04' }, limiter: createFollowLimiter(), referenceLimiter, ...ctx, ip: '203.0.113.201' })).toEqual({ id: other.id })
  })
})
