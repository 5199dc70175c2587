import 'server-only'
import { getDb } from '@/lib/db/client'
import { writeAudit } from '@/lib/db/repositories/audit'
import { findInsuredFacts } from '@/lib/db/repositories/people'
import { recordPayment } from '@/lib/db/repositories/procedures'
import { createAllowance, findSickLeaveInScope, listAllowancesOfLeave, setSickLeaveStatus } from '@/lib/db/repositories/sick-leaves'
import { leaveSchedule } from '@/lib/domain/daily-allowances/compute'
import { workRelatedTerms } from '@/lib/domain/daily-allowances/terms'
import { calendarDate, compareDates } from '@/lib/domain/dates'
import { maskIban } from '@/lib/domain/iban'
import { AppError } from '@/lib/errors'
import { auditRole, loadRuleSet, newReference, notifyProcedureChange, orRefuse, staffScope, todayOf, type TActor, type TRequestContext } from '../procedures/common'

/**
 * Pays the daily allowances of a leave that are due on `now` (each 14-day period once its payment day has come):
 * one DailyAllowance row per period (gross, CSG, CRDS, net, net fiscal for the tax statement) and one Payment
 * (kind "daily-allowance"). Idempotent: a period already paid is never paid twice. Advisors of the caisse, supervisors.
 */
export async function payDailyAllowances({ actor, sickLeaveId, ...ctx }: { actor: TActor; sickLeaveId: string } & TRequestContext): Promise<{ paidPeriods: number; amount: number }> {
  const db = getDb()
  const leave = await findSickLeaveInScope(db, sickLeaveId, { organisationId: staffScope(actor, 'create:sick-leave:caisse') })
  if (!leave || leave.dailyGross === null) throw new AppError('notFound', 404)
  const now = ctx.now
  const today = todayOf(now)
  const rules = await loadRuleSet(db)
  const schedule = orRefuse(leaveSchedule({ startDate: calendarDate(leave.startDate), endDate: calendarDate(leave.endDate), waitingDays: leave.waitingDays, dailyGross: leave.dailyGross, ...workRelatedTerms(leave, rules) }, rules))
  const insured = await findInsuredFacts(db, leave.insuredId)
  return db.$transaction(async (tx) => {
    const paid = new Set((await listAllowancesOfLeave(tx, leave.id)).map((a) => a.fromDate))
    const due = schedule.periods.filter((p) => !paid.has(p.fromDate) && compareDates(p.payOn, today) <= 0)
    if (due.length === 0) return { paidPeriods: 0, amount: 0 }
    const amount = due.reduce((s, p) => s + p.net, 0)
    const payment = await recordPayment(tx, { reference: newReference('IJ', now), insuredId: leave.insuredId, paidOn: today, amount, kind: 'daily-allowance', ibanMasked: insured?.iban ? maskIban(insured.iban) : null })
    for (const p of due) {
      await createAllowance(tx, { sickLeaveId: leave.id, fromDate: p.fromDate, toDate: p.toDate, days: p.days, dailyGross: p.dailyGross, gross: p.gross, csg: p.csg, crds: p.crds, net: p.net, taxable: p.taxable, paidOn: today, paymentId: payment.id })
    }
    if (paid.size + due.length === schedule.periods.length) await setSickLeaveStatus(tx, leave.id, 'closed')
    else if (leave.status === 'received') await setSickLeaveStatus(tx, leave.id, 'in-payment')
    await writeAudit(tx, { actorUserId: actor.id, actorRole: auditRole(actor), action: 'sick-leave.pay', targetType: 'sick-leave', targetId: leave.id, insuredId: leave.insuredId, ip: ctx.ip ?? null, userAgent: ctx.userAgent ?? null, details: { periods: due.length, amount } })
    if (insured) await notifyProcedureChange(tx, insured, { reference: leave.reference, type: 'sick-leave', status: 'paid' })
    return { paidPeriods: due.length, amount }
  })
}
