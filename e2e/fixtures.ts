import Database from 'better-sqlite3'
import sharp from 'sharp'

/** Files and data the specs share: made in the test, never read from disk. */

/** A minimal valid PDF (passes the content check: starts with %PDF-). */
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n')

/** A valid identity photo (JPEG, 400 × 500 px: above the rule's minimum size). */
export async function identityPhoto(): Promise<Buffer> {
  return sharp({ create: { width: 400, height: 500, channels: 3, background: { r: 200, g: 210, b: 225 } } })
    .composite([{ input: Buffer.from('<svg width="400" height="500"><ellipse cx="200" cy="220" rx="110" ry="140" fill="#c89f7c"/></svg>'), top: 0, left: 0 }])
    .jpeg()
    .toBuffer()
}

/** A small PNG scan (a supporting document). */
export function smallPng(): Promise<Buffer> {
  return sharp({ create: { width: 60, height: 40, channels: 3, background: '#dde6f0' } }).png().toBuffer()
}

/** YYYY-MM-DD, `days` from today in Paris. */
export function parisDate(days: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(Date.now() + days * 86_400_000))
}

/** The demo database the e2e server runs on (seeded relative to today), read-only. */
export function e2eDb() {
  return new Database('.e2e/e2e.db', { readonly: true, fileMustExist: true })
}

/** The 4-digit code of the latest account-activation SMS sent to this phone (the outbox), or null. */
export function lastActivationCodeSentTo(phone: string): string | null {
  const conn = e2eDb()
  try {
    const row = conn.prepare(`SELECT body FROM OutboxMessage WHERE channel = 'sms' AND template = 'activation.sms.code' AND recipient = ? ORDER BY createdAt DESC LIMIT 1`).get(phone) as { body: string } | undefined
    return row ? (/\b(\d{4})\b/.exec(row.body)?.[1] ?? null) : null
  } finally {
    conn.close()
  }
}

/** The 8 documents (French labels) asked of a non-EU family member whose birth certificate is not in French (requiredDocuments). */
export const FAMILY_MEMBER_DOCUMENTS = [
  "Pièce d'identité (passeport ou carte d'identité)",
  'Acte de naissance (ou document équivalent)',
  "Traduction de l'acte de naissance par un traducteur assermenté",
  'Titre de séjour ou visa en cours de validité',
  'Acte de mariage (ou de Pacs)',
  'Attestation de droits (ou carte Vitale) de votre conjoint assuré',
  'Justificatifs de résidence sur 3 mois consécutifs (quittances de loyer, factures d\'électricité…)',
  "Relevé d'identité bancaire (RIB)",
]
