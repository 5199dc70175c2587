import 'server-only'
import QRCode from 'qrcode'
import { rgb } from 'pdf-lib'
import { euros, frDate, PdfWriter } from './layout'

/**
 * Attestation de droits à l'assurance maladie (the document an employer, a school or a hospital asks for):
 * the insured person, their caisse and regime, rights period, mutuelle (AMC code), beneficiaries with rank and
 * birth date, médecin traitant, ALD / CSS / Alsace-Moselle mentions; a verification code and its QR code that
 * lead to the public verification page. These facts are stored as the IssuedDocument snapshot.
 */
export type TAttestationPerson = { rank: string; firstNames: string; lastName: string; birthDate: string; nir: string | null; ald: boolean; css: string | null }

export type TAttestationFacts = {
  scope: 'insured' | 'with-beneficiaries'
  issuedOn: string
  validUntil: string
  verificationCode: string
  verifyUrl: string
  insured: TAttestationPerson & { birthName: string; address: string[] }
  caisse: { name: string; code: string; address: string }
  regime: { code: string; label: string; managementCode: string; alsaceMoselle: boolean }
  rightsFrom: string
  rightsTo: string | null
  mutuelle: { name: string; amcCode: string | null } | null
  doctorDeclared: boolean
  doctorName: string | null
  cssMonthlyParticipation: number | null
  beneficiaries: TAttestationPerson[]
}

const cssLabel = (css: string | null, participation: number | null) =>
  css === null ? 'Non / No' : css === 'participation' ? `Oui, avec participation${participation ? ` (${euros(participation)} / mois)` : ''} / Yes, with a contribution` : 'Oui, sans participation / Yes, free'

/** The QR code drawn as vector squares (sharp at any zoom, no image to encode): one rectangle per dark module. */
function drawQr(w: PdfWriter, text: string, at: { x: number; y: number; size: number }): void {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' })
  const n = qr.modules.size
  const cell = at.size / (n + 2)
  const black = rgb(0, 0, 0)
  for (let row = 0; row < n; row++) {
    for (let col = 0; col < n; col++) {
      if (!qr.modules.get(row, col)) continue
      // Runs of dark modules on a row become one rectangle.
      let end = col
      while (end + 1 < n && qr.modules.get(row, end + 1)) end++
      w.page.drawRectangle({ x: at.x + (col + 1) * cell, y: at.y + at.size - (row + 2) * cell, width: (end - col + 1) * cell, height: cell, color: black })
      col = end
    }
  }
}

export async function renderAttestationDroits(f: TAttestationFacts): Promise<Uint8Array> {
  const w = await PdfWriter.create({
    title: 'Attestation de droits à l\'assurance maladie',
    subject: `Attestation de droits — ${f.insured.firstNames} ${f.insured.lastName}`,
    header: `${f.caisse.name} — ${f.caisse.code}`,
  })
  drawQr(w, f.verifyUrl, { x: 595.28 - 48 - 96, y: w.y - 90, size: 96 })
  w.title('ATTESTATION DE DROITS', 'à l\'assurance maladie / Certificate of health-insurance entitlement')
  w.text(`Délivrée le ${frDate(f.issuedOn)} — valable jusqu'au ${frDate(f.validUntil)}`, { size: 10, bold: true })
  w.text(`Code de vérification / Verification code : ${f.verificationCode}`, { size: 10, bold: true })
  w.text(`Vérifiable sur / Check it at : ${f.verifyUrl}`, { size: 8 })
  w.y -= 10

  w.section('Assuré(e) / Insured person')
  w.fields([
    ['Nom / Name', `${f.insured.lastName.toUpperCase()}${f.insured.birthName !== f.insured.lastName ? ` (né(e) ${f.insured.birthName.toUpperCase()})` : ''}`],
    ['Prénoms / Given names', f.insured.firstNames],
    ['Date de naissance / Date of birth', frDate(f.insured.birthDate)],
    ['N° de sécurité sociale (NIR)', f.insured.nir ?? ''],
    ['Adresse / Address', f.insured.address.join(', ')],
  ])

  w.section('Organisme et régime / Organisation and regime')
  w.fields([
    ['Organisme / Caisse', `${f.caisse.name} — code ${f.caisse.code}`],
    ['Adresse de la caisse', f.caisse.address],
    ['Régime / Regime', `${f.regime.code} — ${f.regime.label} (code gestion ${f.regime.managementCode})`],
    ['Droits ouverts / Rights', f.rightsTo ? `du ${frDate(f.rightsFrom)} au ${frDate(f.rightsTo)}` : `depuis le ${frDate(f.rightsFrom)}, sans date de fin / open-ended`],
    ['Régime local Alsace-Moselle', f.regime.alsaceMoselle ? 'Oui / Yes' : 'Non / No'],
    ['Complémentaire (AMC)', f.mutuelle ? `${f.mutuelle.name}${f.mutuelle.amcCode ? ` — n° AMC ${f.mutuelle.amcCode}` : ''}` : f.insured.css !== null ? 'Complémentaire santé solidaire (ci-dessous / below)' : 'Aucune déclarée / None declared'],
    ['Complémentaire santé solidaire', cssLabel(f.insured.css, f.cssMonthlyParticipation)],
    ['Médecin traitant', f.doctorDeclared ? `Déclaré / Declared${f.doctorName ? ` : ${f.doctorName}` : ''}` : 'Non déclaré / Not declared'],
    ['Affection de longue durée (ALD)', f.insured.ald ? 'Oui : prise en charge à 100 % des soins en rapport / Yes' : 'Non / No'],
  ])

  if (f.scope === 'with-beneficiaries') {
    w.section('Bénéficiaires / Beneficiaries')
    if (f.beneficiaries.length === 0) w.text('Aucun bénéficiaire rattaché / No beneficiary attached.')
    else
      w.table(
        [
          { label: 'Rang / Rank', width: 55 },
          { label: 'Nom, prénoms / Name', width: 150 },
          { label: 'Naissance / Born', width: 70 },
          { label: 'NIR', width: 110 },
          { label: 'ALD', width: 35 },
          { label: 'CSS', width: 79 },
        ],
        f.beneficiaries.map((b) => ({ cells: [b.rank, `${b.lastName.toUpperCase()} ${b.firstNames}`, frDate(b.birthDate), b.nir ?? 'rattaché(e) à l\'assuré(e)', b.ald ? 'Oui' : 'Non', b.css ? 'Oui' : 'Non'] })),
        9,
      )
  } else {
    w.text('Attestation établie pour l\'assuré(e) seul(e) / For the insured person only.', { size: 9 })
  }
  w.y -= 6
  w.text('L\'assuré(e) et les bénéficiaires ci-dessus ont droit aux prestations en nature de l\'assurance maladie pendant la période indiquée. Cette attestation ne remplace pas la carte Vitale.', { size: 8.5 })
  w.text('The persons above are entitled to health-insurance benefits in kind for the period shown. This certificate does not replace the Vitale card.', { size: 8.5 })
  return w.finish()
}
