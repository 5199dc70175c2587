import 'server-only'
import { getDb } from '@/lib/db/client'
import { maskIban, validateBic, validateIban } from '@/lib/domain/iban'
import { ZDeclareBankChange } from '@/lib/schemas/procedures'
import { AppError } from '@/lib/errors'
import { loadRuleSet, resolveInsuredFile, type TActor, type TRequestContext } from './common'
import { insuredFactsOrThrow, submitProcedure, type TProcedureResult } from './submit-procedure'

/**
 * Declare new bank details (RULEBOOK §8 IBAN checksum): the old IBAN stays in use until an advisor approves.
 * Errors: errors iban.{format,checksum,country} / bic.format (422, existing `errors` namespace), procedureErrors.procedure.pending (409).
 * The audit trail keeps only the masked IBAN.
 */
export async function declareBankChange({ actor, insuredId, input, ...ctx }: { actor: TActor; insuredId?: string; input: unknown } & TRequestContext): Promise<TProcedureResult & { ibanMasked: string }> {
  const data = ZDeclareBankChange.parse(input)
  const iban = validateIban(data.iban)
  if (!iban.ok) throw new AppError(`procedureErrors.${iban.error}`, 422)
  const bic = data.bic ? validateBic(data.bic) : null
  if (bic && !bic.ok) throw new AppError('procedureErrors.bic.format', 422)
  const db = getDb()
  const owner = await resolveInsuredFile(db, actor, insuredId, { insured: 'create:procedure:own', staff: 'update:procedure:caisse' }, ctx)
  const insured = await insuredFactsOrThrow(owner)
  const ibanMasked = maskIban(iban.iban)
  const result = await submitProcedure({
    actor,
    insured,
    type: 'bank-change',
    payload: { iban: iban.iban, ibanMasked, bic: bic && bic.ok ? bic.bic : null, holder: data.holder },
    idempotencyKey: data.idempotencyKey,
    openKey: `bank-change:${owner}`,
    uploadIds: data.ribUploadId ? [data.ribUploadId] : [],
    rules: await loadRuleSet(db),
    now: ctx.now,
    ip: ctx.ip,
    userAgent: ctx.userAgent,
    auditDetails: { ibanMasked },
  })
  return { ...result, ibanMasked }
}
