import { createHash } from 'node:crypto'
import type { Db } from '../../lib/db/client'
import { addDays, calendarDate } from '../../lib/domain/dates'
import { buildFrenchIban } from '../../lib/domain/iban'
import type { TAffiliationPayload } from '../../lib/schemas/affiliation'
import { insured } from './demo-data'
import { nirOf } from './demo-nir'
import { specimenPdf } from './specimen-pdf'

/**
 * Affiliation demo data (issue 7 §4), so that an advisor at CPAM Paris has requests to process:
 *  - Emily Martin (née Carter), the American spouse: her request (sent by post in August) is 'approved' — receipt
 *    confirmed, every document attached, temporary number given on 15 September (her rights start that day) — so an
 *    advisor can give her permanent number and her first attestation de droits;
 *  - Lucas Oliveira, a Brazilian student in Paris (no file yet: insuredId null), sent his request 3 days ago; the
 *    sworn translation of his birth certificate is missing, for the advisor to ask for it.
 * Deterministic: fixed dates for Emily, dates relative to the seed's `today` for the new request.
 */

const TITLES: Record<string, string> = {
  identity: 'Passeport',
  'birth-certificate': 'Acte de naissance',
  'birth-certificate-translation': 'Traduction assermentée de l’acte de naissance',
  'residence-permit': 'Titre de séjour',
  'marriage-certificate': 'Acte de mariage',
  'spouse-attestation': 'Attestation de droits du conjoint',
  'proof-of-residence': 'Justificatif de domicile',
  rib: 'Relevé d’identité bancaire',
  'enrolment-certificate': 'Certificat de scolarité',
}
const PDF = (kind: string, holder: string) => specimenPdf(TITLES[kind] ?? kind, holder)
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex')

const FILENAMES: Record<string, string> = {
  identity: 'passeport.pdf',
  'birth-certificate': 'acte-de-naissance.pdf',
  'birth-certificate-translation': 'traduction-acte-de-naissance.pdf',
  'residence-permit': 'titre-de-sejour.pdf',
  'marriage-certificate': 'acte-de-mariage.pdf',
  'spouse-attestation': 'attestation-droits-conjoint.pdf',
  'proof-of-residence': 'quittances-loyer-juin-aout.pdf',
  'enrolment-certificate': 'certificat-de-scolarite.pdf',
  rib: 'rib.pdf',
}

