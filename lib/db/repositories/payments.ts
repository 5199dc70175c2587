import type { Db, Tx } from '../client'

/**
 * Claim lines and payments of one insured person's household (their own care and their beneficiaries'),
 * for "Mes paiements" and its explanation page. Ownership is part of every query: the caller passes the
 * signed-in person's insuredId, and a line of someone else is simply not found.
 *
 * Query plan (checked with EXPLAIN on 100 000 persons, see scripts/bench/pages.ts): the person's claims are read
 * through the index Claim(insuredId, careDate); their lines through ClaimLine(claimId, lineNo) with an IN list of
 * those claim ids; the few hundred lines of a household are then sorted. No scan of the ClaimLine table.
 */

export type TClaimOfHousehold = { id: string; reference: string; beneficiaryId: string | null; professionalId: string | null }

/** Every claim of the person (ids and what the claim-level filters need), from the index Claim(insuredId, careDate). */
export async function listClaimsOfInsured(db: Db | Tx, insuredId: string, sinceCareDate: string): Promise<TClaimOfHousehold[]> {
  return db.claim.findMany({
    where: { insuredId, careDate: { gte: sinceCareDate } },
    select: { id: true, reference: true, beneficiaryId: true, professionalId: true },
  })
}

export type TProfessionalOption = { id: string; name: string; specialty: string; city: string }

export async function listProfessionalsByIds(db: Db | Tx, ids: string[]): Promise<TProfessionalOption[]> {
  if (ids.length === 0) return []
  const rows = await db.healthProfessional.findMany({
    where: { id: { in: ids } },
    select: { id: true, title: true, firstName: true, lastName: true, specialty: true, city: true },
  })
  return rows
    .map((p) => ({ id: p.id, name: [p.title, p.firstName, p.lastName].filter(Boolean).join(' '), specialty: p.specialty, city: p.city }))
    .sort((a, b) => a.name.localeCompare(b.name, 'fr'))
}

/** The line-level filter (claims already chosen by the caller). */
export type TLineWhere = {
  claimIds: string[]
  from: string
  to: string
  careType?: string
  /** Search: lines of these claims, or of these acts (OR). Undefined = no search. */
  search?: { claimIds: string[]; acts: string[] }
}

function lineWhere(w: TLineWhere) {
  return {
    claimId: { in: w.claimIds },
    careDate: { gte: w.from, lte: w.to },
    ...(w.careType ? { careType: w.careType } : {}),
    ...(w.search ? { OR: [{ claimId: { in: w.search.claimIds } }, { act: { in: w.search.acts } }] } : {}),
  }
}

export type TLineSummaryRow = { careDate: string; amoPaid: number; complementary: number; patient: number; participation: number; franchise: number }

/** The few figures of every line of the filter (totals and the monthly chart are computed from them). */
export async function listLineFigures(db: Db | Tx, w: TLineWhere): Promise<TLineSummaryRow[]> {
  if (w.claimIds.length === 0) return []
  return db.claimLine.findMany({
    where: lineWhere(w),
    select: { careDate: true, amoPaid: true, complementary: true, patient: true, participation: true, franchise: true },
  })
}

export type TLineListRow = {
  id: string
  claimId: string
  careDate: string
  act: string
  careType: string
  quantity: number
  feeCharged: number
  amoPaid: number
  complementary: number
  patient: number
  participation: number
  franchise: number
  paidOn: string | null
  disputedAt: Date | null
  /** The transfer's status: "scheduled" (goes out on paidOn) | "paid"; null when not attached to a transfer. */
  payment: { status: string } | null
}

const listSelect = {
  id: true, claimId: true, careDate: true, act: true, careType: true, quantity: true, feeCharged: true, amoPaid: true, complementary: true,
  patient: true, participation: true, franchise: true, paidOn: true, disputedAt: true, payment: { select: { status: true } },
} as const

/**
 * One page of lines, newest care first (careDate desc, id desc), by keyset: `after` = the last line shown
 * (next page), `before` = the first line shown (previous page). Returns up to `size + 1` rows (the extra one
 * says there is more), in display order.
 */
