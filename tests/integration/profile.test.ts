import { describe, expect, it } from 'vitest'
import { getDb } from '@/lib/db/client'
import { writeAudit } from '@/lib/db/repositories/audit'
import { confirmContactChange, requestContactChange } from '@/lib/services/profile/contact-change'
import { exportMyData, listFileAccess } from '@/lib/services/profile/my-data'
import { getProfilePage } from '@/lib/services/profile/get-profile'
import { issueAttestation } from '@/lib/services/documents/issue-attestation'
import { codeOf, ctx, insuredActor, NOW, staffActor } from '../support/procedures'

const at = (minutes: number) => ({ ...ctx, now: new Date(NOW.getTime() + minutes * 60_000) })

async function lastCode(recipient: string): Promise<string> {
  const m = await getDb().outboxMessage.findFirstOrThrow({ where: { recipient }, orderBy: { createdAt: 'desc' }, select: { body: true } })
  return m.body.match(/\b(\d{6})\b/)![1]!
}

describe('e-mail and phone changed at once after a 6-digit code sent through the outbox', async () => {
  const db = getDb()
  const jonathan = await insuredActor('Jonathan Pierre')

  it('right code: the e-mail changes, the code was stored hashed, the old address is told; the audit trail has it', async () => {
    expect(await codeOf(requestContactChange(db, { actor: jonathan, input: { channel: 'email', value: 'not-an-email' }, ...ctx }))).toBe('400 profile.errors.email')
    expect(await codeOf(requestContactChange(db, { actor: jonathan, input: { channel: 'email', value: 'jonathan.martin@example.org' }, ...ctx }))).toBe('422 profile.errors.same')
    await requestContactChange(db, { actor: jonathan, input: { channel: 'email', value: 'Jonathan.New@Example.org' }, ...ctx })
    const code = await lastCode('jonathan.new@example.org')
    const pending = await db.pendingContactChange.findFirstOrThrow({ where: { insuredId: jonathan.insuredId } })
    expect(pending.codeHash).not.toContain(code)
    expect((await db.insured.findUniqueOrThrow({ where: { id: jonathan.insuredId } })).email).toBe('jonathan.martin@example.org')
    expect(await confirmContactChange(db, { actor: jonathan, input: { channel: 'email', code }, ...at(2) })).toEqual({ channel: 'email', value: 'jonathan.new@example.org' })
    expect((await db.insured.findUniqueOrThrow({ where: { id: jonathan.insuredId } })).email).toBe('jonathan.new@example.org')
    expect(await db.outboxMessage.count({ where: { recipient: 'jonathan.martin@example.org', template: 'profile.notifications.changed' } })).toBe(1)
    expect(await db.auditEvent.count({ where: { insuredId: jonathan.insuredId, action: 'profile.contact.change' } })).toBe(1)
    expect(await codeOf(confirmContactChange(db, { actor: jonathan, input: { channel: 'email', code }, ...at(3) }))).toBe('404 profile.errors.noPending')
  })

  it('wrong code counts tries (5 then the change is dropped); resend waits a minute; the phone is normalised', async () => {
    expect(await codeOf(requestContactChange(db, { actor: jonathan, input: { channel: 'phone', value: '12345' }, ...ctx }))).toBe('400 profile.errors.phone')
    await requestContactChange(db, { actor: jonathan, input: { channel: 'phone', value: '+33 7 11 22 33 44' }, ...ctx })
    expect(await codeOf(requestContactChange(db, { actor: jonathan, input: { channel: 'phone', value: '07 11 22 33 44' }, ...at(0.5) }))).toBe('429 profile.errors.tooSoon')
    const code = await lastCode('07 11 22 33 44')
    const wrong = code === '000000' ? '111111' : '000000'
    expect(await codeOf(confirmContactChange(db, { actor: jonathan, input: { channel: 'phone', code: '12ab' }, ...at(1) }))).toBe('400 profile.errors.codeFormat')
    for (let i = 0; i < 4; i++) expect(await codeOf(confirmContactChange(db, { actor: jonathan, input: { channel: 'phone', code: wrong }, ...at(1) }))).toBe('422 profile.errors.wrongCode')
    expect(await codeOf(confirmContactChange(db, { actor: jonathan, input: { channel: 'phone', code: wrong }, ...at(1) }))).toBe('429 profile.errors.tooManyTries')
    expect(await codeOf(confirmContactChange(db, { actor: jonathan, input: { channel: 'phone', code }, ...at(1) }))).toBe('404 profile.errors.noPending')
    expect((await db.insured.findUniqueOrThrow({ where: { id: jonathan.insuredId } })).phone).toBe('06 12 34 56 78')
  })

  it('an expired code is refused; staff cannot use the person\'s contact change', async () => {
    await requestContactChange(db, { actor: jonathan, input: { channel: 'phone', value: '0711223355' }, ...at(10) })
    const code = await lastCode('07 11 22 33 55')
    expect(await codeOf(confirmContactChange(db, { actor: jonathan, input: { channel: 'phone', code }, ...at(26) }))).toBe('422 profile.errors.codeExpired')
    const camille = await staffActor('camille.roux@cpam-paris.example.fr')
    expect(await codeOf(requestContactChange(db, { actor: camille, input: { channel: 'phone', value: '0711223355' }, ...ctx }))).toBe('403 forbidden')
  })
})

