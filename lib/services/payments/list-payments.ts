import 'server-only'
import { getDb } from '@/lib/db/client'
import {
  listClaimsOfInsured,
  listHousehold,
  listLineFigures,
  listLinePage,
  listProfessionalsByIds,
  listTransfersOfInsured,
  type THouseholdPerson,
  type TLineWhere,
  type TProfessionalOption,
  type TTransferRow,
} from '@/lib/db/repositories/payments'
import { addDays, addMonths, calendarDate, compareDates, earlierDate, laterDate, type CalendarDate } from '@/lib/domain/dates'
import { isPaymentScheduled } from '@/lib/domain/payment-status'
import type { Engine } from '@/lib/domain/reimbursement/engine'
import type { TPaymentFilters } from '@/lib/schemas/payments'
import { resolveInsuredFile, type TActor } from '@/lib/services/procedures/common'

/** How far back "Mes paiements" goes (issue 4: the last 27 months). */
export const PAYMENT_HISTORY_MONTHS = 27
export const PAYMENT_PAGE_SIZE = 25

export type TPaymentLine = {
  id: string
  careDate: string
  act: string
  actLabel: string
  careType: string
  quantity: number
  /** Fee charged × quantity (cents). */
  charged: number
  amoPaid: number
  complementary: number
  patient: number
  deductions: number
  paidOn: string | null
  /** The transfer is scheduled for paidOn (status scheduled and paidOn after today: not paid yet). */
  scheduled: boolean
  disputed: boolean
  person: string
  professional: string | null
}

export type TPaymentTotals = { count: number; charged: number; amoPaid: number; complementary: number; patient: number; deductions: number }
export type TPaymentMonth = { month: string; charged: number; amoPaid: number; complementary: number }

export type TPaymentList = {
  /** The period actually shown (within the 27 months). */
  from: string
  to: string
  windowStart: string
  persons: THouseholdPerson[]
  professionals: TProfessionalOption[]
  totals: TPaymentTotals
  months: TPaymentMonth[]
  lines: TPaymentLine[]
  /** Every transfer of the period (reimbursements, daily allowances, refunds), newest first, and their sum. */
  transfers: TTransferRow[]
  transfersTotal: number
  /** Cursors for the next/previous page links (null: no such page). */
  next: string | null
  previous: string | null
}

const fold = (s: string) => s.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase()
const cursorOf = (l: { careDate: string; id: string }) => `${l.careDate}~${l.id}`
function parseCursor(c: string | undefined): { careDate: string; id: string } | undefined {
  if (!c) return undefined
  const [careDate, id] = c.split('~')
  return careDate && id ? { careDate, id } : undefined
}

/** Months "YYYY-MM" from `from` to `to`, inclusive. */
function monthsBetween(from: CalendarDate, to: CalendarDate): string[] {
  const out: string[] = []
  const last = calendarDate(`${to.slice(0, 7)}-01`)
  for (let m = calendarDate(`${from.slice(0, 7)}-01`); compareDates(m, last) <= 0; m = addMonths(m, 1)) out.push(m.slice(0, 7))
  return out
}

/**
 * "Mes paiements": every claim line of the person and their beneficiaries over the last 27 months (or the period
 * asked), newest care first, filtered by person, care type, professional and a search (act, professional, claim
 * reference), with the totals and the monthly figures of the whole filter and one page of lines (keyset paging).
 * Insured: own file only; staff: a file of their caisse.
 */