export async function listLinePage(
  db: Db | Tx,
  w: TLineWhere,
  page: { size: number; after?: { careDate: string; id: string }; before?: { careDate: string; id: string } },
): Promise<TLineListRow[]> {
  if (w.claimIds.length === 0) return []
  const base = lineWhere(w)
  if (page.before) {
    const b = page.before
    const rows = await db.claimLine.findMany({
      where: { AND: [base, { OR: [{ careDate: { gt: b.careDate } }, { careDate: b.careDate, id: { gt: b.id } }] }] },
      orderBy: [{ careDate: 'asc' }, { id: 'asc' }],
      take: page.size + 1,
      select: listSelect,
    })
    return rows.reverse()
  }
  const a = page.after
  return db.claimLine.findMany({
    where: a ? { AND: [base, { OR: [{ careDate: { lt: a.careDate } }, { careDate: a.careDate, id: { lt: a.id } }] }] } : base,
    orderBy: [{ careDate: 'desc' }, { id: 'desc' }],
    take: page.size + 1,
    select: listSelect,
  })
}

export type TLineDetail = Omit<TLineListRow, 'payment'> & {
  lineNo: number
  sector: string
  pathway: string
  situations: string
  label: string | null
  base: number
  rate: number
  amoGross: number
  localRegime: number
  carriedForward: number
  steps: string
  claim: {
    id: string
    reference: string
    source: string
    receivedOn: string
    status: string
    tiersPayant: boolean
    beneficiaryId: string | null
    professional: { title: string | null; firstName: string | null; lastName: string; specialty: string; city: string } | null
  }
  payment: { reference: string; paidOn: string; ibanMasked: string | null; status: string } | null
}

/** One line of this person's household, or null (someone else's line is not found). */
export async function findLineOfInsured(db: Db | Tx, insuredId: string, lineId: string): Promise<TLineDetail | null> {
  return db.claimLine.findFirst({
    where: { id: lineId, claim: { insuredId } },
    select: {
      ...listSelect,
      lineNo: true, sector: true, pathway: true, situations: true, label: true, base: true, rate: true, amoGross: true, localRegime: true,
      carriedForward: true, steps: true,
      claim: {
        select: {
          id: true, reference: true, source: true, receivedOn: true, status: true, tiersPayant: true, beneficiaryId: true,
          professional: { select: { title: true, firstName: true, lastName: true, specialty: true, city: true } },
        },
      },
      payment: { select: { reference: true, paidOn: true, ibanMasked: true, status: true } },
    },
  })
}

/** Marks a line as disputed ("I did not receive this care"), once. */
export async function markLineDisputed(tx: Tx, lineId: string, at: Date): Promise<void> {
  await tx.claimLine.updateMany({ where: { id: lineId, disputedAt: null }, data: { disputedAt: at } })
}

export type TDeductionTally = { beneficiaryId: string | null; participation: number; franchise: number }

/**
 * Participations and franchises deducted from the lines of `year`, per person of the household (beneficiaryId null =
 * the insured person): one aggregate query (portable SQL, ADR 0014) instead of reading a year of lines to add them up.
 * A person with claims in the window but no line of `year` gets zeros (as when the lines were summed here); the
 * order of the tallies is unspecified (callers look a person up).
 */
export async function sumDeductionsOfYear(db: Db | Tx, insuredId: string, year: number): Promise<TDeductionTally[]> {
  const from = `${year}-01-01`
  const to = `${year}-12-31`
  // A claim starts on its first date of care: one started late December can hold lines of January.
  const rows = await db.$queryRaw<{ beneficiaryId: string | null; participation: number | bigint | string | null; franchise: number | bigint | string | null }[]>`
    SELECT c."beneficiaryId", SUM(l."participation") AS "participation", SUM(l."franchise") AS "franchise"
    FROM "Claim" c
    LEFT JOIN "ClaimLine" l ON l."claimId" = c."id" AND l."careDate" >= ${from} AND l."careDate" <= ${to}
    WHERE c."insuredId" = ${insuredId} AND c."careDate" >= ${`${year - 1}-12-01`} AND c."careDate" <= ${to}
    GROUP BY c."beneficiaryId"`
  return rows.map((r) => ({ beneficiaryId: r.beneficiaryId, participation: Number(r.participation ?? 0), franchise: Number(r.franchise ?? 0) }))
}

export type THouseholdPerson = { id: string | null; firstNames: string; lastName: string; birthDate: string }

