import 'server-only'
import { getDb } from '@/lib/db/client'
import { listRuleRows, ruleRowsVersion } from '@/lib/db/repositories/rules'
import { createEngine, type Engine } from '@/lib/domain/reimbursement/engine'
import { overlayRuleRows, RuleSet, type RuleRow } from '@/lib/domain/rules/rule-set'
import { bundledActs, bundledRuleRows } from '@/prisma/rules'

/**
 * The engine built from the rule rows stored in the database (where a supervisor can add a future-dated
 * row), rebuilt when the rows change. The check is a cheap aggregate, done at most every few seconds.
 * Stored rows overlay the rules shipped in prisma/rules (same key and start date: the stored row wins).
 */
const RECHECK_MS = 5_000

let cached: { engine: Engine; rules: RuleSet; rows: readonly RuleRow[]; version: string; checkedAt: number } | undefined

export async function getRuleEngine(): Promise<Engine> {
  return (await load()).engine
}

/** The rule set the engine was built from (same cache): for pages that read a rule (caps) or a rule's source. */
export async function getRuleSet(): Promise<RuleSet> {
  return (await load()).rules
}

/** The rows the engine was built from and their version (same cache): for the worker threads of the simulation API. */
export async function getRuleSnapshot(): Promise<{ rows: readonly RuleRow[]; version: string }> {
  const { rows, version } = await load()
  return { rows, version }
}

async function load(): Promise<NonNullable<typeof cached>> {
  const now = Date.now()
  if (cached && now - cached.checkedAt < RECHECK_MS) return cached
  const db = getDb()
  const version = await ruleRowsVersion(db)
  if (cached && cached.version === version) {
    cached.checkedAt = now
    return cached
  }
  const rows = await listRuleRows(db)
  const overlaid = overlayRuleRows(bundledRuleRows, rows)
  const rules = new RuleSet(overlaid)
  const engine = createEngine(rules, bundledActs)
  cached = { engine, rules, rows: overlaid, version, checkedAt: now }
  return cached
}

/**
 * Forget the cached engine (after a supervisor adds a rule row), and the public pages the production server keeps
 * (scripts/server/public-cache.mjs, ADR 0013: the home example and the simulator compute from today's rules). Other
 * instances of a cluster see the new row within their cache's few seconds (RECHECK_MS + PUBLIC_PAGE_CACHE_SECONDS).
 */
export function invalidateRuleEngine(): void {
  cached = undefined
  const pages = (globalThis as Record<symbol, { clear(): void } | undefined>)[Symbol.for('ameli.publicPageCache')]
  pages?.clear()
}
