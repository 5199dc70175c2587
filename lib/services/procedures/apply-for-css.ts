import 'server-only'
import { getDb } from '@/lib/db/client'
import { assessCss, type TCssAssessment } from '@/lib/domain/css/eligibility'
import { calendarDate } from '@/lib/domain/dates'
import { ZAssessCss, ZCssApplication } from '@/lib/schemas/procedures'
import { AppError } from '@/lib/errors'
import { assertDateInWindow } from '@/lib/schemas/plausible'
import { loadRuleSet, orRefuse, resolveInsuredFile, todayOf, type TActor, type TRequestContext } from './common'
import { insuredFactsOrThrow, submitProcedure, type TProcedureResult } from './submit-procedure'

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
