import 'server-only'
import { getDb } from '@/lib/db/client'
import { findCaisseForDepartment } from '@/lib/db/repositories/people'
import { departmentOfPostalCode } from '@/lib/domain/procedures/change-of-situation'
import { ZDeclareAddressChange } from '@/lib/schemas/procedures'
import { AppError } from '@/lib/errors'
import { loadRuleSet, resolveInsuredFile, type TActor, type TRequestContext } from './common'
import { insuredFactsOrThrow, submitProcedure, type TProcedureResult } from './submit-procedure'

/**
 * Declare a new postal address. The caisse may change with the department: the result says which one will manage
 * the file once the advisor approves (advanceProcedure applies the address and the caisse). One open address change
 * at a time. Errors: procedureErrors.procedure.pending (409), procedureErrors.address.postalCode, procedureErrors.upload.notFound.
 */
export async function declareAddressChange({ actor, insuredId, input, ...ctx }: { actor: TActor; insuredId?: string; input: unknown } & TRequestContext): Promise<TProcedureResult & { newCaisse: { id: string; name: string } | null }> {
  const data = ZDeclareAddressChange.parse(input)
  const db = getDb()
  const owner = await resolveInsuredFile(db, actor, insuredId, { insured: 'create:procedure:own', staff: 'update:procedure:caisse' }, ctx)
  const insured = await insuredFactsOrThrow(owner)
  const department = departmentOfPostalCode(data.postalCode)
  if (!department) throw new AppError('procedureErrors.address.postalCode', 422)
  const caisse = await findCaisseForDepartment(db, department, insured.regime === 'agricultural')
  const newCaisse = caisse && caisse.id !== insured.organisationId ? caisse : null
  const result = await submitProcedure({
    actor,
    insured,
    type: 'address-change',
    payload: { addressLine1: data.addressLine1, addressLine2: data.addressLine2, postalCode: data.postalCode, city: data.city, effectiveDate: data.effectiveDate, department, newOrganisationId: newCaisse?.id ?? null },
    idempotencyKey: data.idempotencyKey,
    openKey: `address-change:${owner}`,
    uploadIds: data.proofUploadId ? [data.proofUploadId] : [],
    rules: await loadRuleSet(db),
    now: ctx.now,
    ip: ctx.ip,
    userAgent: ctx.userAgent,
    auditDetails: { postalCode: data.postalCode, caisseChanges: Boolean(newCaisse) },
  })
  return { ...result, newCaisse }
}
