import type { Db, Tx } from '../client'
import { SITUATIONS, type Situation } from '@/lib/domain/reimbursement/types'

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

/** The person's newest procedure of `type` in one of `statuses` (a CSS application not decided yet), or null. */
export async function findOpenProcedureOfType(db: Db | Tx, insuredId: string, type: string, statuses: readonly string[]): Promise<{ reference: string; status: string } | null> {
  return db.procedure.findFirst({
    where: { insuredId, type, status: { in: [...statuses] } },
    orderBy: { submittedAt: 'desc' },
    select: { reference: true, status: true },
  })
}
