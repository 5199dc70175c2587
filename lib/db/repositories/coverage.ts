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
