import 'server-only'
import type { TRefundEstimator } from '@/lib/domain/procedures/refunds'

/**
 * The seam where the reimbursement engine (lib/domain/reimbursement/engine.ts, being written on the main branch)
 * prices refund estimates: personal transport (act KM × km at rate.transport.general) and care abroad (French
 * tariffs). Until it is wired (at merge: replace `defaultEstimator` with a call to the engine), estimates are
 * "not available" (null) and requests are still accepted with their inputs stored.
 */
const defaultEstimator: TRefundEstimator = async () => null
let current: TRefundEstimator = defaultEstimator

export function getRefundEstimator(): TRefundEstimator {
  return current
}

/** For tests (and the merge): plug an estimator in; returns a function that restores the previous one. */
export function setRefundEstimator(estimator: TRefundEstimator): () => void {
  const previous = current
  current = estimator
  return () => {
    current = previous
  }
}
