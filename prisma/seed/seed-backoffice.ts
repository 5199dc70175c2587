import { createHash } from 'node:crypto'
import sharp from 'sharp'
import type { Db } from '../../lib/db/client'
import { addDays, calendarDate } from '../../lib/domain/dates'
import { specimenPdf } from './specimen-pdf'

/**
 * Back-office demo data (issue 6 §4): one Vitale card order waiting at CPAM Paris, so that an advisor finds it in
 * the queue with its photo and identity document. Sophie Durand (Paris) asked for a new card 3 days ago.
 */
export async function seedBackOffice(db: Db, today: string): Promise<{ cardOrders: number }> {
  const sophie = await db.insured.findFirst({ where: { birthName: 'Durand', firstNames: 'Sophie' }, select: { id: true, addressLine1: true, addressLine2: true, postalCode: true, city: true, country: true } })
  if (!sophie) return { cardOrders: 0 }
  const photo = await sharp({ create: { width: 600, height: 750, channels: 3, background: '#b8c7d9' } }).jpeg({ quality: 80 }).toBuffer()
  const identity = await specimenPdf("Carte nationale d'identité", 'Sophie DURAND')
  const requestedAt = new Date(`${addDays(calendarDate(today), -3)}T09:30:00Z`)
  const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex')
  const photoUpload = await db.upload.create({ data: { insuredId: sophie.id, kind: 'photo', filename: 'photo-sophie.jpg', mimeType: 'image/jpeg', size: photo.length, sha256: sha(photo), content: photo, width: 600, height: 750, createdAt: requestedAt } })
  const idUpload = await db.upload.create({ data: { insuredId: sophie.id, kind: 'identity', filename: 'carte-identite.pdf', mimeType: 'application/pdf', size: identity.length, sha256: sha(identity), content: identity, createdAt: requestedAt } })
  await db.cardOrder.create({
    data: {
      reference: 'CV-2026-SEEDB0FF1C',
      kind: 'vitale',
      insuredId: sophie.id,
      status: 'requested',
      estimatedDelivery: addDays(calendarDate(today), 18),
      shippingAddress: JSON.stringify({ addressLine1: sophie.addressLine1, addressLine2: sophie.addressLine2, postalCode: sophie.postalCode, city: sophie.city, country: sophie.country }),
      photoUploadId: photoUpload.id,
      identityUploadId: idUpload.id,
      inProgressKey: `vitale:insured:${sophie.id}`,
      requestedAt,
      events: { create: { status: 'requested', at: requestedAt, note: null } },
    },
  })
  return { cardOrders: 1 }
}
