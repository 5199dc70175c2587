import { describe, expect, it } from 'vitest'
import { ZodError } from 'zod'
import { getDb } from '@/lib/db/client'
import { addFileNote, checkFileDocument, loadFileWorkspace } from '@/lib/services/back-office/file-notes'
import { findDuplicates } from '@/lib/domain/file-duplicates'
import { codeOf, ctx, insuredActor, staffActor } from '../support/procedures'

/**
 * Issue 17 §7, the 360° file: notes and the contact history, the check of each document (a reason when not
 * compliant), the duplicate warning. Staff of the person's caisse or supervisors only; every write audited.
 */

const PARIS = 'camille.roux@cpam-paris.example.fr'
const RHONE = 'julie.fontaine@cpam-rhone.example.fr'
const SUPERVISOR = 'isabelle.moreau@cpam-paris.example.fr'
const insuredId = async (firstNames: string) => (await getDb().insured.findFirstOrThrow({ where: { firstNames }, select: { id: true } })).id
const zodMessages = async (p: Promise<unknown>) => {
  try {
    await p
    return []
  } catch (e) {
    if (e instanceof ZodError) return e.issues.map((i) => `${i.path.join('.')}: ${i.message}`)
    throw e
  }
}

describe('notes and contact history on the 360° file', () => {
  it('a Paris advisor adds a note and logs a call: newest first with the author, audited without the text', async () => {
    const sophie = await insuredId('Sophie')
    const camille = await staffActor(PARIS)
    await addFileNote({ actor: camille, input: { insuredId: sophie, noteKind: 'note', occurredOn: '2026-11-20', body: 'Pièce d’identité à redemander' }, ...ctx })
    const call = await addFileNote({ actor: camille, input: { insuredId: sophie, noteKind: 'call-in', occurredOn: '2026-11-23', body: 'Appel : suivi de la carte Vitale' }, ...ctx })
    const { notes } = await loadFileWorkspace({ actor: camille, input: { insuredId: sophie }, ...ctx })
    expect(notes.map((n) => [n.kind, n.occurredOn, n.author])).toEqual([
      ['call-in', '2026-11-23', 'Camille Roux'],
      ['note', '2026-11-20', 'Camille Roux'],
    ])
    const audit = await getDb().auditEvent.findFirstOrThrow({ where: { targetId: call.id } })
    expect(audit).toMatchObject({ action: 'insured.contact.add', insuredId: sophie, actorUserId: camille.id, targetType: 'file-note' })
    expect(audit.details).not.toContain('Vitale')
    // A supervisor of any caisse reads them too.
    expect((await loadFileWorkspace({ actor: await staffActor(SUPERVISOR), input: { insuredId: sophie }, ...ctx })).notes).toHaveLength(2)
  })

  it("another caisse's advisor gets 404 (and a staff.scope.denied event), an insured person 403, an empty summary a field error", async () => {
    const sophie = await insuredId('Sophie')
    const julie = await staffActor(RHONE)
    const input = { insuredId: sophie, noteKind: 'visit', occurredOn: '2026-11-23', body: 'Visite' }
    const before = await getDb().auditEvent.count({ where: { action: 'staff.scope.denied', actorUserId: julie.id } })
    expect(await codeOf(addFileNote({ actor: julie, input, ...ctx }))).toBe('404 notFound')
    expect(await codeOf(loadFileWorkspace({ actor: julie, input: { insuredId: sophie }, ...ctx }))).toBe('404 notFound')
    expect(await getDb().auditEvent.count({ where: { action: 'staff.scope.denied', actorUserId: julie.id } })).toBe(before + 2)
    expect(await codeOf(addFileNote({ actor: await insuredActor('Sophie'), input, ...ctx }))).toBe('403 forbidden')
    expect(await zodMessages(addFileNote({ actor: await staffActor(PARIS), input: { ...input, body: '   ' }, ...ctx }))).toEqual(['body: backoffice.staffErrors.noteRequired'])
    expect(await zodMessages(addFileNote({ actor: await staffActor(PARIS), input: { ...input, noteKind: 'fax' }, ...ctx }))).toEqual(['noteKind: backoffice.errors.required'])
    expect(await getDb().fileNote.count({ where: { insuredId: sophie, kind: 'visit' } })).toBe(0)
  })
})

