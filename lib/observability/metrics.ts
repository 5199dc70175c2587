/**
 * The application's side of the Prometheus metrics (issue 14 item 5): the production server installs the
 * collectors on globalThis (scripts/server/metrics.mjs); here the services add their observations. Without the
 * server (tests, `next dev`) there are no collectors and every call is a no-op.
 */
import type { TMetrics } from '@/scripts/server/metrics.mjs'

function metrics(): TMetrics | undefined {
  return (globalThis as Record<symbol, TMetrics | undefined>)[Symbol.for('ameli.metrics')]
}

export function metricsInstalled(): boolean {
  return metrics() !== undefined
}

export function observeDbQuery(provider: string, milliseconds: number): void {
  metrics()?.dbQuery.observe({ provider }, milliseconds / 1000)
}

export function countSignInFailure(kind: 'insured' | 'staff'): void {
  metrics()?.signInFailures.inc({ kind })
}

export function countSignInLock(): void {
  metrics()?.signInLocks.inc()
}

export function countRateLimitRefusal(limiter: string): void {
  metrics()?.rateLimitRefusals.inc({ limiter })
}

export function countLimiterFallback(): void {
  metrics()?.limiterFallbacks.inc()
}

export function recordJobRun(job: string, outcome: 'success' | 'failure', seconds: number): void {
  const m = metrics()
  if (!m) return
  m.jobRuns.inc({ job, outcome })
  m.jobDuration.observe({ job }, seconds)
}