export async function seedAffiliation(db: Db, today: string): Promise<{ requests: number }> {
  const emilyData = insured.find((p) => p.key === 'emily')
  const jonathanData = insured.find((p) => p.key === 'jonathan')
  if (!emilyData || !jonathanData) return { requests: 0 }
  const emilyNir = nirOf(emilyData)
  const emily = await db.insured.findUnique({ where: { nir: emilyNir.nir }, select: { id: true, organisationId: true, iban: true, bic: true, bankHolder: true, phone: true } })
  const camille = await db.user.findUnique({ where: { email: 'camille.roux@cpam-paris.example.fr' }, select: { id: true } })
  const paris = await db.organisation.findUnique({ where: { code: '751' }, select: { id: true } })
  if (!emily || !camille || !paris) return { requests: 0 }
  const spouse = nirOf(jonathanData)

  const emilyPayload: TAffiliationPayload = {
    situation: 'family-member', sex: 2, birthName: emilyData.birthName, usualName: emilyData.usualName ?? null, firstNames: emilyData.firstNames, birthDate: emilyData.birthDate,
    birthCity: 'Boston', birthCountry: 'US', nationality: 'US', birthCertificateInFrench: false,
    addressLine1: emilyData.addressLine1, addressLine2: null, postalCode: emilyData.postalCode, city: emilyData.city, arrivalDate: '2026-06-20',
    email: emilyData.email ?? 'emily.carter@example.com', phone: emily.phone ?? '07 45 67 89 12', iban: emily.iban!, bic: emily.bic, bankHolder: emily.bankHolder ?? 'EMILY MARTIN', employerName: null,
    spouseNir: { nir: spouse.nir, key: spouse.key }, preferredLocale: 'en',
    temporaryNir: { nir: emilyNir.nir, key: emilyNir.key, on: '2026-09-15' }, permanentNir: null, documentRequests: [], acknowledgedOn: '2026-09-02',
  }
  const sent = new Date('2026-08-28T08:45:00Z')
  const e = await db.procedure.create({
    data: {
      reference: `AFF-2026-${String(emilyData.nir.order).padStart(6, '0')}`, type: 'affiliation', insuredId: emily.id, organisationId: emily.organisationId, status: 'approved',
      applicantBirthDate: emilyData.birthDate, payload: JSON.stringify(emilyPayload), submittedAt: sent, estimatedCompletion: '2026-12-15', assignedToId: camille.id,
      events: {
        create: [
          { status: 'submitted', at: sent, note: 'submit' },
          { status: 'in-review', at: new Date('2026-09-02T13:10:00Z'), note: 'acknowledge', actorUserId: camille.id },
          { status: 'approved', at: new Date('2026-09-15T09:30:00Z'), note: 'register-temporary', actorUserId: camille.id },
        ],
      },
    },
    select: { id: true },
  })
  for (const kind of ['identity', 'birth-certificate', 'birth-certificate-translation', 'residence-permit', 'marriage-certificate', 'spouse-attestation', 'proof-of-residence', 'rib']) {
    const content = await PDF(kind, 'Emily CARTER')
    await db.upload.create({ data: { insuredId: emily.id, procedureId: e.id, kind, filename: FILENAMES[kind] ?? `${kind}.pdf`, mimeType: 'application/pdf', size: content.length, sha256: sha(content), content, createdAt: sent } })
  }

  // A new request: a student from Brazil, sent 3 days ago, the translation of the birth certificate missing.
  const lucasSent = new Date(`${addDays(calendarDate(today), -3)}T17:20:00Z`)
  const lucas: TAffiliationPayload = {
    situation: 'student', sex: 1, birthName: 'Oliveira', usualName: null, firstNames: 'Lucas Gabriel', birthDate: '2004-03-12', birthCity: 'São Paulo', birthCountry: 'BR', nationality: 'BR',
    birthCertificateInFrench: false, addressLine1: '12 rue Mouffetard', addressLine2: 'Chambre 41', postalCode: '75005', city: 'Paris', arrivalDate: '2026-09-01',
    email: 'lucas.oliveira@example.edu', phone: '07 12 34 56 78', iban: buildFrenchIban('30003', '01234', '00050123456'), bic: 'SOGEFRPPXXX', bankHolder: 'LUCAS OLIVEIRA', employerName: null,
    spouseNir: null, preferredLocale: 'en', temporaryNir: null, permanentNir: null, documentRequests: [], acknowledgedOn: null,
  }
  const l = await db.procedure.create({
    data: {
      reference: 'AFF-2026-000412', type: 'affiliation', insuredId: null, organisationId: paris.id, status: 'submitted', applicantBirthDate: lucas.birthDate,
      payload: JSON.stringify(lucas), submittedAt: lucasSent, estimatedCompletion: addDays(calendarDate(today), 57), idempotencyKey: 'seed-affiliation-lucas-oliveira',
      events: { create: [{ status: 'submitted', at: lucasSent, note: 'submit' }] },
    },
    select: { id: true },
  })
  for (const kind of ['identity', 'birth-certificate', 'residence-permit', 'enrolment-certificate', 'rib']) {
    const content = await PDF(kind, 'Lucas Gabriel OLIVEIRA')
    await db.upload.create({ data: { insuredId: null, procedureId: l.id, kind, filename: FILENAMES[kind] ?? `${kind}.pdf`, mimeType: 'application/pdf', size: content.length, sha256: sha(content), content, createdAt: lucasSent } })
  }
  return { requests: 2 }
}
