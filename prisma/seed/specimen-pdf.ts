import { PDFDocument, StandardFonts, rgb } from 'pdf-lib'

/**
 * A readable one-page PDF for the demo's uploaded documents (an identity card, a birth certificate…): the advisor's
 * inline preview shows a page that says what it stands for and that it is a fictitious specimen, instead of an
 * empty file the browser's viewer cannot open. Same bytes for the same input (fixed dates in the metadata).
 */
export async function specimenPdf(title: string, holder: string): Promise<Uint8Array<ArrayBuffer>> {
  const doc = await PDFDocument.create()
  const fixed = new Date('2026-01-01T00:00:00Z')
  doc.setCreationDate(fixed)
  doc.setModificationDate(fixed)
  doc.setTitle(`${title} — ${holder} (spécimen)`)
  doc.setProducer('ameli simulateur (données de démonstration)')
  const page = doc.addPage([420, 270])
  const bold = await doc.embedFont(StandardFonts.HelveticaBold)
  const font = await doc.embedFont(StandardFonts.Helvetica)
  page.drawRectangle({ x: 12, y: 12, width: 396, height: 246, borderColor: rgb(0.05, 0.25, 0.6), borderWidth: 2 })
  page.drawText(title.toUpperCase(), { x: 30, y: 220, size: 16, font: bold, color: rgb(0.05, 0.25, 0.6) })
  page.drawText(holder, { x: 30, y: 180, size: 14, font })
  page.drawText('SPÉCIMEN — document fictif du simulateur', { x: 30, y: 60, size: 11, font: bold, color: rgb(0.7, 0.1, 0.1) })
  page.drawText('Aucune donnée réelle.', { x: 30, y: 42, size: 10, font })
  return new Uint8Array(await doc.save({ useObjectStreams: false }))
}