describe('GDPR export and "who looked at my file"', async () => {
  const db = getDb()
  const jonathan = await insuredActor('Jonathan Pierre')
  const claire = await insuredActor('Claire')
  const camille = await staffActor('camille.roux@cpam-paris.example.fr')

  it('the export holds the whole file and nothing of anyone else: no hashes, no staff ids or addresses', async () => {
    await issueAttestation(db, { actor: jonathan, scope: 'with-beneficiaries', verifyBaseUrl: 'https://x.test', ...ctx })
    await writeAudit(db, { actorUserId: camille.id, actorRole: 'advisor', action: 'insured.file.open', targetType: 'insured', targetId: jonathan.insuredId, insuredId: jonathan.insuredId, ip: '203.0.113.9', userAgent: 'staff-browser' })
    const { json, filename } = await exportMyData(db, { actor: jonathan, ...ctx })
    expect(filename).toBe('mes-donnees-ameli-2026-11-24.json')
    const data = JSON.parse(json)
    expect(data.insured).toMatchObject({ firstNames: 'Jonathan Pierre', birthName: 'Martin' })
    expect(data.beneficiaries.map((b: { beneficiary: { firstNames: string } }) => b.beneficiary.firstNames).sort()).toEqual(['Hugo', 'Léa'])
    expect(data.claims.length).toBeGreaterThan(50)
    expect(data.payments.length).toBeGreaterThan(20)
    expect(data.sickLeaves).toHaveLength(2)
    expect(data.documents.some((d: { kind: string }) => d.kind === 'attestation-droits')).toBe(true)
    expect(data.audit.find((e: { action: string }) => e.action === 'insured.file.open')).toEqual(expect.objectContaining({ actorRole: 'advisor', byYou: false }))
    for (const forbidden of [/passwordHash/i, /codeHash/i, /accessCode/i, /sessionVersion/, /203\.0\.113\.9/, /staff-browser/, new RegExp(camille.id), /Claire/]) expect(json).not.toMatch(forbidden)
    const claireData = JSON.parse((await exportMyData(db, { actor: claire, ...ctx })).json)
    expect(JSON.stringify(claireData)).not.toContain('Jonathan')
    expect(await codeOf(exportMyData(db, { actor: camille, ...ctx }))).toBe('403 forbidden')
  })

  it('lists staff access only (not the person\'s own actions), newest first, with the staff member\'s name', async () => {
    const access = await listFileAccess(db, { actor: jonathan })
    expect(access.length).toBeGreaterThan(0)
    expect(access.every((a) => a.actorRole === 'advisor' || a.actorRole === 'supervisor')).toBe(true)
    expect(access[0]).toMatchObject({ action: 'insured.file.open', actorName: expect.stringContaining('Camille') })
    expect((await listFileAccess(db, { actor: claire })).some((a) => a.id === access[0]!.id)).toBe(false)
  })
})

describe('Mon profil (getProfilePage): coverage in force is decided on calendar dates, pending changes that expired are not shown', async () => {
  const sophie = await insuredActor('Sophie')
  it('Sophie is in her maternity window from 2026-10-20 to 2027-02-22 (both days included), not the day before nor after', async () => {
    const kindsOn = async (iso: string) => (await getProfilePage({ actor: sophie, now: new Date(`${iso}T10:00:00Z`) }))!.coverageInForce.insured
    expect(await kindsOn('2026-10-19')).toEqual([])
    expect(await kindsOn('2026-10-20')).toEqual(['maternity'])
    expect(await kindsOn('2027-02-22')).toEqual(['maternity'])
    expect(await kindsOn('2027-02-23')).toEqual([])
  })
  it('only the insured person may open it; a staff member must name a file of their caisse', async () => {
    expect(await codeOf(getProfilePage({ actor: await staffActor('camille.roux@cpam-paris.example.fr'), now: NOW }))).toMatch(/^4\d\d /)
  })
})
