import type { Db, Tx } from '../client'
import { SITUATIONS, type Situation } from '@/lib/domain/reimbursement/types'
import { calendarDate, compareDates } from '@/lib/domain/dates'

/**
 * The situations (ALD, CSS, maternity, AME, invalidity, work accident) of a person's coverage periods that
 * include `date` ("YYYY-MM-DD"). Periods of the insured person apply to their own care only.
 */
export async function listCoverageSituations(db: Db | Tx, insuredId: string, beneficiaryId: string | null, date: string): Promise<Situation[]> {
  const rows = await db.coveragePeriod.findMany({
    where: {
      ...(beneficiaryId ? { beneficiaryId } : { insuredId, beneficiaryId: null }),
      from: { lte: date },
      OR: [{ to: null }, { to: { gte: date } }],
    },
    select: { kind: true },
  })
  const kinds = new Set(rows.map((r) => r.kind))
  return SITUATIONS.filter((s) => kinds.has(s))
}

/**
 * listCoverageSituations for several beneficiaries at once (one query): each id's situations on `date`, in SITUATIONS
 * order; an id without any gets an empty list.
 */
export async function listCoverageSituationsOfBeneficiaries(db: Db | Tx, beneficiaryIds: readonly string[], date: string): Promise<Map<string, Situation[]>> {
  const out = new Map<string, Situation[]>(beneficiaryIds.map((id) => [id, []]))
  if (beneficiaryIds.length === 0) return out
  const rows = await db.coveragePeriod.findMany({
    where: { beneficiaryId: { in: [...beneficiaryIds] }, from: { lte: date }, OR: [{ to: null }, { to: { gte: date } }] },
    select: { beneficiaryId: true, kind: true },
  })
  for (const id of beneficiaryIds) {
    const kinds = new Set(rows.filter((r) => r.beneficiaryId === id).map((r) => r.kind))
    out.set(id, SITUATIONS.filter((s) => kinds.has(s)))
  }
  return out
}

export type TCoveragePeriodDto = { kind: string; from: string; to: string | null; label: string | null; monthlyParticipation: number | null }

/**
 * The insured person's own coverage periods (beneficiaryId null) not ended before `date`: those in force and those
 * starting later (an approved CSS renewal), oldest first.
 */
export async function listOwnCoveragePeriodsFrom(db: Db | Tx, insuredId: string, date: string, kind?: string): Promise<TCoveragePeriodDto[]> {
  return db.coveragePeriod.findMany({
    where: { insuredId, beneficiaryId: null, ...(kind ? { kind } : {}), OR: [{ to: null }, { to: { gte: date } }] },
    orderBy: [{ from: 'asc' }, { kind: 'asc' }],
    select: { kind: true, from: true, to: true, label: true, monthlyParticipation: true },
  })
}

/**
 * Every coverage period of the file (the insured person's and the beneficiaries' recorded under it) not ended before
 * `date`, by end date (open-ended ones at either end, depending on the database: callers filter them): the home's one
 * query for the periods ending soon and the person's own periods (ownCoveragePeriods).
 */
export async function listFileCoveragePeriodsFrom(db: Db | Tx, insuredId: string, date: string): Promise<(TCoveragePeriodDto & { beneficiaryId: string | null })[]> {
  return db.coveragePeriod.findMany({
    where: { insuredId, OR: [{ to: null }, { to: { gte: date } }] },
    orderBy: { to: 'asc' },
    select: { beneficiaryId: true, kind: true, from: true, to: true, label: true, monthlyParticipation: true },
  })
}

/** listOwnCoveragePeriodsFrom's answer (no kind) out of listFileCoveragePeriodsFrom's rows: the insured person's own, oldest first. */
export function ownCoveragePeriods(rows: readonly (TCoveragePeriodDto & { beneficiaryId: string | null })[]): TCoveragePeriodDto[] {
  return rows
    .filter((r) => r.beneficiaryId === null)
    .map((r) => ({ kind: r.kind, from: r.from, to: r.to, label: r.label, monthlyParticipation: r.monthlyParticipation }))
    .sort((a, b) => compareDates(calendarDate(a.from), calendarDate(b.from)) || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0))
}

/** The person's newest procedure of `type` in one of `statuses` (a CSS application not decided yet), or null. */
export async function findOpenProcedureOfType(db: Db | Tx, insuredId: string, type: string, statuses: readonly string[]): Promise<{ reference: string; status: string } | null> {
  return db.procedure.findFirst({
    where: { insuredId, type, status: { in: [...statuses] } },
    orderBy: { submittedAt: 'desc' },
    select: { reference: true, status: true },
  })
}
