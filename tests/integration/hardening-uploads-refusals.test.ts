import sharp from 'sharp'
import { deflateSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { getDb } from '@/lib/db/client'
import { UPLOAD_LIMITS } from '@/lib/domain/procedures/upload-limits'
import { openInsuredFile } from '@/lib/services/back-office/insured-file'
import { uploadFile } from '@/lib/services/procedures/upload-file'
import { listProcedures } from '@/lib/services/procedures/list-procedures'
import { codeOf, ctx, insuredActor, PDF_BYTES, staffActor } from '../support/procedures'

/**
 * Issue 13 items 8 and 9, as an attacker tries them: files that carry more than they show (scripts in a PDF, a payload
 * after an image, a misleading name) and a staff member of one caisse opening another caisse's file.
 */
const PARIS_ADVISOR = 'camille.roux@cpam-paris.example.fr'
const RHONE_ADVISOR = 'julie.fontaine@cpam-rhone.example.fr'

const pdf = (body: string) => new TextEncoder().encode(`%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R ${body} >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n`)

describe('uploads: what a file carries is checked, not what it claims (issue 13 item 8)', () => {
  it('attack "PDF that runs a script or an action when opened": /JavaScript, /JS, /OpenAction, /AA, /Launch, /EmbeddedFile are refused, also #-escaped or inside a compressed object stream; a plain PDF passes', async () => {
    const jonathan = await insuredActor('Jonathan Pierre')
    const send = (bytes: Uint8Array, filename = 'facture.pdf') => codeOf(uploadFile({ actor: jonathan, kind: 'other', filename, bytes, ...ctx }))
    for (const body of ['/OpenAction << /S /JavaScript /JS (app.alert(1)) >>', '/AA << /O 5 0 R >>', '/OpenAction 5 0 R', '/Names << /EmbeddedFiles 6 0 R >>', '/OpenAction << /S /Launch /F (calc.exe) >>', '/Names << /J#61vaScript 7 0 R >>']) {
      expect(await send(pdf(body)), body).toBe('400 procedureErrors.upload.activeContent')
    }
    const hidden = deflateSync(Buffer.from('<< /S /JavaScript /JS (app.alert(1)) >>'))
    const objStm = new Uint8Array(Buffer.concat([Buffer.from('%PDF-1.7\n3 0 obj\n<< /Type /ObjStm /Filter /FlateDecode /Length ' + hidden.length + ' >>\nstream\n'), hidden, Buffer.from('\nendstream\nendobj\n%%EOF\n')]))
    expect(await send(objStm)).toBe('400 procedureErrors.upload.activeContent')
    // Names that only start like an active one (/JSON, /AAPL) are not refused.
    expect(await send(pdf('/Metadata << /JSON 1 /AAPL 2 >>'))).toBe('ok')
    expect(await send(PDF_BYTES)).toBe('ok')
  })

  it('attack "payload appended to an image, GPS in its metadata": a PNG or JPEG document is re-encoded: other bytes, no trailing payload, no EXIF', async () => {
    const jonathan = await insuredActor('Jonathan Pierre')
    const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#336699' } }).png().toBuffer()
    const payload = Buffer.from('<script>alert(1)</script>PK\u0003\u0004 hidden zip')
    const withPayload = new Uint8Array(Buffer.concat([png, payload]))
    const stored = await uploadFile({ actor: jonathan, kind: 'other', filename: 'scan.png', bytes: withPayload, ...ctx })
    const row = await getDb().upload.findUniqueOrThrow({ where: { id: stored.id }, select: { content: true, mimeType: true } })
    const out = Buffer.from(row.content)
    expect(row.mimeType).toBe('image/png')
    expect(out.equals(Buffer.from(withPayload))).toBe(false)
    expect(out.includes(payload)).toBe(false)
    // A PNG ends with its IEND chunk (49 45 4E 44 AE 42 60 82): nothing after it.
    expect(out.subarray(-8).toString('hex')).toBe('49454e44ae426082')

    const jpegWithExif = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#996633' } }).jpeg().withExif({ IFD0: { Copyright: 'secret-gps-48.85,2.35' } }).toBuffer()
    const jpegIn = new Uint8Array(Buffer.concat([jpegWithExif, payload]))
    const storedJpeg = await uploadFile({ actor: jonathan, kind: 'other', filename: 'scan.jpg', bytes: jpegIn, ...ctx })
    const jpegOut = Buffer.from((await getDb().upload.findUniqueOrThrow({ where: { id: storedJpeg.id }, select: { content: true } })).content)
    expect(jpegOut.includes(Buffer.from('secret-gps'))).toBe(false)
    expect(jpegOut.includes(payload)).toBe(false)
    expect(jpegOut.subarray(-2).toString('hex')).toBe('ffd9')
    expect((await sharp(jpegOut).metadata()).exif).toBeUndefined()
  })

  it('attack "misleading file name" (x.html, a\\u202Egpj.exe, ../../etc/passwd): the stored name is sanitised and takes the extension of the detected type', async () => {
    const jonathan = await insuredActor('Jonathan Pierre')
    const png = new Uint8Array(await sharp({ create: { width: 20, height: 20, channels: 3, background: '#000' } }).png().toBuffer())
    const name = async (filename: string, bytes: Uint8Array) => (await uploadFile({ actor: jonathan, kind: 'other', filename, bytes, ...ctx })).filename
    expect(await name('x.html', PDF_BYTES)).toBe('x.pdf')
    const bidi = await name('a\u202Egpj.exe', png)
    expect(bidi).toBe('agpj.png')
    expect(bidi).not.toMatch(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/)
    expect(await name('../../etc/passwd', PDF_BYTES)).toBe('passwd.pdf')
    expect(await name('C:\\Users\\x\\.bashrc', png)).toBe('bashrc.png')
    expect(await name('', PDF_BYTES)).toBe('document.pdf')
    expect(await name('relevé de soins.PDF', PDF_BYTES)).toBe('relevé de soins.pdf')
  })

  it('one per-file limit, the shared UPLOAD_LIMITS: a file of fileBytes passes the size check, one byte more is refused', async () => {
    const jonathan = await insuredActor('Jonathan Pierre')
    const exact = new Uint8Array(UPLOAD_LIMITS.fileBytes)
    exact.set(PDF_BYTES)
    expect(await codeOf(uploadFile({ actor: jonathan, kind: 'other', filename: 'big.pdf', bytes: exact, ...ctx }))).toBe('ok')
    const over = new Uint8Array(UPLOAD_LIMITS.fileBytes + 1)
    over.set(PDF_BYTES)
    expect(await codeOf(uploadFile({ actor: jonathan, kind: 'other', filename: 'big.pdf', bytes: over, ...ctx }))).toBe('400 procedureErrors.upload.tooLarge')
  })
})

describe('cross-caisse attempts by staff are audited (issue 13 item 9)', () => {
  it('attack "an advisor of CPAM du Rhône opens a Paris file": 404 as before, and an audit event staff.scope.denied with actor, target and IP; her own caisse\'s files write nothing of the kind', async () => {
    const db = getDb()
    const jonathan = await insuredActor('Jonathan Pierre')
    const rhone = await staffActor(RHONE_ADVISOR)
    const from = { ...ctx, ip: '192.0.2.69' }
    expect(await codeOf(openInsuredFile({ actor: rhone, input: { insuredId: jonathan.insuredId }, ...from }))).toBe('404 notFound')
    expect(await codeOf(listProcedures({ actor: rhone, insuredId: jonathan.insuredId, ...from } as never))).toBe('404 notFound')
    const denied = await db.auditEvent.findMany({ where: { action: 'staff.scope.denied', actorUserId: rhone.id }, orderBy: { at: 'asc' } })
    expect(denied.length).toBeGreaterThanOrEqual(2)
    expect(denied[0]).toMatchObject({ actorRole: 'advisor', outcome: 'denied', targetType: 'insured', targetId: jonathan.insuredId, ip: '192.0.2.69', userAgent: 'vitest' })
    expect(JSON.parse(denied[0]!.details)).toEqual({ organisationId: rhone.organisationId })
    // The Paris advisor opening the same file: the usual file-open event, no denial.
    const paris = await staffActor(PARIS_ADVISOR)
    expect(await codeOf(openInsuredFile({ actor: paris, input: { insuredId: jonathan.insuredId }, ...ctx }))).toBe('ok')
    expect(await db.auditEvent.count({ where: { action: 'staff.scope.denied', actorUserId: paris.id } })).toBe(0)
  })
})
