import 'server-only'
import { PDFDocument, StandardFonts, rgb } from 'pdf-lib'

/**
 * The EHIC provisional replacement certificate (certificat provisoire de remplacement de la CEAM), RULEBOOK §9:
 * issued at once as a PDF, valid 3 months, never beyond the rights end. One A4 page with the fields of the
 * official model (card holder, NIR, institution, validity), bilingual labels, and the simulator notice.
 */
export type TEhicCertificateFacts = {
  lastName: string
  firstNames: string
  birthDate: string
  /** Personal identification number (NIR with key, formatted). */
  personalNumber: string
  institutionName: string
  institutionCode: string
  validFrom: string
  validUntil: string
  issuedOn: string
  verificationCode: string
}

const fr = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`

export async function renderEhicProvisionalCertificate(f: TEhicCertificateFacts): Promise<Uint8Array> {
  const pdf = await PDFDocument.create()
  pdf.setTitle('Certificat provisoire de remplacement de la CEAM')
  pdf.setAuthor('ameli simulator')
  pdf.setSubject('Provisional replacement certificate of the European Health Insurance Card')
  const page = pdf.addPage([595.28, 841.89])
  const font = await pdf.embedFont(StandardFonts.Helvetica)
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold)
  const blue = rgb(0.05, 0.25, 0.55)
  let y = 790
  const line = (text: string, size = 11, f = font, color = rgb(0, 0, 0)) => {
    page.drawText(text, { x: 50, y, size, font: f, color })
    y -= size + 9
  }
  line('CERTIFICAT PROVISOIRE DE REMPLACEMENT', 16, bold, blue)
  line('de la carte européenne d\'assurance maladie (CEAM)', 12, bold, blue)
  line('Provisional replacement certificate of the European Health Insurance Card (EHIC)', 10, font, blue)
  y -= 10
  const field = (n: string, label: string, value: string) => {
    page.drawText(`${n}. ${label}`, { x: 50, y, size: 9, font, color: rgb(0.3, 0.3, 0.3) })
    y -= 14
    page.drawText(value, { x: 70, y, size: 12, font: bold })
    y -= 22
  }
  field('3', 'Nom / Name', f.lastName.toUpperCase())
  field('4', 'Prénoms / Given names', f.firstNames)
  field('5', 'Date de naissance / Date of birth', fr(f.birthDate))
  field('6', 'Numéro personnel d\'identification / Personal identification number', f.personalNumber)
  field('7', 'Institution compétente / Competent institution', `${f.institutionName} (${f.institutionCode})`)
  field('8', 'Date d\'expiration du certificat / Expiry date', fr(f.validUntil))
  field('a', 'Période de validité / Validity period', `du ${fr(f.validFrom)} au ${fr(f.validUntil)} (from ${f.validFrom} to ${f.validUntil})`)
  field('b', 'Date de délivrance / Issued on', fr(f.issuedOn))
  field('c', 'Code de vérification / Verification code', f.verificationCode)
  y -= 10
  line('Ce certificat atteste le droit aux soins médicalement nécessaires pendant un séjour temporaire', 10)
  line('dans un autre État de l\'UE/EEE, en Suisse ou au Royaume-Uni. Il ne vaut pas au-delà de la fin des droits.', 10)
  line('This certificate proves entitlement to medically necessary care during a temporary stay', 10)
  line('in another EU/EEA country, Switzerland or the United Kingdom.', 10)
  y -= 20
  line('SIMULATEUR PÉDAGOGIQUE — document fictif, sans valeur officielle. / Teaching simulator: not an official document.', 9, bold, rgb(0.7, 0.1, 0.1))
  return pdf.save()
}
