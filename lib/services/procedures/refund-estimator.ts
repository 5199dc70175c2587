import 'server-only'
import { getDb } from '@/lib/db/client'
import { findInsuredFacts, findPersonOfInsured } from '@/lib/db/repositories/people'
import { listCoverageSituations } from '@/lib/db/repositories/coverage'
import type { TRefundEstimateStep, TRefundEstimator } from '@/lib/domain/procedures/refunds'
import { REGIMES, type ClaimLineInput, type Regime } from '@/lib/domain/reimbursement/types'
import { getRuleEngine } from '@/lib/services/simulation/rule-engine'

/**
 * Refund estimates priced by the reimbursement engine (one place for the 0.30 €/km at 55 % and the French
 * tariffs): the person's regime, age and situations on the date of care (CSS, maternity, AME, invalidity from
 * their coverage periods; ALD and work accident only cover related care, which the advisor judges when
 * approving), the Assurance Maladie's share only (no mutuelle). Null when the engine refuses a line (an act
 * not in force that day).
 */
const engineEstimator: TRefundEstimator = async (lines, { insuredId, beneficiaryId }) => {
  const db = getDb()
  const [facts, person, engine] = await Promise.all([findInsuredFacts(db, insuredId), findPersonOfInsured(db, insuredId, beneficiaryId), getRuleEngine()])
  if (!facts || !person) return null
  const regime: Regime = (REGIMES as readonly string[]).includes(facts.regime) ? (facts.regime as Regime) : 'general'
  let amo = 0
  const steps: TRefundEstimateStep[] = []
  for (const l of lines) {
    // ALD and work accident from the file only cover related care (the advisor judges); the request states them for
    // a trip made for that reason (issue 19 §3: the reason of the trip drives the rate).
    const covered = (await listCoverageSituations(db, insuredId, beneficiaryId, l.careDate)).filter((s) => s !== 'ald' && s !== 'work-accident')
    const situations = [...covered, ...(l.situations ?? [])]
    const line: ClaimLineInput = {
      careDate: l.careDate,
      act: l.act,
      quantity: l.quantity,
      sector: '1',
      regime,
      birthDate: person.birthDate,
      pathway: 'coordinated',
      situations,
      complementary: 'none',
    }
    if (l.feeCents !== null) line.feeCharged = l.feeCents
    const outcome = engine.simulate(line)
    if (!outcome.ok) return null
    amo += outcome.result.amoPaid
    const r = outcome.result
    steps.push({ act: l.act, quantity: l.quantity, baseCents: r.base, ratePercent: r.rate, participationCents: r.participation, franchiseCents: r.franchise, amoCents: r.amoPaid })
  }
  return { amoCents: amo, lines, steps }
}

let current: TRefundEstimator = engineEstimator

export function getRefundEstimator(): TRefundEstimator {
  return current
}

/** For tests: plug another estimator in; returns a function that restores the previous one. */
export function setRefundEstimator(estimator: TRefundEstimator): () => void {
  const previous = current
  current = estimator
  return () => {
    current = previous
  }
}
