import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { getDb } from '@/lib/db/client'
import { uploadFile, readUploadedFile } from '@/lib/services/procedures/upload-file'
import { orderVitaleCard } from '@/lib/services/procedures/order-vitale-card'
import { declareCardLoss } from '@/lib/services/procedures/declare-card-loss'
import { advanceCardOrder } from '@/lib/services/procedures/advance-card-order'
import { assessEhicForPersons, orderEhic } from '@/lib/services/procedures/order-ehic'
import { issueProvisionalEhicCertificate } from '@/lib/services/procedures/issue-provisional-ehic-certificate'
import { verifyAttestation } from '@/lib/services/documents/verify-attestation'
import { listProcedures } from '@/lib/services/procedures/list-procedures'
import { codeOf, ctx, insuredActor, jpeg, key, NOW, PDF_BYTES, staffActor } from '../support/procedures'

const day = (n: number) => new Date(NOW.getTime() + n * 86_400_000)

describe('uploads (issue §1, Rules: type by content, size, dimensions, stored outside public/, owner and advisors only)', () => {
  it('accepts a JPEG photo, resizes it, refuses a fake type, a small photo, and another person', async () => {
    const jonathan = await insuredActor('Jonathan Pierre')
    const photo = await uploadFile({ actor: jonathan, kind: 'photo', filename: 'moi.jpg', bytes: await jpeg(1200, 1500), ...ctx })
    expect(photo).toMatchObject({ mimeType: 'image/jpeg', width: 600, height: 750 })
    expect(await codeOf(uploadFile({ actor: jonathan, kind: 'photo', filename: 'x.jpg', bytes: new TextEncoder().encode('GIF89a not a jpeg'), ...ctx }))).toBe('400 procedureErrors.upload.typePhoto')
    expect(await codeOf(uploadFile({ actor: jonathan, kind: 'photo', filename: 'doc.pdf', bytes: PDF_BYTES, ...ctx }))).toBe('400 procedureErrors.upload.typePhoto')
    expect(await codeOf(uploadFile({ actor: jonathan, kind: 'photo', filename: 'tiny.jpg', bytes: await jpeg(100, 120), ...ctx }))).toBe('400 procedureErrors.upload.tooSmall')
    expect(await codeOf(uploadFile({ actor: jonathan, kind: 'identity', filename: 'big.pdf', bytes: new Uint8Array(6_000_000).fill(0x25), ...ctx }))).toBe('400 procedureErrors.upload.tooLarge')
    const id = await uploadFile({ actor: jonathan, kind: 'identity', filename: 'passeport.pdf', bytes: PDF_BYTES, ...ctx })
    expect(id.mimeType).toBe('application/pdf')
    expect((await readUploadedFile({ actor: jonathan, uploadId: id.id })).content.length).toBe(PDF_BYTES.length)
    const nadia = await insuredActor('Nadia')
    expect(await codeOf(readUploadedFile({ actor: nadia, uploadId: id.id }))).toBe('404 notFound')
    expect(await codeOf(readUploadedFile({ actor: await staffActor('julie.fontaine@cpam-rhone.example.fr'), uploadId: id.id }))).toBe('404 notFound')
    expect(await codeOf(readUploadedFile({ actor: await staffActor('camille.roux@cpam-paris.example.fr'), uploadId: id.id }))).toBe('ok')
  })
})

