import { monthYearLabel } from '@/lib/domain/french'
import 'server-only'
import { euros, frDate, PdfWriter } from './layout'

/** Who the statement is for (printed at the top of every statement). */
export type TStatementHolder = { name: string; nir: string; address: string[]; caisse: { name: string; code: string } }

export type TStatementLine = {
  paidOn: string
  careDate: string
  act: string
  label: string | null
  beneficiary: string
  professional: string | null
  /** Fee charged for the line (unit fee × quantity), cents. */
  fee: number
  base: number
  rate: number
  /** Participation forfaitaire + franchises deducted, cents. */
  deductions: number
  amoPaid: number
}

export type TStatementAllowance = { paidOn: string; leave: string; fromDate: string; toDate: string; days: number; gross: number; csg: number; crds: number; net: number }

export type TMonthlyStatementFacts = {
  month: string
  issuedOn: string
  holder: TStatementHolder
  lines: TStatementLine[]
  allowances: TStatementAllowance[]
  payments: { paidOn: string; reference: string; kind: string; amount: number; ibanMasked: string | null }[]
  totals: { fee: number; base: number; deductions: number; amoPaid: number; allowancesNet: number; paid: number }
}

export const monthLabel = (month: string) => monthYearLabel(month, 'fr')

function holderBlock(w: PdfWriter, h: TStatementHolder, issuedOn: string): void {
  w.fields([
    ['Assuré(e) / Insured person', h.name],
    ['N° de sécurité sociale (NIR)', h.nir],
    ['Adresse / Address', h.address.join(', ')],
    ['Organisme / Caisse', `${h.caisse.name} (${h.caisse.code})`],
    ['Édité le / Issued on', frDate(issuedOn)],
  ])
}

const KINDS: Record<string, string> = { reimbursement: 'Remboursement de soins', 'daily-allowance': 'Indemnités journalières', refund: 'Remboursement' }

/** Relevé mensuel: every claim line and daily allowance paid in the month, the transfers and the totals. */
export async function renderMonthlyStatement(f: TMonthlyStatementFacts): Promise<Uint8Array> {
  const w = await PdfWriter.create({
    title: `Relevé mensuel — ${monthLabel(f.month)}`,
    subject: `Relevé mensuel de remboursements ${f.month} — ${f.holder.name}`,
    header: `${f.holder.caisse.name} — ${f.holder.caisse.code}`,
  })
  w.title(`RELEVÉ MENSUEL — ${monthLabel(f.month).toUpperCase()}`, `Monthly statement of payments, ${f.month}`)
  holderBlock(w, f.holder, f.issuedOn)

  w.section('Soins remboursés / Reimbursed care')
  if (f.lines.length === 0) w.text('Aucun remboursement de soins ce mois-ci. / No reimbursement of care this month.', { size: 9 })
  else
    w.table(
      [
        { label: 'Payé le', width: 48 },
        { label: 'Soins du', width: 48 },
        { label: 'Acte / Act', width: 92 },
        { label: 'Bénéficiaire', width: 74 },
        { label: 'Honoraires', width: 50, align: 'right' },
        { label: 'Base', width: 46, align: 'right' },
        { label: 'Taux', width: 28, align: 'right' },
        { label: 'Déductions', width: 50, align: 'right' },
        { label: 'Payé / Paid', width: 63, align: 'right' },
      ],
      [
        ...f.lines.map((l) => ({
          cells: [frDate(l.paidOn), frDate(l.careDate), `${l.act}${l.label ? ` ${l.label}` : ''}${l.professional ? ` — ${l.professional}` : ''}`, l.beneficiary, euros(l.fee), euros(l.base), `${l.rate} %`, l.deductions ? `-${euros(l.deductions)}` : euros(0), euros(l.amoPaid)],
        })),
        { cells: ['Total', '', `${f.lines.length} acte(s)`, '', euros(f.totals.fee), euros(f.totals.base), '', f.totals.deductions ? `-${euros(f.totals.deductions)}` : euros(0), euros(f.totals.amoPaid)], bold: true },
      ],
    )
  w.text('Déductions : participation forfaitaire et franchises médicales (plafonds annuels de 50 € chacune).', { size: 7.5 })

  if (f.allowances.length > 0) {
    w.section('Indemnités journalières / Daily allowances')
    w.table(
      [
        { label: 'Payé le', width: 55 },
        { label: 'Arrêt', width: 85 },
        { label: 'Période', width: 110 },
        { label: 'Jours', width: 35, align: 'right' },
        { label: 'Brut', width: 60, align: 'right' },
        { label: 'CSG + CRDS', width: 70, align: 'right' },
        { label: 'Net', width: 84, align: 'right' },
      ],
      [
        ...f.allowances.map((a) => ({ cells: [frDate(a.paidOn), a.leave, `${frDate(a.fromDate)} – ${frDate(a.toDate)}`, String(a.days), euros(a.gross), `-${euros(a.csg + a.crds)}`, euros(a.net)] })),
        { cells: ['Total', '', '', '', '', '', euros(f.totals.allowancesNet)], bold: true },
      ],
    )
  }

  w.section('Virements / Transfers')
  if (f.payments.length === 0) w.text('Aucun virement ce mois-ci. / No transfer this month.', { size: 9 })
  else
    w.table(
      [
        { label: 'Date', width: 55 },
        { label: 'Référence', width: 120 },
        { label: 'Nature', width: 110 },
        { label: 'Compte', width: 150 },
        { label: 'Montant', width: 64, align: 'right' },
      ],
      [
        ...f.payments.map((p) => ({ cells: [frDate(p.paidOn), p.reference, KINDS[p.kind] ?? p.kind, p.ibanMasked ?? '', euros(p.amount)] })),
        { cells: ['Total versé / Total paid', '', '', '', euros(f.totals.paid)], bold: true },
      ],
      8,
    )
  return w.finish()
}

