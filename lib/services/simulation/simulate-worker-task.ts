/**
 * The task a worker thread of the simulation pool runs (lib/services/simulation/simulate-pool.ts): one request body
 * → the reply of SIMULATION-API.md, computed with the engine of the rule rows the main thread sent. The engine is
 * built once per rules version and kept; a task that names an unknown version without its rows answers
 * `{ needRules: true }` and the main thread sends it again with the rows. Pure computation: no database, no clock.
 */
import { createEngine, type Engine } from '@/lib/domain/reimbursement/engine'
import { RuleSet, type RuleRow } from '@/lib/domain/rules/rule-set'
import type { Locale } from '@/lib/i18n/config'
import { bundledActs } from '@/prisma/rules'
import { simulateRequest, type SimulationReply } from './simulate-lines'

export type TSimulateTask = { body: unknown; locale: Locale; version: string; rows?: readonly RuleRow[] }
export type TSimulateTaskResult = { reply: SimulationReply } | { needRules: true }

let cached: { version: string; engine: Engine } | undefined

export default function simulateTask(task: TSimulateTask): TSimulateTaskResult {
  if (cached?.version !== task.version) {
    if (!task.rows) return { needRules: true }
    cached = { version: task.version, engine: createEngine(new RuleSet(task.rows), bundledActs) }
  }
  return { reply: simulateRequest(task.body, cached.engine, task.locale, { explain: true }) }
}
