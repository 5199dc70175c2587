import 'server-only'
import { getDb } from '@/lib/db/client'
import { findUploadOfInsured } from '@/lib/db/repositories/uploads'
import { ZDeclareNameChange } from '@/lib/schemas/procedures'
import { AppError } from '@/lib/errors'
import { loadRuleSet, resolveInsuredFile, type TActor, type TRequestContext } from './common'
import { insuredFactsOrThrow, submitProcedure, type TProcedureResult } from './submit-procedure'

/** Declare a change of usual name, with a supporting document (marriage certificate, ID…). Errors: procedureErrors.upload.notFound, procedureErrors.procedure.pending. */
export async function declareNameChange({ actor, insuredId, input, ...ctx }: { actor: TActor; insuredId?: string; input: unknown } & TRequestContext): Promise<TProcedureResult> {
  const data = ZDeclareNameChange.parse(input)
  const db = getDb()
  const owner = await resolveInsuredFile(db, actor, insuredId, { insured: 'create:procedure:own', staff: 'update:procedure:caisse' }, ctx)
  if (!(await findUploadOfInsured(db, owner, data.documentUploadId))) throw new AppError('procedureErrors.upload.notFound', 404)
  return submitProcedure({
    actor,
    insured: await insuredFactsOrThrow(owner),
    type: 'name-change',
    payload: { usualName: data.usualName },
    idempotencyKey: data.idempotencyKey,
    openKey: `name-change:${owner}`,
    uploadIds: [data.documentUploadId],
    rules: await loadRuleSet(db),
    now: ctx.now,
    ip: ctx.ip,
    userAgent: ctx.userAgent,
  })
}
