import 'server-only'
import { getDb } from '@/lib/db/client'
import { assessCss, type TCssAssessment } from '@/lib/domain/css/eligibility'
import { calendarDate } from '@/lib/domain/dates'
import { ZAssessCss, ZCssApplication } from '@/lib/schemas/procedures'
import { AppError } from '@/lib/errors'
import { assertDateInWindow } from '@/lib/schemas/plausible'
import { findProcedureByIdempotencyKey } from '@/lib/db/repositories/procedures'
import { findOpenProcedureOfType, listOwnCoveragePeriodsFrom } from '@/lib/db/repositories/coverage'
import { cssApplicationBlock, latestCssEnd, type TCssApplicationBlock } from '@/lib/domain/css/renewal'
import { PROCEDURE_WAITING_STATUSES } from '@/lib/domain/procedure-status'
import type { Db, Tx } from '@/lib/db/client'
import type { CalendarDate } from '@/lib/domain/dates'
import { loadRuleSet, orRefuse, resolveInsuredFile, todayOf, type TActor, type TRequestContext } from './common'
import { insuredFactsOrThrow, submitProcedure, type TProcedureResult } from './submit-procedure'

/** A second click on the same form: submitProcedure answers with the first procedure. */
async function isReplay(idempotencyKey: string | undefined, reference: string): Promise<boolean> {
  if (!idempotencyKey) return false
  const existing = await findProcedureByIdempotencyKey(getDb(), idempotencyKey)
  return existing?.reference === reference
}

async function assess(actor: TActor, insuredId: string | undefined, input: { members: { birthDate: string }[]; yearlyIncome: number }, now: Date) {
  const db = getDb()
  const owner = await resolveInsuredFile(db, actor, insuredId, { insured: 'create:procedure:own', staff: 'update:procedure:caisse' })
  input.members.forEach((m, i) => assertDateInWindow(calendarDate(m.birthDate), 'personBirth', todayOf(now), `members.${i}.birthDate`))
  const insured = await insuredFactsOrThrow(owner)
  const assessment = orRefuse(
    assessCss(
      { today: todayOf(now), members: [{ birthDate: calendarDate(insured.birthDate) }, ...input.members.map((m) => ({ birthDate: calendarDate(m.birthDate) }))], yearlyIncome: input.yearlyIncome, alsaceMoselle: insured.regime === 'alsace-moselle' },
      await loadRuleSet(db),
    ),
  )
  return { owner, insured, assessment }
}

async function stateOf(db: Db | Tx, insuredId: string, today: CalendarDate): Promise<{ block: TCssApplicationBlock | null; renewalOf: CalendarDate | null }> {
  const [periods, openApplication, rules] = await Promise.all([
    listOwnCoveragePeriodsFrom(db, insuredId, today, 'css'),
    findOpenProcedureOfType(db, insuredId, 'css', PROCEDURE_WAITING_STATUSES),
    loadRuleSet(db),
  ])
  const block = cssApplicationBlock({ periods, openApplication, today, rules })
  return { block, renewalOf: block ? null : latestCssEnd(periods, today) }
}

async function blockOf(db: Db | Tx, insuredId: string, today: CalendarDate): Promise<TCssApplicationBlock | null> {
  return (await stateOf(db, insuredId, today)).block
}

/** The form page: the block if any, else the end of the running CSS when the application is its renewal. */
export async function getCssApplicationState({ actor, now }: { actor: TActor; now: Date }): Promise<{ block: TCssApplicationBlock | null; renewalOf: CalendarDate | null }> {
  const db = getDb()
  const owner = await resolveInsuredFile(db, actor, undefined, { insured: 'create:procedure:own', staff: 'update:procedure:caisse' })
  return stateOf(db, owner, todayOf(now))
}

/**
 * Why the person cannot apply for the CSS today (issue 17 §3), or null: an application not decided yet (its reference
 * to follow it), or a CSS right running beyond the renewal window (its dates and the day renewal opens). The page
 * shows this instead of the form; applyForCss refuses with the same rule.
 */
export async function getCssApplicationBlock({ actor, insuredId, now }: { actor: TActor; insuredId?: string; now: Date }): Promise<TCssApplicationBlock | null> {
  const db = getDb()
  const owner = await resolveInsuredFile(db, actor, insuredId, { insured: 'create:procedure:own', staff: 'update:procedure:caisse' })
  return blockOf(db, owner, todayOf(now))
}

/** The figures shown before applying (RULEBOOK §7): free / with participation (monthly amount per member) / not eligible, and the ceilings. */
export async function assessCssApplication({ actor, insuredId, input, now }: { actor: TActor; insuredId?: string; input: unknown; now: Date }): Promise<TCssAssessment> {
  const data = ZAssessCss.parse(input)
  return (await assess(actor, insuredId, data, now)).assessment
}

/**
 * Apply for the CSS: household members and yearly income. Income above the ceiling is refused
 * (procedureErrors.css.incomeAboveCeiling {ceiling, householdSize}, nothing written). On approval (advanceProcedure)
 * the CSS coverage period is set and applies to later claims. One open application at a time.
 */
export async function applyForCss({ actor, insuredId, input, ...ctx }: { actor: TActor; insuredId?: string; input: unknown } & TRequestContext): Promise<TProcedureResult & { assessment: TCssAssessment }> {
  const data = ZCssApplication.parse(input)
  const now = ctx.now
  const { owner, insured, assessment } = await assess(actor, insuredId, data, now)
  // One CSS at a time (issue 17 §3): a running application, or a CSS running beyond its renewal window, is refused
  // (409, nothing written). A replay of the same form (same idempotency key) still returns the first procedure.
  const block = await blockOf(getDb(), owner, todayOf(now))
  if (block?.kind === 'application-running' && !(await isReplay(data.idempotencyKey, block.reference))) {
    throw new AppError('procedureErrors.css.applicationRunning', 409, { reference: block.reference })
  }
  if (block?.kind === 'css-running') {
    throw new AppError(block.renewalFrom ? 'procedureErrors.css.alreadyCovered' : 'procedureErrors.css.alreadyCoveredOpenEnded', 409, { from: block.from, to: block.to ?? '', renewalFrom: block.renewalFrom ?? '', months: block.renewalMonths })
  }
  if (assessment.outcome === 'not-eligible') {
    throw new AppError('procedureErrors.css.incomeAboveCeiling', 422, { ceiling: assessment.participationCeiling, householdSize: assessment.householdSize })
  }
  const result = await submitProcedure({
    actor,
    insured,
    type: 'css',
    payload: { members: data.members, yearlyIncome: data.yearlyIncome, assessment },
    idempotencyKey: data.idempotencyKey,
    openKey: `css:${owner}`,
    rules: await loadRuleSet(getDb()),
    now,
    ip: ctx.ip,
    userAgent: ctx.userAgent,
    auditDetails: { outcome: assessment.outcome, householdSize: assessment.householdSize },
  })
  return { ...result, assessment }
}