export type TTaxRow = { leave: string; kind: string; fromDate: string; toDate: string; paidOn: string; days: number; gross: number; net: number; netFiscal: number; rule: 'taxable' | 'half' | 'exempt'; taxable: number }
export type TTaxStatementFacts = { year: number; issuedOn: string; holder: TStatementHolder; rows: TTaxRow[]; totals: { gross: number; net: number; netFiscal: number; taxable: number; exempt: number } }

const RULES: Record<TTaxRow['rule'], string> = { taxable: 'imposable', half: '50 % (AT/MP)', exempt: 'exonéré (ALD)' }
const LEAVE_KINDS: Record<string, string> = { illness: 'maladie', 'work-accident': 'accident du travail', 'occupational-disease': 'maladie professionnelle', maternity: 'maternité', paternity: 'paternité' }

/** Attestation fiscale: daily allowances paid in the year and the taxable amount to declare (RULEBOOK §6). */
export async function renderTaxStatement(f: TTaxStatementFacts): Promise<Uint8Array> {
  const w = await PdfWriter.create({
    title: `Attestation fiscale ${f.year} — indemnités journalières`,
    subject: `Attestation fiscale des indemnités journalières ${f.year} — ${f.holder.name}`,
    header: `${f.holder.caisse.name} — ${f.holder.caisse.code}`,
  })
  w.title(`ATTESTATION FISCALE ${f.year}`, `Indemnités journalières versées en ${f.year} / Daily allowances paid in ${f.year} (tax statement)`)
  holderBlock(w, f.holder, f.issuedOn)
  w.section('Indemnités versées / Allowances paid')
  if (f.rows.length === 0) w.text(`Aucune indemnité journalière versée en ${f.year}. / No daily allowance paid in ${f.year}.`, { size: 9 })
  else
    w.table(
      [
        { label: 'Arrêt', width: 70 },
        { label: 'Nature', width: 62 },
        { label: 'Période', width: 92 },
        { label: 'Payé le', width: 48 },
        { label: 'Jours', width: 28, align: 'right' },
        { label: 'Brut', width: 50, align: 'right' },
        { label: 'Net versé', width: 50, align: 'right' },
        { label: 'Net fiscal', width: 50, align: 'right' },
        { label: 'Imposable', width: 49, align: 'right' },
      ],
      [
        ...f.rows.map((r) => ({ cells: [r.leave, LEAVE_KINDS[r.kind] ?? r.kind, `${frDate(r.fromDate)} – ${frDate(r.toDate)}`, frDate(r.paidOn), String(r.days), euros(r.gross), euros(r.net), euros(r.netFiscal), `${euros(r.taxable)}${r.rule === 'taxable' ? '' : r.rule === 'half' ? ' *' : ' **'}`] })),
        { cells: ['Total', '', '', '', '', euros(f.totals.gross), euros(f.totals.net), euros(f.totals.netFiscal), euros(f.totals.taxable)], bold: true },
      ],
    )
  w.section('Montant à déclarer / Amount to declare')
  w.fields([
    ['Montant imposable / Taxable amount', euros(f.totals.taxable)],
    ['Montant exonéré / Exempt amount', euros(f.totals.exempt)],
  ], 220)
  w.text('Le montant imposable est le « net fiscal » : brut moins la CSG déductible (3,8 %). Il est pré-rempli sur votre déclaration de revenus (cases 1AJ à 1DJ, salaires et assimilés).', { size: 8.5 })
  w.text(`Règles : ${Object.values(RULES).join(' · ')}. * Indemnités d'accident du travail ou de maladie professionnelle : imposables à 50 %. ** Indemnités liées à une affection de longue durée (ALD) : exonérées.`, { size: 8.5 })
  w.text('The taxable amount is the "net fiscal" (gross minus the deductible 3.8 % CSG); work-accident allowances are 50 % taxable, ALD allowances are exempt.', { size: 8.5 })
  return w.finish()
}
