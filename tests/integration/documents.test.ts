import { execFileSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { getDb } from '@/lib/db/client'
import { issueAttestation, getAttestationPdf } from '@/lib/services/documents/issue-attestation'
import { listIssuedAttestations } from '@/lib/services/documents/list-issued-attestations'
import { calendarDate } from '@/lib/domain/dates'
import { checkAttestationCode, createVerifyLimiter, verifyAttestation } from '@/lib/services/documents/verify-attestation'
import { getMonthlyStatement, getTaxStatement, monthlyStatementFacts, statementMonths, taxableOf, taxRule, taxStatementFacts } from '@/lib/services/documents/statements'
import { codeOf, ctx, insuredActor, NOW, staffActor } from '../support/procedures'

/** A real PDF, read back as a person's PDF reader would (poppler's pdftotext). */
function pdfText(pdf: Uint8Array): string {
  expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe('%PDF-')
  return execFileSync('pdftotext', ['-layout', '-', '-'], { input: Buffer.from(pdf) }).toString()
}
function pdfPages(pdf: Uint8Array): string {
  return execFileSync('pdfinfo', ['-'], { input: Buffer.from(pdf) }).toString()
}
const BASE = 'https://ameli.example.test'

/**
 * Generation time of 5 calls after a warm-up, printed for the record. Speed is not asserted here (a timed test fails
 * on a busy machine, not on slow code): the README gives the figures; benchmarks check targets.
 */
async function timed<T extends { ms: number }>(label: string, call: () => Promise<T>): Promise<T> {
  await call()
  const runs: T[] = []
  for (let i = 0; i < 5; i++) runs.push(await call())
  const ms = runs.map((r) => r.ms).sort((a, b) => a - b)
  console.info(`${label}: median ${ms[2]!.toFixed(1)} ms, min ${ms[0]!.toFixed(1)} ms, max ${ms[4]!.toFixed(1)} ms`)
  return runs[0]!
}

describe('attestation de droits (issue 4 §3)', async () => {
  const db = getDb()
  const jonathan = await insuredActor('Jonathan Pierre')
  const claire = await insuredActor('Claire')

  it('with beneficiaries: A4, searchable, NIR, names, ranks, birth dates, caisse, AMC, médecin traitant, code; stored and audited', async () => {
    const a = await timed('attestation de droits (DB reads, QR, PDF, insert + audit)', () => issueAttestation(db, { actor: jonathan, scope: 'with-beneficiaries', verifyBaseUrl: BASE, ...ctx }))
    const text = pdfText(a.pdf)
    expect(pdfPages(a.pdf)).toMatch(/Page size:\s+595\.2\d? x 841\.8\d? pts \(A4\)/)
    for (const s of ['ATTESTATION DE DROITS', 'MARTIN', 'Jonathan Pierre', '1 85 05 75 115 423', '17/05/1985', '18 rue Saint-Maur', 'CPAM', '751', 'Mutuelle Générale de Paris', '75123456', 'Déclaré', 'Léa', 'Hugo', '14/03/2012', '02/09/2018', 'SIMULATEUR']) expect(text).toContain(s)
    expect(text).toMatch(/\b02\b[\s\S]*Léa[\s\S]*\b03\b[\s\S]*Hugo/)
    expect(text.replace(/-/g, '')).toContain(a.verificationCode)
    expect(a.verificationCode).toMatch(/^[2-9A-HJKMNP-Z]{12}$/)
    const row = await db.issuedDocument.findUniqueOrThrow({ where: { verificationCode: a.verificationCode } })
    expect(row).toMatchObject({ kind: 'attestation-droits', scope: 'with-beneficiaries', insuredId: jonathan.insuredId, issuedById: null, validUntil: '2027-11-24' })
    expect(await db.auditEvent.count({ where: { action: 'document.attestation.issue', targetId: row.id, insuredId: jonathan.insuredId } })).toBe(1)
    const again = await getAttestationPdf(db, { actor: jonathan, documentId: row.id, ...ctx })
    expect(pdfText(again.pdf)).toContain('Hugo')
  })

  it('the insured person alone: no beneficiary printed; codes differ', async () => {
    const a = await issueAttestation(db, { actor: jonathan, scope: 'insured', verifyBaseUrl: BASE, ...ctx })
    const b = await issueAttestation(db, { actor: jonathan, scope: 'insured', verifyBaseUrl: BASE, ...ctx })
    expect(a.verificationCode).not.toBe(b.verificationCode)
    const text = pdfText(a.pdf)
    expect(text).toContain('Jonathan Pierre')
    expect(text).not.toContain('Hugo')
  })

  it('mentions: ALD (Bernard), CSS (Nadia), Alsace-Moselle regime (Claire); no médecin traitant is said so', async () => {
    const text = async (firstNames: string) => pdfText((await issueAttestation(db, { actor: await insuredActor(firstNames), scope: 'with-beneficiaries', verifyBaseUrl: BASE, ...ctx })).pdf)
    const squash = (t: string) => t.replace(/\s+/g, ' ')
    expect(squash(await text('Bernard'))).toMatch(/Affection de longue durée \(ALD\) Oui/)
    expect(squash(await text('Nadia'))).toMatch(/Complémentaire santé solidaire Oui, sans participation/)
    const claireText = squash(await text('Claire'))
    expect(claireText).toMatch(/Régime local Alsace-Moselle Oui/)
    expect(claireText).toContain('régime local Alsace-Moselle')
    expect(squash(await text('Jonathan Pierre'))).toMatch(/Régime local Alsace-Moselle Non.*Affection de longue durée \(ALD\) Non/)
  })

  it('owner only: another person\'s document or file is 404; an advisor of the caisse issues for the file, another caisse gets 404', async () => {
    const a = await issueAttestation(db, { actor: jonathan, scope: 'insured', verifyBaseUrl: BASE, ...ctx })
    expect(await codeOf(getAttestationPdf(db, { actor: claire, documentId: a.documentId, ...ctx }))).toBe('404 notFound')
    expect(await codeOf(issueAttestation(db, { actor: claire, insuredId: jonathan.insuredId, scope: 'insured', verifyBaseUrl: BASE, ...ctx }))).toBe('404 notFound')
    const camille = await staffActor('camille.roux@cpam-paris.example.fr')
    const byAdvisor = await issueAttestation(db, { actor: camille, insuredId: jonathan.insuredId, scope: 'with-beneficiaries', verifyBaseUrl: BASE, ...ctx })
    expect((await db.issuedDocument.findUniqueOrThrow({ where: { id: byAdvisor.documentId } })).issuedById).toBe(camille.id)
    const anne = await staffActor('anne.keller@cpam-basrhin.example.fr')
    expect(await codeOf(issueAttestation(db, { actor: anne, insuredId: jonathan.insuredId, scope: 'insured', verifyBaseUrl: BASE, ...ctx }))).toBe('404 notFound')
  })

  it('ARCHITECTURE Conventions §10: issued at 00:30 in Paris (23:30 UTC the day before), the file is named after the Paris day, when issued and when downloaded again', async () => {
    const a = await issueAttestation(db, { actor: jonathan, scope: 'insured', verifyBaseUrl: BASE, ...ctx, now: new Date('2026-11-24T23:30:00Z') })
    expect(a.filename).toMatch(/^attestation-droits-2026-11-25-/)
    expect((await getAttestationPdf(db, { actor: jonathan, documentId: a.documentId, ...ctx })).filename).toBe(a.filename)
  })

  it('Mes documents lists the attestations with their status on the day: valid through validUntil, expired the day after, revoked; own file only', async () => {
    const a = await issueAttestation(db, { actor: jonathan, scope: 'insured', verifyBaseUrl: BASE, ...ctx })
    const statusOn = async (day: string) => (await listIssuedAttestations(db, { actor: jonathan, today: calendarDate(day), take: 50 })).find((d) => d.id === a.documentId)?.status
    expect(await statusOn(a.validUntil)).toBe('valid')
    expect(await statusOn('2099-01-01')).toBe('expired')
    await db.issuedDocument.update({ where: { id: a.documentId }, data: { revokedAt: NOW, revokedReason: 'test' } })
    expect(await statusOn('2026-11-24')).toBe('revoked')
    expect(await codeOf(listIssuedAttestations(db, { actor: claire, insuredId: jonathan.insuredId, today: calendarDate('2026-11-24') }))).toBe('404 notFound')
  })
})

describe('public verification of an attestation code', async () => {
  const db = getDb()
  const jonathan = await insuredActor('Jonathan Pierre')

  it('valid: issue date, initials and birth years only; revoked, expired and unknown codes say so', async () => {
    const a = await issueAttestation(db, { actor: jonathan, scope: 'with-beneficiaries', verifyBaseUrl: BASE, ...ctx })
    const v = await verifyAttestation(db, a.verificationCode, '2026-11-24')
    expect(v).toEqual({ status: 'valid', document: 'attestation-droits', issuedOn: '2026-11-24', validUntil: '2027-11-24', revokedOn: null, holder: { initials: 'J. M.', birthYear: '1985' }, beneficiaries: [{ initials: 'L. M.', birthYear: '2012' }, { initials: 'H. M.', birthYear: '2018' }] })
    expect(JSON.stringify(v)).not.toMatch(/Jonathan|Martin|115 423/)
    expect(await verifyAttestation(db, a.verificationCode, '2027-11-25')).toMatchObject({ status: 'expired' })
    await db.issuedDocument.update({ where: { id: a.documentId }, data: { revokedAt: NOW, revokedReason: 'test' } })
    expect(await verifyAttestation(db, a.verificationCode, '2026-11-24')).toMatchObject({ status: 'revoked', revokedOn: '2026-11-24' })
    expect(await verifyAttestation(db, 'ABCDEFGHJKMN', '2026-11-24')).toEqual({ status: 'unknown' })
  })

  it('validates the code with zod (dashes and case tolerated) and rate-limits per address', async () => {
    const limiter = createVerifyLimiter({ perMinute: 3, perHour: 10 })
    const a = await issueAttestation(db, { actor: jonathan, scope: 'insured', verifyBaseUrl: BASE, ...ctx })
    const dashed = a.verificationCode.toLowerCase().match(/.{4}/g)!.join('-')
    expect(await checkAttestationCode(db, { code: dashed, ip: '198.51.100.1', today: '2026-11-24', limiter })).toMatchObject({ status: 'valid' })
    expect(await codeOf(checkAttestationCode(db, { code: 'O0I1-nope', ip: '198.51.100.1', today: '2026-11-24', limiter }))).toBe('400 documents.verify.invalidCode')
    expect(await codeOf(checkAttestationCode(db, { code: 'ABCDEFGHJKMN', ip: '198.51.100.1', today: '2026-11-24', limiter }))).toBe('ok')
    expect(await codeOf(checkAttestationCode(db, { code: a.verificationCode, ip: '198.51.100.1', today: '2026-11-24', limiter }))).toBe('429 documents.verify.tooMany')
    expect(await codeOf(checkAttestationCode(db, { code: a.verificationCode, ip: '198.51.100.2', today: '2026-11-24', limiter }))).toBe('ok')
  })
})

describe('monthly statements and the tax statement', async () => {
  const db = getDb()
  const jonathan = await insuredActor('Jonathan Pierre')
  const claire = await insuredActor('Claire')

  it('offers 27 months, each line with its beneficiary; totals add up; PDF read back; other months 404', async () => {
    const months = statementMonths('2026-11-24')
    expect(months).toHaveLength(27)
    expect([months[0], months[26]]).toEqual(['2026-11', '2024-09'])
    const month = '2026-10'
    const facts = await monthlyStatementFacts(db, jonathan.insuredId, month, '2026-11-24')
    expect(facts.lines.length).toBeGreaterThan(0)
    expect(facts.totals.amoPaid).toBe(facts.lines.reduce((s, l) => s + l.amoPaid, 0))
    const s = await timed('monthly statement', () => getMonthlyStatement(db, { actor: jonathan, month, ...ctx }))
    const text = pdfText(s.pdf)
    expect(text).toContain('RELEVÉ MENSUEL — OCTOBRE 2026')
    expect(text).toContain('1 85 05 75 115 423')
    const euros = (c: number) => `${Math.floor(c / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ' ')},${String(c % 100).padStart(2, '0')} €`
    expect(text).toContain(euros(facts.totals.amoPaid))
    expect(text).toContain(euros(facts.totals.paid))
    const beneficiaryLine = facts.lines.find((l) => l.beneficiary.startsWith('Léa') || l.beneficiary.startsWith('Hugo'))
    if (beneficiaryLine) expect(text).toContain(beneficiaryLine.beneficiary.split(' ')[0]!)
    expect(await codeOf(getMonthlyStatement(db, { actor: jonathan, month: '2024-08', ...ctx }))).toBe('404 notFound')
    expect(await codeOf(getMonthlyStatement(db, { actor: jonathan, month: '2026-13', ...ctx }))).toBe('404 notFound')
    expect(await codeOf(getMonthlyStatement(db, { actor: claire, insuredId: jonathan.insuredId, month, ...ctx }))).toBe('404 notFound')
    expect(await db.auditEvent.count({ where: { action: 'document.monthly-statement.download', insuredId: jonathan.insuredId } })).toBe(6)
  })

  it('every one of the 27 months renders (multi-page statements continue their table)', async () => {
    for (const month of statementMonths('2026-11-24')) {
      const s = await getMonthlyStatement(db, { actor: jonathan, month, ...ctx })
      expect(pdfText(s.pdf)).toContain('Page 1 /')
    }
  })

  it('tax statement 2025: RULEBOOK IJ example A, net fiscal 358.99 € taxable; 2026 leave listed; other years 404', async () => {
    const f2025 = await taxStatementFacts(db, jonathan.insuredId, 2025, '2026-11-24')
    expect(f2025.totals).toMatchObject({ gross: 37317, net: 34816, netFiscal: 35899, taxable: 35899, exempt: 0 })
    const s = await timed('tax statement', () => getTaxStatement(db, { actor: jonathan, year: 2025, ...ctx }))
    const text = pdfText(s.pdf)
    expect(text).toContain('ATTESTATION FISCALE 2025')
    expect(text).toContain('AT-2025-000117')
    expect(text).toContain('358,99 €')
    expect(text).toContain('373,17 €')
    const f2026 = await taxStatementFacts(db, jonathan.insuredId, 2026, '2026-11-24')
    expect(f2026.rows.every((r) => r.leave === 'AT-2026-000342')).toBe(true)
    expect(await codeOf(getTaxStatement(db, { actor: jonathan, year: 2019, ...ctx }))).toBe('404 notFound')
    expect(await codeOf(getTaxStatement(db, { actor: claire, insuredId: jonathan.insuredId, year: 2025, ...ctx }))).toBe('404 notFound')
  })
})

describe('taxable part of daily allowances (RULEBOOK §6 "Tax statement")', () => {
  const ald = [{ from: '2024-01-01', to: null }]
  it('illness: the net fiscal; during an ALD period: exempt; work accident / occupational disease: 50 %', () => {
    expect(taxRule('illness', '2025-03-10', [])).toBe('taxable')
    expect(taxRule('illness', '2025-03-10', ald)).toBe('exempt')
    expect(taxRule('illness', '2023-12-31', ald)).toBe('taxable')
    expect(taxRule('work-accident', '2025-03-10', ald)).toBe('half')
    expect(taxRule('occupational-disease', '2025-03-10', [])).toBe('half')
    expect(taxRule('maternity', '2025-03-10', ald)).toBe('taxable')
    expect([taxableOf(35899, 'taxable'), taxableOf(35899, 'half'), taxableOf(35899, 'exempt')]).toEqual([35899, 17950, 0])
  })
})
