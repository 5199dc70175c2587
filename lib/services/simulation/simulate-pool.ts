import 'server-only'
import { availableParallelism } from 'node:os'
import path from 'node:path'
import { Piscina } from 'piscina'
import type { Locale } from '@/lib/i18n/config'
import { getRuleSnapshot } from './rule-engine'
import type { SimulationReply } from './simulate-lines'
import type { TSimulateTask, TSimulateTaskResult } from './simulate-worker-task'

/**
 * Batches of the simulation API are computed off the request thread (issue 13 item 7: a 1 000-line batch is about
 * 1 s of CPU, which froze every page while a client used its quota). A piscina pool of worker threads, at most
 * one per core but one (the request thread keeps a core), started on first use and stopped when idle.
 *
 * The worker is a plain ESM file that loads the TypeScript task through tsx. Its path is taken from the working
 * directory (the project root under `next start`, vitest and the scripts), never from import.meta.url, which
 * points into .next/ once Next has bundled this module.
 */
const WORKER_FILE = path.join(process.cwd(), 'lib', 'services', 'simulation', 'simulate-worker.mjs')

const globalForPool = globalThis as unknown as { simulationPool?: Piscina<TSimulateTask, TSimulateTaskResult> }

function pool(): Piscina<TSimulateTask, TSimulateTaskResult> {
  globalForPool.simulationPool ??= new Piscina<TSimulateTask, TSimulateTaskResult>({
    filename: WORKER_FILE,
    minThreads: 0,
    maxThreads: Math.max(1, availableParallelism() - 1),
    idleTimeout: 60_000,
    // Bounded queue: a burst waits, a flood beyond it is refused by the cost limiter before it gets here.
    maxQueue: 64,
  })
  return globalForPool.simulationPool
}

/** The reply for a request body, computed on a worker thread with the engine of the current rules. */
export async function simulateOnWorker(body: unknown, locale: Locale): Promise<SimulationReply> {
  const snapshot = await getRuleSnapshot()
  const first = await pool().run({ body, locale, version: snapshot.version })
  if ('reply' in first) return first.reply
  const second = await pool().run({ body, locale, version: snapshot.version, rows: snapshot.rows })
  if ('reply' in second) return second.reply
  throw new Error('the simulation worker did not build its engine')
}

/** Stops the pool's threads (tests, shutdown). */
export async function closeSimulationPool(): Promise<void> {
  const p = globalForPool.simulationPool
  globalForPool.simulationPool = undefined
  await p?.close()
}
