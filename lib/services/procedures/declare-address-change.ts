import 'server-only'
import { getDb } from '@/lib/db/client'
import { findCaisseForDepartment } from '@/lib/db/repositories/people'
import { ZDeclareAddressChange } from '@/lib/schemas/procedures'
import { assertDateInWindow } from '@/lib/schemas/plausible'
import { assertPostalTown } from '@/lib/services/address/communes'
import { loadRuleSet, resolveInsuredFile, todayOf, type TActor, type TRequestContext } from './common'
import { insuredFactsOrThrow, submitProcedure, type TProcedureResult } from './submit-procedure'

/** The départements of the Alsace-Moselle local regime. */
const LOCAL_REGIME_DEPARTMENTS = new Set(['57', '67', '68'])

/**
 * Declare a new postal address. The postal code and the town must be in the official list (issue 17 §2), the
 * effective date within DATE_WINDOWS.addressEffective. A move to another département moves the file to that
 * département's caisse (every CPAM/CGSS of France exists as an organisation): the result names it, and the advisor's
 * approval applies the address and the caisse together (advanceProcedure). Moving into or out of Alsace-Moselle
 * changes no regime automatically: the result says the caisse reviews the local regime. One open address change at a
 * time. Errors: procedureErrors.procedure.pending (409), procedureErrors.address.unknownPostalCode / townMismatch,
 * procedureErrors.field.dateWindow, procedureErrors.upload.notFound.
 */
export async function declareAddressChange({ actor, insuredId, input, ...ctx }: { actor: TActor; insuredId?: string; input: unknown } & TRequestContext): Promise<TProcedureResult & { newCaisse: { id: string; name: string } | null; localRegime: 'entering' | 'leaving' | null }> {
  const data = ZDeclareAddressChange.parse(input)
  assertDateInWindow(data.effectiveDate, 'addressEffective', todayOf(ctx.now), 'effectiveDate')
  const { town, department } = await assertPostalTown(data.postalCode, data.city)
  const db = getDb()
  const owner = await resolveInsuredFile(db, actor, insuredId, { insured: 'create:procedure:own', staff: 'update:procedure:caisse' }, ctx)
  const insured = await insuredFactsOrThrow(owner)
  const caisse = await findCaisseForDepartment(db, department, insured.regime === 'agricultural')
  const newCaisse = caisse && caisse.id !== insured.organisationId ? caisse : null
  const isLocal = LOCAL_REGIME_DEPARTMENTS.has(department)
  const localRegime = insured.regime === 'alsace-moselle' && !isLocal ? 'leaving' : insured.regime === 'general' && isLocal ? 'entering' : null
  const result = await submitProcedure({
    actor,
    insured,
    type: 'address-change',
    payload: { addressLine1: data.addressLine1, addressLine2: data.addressLine2, postalCode: data.postalCode, city: town, effectiveDate: data.effectiveDate, department, newOrganisationId: newCaisse?.id ?? null },
    idempotencyKey: data.idempotencyKey,
    openKey: `address-change:${owner}`,
    uploadIds: data.proofUploadId ? [data.proofUploadId] : [],
    rules: await loadRuleSet(db),
    now: ctx.now,
    ip: ctx.ip,
    userAgent: ctx.userAgent,
    auditDetails: { postalCode: data.postalCode, department, caisseChanges: Boolean(newCaisse), newOrganisationId: newCaisse?.id ?? null, newCaisse: newCaisse?.name ?? null, localRegime },
  })
  return { ...result, newCaisse, localRegime }
}
