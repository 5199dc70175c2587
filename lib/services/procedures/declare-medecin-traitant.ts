import 'server-only'
import { getDb } from '@/lib/db/client'
import { findProfessional, searchDoctors, type TDoctorDto } from '@/lib/db/repositories/people'
import { canDeclareDoctor, DOCTOR_SPECIALTIES } from '@/lib/domain/procedures/change-of-situation'
import { ZDeclareMedecinTraitant, ZSearchDoctors } from '@/lib/schemas/procedures'
import { AppError } from '@/lib/errors'
import { loadRuleSet, orRefuse, resolveInsuredFile, type TActor, type TRequestContext } from './common'
import { insuredFactsOrThrow, submitProcedure, type TProcedureResult } from './submit-procedure'

/** Search among the demo doctors (last name, city or postal code prefix). */
export async function searchDemoDoctors({ actor, input }: { actor: TActor; input: unknown }): Promise<TDoctorDto[]> {
  if (!actor) throw new AppError('forbidden', 403)
  const { query } = ZSearchDoctors.parse(input)
  return searchDoctors(getDb(), query, [...DOCTOR_SPECIALTIES])
}

/**
 * Declare a médecin traitant by RPPS-like number or by a doctor found with searchDemoDoctors. Once approved, the
 * coordinated pathway applies to later claims (Insured.doctorId). Errors: procedureErrors.doctor.{unknown,notADoctor,
 * alreadyDeclared}, procedureErrors.procedure.pending.
 */
export async function declareMedecinTraitant({ actor, insuredId, input, ...ctx }: { actor: TActor; insuredId?: string; input: unknown } & TRequestContext): Promise<TProcedureResult & { doctor: TDoctorDto }> {
  const data = ZDeclareMedecinTraitant.parse(input)
  const db = getDb()
  const owner = await resolveInsuredFile(db, actor, insuredId, { insured: 'create:procedure:own', staff: 'update:procedure:caisse' }, ctx)
  const doctor = await findProfessional(db, { id: data.professionalId, rpps: data.rpps })
  if (!doctor) throw new AppError('procedureErrors.doctor.unknown', 404)
  const insured = await insuredFactsOrThrow(owner)
  orRefuse(canDeclareDoctor({ professional: doctor, currentDoctorId: insured.doctorId }))
  const result = await submitProcedure({
    actor,
    insured,
    type: 'doctor-declaration',
    payload: { professionalId: doctor.id, rpps: doctor.rpps, name: doctor.name },
    idempotencyKey: data.idempotencyKey,
    openKey: `doctor-declaration:${owner}`,
    rules: await loadRuleSet(db),
    now: ctx.now,
    ip: ctx.ip,
    userAgent: ctx.userAgent,
    auditDetails: { rpps: doctor.rpps },
  })
  return { ...result, doctor }
}