/** The insured person (id null) and the beneficiaries attached to them (current or past links: their old care still shows). */
export async function listHousehold(db: Db | Tx, insuredId: string): Promise<THouseholdPerson[]> {
  const i = await db.insured.findUnique({
    where: { id: insuredId },
    select: {
      firstNames: true, birthName: true, usualName: true, birthDate: true,
      beneficiaries: { orderBy: { rank: 'asc' }, select: { beneficiary: { select: { id: true, firstNames: true, lastName: true, birthDate: true } } } },
    },
  })
  if (!i) return []
  return [{ id: null, firstNames: i.firstNames, lastName: i.usualName ?? i.birthName, birthDate: i.birthDate }, ...i.beneficiaries.map((l) => l.beneficiary)]
}

export type TTransferRow = { id: string; reference: string; paidOn: string; amount: number; kind: string; ibanMasked: string | null; procedureReference: string | null }

/** The transfers (virements) paid to the person between two dates, newest first: reimbursements, daily allowances, refunds. */
export async function listTransfersOfInsured(db: Db | Tx, insuredId: string, from: string, to: string): Promise<TTransferRow[]> {
  const rows = await db.payment.findMany({
    where: { insuredId, paidOn: { gte: from, lte: to } },
    orderBy: [{ paidOn: 'desc' }, { id: 'desc' }],
    select: { id: true, reference: true, paidOn: true, amount: true, kind: true, ibanMasked: true, procedure: { select: { reference: true } } },
  })
  return rows.map(({ procedure, ...r }) => ({ ...r, procedureReference: procedure?.reference ?? null }))
}

export type TDuePayment = {
  id: string
  reference: string
  paidOn: string
  amount: number
  insuredId: string
  ibanMasked: string | null
  insured: { email: string | null; preferredLocale: string }
}

/** Scheduled transfers whose date is reached (paidOn ≤ today), for the payment run, through the index on paidOn order. */
export async function listDuePayments(tx: Db | Tx, today: string): Promise<TDuePayment[]> {
  return tx.payment.findMany({
    where: { status: 'scheduled', paidOn: { lte: today } },
    orderBy: [{ paidOn: 'asc' }, { id: 'asc' }],
    select: { id: true, reference: true, paidOn: true, amount: true, insuredId: true, ibanMasked: true, insured: { select: { email: true, preferredLocale: true } } },
  })
}

/** Marks one scheduled transfer paid; false when another run already did (conditional update). */
export async function markPaymentPaid(tx: Tx, id: string): Promise<boolean> {
  const { count } = await tx.payment.updateMany({ where: { id, status: 'scheduled' }, data: { status: 'paid' } })
  return count === 1
}

/** Paper claims waiting for bank details whose person has given them since (the payment run schedules them). */
export async function listClaimsReleasedByBankDetails(tx: Db | Tx): Promise<{ id: string; insuredId: string; totalAmoPaid: number; iban: string }[]> {
  const rows = await tx.claim.findMany({
    where: { status: 'awaiting-bank-details', insured: { iban: { not: null } } },
    orderBy: { id: 'asc' },
    select: { id: true, insuredId: true, totalAmoPaid: true, insured: { select: { iban: true } } },
  })
  return rows.map((r) => ({ id: r.id, insuredId: r.insuredId, totalAmoPaid: r.totalAmoPaid, iban: r.insured.iban ?? '' }))
}

/** Attaches a released claim's lines to its transfer; false when another run already released it. */
export async function attachClaimToPayment(tx: Tx, claimId: string, payment: { id: string; paidOn: string }): Promise<boolean> {
  const { count } = await tx.claim.updateMany({ where: { id: claimId, status: 'awaiting-bank-details' }, data: { status: 'processed' } })
  if (count !== 1) return false
  await tx.claimLine.updateMany({ where: { claimId }, data: { paymentId: payment.id, paidOn: payment.paidOn } })
  return true
}

/** A new scheduled reimbursement transfer (paid by the payment run on `paidOn`). */
export async function createScheduledPayment(tx: Tx, data: { reference: string; insuredId: string; paidOn: string; amount: number; ibanMasked: string }): Promise<{ id: string; reference: string }> {
  return tx.payment.create({ data: { ...data, kind: 'reimbursement', status: 'scheduled' }, select: { id: true, reference: true } })
}