describe('Vitale card order, loss and reorder (issue §1–2; RULEBOOK §9; seed 004)', async () => {
  const jonathan = await insuredActor('Jonathan Pierre')
  const advisor = await staffActor('camille.roux@cpam-paris.example.fr')
  const files = async () => ({
    photoUploadId: (await uploadFile({ actor: jonathan, kind: 'photo', filename: 'p.jpg', bytes: await jpeg(600, 750), ...ctx })).id,
    identityUploadId: (await uploadFile({ actor: jonathan, kind: 'identity', filename: 'id.pdf', bytes: PDF_BYTES, ...ctx })).id,
  })

  it('declares the card stolen (blocked at once), a reorder is refused for 2 days with the date, then accepted; double click = one order', async () => {
    const card = await getDb().card.findFirstOrThrow({ where: { insuredId: jonathan.insuredId, kind: 'vitale', status: 'active' } })
    const loss = await declareCardLoss({ actor: jonathan, input: { cardId: card.id, reason: 'stolen', idempotencyKey: key() }, ...ctx })
    expect(loss).toMatchObject({ cardStatus: 'blocked', status: 'completed', reorderOpensOn: '2026-11-26', order: null })
    expect((await getDb().card.findUniqueOrThrow({ where: { id: card.id } })).status).toBe('blocked')
    const f = await files()
    const input = { ...f, addressConfirmed: true, idempotencyKey: key() }
    const audits = await getDb().auditEvent.count()
    expect(await codeOf(orderVitaleCard({ actor: jonathan, input, ...ctx, now: day(1) }))).toBe('422 procedureErrors.vitale.waitAfterBlock')
    expect(await getDb().auditEvent.count()).toBe(audits)
    const [a, b] = await Promise.all([orderVitaleCard({ actor: jonathan, input, ...ctx, now: day(2) }), orderVitaleCard({ actor: jonathan, input, ...ctx, now: day(2) })])
    expect(a.id).toBe(b.id)
    expect(await getDb().cardOrder.count({ where: { insuredId: jonathan.insuredId, beneficiaryId: null, kind: 'vitale' } })).toBe(1)
    expect(a).toMatchObject({ status: 'requested', estimatedDelivery: '2026-12-17' })
    // A second order (another tab) is refused.
    expect(await codeOf(orderVitaleCard({ actor: jonathan, input: { ...input, idempotencyKey: key() }, ...ctx, now: day(2) }))).toBe('422 procedureErrors.vitale.pending')
    expect(await getDb().outboxMessage.count({ where: { insuredId: jonathan.insuredId, template: 'procedureNotifications.status.requested' } })).toBeGreaterThanOrEqual(1)

    // The advisor walks the order to delivery: a new active card replaces the blocked one.
    for (const event of ['check-photo', 'start-production', 'send', 'deliver'] as const) {
      expect((await advanceCardOrder({ actor: advisor, input: { orderId: a.id, event }, ...ctx, now: day(5) })).status).not.toBe('requested')
    }
    const order = await getDb().cardOrder.findUniqueOrThrow({ where: { id: a.id }, include: { events: true } })
    expect(order.status).toBe('delivered')
    expect(order.events.map((e) => e.status)).toEqual(['requested', 'photo-checked', 'in-production', 'sent', 'delivered'])
    expect(await getDb().card.count({ where: { insuredId: jonathan.insuredId, beneficiaryId: null, kind: 'vitale', status: 'active' } })).toBe(1)
    const list = await listProcedures({ actor: jonathan })
    expect(list.map((e) => e.type)).toEqual(expect.arrayContaining(['vitale-order', 'card-loss']))
  })

  it('declaring a loss and reordering at once: no wait, one transaction', async () => {
    const lea = await getDb().beneficiary.findFirstOrThrow({ where: { firstNames: 'Léa' } })
    // Léa (14) gets a card on request first.
    const first = await orderVitaleCard({ actor: jonathan, input: { beneficiaryId: lea.id, ...(await files()), addressConfirmed: true, idempotencyKey: key() }, ...ctx })
    for (const event of ['check-photo', 'start-production', 'send', 'deliver'] as const) await advanceCardOrder({ actor: advisor, input: { orderId: first.id, event }, ...ctx })
    const card = await getDb().card.findFirstOrThrow({ where: { beneficiaryId: lea.id, status: 'active' } })
    const loss = await declareCardLoss({ actor: jonathan, input: { cardId: card.id, reason: 'lost', idempotencyKey: key(), reorder: { ...(await files()), addressConfirmed: true, idempotencyKey: key() } }, ...ctx })
    expect(loss.order).toMatchObject({ status: 'requested', created: true })
    expect(loss.reorderOpensOn).toBeNull()
  })

  it('refuses a child under 12 and advisors of another caisse; rejects with a reason to fix (retake the photo)', async () => {
    const hugo = await getDb().beneficiary.findFirstOrThrow({ where: { firstNames: 'Hugo' } })
    expect(await codeOf(orderVitaleCard({ actor: jonathan, input: { beneficiaryId: hugo.id, ...(await files()), addressConfirmed: true, idempotencyKey: key() }, ...ctx }))).toBe('422 procedureErrors.vitale.tooYoung')
    const claire = await insuredActor('Claire')
    const cf = {
      photoUploadId: (await uploadFile({ actor: claire, kind: 'photo', filename: 'p.jpg', bytes: await jpeg(600, 750), ...ctx })).id,
      identityUploadId: (await uploadFile({ actor: claire, kind: 'identity', filename: 'id.jpg', bytes: await jpeg(800, 500), ...ctx })).id,
    }
    // Claire's card is in use: a second one is refused (issue 17 item 1); once declared broken (no reorder, and the
    // 2-day wait over), she orders.
    expect(await codeOf(orderVitaleCard({ actor: claire, input: { ...cf, addressConfirmed: true, idempotencyKey: key() }, ...ctx }))).toBe('422 procedureErrors.vitale.activeCard')
    const claireCard = await getDb().card.findFirstOrThrow({ where: { insuredId: claire.insuredId, kind: 'vitale', status: 'active' } })
    await declareCardLoss({ actor: claire, input: { cardId: claireCard.id, reason: 'broken', idempotencyKey: key() }, ...ctx, now: new Date(ctx.now.getTime() - 5 * 86_400_000) })
    const o = await orderVitaleCard({ actor: claire, input: { ...cf, addressConfirmed: true, idempotencyKey: key() }, ...ctx })
    expect(await codeOf(advanceCardOrder({ actor: advisor, input: { orderId: o.id, event: 'check-photo' }, ...ctx }))).toBe('404 notFound')
    const anne = await staffActor('anne.keller@cpam-basrhin.example.fr')
    expect((await advanceCardOrder({ actor: anne, input: { orderId: o.id, event: 'reject', reason: 'photo-unusable' }, ...ctx })).status).toBe('rejected')
    const entry = (await listProcedures({ actor: claire })).find((e) => e.id === o.id)
    expect(entry).toMatchObject({ status: 'rejected', expected: { kind: 'retake-photo' } })
    // A rejected order no longer blocks a new one.
    expect((await orderVitaleCard({ actor: claire, input: { ...cf, addressConfirmed: true, idempotencyKey: key() }, ...ctx })).status).toBe('requested')
  })
})

