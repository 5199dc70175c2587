import 'server-only'
import { percentOf, type Cents } from '@/lib/domain/money'
import type { Db } from '@/lib/db/client'
import { writeAudit } from '@/lib/db/repositories/audit'
import { findStatementHolder, listAllowanceYears, listOwnAldPeriods, listPaidAllowances, listPaidLines, listPaymentsBetween } from '@/lib/db/repositories/documents'
import { calendarDate, isWithin } from '@/lib/domain/dates'
import { formatNir } from '@/lib/domain/nir'
import { renderMonthlyStatement, renderTaxStatement, type TMonthlyStatementFacts, type TStatementHolder, type TTaxRow, type TTaxStatementFacts } from '@/lib/pdf/statements'
import { ZStatementMonth, ZTaxYear } from '@/lib/schemas/documents'
import { AppError } from '@/lib/errors'
import { auditRole, todayOf, type TActor, type TRequestContext } from '@/lib/services/procedures/common'
import { addressLines, resolveDocumentsFile } from './common'

/** How many monthly statements the account offers: the current month and the 26 before it. */
export const STATEMENT_MONTHS = 27
/** Tax statements: the current year and the two before. */
export const TAX_YEARS = 3

/** "2026-11", "2026-10", … (newest first) for a Paris calendar day. */
export function statementMonths(today: string, count = STATEMENT_MONTHS): string[] {
  let y = Number(today.slice(0, 4))
  let m = Number(today.slice(5, 7))
  const out: string[] = []
  for (let i = 0; i < count; i++) {
    out.push(`${y}-${String(m).padStart(2, '0')}`)
    if (--m === 0) {
      m = 12
      y--
    }
  }
  return out
}

