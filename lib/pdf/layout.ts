import 'server-only'
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib'

/**
 * A small A4 layout kit shared by the insured person's documents (attestation de droits, monthly statement, tax
 * statement): a header with the caisse, wrapped text, label/value blocks, tables that continue on a new page with
 * their header repeated, and on every page the simulator notice and "page n / N". Text is drawn with the standard
 * Helvetica fonts (WinAnsi), so every PDF is searchable text; `safe` replaces the few characters WinAnsi lacks.
 */
export const A4: [number, number] = [595.28, 841.89]
const MARGIN = 48
const BOTTOM = 70
export const BLUE = rgb(0.05, 0.25, 0.55)
const GREY = rgb(0.35, 0.35, 0.35)
const RED = rgb(0.7, 0.1, 0.1)

export const SIMULATOR_NOTICE = 'SIMULATEUR PÉDAGOGIQUE — document fictif, sans valeur officielle. / Teaching simulator: not an official document.'

/** Narrow and non-breaking spaces (Intl output) and other characters outside WinAnsi become plain ones. */
export function safe(text: string): string {
  return text.replace(/[\u202f\u00a0\u2009]/g, ' ').replace(/[\u2018\u2019]/g, "'").replace(/[^\x20-\x7e\u00a0-\u00ff€—–•…Œœ]/g, '?')
}

/** "1 234,56 €" with plain spaces (PDF text). */
export function euros(cents: number): string {
  const sign = cents < 0 ? '-' : ''
  const abs = Math.abs(cents)
  const units = Math.floor(abs / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ' ')
  return `${sign}${units},${String(abs % 100).padStart(2, '0')} €`
}

/** "2026-11-24" → "24/11/2026". */
export function frDate(d: string): string {
  return `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`
}

export type TColumn = { label: string; width: number; align?: 'left' | 'right' }

export class PdfWriter {
  readonly pdf: PDFDocument
  page!: PDFPage
  y = 0
  private constructor(pdf: PDFDocument, readonly font: PDFFont, readonly bold: PDFFont, private readonly header: string) {
    this.pdf = pdf
  }

  static async create(meta: { title: string; subject: string; header: string }): Promise<PdfWriter> {
    const pdf = await PDFDocument.create()
    pdf.setTitle(meta.title)
    pdf.setSubject(meta.subject)
    pdf.setAuthor('ameli simulator')
    pdf.setCreator('ameli simulator (pdf-lib)')
    pdf.setLanguage('fr-FR')
    const w = new PdfWriter(pdf, await pdf.embedFont(StandardFonts.Helvetica), await pdf.embedFont(StandardFonts.HelveticaBold), meta.header)
    w.newPage()
    return w
  }

  get width(): number {
    return A4[0] - 2 * MARGIN
  }

  newPage(): void {
    this.page = this.pdf.addPage(A4)
    this.y = A4[1] - MARGIN
    this.page.drawText(safe(this.header), { x: MARGIN, y: this.y, size: 9, font: this.bold, color: BLUE })
    this.page.drawLine({ start: { x: MARGIN, y: this.y - 6 }, end: { x: A4[0] - MARGIN, y: this.y - 6 }, thickness: 0.8, color: BLUE })
    this.y -= 28
  }

  /** Starts a new page when fewer than `height` points are left. */
  ensure(height: number): void {
    if (this.y - height < BOTTOM) this.newPage()
  }

  text(value: string, opts: { size?: number; bold?: boolean; color?: ReturnType<typeof rgb>; x?: number; gap?: number } = {}): void {
    const size = opts.size ?? 10
    const font = opts.bold ? this.bold : this.font
    const x = opts.x ?? MARGIN
    for (const line of this.wrap(safe(value), font, size, A4[0] - MARGIN - x)) {
      this.ensure(size + 4)
      this.page.drawText(line, { x, y: this.y, size, font, color: opts.color ?? rgb(0, 0, 0) })
      this.y -= size + (opts.gap ?? 4)
    }
  }

  title(value: string, sub?: string): void {
    this.text(value, { size: 16, bold: true, color: BLUE, gap: 6 })
    if (sub) this.text(sub, { size: 10, color: BLUE })
    this.y -= 8
  }

  section(value: string): void {
    this.ensure(40)
    this.y -= 6
    this.text(value, { size: 11, bold: true, color: BLUE, gap: 6 })
  }

  /** Label / value rows in two columns. */
  fields(rows: [string, string][], labelWidth = 190): void {
    for (const [label, value] of rows) {
      const lines = this.wrap(safe(value), this.bold, 10, this.width - labelWidth)
      this.ensure(14 * lines.length)
      this.page.drawText(safe(label), { x: MARGIN, y: this.y, size: 9, font: this.font, color: GREY })
      for (const l of lines) {
        this.page.drawText(l, { x: MARGIN + labelWidth, y: this.y, size: 10, font: this.bold })
        this.y -= 14
      }
    }
    this.y -= 4
  }

  /** A table; rows continue on new pages with the header repeated. `bold` rows (totals) are drawn in bold. */
  table(columns: TColumn[], rows: { cells: string[]; bold?: boolean }[], size = 8): void {
    const drawRow = (cells: string[], font: PDFFont, fill?: ReturnType<typeof rgb>) => {
      const wrapped = cells.map((c, i) => this.wrap(safe(c), font, size, columns[i]!.width - 4))
      const height = Math.max(...wrapped.map((w) => w.length)) * (size + 2) + 4
      this.ensure(height)
      if (fill) this.page.drawRectangle({ x: MARGIN, y: this.y - height + size + 1, width: this.width, height, color: fill })
      let x = MARGIN
      wrapped.forEach((lines, i) => {
        const col = columns[i]!
        lines.forEach((l, j) => {
          const w = font.widthOfTextAtSize(l, size)
          const lx = col.align === 'right' ? x + col.width - 2 - w : x + 2
          this.page.drawText(l, { x: lx, y: this.y - j * (size + 2), size, font })
        })
        x += col.width
      })
      this.y -= height
      return height
    }
    const header = () => drawRow(columns.map((c) => c.label), this.bold, rgb(0.9, 0.93, 0.97))
    this.ensure(3 * (size + 6))
    header()
    for (const r of rows) {
      const before = this.page
      this.ensure((size + 2) * 2 + 4)
      if (this.page !== before) header()
      drawRow(r.cells, r.bold ? this.bold : this.font)
    }
    this.y -= 6
  }

  /** Footer on every page: the simulator notice and the page number. */
  async finish(): Promise<Uint8Array> {
    const pages = this.pdf.getPages()
    pages.forEach((p, i) => {
      p.drawText(safe(SIMULATOR_NOTICE), { x: MARGIN, y: 40, size: 7.5, font: this.bold, color: RED })
      p.drawText(`Page ${i + 1} / ${pages.length}`, { x: A4[0] - MARGIN - 50, y: 28, size: 8, font: this.font, color: GREY })
    })
    return this.pdf.save({ useObjectStreams: false })
  }

  private wrap(text: string, font: PDFFont, size: number, max: number): string[] {
    const out: string[] = []
    for (const para of text.split('\n')) {
      let line = ''
      for (const word of para.split(' ')) {
        const next = line ? `${line} ${word}` : word
        if (font.widthOfTextAtSize(next, size) <= max || !line) line = next
        else {
          out.push(line)
          line = word
        }
      }
      out.push(line)
    }
    return out
  }
}
