import 'server-only'
import { getDb } from '@/lib/db/client'
import { writeAudit } from '@/lib/db/repositories/audit'
import { findProfessional } from '@/lib/db/repositories/people'
import { createSickLeave } from '@/lib/db/repositories/sick-leaves'
import { computeDailyAmount, waitingDaysFor } from '@/lib/domain/daily-allowances/compute'
import { compareDates } from '@/lib/domain/dates'
import { ZRecordSickLeave } from '@/lib/schemas/procedures'
import { AppError } from '@/lib/errors'
import { auditRole, loadRuleSet, newReference, orRefuse, resolveInsuredFile, type TActor, type TRequestContext } from '../procedures/common'

/**
 * An advisor enters a sick leave (arrêt de travail) with the three last monthly gross salaries: the daily gross
 * allowance is computed with the SMIC cap in force at the leave's start (RULEBOOK §6), and the waiting days set
 * (3 for an initial illness leave). Errors: forbidden, notFound, procedureErrors.sickLeave.{dates,salaries}.
 */
export async function recordSickLeave({ actor, input, ...ctx }: { actor: TActor; input: unknown } & TRequestContext): Promise<{ id: string; reference: string; dailyGross: number; waitingDays: number }> {
  if (actor.role === 'insured') throw new AppError('forbidden', 403)
  const data = ZRecordSickLeave.parse(input)
  const db = getDb()
  const insuredId = await resolveInsuredFile(db, actor, data.insuredId, { insured: 'read:procedure:own', staff: 'create:sick-leave:caisse' }, ctx)
  if (compareDates(data.endDate, data.startDate) < 0) throw new AppError('procedureErrors.sickLeave.dates', 422)
  const rules = await loadRuleSet(db)
  const amount = orRefuse(computeDailyAmount(data.salaries, data.startDate, rules))
  const waitingDays = waitingDaysFor(data.kind, data.prescription, data.startDate, rules)
  const prescriber = data.prescriberRpps ? await findProfessional(db, { rpps: data.prescriberRpps }) : null
  const now = ctx.now ?? new Date()
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
      status: 'in-payment',
      prescriberId: prescriber?.id ?? null,
      enteredById: actor.id,
    })
    await writeAudit(tx, { actorUserId: actor.id, actorRole: auditRole(actor), action: 'sick-leave.record', targetType: 'sick-leave', targetId: leave.id, insuredId, ip: ctx.ip ?? null, userAgent: ctx.userAgent ?? null, details: { reference: leave.reference, startDate: data.startDate, dailyGross: amount.dailyGross, capRatio: amount.capRatioPercent } })
    return { id: leave.id, reference: leave.reference, dailyGross: amount.dailyGross, waitingDays }
  })
}