const lastDay = (month: string) => {
  const y = Number(month.slice(0, 4))
  const m = Number(month.slice(5, 7))
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`
}

async function holderOf(db: Db, insuredId: string): Promise<TStatementHolder> {
  const h = await findStatementHolder(db, insuredId)
  if (!h) throw new AppError('notFound', 404)
  return { name: `${(h.usualName ?? h.birthName).toUpperCase()} ${h.firstNames}`, nir: formatNir(h.nir, h.nirKey), address: addressLines(h), caisse: h.organisation }
}

/** The facts of one relevé mensuel: claim lines and daily allowances paid in the month, transfers, totals. */
export async function monthlyStatementFacts(db: Db, insuredId: string, month: string, today: string): Promise<TMonthlyStatementFacts> {
  const from = `${month}-01`
  const to = lastDay(month)
  const [holder, rawLines, rawAllowances, payments] = await Promise.all([holderOf(db, insuredId), listPaidLines(db, insuredId, from, to), listPaidAllowances(db, insuredId, from, to), listPaymentsBetween(db, insuredId, from, to)])
  const self = holder.name
  const lines = rawLines.map((l) => {
    const p = l.claim.professional
    return {
      paidOn: l.paidOn!, careDate: l.careDate, act: l.act, label: l.label,
      beneficiary: l.claim.beneficiary ? `${l.claim.beneficiary.firstNames} ${l.claim.beneficiary.lastName}` : self,
      professional: p ? [p.title, p.firstName, p.lastName].filter(Boolean).join(' ') : null,
      fee: l.feeCharged * l.quantity, base: l.base, rate: l.rate, deductions: l.participation + l.franchise, amoPaid: l.amoPaid,
    }
  })
  const allowances = rawAllowances.map((a) => ({ paidOn: a.paidOn!, leave: a.sickLeave.reference, fromDate: a.fromDate, toDate: a.toDate, days: a.days, gross: a.gross, csg: a.csg, crds: a.crds, net: a.net }))
  const sum = <T>(xs: T[], f: (x: T) => number) => xs.reduce((s, x) => s + f(x), 0)
  return {
    month, issuedOn: today, holder, lines, allowances, payments,
    totals: { fee: sum(lines, (l) => l.fee), base: sum(lines, (l) => l.base), deductions: sum(lines, (l) => l.deductions), amoPaid: sum(lines, (l) => l.amoPaid), allowancesNet: sum(allowances, (a) => a.net), paid: sum(payments, (p) => p.amount) },
  }
}

/**
 * Relevé mensuel (PDF) for one of the last 27 months, for the insured person's file (theirs and their
 * beneficiaries' care). Errors: 404 notFound (a month outside the window, another person's file), 403 forbidden.
 */
export async function getMonthlyStatement(db: Db, { actor, insuredId, month, ...ctx }: { actor: TActor; insuredId?: string; month: unknown } & TRequestContext): Promise<{ filename: string; pdf: Uint8Array; ms: number }> {
  const started = performance.now()
  const owner = await resolveDocumentsFile(db, actor, insuredId)
  const today = todayOf(ctx.now)
  const m = ZStatementMonth.safeParse(month)
  if (!m.success || !statementMonths(today).includes(m.data)) throw new AppError('notFound', 404)
  const pdf = await renderMonthlyStatement(await monthlyStatementFacts(db, owner, m.data, today))
  await writeAudit(db, { actorUserId: actor.id, actorRole: auditRole(actor), action: 'document.monthly-statement.download', targetType: 'statement', targetId: m.data, insuredId: owner, ip: ctx.ip ?? null, userAgent: ctx.userAgent ?? null })
  return { filename: `releve-mensuel-${m.data}.pdf`, pdf, ms: performance.now() - started }
}

/**
 * RULEBOOK §6 "Tax statement": the taxable amount is the "montant net fiscal" (gross − deductible CSG, stored per
 * allowance); allowances of a work accident or occupational disease are 50 % taxable; allowances paid for an
 * ALD (exonérante) are exempt. The data model has no "ALD" flag on a sick leave: an illness leave that starts
 * during an ALD period of the person is treated as related to it.
 */
export function taxRule(kind: string, startDate: string, ald: { from: string; to: string | null }[]): TTaxRow['rule'] {
  if (kind === 'work-accident' || kind === 'occupational-disease') return 'half'
  if (kind === 'illness') {
    const start = calendarDate(startDate)
    if (ald.some((p) => isWithin(start, calendarDate(p.from), p.to === null ? null : calendarDate(p.to)))) return 'exempt'
  }
  return 'taxable'
}

export function taxableOf(netFiscal: number, rule: TTaxRow['rule']): number {
  return rule === 'exempt' ? 0 : rule === 'half' ? percentOf(netFiscal as Cents, 50) : netFiscal
}

export async function taxStatementFacts(db: Db, insuredId: string, year: number, today: string): Promise<TTaxStatementFacts> {
  const [holder, rows, ald] = await Promise.all([holderOf(db, insuredId), listPaidAllowances(db, insuredId, `${year}-01-01`, `${year}-12-31`), listOwnAldPeriods(db, insuredId)])
  const taxRows: TTaxRow[] = rows.map((a) => {
    const rule = taxRule(a.sickLeave.kind, a.sickLeave.startDate, ald)
    return { leave: a.sickLeave.reference, kind: a.sickLeave.kind, fromDate: a.fromDate, toDate: a.toDate, paidOn: a.paidOn!, days: a.days, gross: a.gross, net: a.net, netFiscal: a.taxable, rule, taxable: taxableOf(a.taxable, rule) }
  })
  const sum = (f: (r: TTaxRow) => number) => taxRows.reduce((s, r) => s + f(r), 0)
  return { year, issuedOn: today, holder, rows: taxRows, totals: { gross: sum((r) => r.gross), net: sum((r) => r.net), netFiscal: sum((r) => r.netFiscal), taxable: sum((r) => r.taxable), exempt: sum((r) => r.netFiscal - r.taxable) } }
}

/** The years offered for the tax statement: the current year and the two before. */
export function taxYears(today: string): number[] {
  const y = Number(today.slice(0, 4))
  return Array.from({ length: TAX_YEARS }, (_, i) => y - i)
}

/** Attestation fiscale (PDF) of the daily allowances paid in a year. Errors: 404 (year outside the window, not theirs). */
export async function getTaxStatement(db: Db, { actor, insuredId, year, ...ctx }: { actor: TActor; insuredId?: string; year: unknown } & TRequestContext): Promise<{ filename: string; pdf: Uint8Array; ms: number }> {
  const started = performance.now()
  const owner = await resolveDocumentsFile(db, actor, insuredId)
  const today = todayOf(ctx.now)
  const y = ZTaxYear.safeParse(year)
  if (!y.success || !taxYears(today).includes(y.data)) throw new AppError('notFound', 404)
  const pdf = await renderTaxStatement(await taxStatementFacts(db, owner, y.data, today))
  await writeAudit(db, { actorUserId: actor.id, actorRole: auditRole(actor), action: 'document.tax-statement.download', targetType: 'statement', targetId: String(y.data), insuredId: owner, ip: ctx.ip ?? null, userAgent: ctx.userAgent ?? null })
  return { filename: `attestation-fiscale-ij-${y.data}.pdf`, pdf, ms: performance.now() - started }
}

export { listAllowanceYears }