describe('EHIC / CEAM (issue §3; RULEBOOK §9)', async () => {
  const jonathan = await insuredActor('Jonathan Pierre')

  it('10 days before departure: not in time, provisional certificate PDF at once, readable with pdftotext', async () => {
    const departureDate = '2026-12-04'
    const preview = await assessEhicForPersons({ actor: jonathan, input: { persons: ['self'], departureDate }, now: NOW })
    expect(preview[0]).toMatchObject({ daysBeforeDeparture: 10, arrivesInTime: false, provisionalOffered: true })
    const orders = await orderEhic({ actor: jonathan, input: { persons: ['self'], departureDate, idempotencyKey: key() }, ...ctx })
    expect(orders[0]).toMatchObject({ arrivesInTime: false, status: 'requested' })
    expect(await codeOf(orderEhic({ actor: jonathan, input: { persons: ['self'], departureDate, idempotencyKey: key() }, ...ctx }))).toBe('422 procedureErrors.ehic.pending')
    const cert = await issueProvisionalEhicCertificate({ actor: jonathan, input: {}, ...ctx })
    expect(cert).toMatchObject({ validFrom: '2026-11-24', validUntil: '2027-02-23' })
    const file = path.join(os.tmpdir(), `ceam-${process.pid}.pdf`)
    fs.writeFileSync(file, cert.pdf)
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })
    fs.rmSync(file)
    expect(text).toContain('CERTIFICAT PROVISOIRE DE REMPLACEMENT')
    expect(text).toContain('MARTIN')
    expect(text).toContain('23/02/2027')
    // Issue 17 item 1: printed as ABCD-EFGH-JKMN in the verification alphabet (no 0/O, 1/I/L), and verifiable on the
    // public page like the attestation.
    expect(cert.verificationCode).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{12}$/)
    expect(text).toContain(cert.verificationCode.match(/.{4}/g)!.join('-'))
    expect(await verifyAttestation(getDb(), cert.verificationCode, '2026-12-01')).toMatchObject({ status: 'valid', document: 'ehic-provisional', issuedOn: '2026-11-24', validUntil: '2027-02-23', holder: { initials: 'J. M.' } })
    expect(await verifyAttestation(getDb(), cert.verificationCode, '2027-03-01')).toMatchObject({ status: 'expired', document: 'ehic-provisional' })
    expect(await getDb().issuedDocument.count({ where: { insuredId: jonathan.insuredId, kind: 'ehic-provisional' } })).toBe(1)
  })

  it('double click on the EHIC order: both requests answer the same order, one order is stored', async () => {
    const mei = await insuredActor('Mei')
    const input = { persons: ['self'], departureDate: '2026-12-20', idempotencyKey: key() }
    const [a, b] = await Promise.all([orderEhic({ actor: mei, input, ...ctx }), orderEhic({ actor: mei, input, ...ctx })])
    expect(a[0]!.id).toBe(b[0]!.id)
    expect([a[0]!.created, b[0]!.created].sort()).toEqual([false, true])
    expect(await getDb().cardOrder.count({ where: { insuredId: mei.insuredId, kind: 'ehic' } })).toBe(1)
  })

  it('the two children get their own EHIC (ordered 20 days before: in time); delivered card valid 2 years', async () => {
    const kids = await getDb().beneficiary.findMany({ where: { links: { some: { insuredId: jonathan.insuredId } } } })
    const orders = await orderEhic({ actor: jonathan, input: { persons: kids.map((k) => k.id), departureDate: '2026-12-14', idempotencyKey: key() }, ...ctx })
    expect(orders.map((o) => o.arrivesInTime)).toEqual([true, true])
    const advisor = await staffActor('camille.roux@cpam-paris.example.fr')
    for (const event of ['start-production', 'send', 'deliver'] as const) await advanceCardOrder({ actor: advisor, input: { orderId: orders[0]!.id, event }, ...ctx })
    const card = await getDb().card.findFirstOrThrow({ where: { kind: 'ehic', beneficiaryId: orders[0]!.personId } })
    expect(card).toMatchObject({ issuedOn: '2026-11-24', validUntil: '2028-11-23' })
  })
})
