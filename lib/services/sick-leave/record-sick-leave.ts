import 'server-only'
import { getDb } from '@/lib/db/client'
import { writeAudit } from '@/lib/db/repositories/audit'
import { findProfessional } from '@/lib/db/repositories/people'
import { createSickLeave, listActiveLeavePeriods } from '@/lib/db/repositories/sick-leaves'
import { waitingDaysFor } from '@/lib/domain/daily-allowances/compute'
import { allowanceTermsFor } from '@/lib/domain/daily-allowances/terms'
import { addDays, addMonths, compareDates, type CalendarDate } from '@/lib/domain/dates'
import { ZRecordSickLeave } from '@/lib/schemas/procedures'
import { AppError } from '@/lib/errors'
import { auditRole, loadRuleSet, newReference, orRefuse, resolveInsuredFile, todayOf, type TActor, type TRequestContext } from '../procedures/common'

/**
 * An advisor enters a sick leave (arrêt de travail) with the three last monthly gross salaries: the daily gross
 * allowance is computed with the kind's formula in force at the leave's start (illness: SMIC cap, RULEBOOK §6; work
 * accident / occupational disease: the last month's salary, 60 % then 80 % from day 29, Corrections C6), and the
 * waiting days set (3 for an initial illness leave, none for AT/MP). Errors: forbidden, notFound, procedureErrors.sickLeave.{dates,salaries}.
 *
 * Money-safe (issue 17 §5): a leave that overlaps another of the same person (not rejected) is refused with the other's
 * reference (the same days would be paid twice); the start must lie within the 2 years before today (the claim limit
 * for daily allowances, CSS art. L332-1) and at most 31 days ahead (a prescription dated ahead); a leave that has not
 * started is "received", not "in payment" (its periods are paid only once their day has passed).
 */
export async function recordSickLeave({ actor, input, ...ctx }: { actor: TActor; input: unknown } & TRequestContext): Promise<{ id: string; reference: string; dailyGross: number; waitingDays: number }> {
  if (actor.role === 'insured') throw new AppError('forbidden', 403)
  const data = ZRecordSickLeave.parse(input)
  const db = getDb()
  const insuredId = await resolveInsuredFile(db, actor, data.insuredId, { insured: 'read:procedure:own', staff: 'create:sick-leave:caisse' }, ctx)
  if (compareDates(data.endDate, data.startDate) < 0) throw new AppError('procedureErrors.sickLeave.dates', 422)
  const today = todayOf(ctx.now)
  if (compareDates(data.startDate, addMonths(today, -24)) < 0) throw new AppError('procedureErrors.sickLeave.tooOld', 422)
  if (compareDates(data.startDate, addDays(today, 31)) > 0) throw new AppError('procedureErrors.sickLeave.tooFar', 422)
  if (compareDates(data.endDate, addMonths(data.startDate as CalendarDate, 36)) > 0) throw new AppError('procedureErrors.sickLeave.tooLong', 422)
  const overlapping = (await listActiveLeavePeriods(db, insuredId)).find((l) => compareDates(l.startDate as CalendarDate, data.endDate) <= 0 && compareDates(l.endDate as CalendarDate, data.startDate) >= 0)
  if (overlapping) throw new AppError('procedureErrors.sickLeave.overlap', 409, { reference: overlapping.reference, from: overlapping.startDate, to: overlapping.endDate })
  const rules = await loadRuleSet(db)
  // The kind's own formula: illness (SMIC cap, / 91.25, 50 %) or AT/MP (last month / 30.42, 60 % then 80 % from day 29).
  const amount = orRefuse(allowanceTermsFor(data.kind, data.salaries, data.startDate, rules))
  const waitingDays = waitingDaysFor(data.kind, data.prescription, data.startDate, rules)
  const prescriber = data.prescriberRpps ? await findProfessional(db, { rpps: data.prescriberRpps }) : null
  const now = ctx.now
  return db.$transaction(async (tx) => {
    const leave = await createSickLeave(tx, {
      reference: newReference('AT', now),
      insuredId,
      kind: data.kind,
      startDate: data.startDate,
      endDate: data.endDate,
      prescription: data.prescription,
      employerName: data.employerName ?? null,
      salary1: data.salaries[0],
      salary2: data.salaries[1],
      salary3: data.salaries[2],
      waitingDays,
      dailyGross: amount.dailyGross,
      status: compareDates(data.startDate, today) > 0 ? 'received' : 'in-payment',
      prescriberId: prescriber?.id ?? null,
      enteredById: actor.id,
    })
    await writeAudit(tx, { actorUserId: actor.id, actorRole: auditRole(actor), action: 'sick-leave.record', targetType: 'sick-leave', targetId: leave.id, insuredId, ip: ctx.ip ?? null, userAgent: ctx.userAgent ?? null, details: { reference: leave.reference, kind: data.kind, startDate: data.startDate, dailyGross: amount.dailyGross, dailyGrossIncreased: amount.increase?.dailyGross ?? null } })
    return { id: leave.id, reference: leave.reference, dailyGross: amount.dailyGross, waitingDays }
  })
}
