import 'server-only'
import { getDb } from '@/lib/db/client'
import { findInsuredFacts, findPersonOfInsured } from '@/lib/db/repositories/people'
import { listCoverageSituations } from '@/lib/db/repositories/coverage'
import type { TRefundEstimateStep, TRefundEstimator } from '@/lib/domain/procedures/refunds'
import { REGIMES, type ClaimLineInput, type Regime } from '@/lib/domain/reimbursement/types'
import { getRuleEngine } from '@/lib/services/simulation/rule-engine'
import { DeductionLedger } from '@/lib/domain/reimbursement/engine'
import { loadDeductionTallyOf } from '@/lib/db/repositories/back-office'

/**
 * Refund estimates priced by the reimbursement engine (one place for the 0.30 €/km at 55 %, the French tariffs and
 * the transport franchise): the person's regime, age and situations on the date of care (CSS, maternity, AME,
 * invalidity from their coverage periods; ALD and work accident only cover related care, which the advisor judges
 * when approving), the Assurance Maladie's share only (no mutuelle). The lines of one request are one batch for the
 * person: the daily caps (8 € of transport franchises a day, RULEBOOK Corrections C8) and the 50 € annual cap count
 * across them, from what the person already owes this year (stored claims, carried-forward deductions). Null when
 * the engine refuses a line (an act not in force that day).
 */
const engineEstimator: TRefundEstimator = async (lines, { insuredId, beneficiaryId }) => {
  const db = getDb()
  const [facts, person, engine] = await Promise.all([findInsuredFacts(db, insuredId), findPersonOfInsured(db, insuredId, beneficiaryId), getRuleEngine()])
  if (!facts || !person) return null
  const regime: Regime = (REGIMES as readonly string[]).includes(facts.regime) ? (facts.regime as Regime) : 'general'
  const ledgerKey = beneficiaryId ?? insuredId
  const ledger = new DeductionLedger()
  for (const year of new Set(lines.map((l) => Number(l.careDate.slice(0, 4))))) {
    const tally = await loadDeductionTallyOf(db, insuredId, beneficiaryId, year)
    ledger.preloadYear(ledgerKey, year, tally.participation, tally.franchises)
  }
  const inputs: ClaimLineInput[] = []
  for (const l of lines) {
    // ALD and work accident from the file only cover related care (the advisor judges); the request states them for
    // a trip made for that reason (issue 19 §3: the reason of the trip drives the rate).
    const covered = (await listCoverageSituations(db, insuredId, beneficiaryId, l.careDate)).filter((s) => s !== 'ald' && s !== 'work-accident')
    const line: ClaimLineInput = {
      careDate: l.careDate,
      act: l.act,
      quantity: l.quantity,
      sector: '1',
      regime,
      birthDate: person.birthDate,
      pathway: 'coordinated',
      situations: [...covered, ...(l.situations ?? [])],
      complementary: 'none',
      beneficiaryId: ledgerKey,
    }
    if (l.feeCents !== null) line.feeCharged = l.feeCents
    inputs.push(line)
  }
  let amo = 0
  const steps: TRefundEstimateStep[] = []
  const outcomes = engine.simulateBatch(inputs, ledger)
  for (let i = 0; i < outcomes.length; i++) {
    const outcome = outcomes[i]!
    if (!outcome.ok) return null
    const r = outcome.result
    amo += r.amoPaid
    const step: TRefundEstimateStep = { act: lines[i]!.act, quantity: lines[i]!.quantity, baseCents: r.base, ratePercent: r.rate, participationCents: r.participation, franchiseCents: r.franchise, amoCents: r.amoPaid }
    if (r.localRegime > 0) step.localRegimeCents = r.localRegime
    const exempt = r.steps.find((s) => s.code === 'franchise.exempt')
    if (exempt?.values?.reason !== undefined) step.franchiseExempt = String(exempt.values.reason)
    const capped = r.steps.find((s) => s.code === 'franchise.capped')
    if (capped?.values?.limit === 'daily' || capped?.values?.limit === 'annual') step.franchiseCapped = capped.values.limit
    steps.push(step)
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
