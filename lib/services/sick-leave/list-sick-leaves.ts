import 'server-only'
import { getDb } from '@/lib/db/client'
import { listSickLeavesOfInsured, type TAllowanceRow } from '@/lib/db/repositories/sick-leaves'
import { computeDailyAmount, leaveSchedule, type TAllowancePeriod } from '@/lib/domain/daily-allowances/compute'
import { calendarDate } from '@/lib/domain/dates'
import { workRelatedTerms } from '@/lib/domain/daily-allowances/terms'
import { loadRuleSet, resolveInsuredFile, todayOf, type TActor } from '../procedures/common'

export type TSickLeaveView = {
  id: string
  reference: string
  kind: string
  startDate: string
  endDate: string
  status: string
  employerName: string | null
  waitingDays: number
  firstPaidDay: string | null
  dailyGross: number | null
  /** How the daily amount was computed (SMIC and cap in force at the start). */
  computation: { smicMonthly: number; capRatioPercent: number; monthlyCap: number; salaries: number[]; cappedSalaries: number[] } | null
  payments: TAllowanceRow[]
  /** The next period to be paid, with its payment day; null when all are paid. */
  next: TAllowancePeriod | null
  totals: { gross: number; net: number; taxable: number }
}

/** The person's sick leaves: waiting days, daily amount and its computation, payments made and the next one (RULEBOOK §6). */
export async function listSickLeaves({ actor, insuredId, now }: { actor: TActor; insuredId?: string; now: Date }): Promise<TSickLeaveView[]> {
  const db = getDb()
  const owner = await resolveInsuredFile(db, actor, insuredId, { insured: 'read:payments:own', staff: 'read:insured-file:caisse' })
  const rules = await loadRuleSet(db)
  void todayOf(now)
  return (await listSickLeavesOfInsured(db, owner)).map((l) => {
    const salaries = [l.salary1, l.salary2, l.salary3].filter((s): s is number => s !== null)
    // The SMIC-capped computation is the illness formula's; a work-related leave has its own (no SMIC cap).
    const amount = salaries.length === 3 && l.kind !== 'work-accident' && l.kind !== 'occupational-disease' ? computeDailyAmount(salaries, calendarDate(l.startDate), rules) : null
    const schedule = l.dailyGross !== null ? leaveSchedule({ startDate: calendarDate(l.startDate), endDate: calendarDate(l.endDate), waitingDays: l.waitingDays, dailyGross: l.dailyGross, ...workRelatedTerms(l, rules) }, rules) : null
    const paid = new Set(l.allowances.map((a) => a.fromDate))
    const next = schedule?.ok ? (schedule.value.periods.find((p) => !paid.has(p.fromDate)) ?? null) : null
    return {
      id: l.id,
      reference: l.reference,
      kind: l.kind,
      startDate: l.startDate,
      endDate: l.endDate,
      status: l.status,
      employerName: l.employerName,
      waitingDays: l.waitingDays,
      firstPaidDay: schedule?.ok ? schedule.value.firstPaidDay : null,
      dailyGross: l.dailyGross,
      computation: amount?.ok ? { smicMonthly: amount.value.smicMonthly, capRatioPercent: amount.value.capRatioPercent, monthlyCap: amount.value.monthlyCap, salaries, cappedSalaries: amount.value.cappedSalaries } : null,
      payments: l.allowances,
      next,
      totals: { gross: l.allowances.reduce((s, a) => s + a.gross, 0), net: l.allowances.reduce((s, a) => s + a.net, 0), taxable: l.allowances.reduce((s, a) => s + a.taxable, 0) },
    }
  })
}
