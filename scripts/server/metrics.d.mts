import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Counter, Histogram, Registry } from 'prom-client'

export type TMetrics = {
  registry: Registry
  httpDuration: Histogram<'method' | 'route' | 'status'>
  http5xx: Counter<'route'>
  dbQuery: Histogram<'provider'>
  signInFailures: Counter<'kind'>
  signInLocks: Counter
  rateLimitRefusals: Counter<'limiter'>
  limiterFallbacks: Counter
  jobRuns: Counter<'job' | 'outcome'>
  jobDuration: Histogram<'job'>
}
export function installMetrics(): TMetrics
export function routeLabel(url: string | undefined): string
export function timeRequest(metrics: TMetrics, req: IncomingMessage, res: ServerResponse): void
export function metricsAllowed(req: Pick<IncomingMessage, 'headers' | 'socket'>, token?: string): boolean
export function serveMetrics(metrics: TMetrics, req: IncomingMessage, res: ServerResponse): boolean