describe('document checks on the 360° file', () => {
  it('not compliant needs a reason; the check is stored with who and when, audited; another caisse gets 404', async () => {
    const sophie = await insuredId('Sophie')
    const camille = await staffActor(PARIS)
    const photo = await getDb().upload.findFirstOrThrow({ where: { insuredId: sophie, kind: 'photo' }, select: { id: true } })
    const input = { insuredId: sophie, uploadId: photo.id, verdict: 'not-compliant' }
    expect(await zodMessages(checkFileDocument({ actor: camille, input: { ...input, reason: ' ' }, ...ctx }))).toEqual(['reason: backoffice.staffErrors.verdictReason'])
    expect(await codeOf(checkFileDocument({ actor: await staffActor(RHONE), input: { ...input, reason: 'Floue' }, ...ctx }))).toBe('404 notFound')
    expect(await codeOf(checkFileDocument({ actor: await insuredActor('Sophie'), input: { ...input, reason: 'Floue' }, ...ctx }))).toBe('403 forbidden')
    // A document of another person of the same caisse is not found through Sophie's file.
    const other = await getDb().upload.findFirst({ where: { NOT: [{ insuredId: sophie }], procedure: { insuredId: { not: sophie } } }, select: { id: true } })
    if (other) expect(await codeOf(checkFileDocument({ actor: camille, input: { ...input, uploadId: other.id, reason: 'x' }, ...ctx }))).toBe('404 notFound')

    await checkFileDocument({ actor: camille, input: { ...input, reason: 'Photo floue, visage non visible' }, ...ctx })
    const doc = (await loadFileWorkspace({ actor: camille, input: { insuredId: sophie }, ...ctx })).documents.find((d) => d.id === photo.id)!
    expect(doc).toMatchObject({ verdict: 'not-compliant', verdictReason: 'Photo floue, visage non visible', verdictBy: 'Camille Roux', verdictAt: ctx.now })
    // Compliant afterwards: the reason is cleared.
    await checkFileDocument({ actor: camille, input: { ...input, verdict: 'compliant', reason: 'ignored' }, ...ctx })
    const again = await getDb().upload.findUniqueOrThrow({ where: { id: photo.id }, select: { verdict: true, verdictReason: true } })
    expect(again).toEqual({ verdict: 'compliant', verdictReason: null })
    const events = await getDb().auditEvent.findMany({ where: { action: 'upload.verdict', targetId: photo.id }, orderBy: { at: 'asc' }, select: { insuredId: true, details: true } })
    expect(events.map((e) => JSON.parse(e.details) as { to: string })).toMatchObject([{ from: null, to: 'not-compliant' }, { from: 'not-compliant', to: 'compliant' }])
    expect(events.every((e) => e.insuredId === sophie)).toBe(true)
  })
})

describe('duplicate warning on the 360° file', () => {
  it('two open requests of the same type for the same person are flagged with their references; a closed one is not', async () => {
    const jonathan = await insuredId('Jonathan Pierre')
    const camille = await staffActor(PARIS)
    const org = (await getDb().insured.findUniqueOrThrow({ where: { id: jonathan }, select: { organisationId: true } })).organisationId
    const base = { type: 'transport-refund', insuredId: jonathan, organisationId: org, payload: '{}' }
    const a = await getDb().procedure.create({ data: { ...base, reference: 'DEM-DUP-A', status: 'submitted' } })
    const b = await getDb().procedure.create({ data: { ...base, reference: 'DEM-DUP-B', status: 'in-review' } })
    await getDb().procedure.create({ data: { ...base, reference: 'DEM-DUP-C', status: 'completed' } })
    const { duplicates } = await loadFileWorkspace({ actor: camille, input: { insuredId: jonathan }, ...ctx })
    // (Two rows written in the same millisecond: the order between them is not the point.)
    const found = duplicates.filter((d) => d.kind === 'procedures' && d.type === 'transport-refund').map((d) => (d.kind === 'procedures' ? { ...d, items: [...d.items].sort((x, y) => x.reference.localeCompare(y.reference)) } : d))
    expect(found).toEqual([
      { kind: 'procedures', type: 'transport-refund', items: [{ id: a.id, reference: 'DEM-DUP-A' }, { id: b.id, reference: 'DEM-DUP-B' }] },
    ])
  })

  it('claim lines (same act, date, person, professional, two care sheets) and beneficiaries (same name, accents aside, same birth date)', () => {
    const line = { act: 'G', careDate: '2026-11-02', beneficiaryId: null, professionalId: 'p1', professional: 'Dr A' }
    const found = findDuplicates({
      procedures: [],
      lines: [
        { ...line, claimId: 'c1', reference: 'FS-1' },
        { ...line, claimId: 'c1', reference: 'FS-1' },
        { ...line, claimId: 'c2', reference: 'FS-2' },
        { ...line, claimId: 'c3', reference: 'FS-3', professionalId: 'p2' },
      ],
      beneficiaries: [
        { id: 'b1', firstNames: 'Léa', lastName: 'Martin', birthDate: '2012-05-01' },
        { id: 'b2', firstNames: 'Lea', lastName: 'MARTIN', birthDate: '2012-05-01' },
        { id: 'b3', firstNames: 'Hugo', lastName: 'Martin', birthDate: '2012-05-01' },
      ],
    })
    expect(found).toEqual([
      { kind: 'claims', act: 'G', careDate: '2026-11-02', professional: 'Dr A', items: [{ id: 'c1', reference: 'FS-1' }, { id: 'c2', reference: 'FS-2' }] },
      { kind: 'beneficiaries', name: 'Léa Martin', birthDate: '2012-05-01', ids: ['b1', 'b2'] },
    ])
    expect(findDuplicates({ procedures: [], lines: [{ ...line, claimId: 'c1', reference: 'FS-1' }], beneficiaries: [] })).toEqual([])
  })
})