export async function listPayments({
  actor,
  insuredId,
  filters,
  today,
  engine,
  locale,
  pageSize = PAYMENT_PAGE_SIZE,
}: {
  actor: TActor
  insuredId?: string
  filters: TPaymentFilters
  today: CalendarDate
  engine: Engine
  locale: 'fr' | 'en'
  pageSize?: number
}): Promise<TPaymentList> {
  const db = getDb()
  const owner = await resolveInsuredFile(db, actor, insuredId, { insured: 'read:payments:own', staff: 'read:insured-file:caisse' })
  const windowStart = addMonths(today, -PAYMENT_HISTORY_MONTHS)
  const from = filters.from ? laterDate(calendarDate(filters.from), windowStart) : windowStart
  const to = filters.to ? earlierDate(calendarDate(filters.to), today) : today

  const [persons, allClaims] = await Promise.all([listHousehold(db, owner), listClaimsOfInsured(db, owner, addDays(from, -31))])
  const professionals = await listProfessionalsByIds(db, [...new Set(allClaims.map((c) => c.professionalId).filter((id): id is string => id !== null))])
  const proName = new Map(professionals.map((p) => [p.id, p.name]))

  const claims = allClaims.filter(
    (c) =>
      (filters.who === undefined || (filters.who === 'self' ? c.beneficiaryId === null : c.beneficiaryId === filters.who)) &&
      (filters.pro === undefined || c.professionalId === filters.pro),
  )
  const where: TLineWhere = { claimIds: claims.map((c) => c.id), from, to, ...(filters.careType ? { careType: filters.careType } : {}) }
  if (filters.q) {
    const q = fold(filters.q)
    const acts = [...engine.acts.values()].filter((a) => fold(a.code).includes(q) || fold(a.label.fr).includes(q) || fold(a.label.en).includes(q)).map((a) => a.code)
    const claimIds = claims
      .filter((c) => fold(c.reference).includes(q) || (c.professionalId !== null && fold(proName.get(c.professionalId) ?? '').includes(q)))
      .map((c) => c.id)
    where.search = { claimIds, acts }
  }

  const after = parseCursor(filters.after)
  const before = after ? undefined : parseCursor(filters.before)
  const [figures, rows, transfers] = await Promise.all([
    listLineFigures(db, where),
    listLinePage(db, where, { size: pageSize, ...(after ? { after } : {}), ...(before ? { before } : {}) }),
    listTransfersOfInsured(db, owner, from, to),
  ])

  const totals: TPaymentTotals = { count: figures.length, charged: 0, amoPaid: 0, complementary: 0, patient: 0, deductions: 0 }
  const byMonth = new Map(monthsBetween(from, to).map((m) => [m, { month: m, charged: 0, amoPaid: 0, complementary: 0 }]))
  for (const f of figures) {
    const charged = f.amoPaid + f.complementary + f.patient
    totals.charged += charged
    totals.amoPaid += f.amoPaid
    totals.complementary += f.complementary
    totals.patient += f.patient
    totals.deductions += f.participation + f.franchise
    const m = byMonth.get(f.careDate.slice(0, 7))
    if (m) {
      m.charged += charged
      m.amoPaid += f.amoPaid
      m.complementary += f.complementary
    }
  }

  // Keyset paging: one extra row says whether a page follows in the direction read.
  const more = rows.length > pageSize
  const shown = before ? (more ? rows.slice(1) : rows) : rows.slice(0, pageSize)
  const claimOf = new Map(claims.map((c) => [c.id, c]))
  const personName = (beneficiaryId: string | null) => {
    const p = persons.find((x) => x.id === beneficiaryId)
    return p ? `${p.firstNames.split(' ')[0]} ${p.lastName}` : ''
  }
  const lines: TPaymentLine[] = shown.map((l) => {
    const claim = claimOf.get(l.claimId)
    return {
      id: l.id,
      careDate: l.careDate,
      act: l.act,
      actLabel: engine.acts.get(l.act)?.label[locale] ?? l.act,
      careType: l.careType,
      quantity: l.quantity,
      charged: l.amoPaid + l.complementary + l.patient,
      amoPaid: l.amoPaid,
      complementary: l.complementary,
      patient: l.patient,
      deductions: l.participation + l.franchise,
      paidOn: l.paidOn,
      scheduled: l.paidOn !== null && isPaymentScheduled(l.payment?.status ?? 'paid', l.paidOn, today),
      disputed: l.disputedAt !== null,
      person: personName(claim?.beneficiaryId ?? null),
      professional: claim?.professionalId ? (proName.get(claim.professionalId) ?? null) : null,
    }
  })
  const first = shown[0]
  const last = shown[shown.length - 1]
  return {
    from,
    to,
    windowStart,
    persons,
    professionals,
    totals,
    months: [...byMonth.values()],
    lines,
    transfers,
    transfersTotal: transfers.reduce((sum, t) => sum + t.amount, 0),
    next: last && (before ? true : more) ? cursorOf(last) : null,
    previous: first && (before ? more : Boolean(after)) ? cursorOf(first) : null,
  }
}
