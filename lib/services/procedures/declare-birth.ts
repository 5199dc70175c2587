import 'server-only'
import { getDb } from '@/lib/db/client'
import { findInsuredByNir } from '@/lib/db/repositories/people'
import { findUploadOfInsured } from '@/lib/db/repositories/uploads'
import { checkBirthDeclaration } from '@/lib/domain/procedures/change-of-situation'
import { ZDeclareBirth } from '@/lib/schemas/procedures'
import { AppError } from '@/lib/errors'
import { assertDateInWindow } from '@/lib/schemas/plausible'
import { loadRuleSet, orRefuse, resolveInsuredFile, todayOf, type TActor, type TRequestContext } from './common'
import { insuredFactsOrThrow, submitProcedure, type TProcedureResult } from './submit-procedure'

/**
 * Declare the birth of a child with the birth certificate (RULEBOOK §9 Newborn). On approval the child becomes a
 * beneficiary of the declaring parent, and of the other parent too when their NIR is given (double rattachement),
 * and appears on the attestation. Errors: procedureErrors.birth.{future,otherParentUnknown}, procedureErrors.field.dateWindow (born more than a year ago), procedureErrors.upload.notFound,
 * procedureErrors.procedure.pending (the same child declared twice).
 */
export async function declareBirth({ actor, insuredId, input, ...ctx }: { actor: TActor; insuredId?: string; input: unknown } & TRequestContext): Promise<TProcedureResult> {
  const data = ZDeclareBirth.parse(input)
  const db = getDb()
  const owner = await resolveInsuredFile(db, actor, insuredId, { insured: 'create:procedure:own', staff: 'update:procedure:caisse' }, ctx)
  const now = ctx.now
  orRefuse(checkBirthDeclaration({ birthDate: data.birthDate, today: todayOf(now) }))
  // A newborn (DATE_WINDOWS.newbornBirth): a child born more than a year ago is added by the caisse, not here.
  assertDateInWindow(data.birthDate, 'newbornBirth', todayOf(now), 'birthDate')
  const upload = await findUploadOfInsured(db, owner, data.birthCertificateUploadId)
  if (!upload) throw new AppError('procedureErrors.upload.notFound', 404)
  let otherParentId: string | null = null
  if (data.otherParentNir) {
    const other = await findInsuredByNir(db, data.otherParentNir.slice(0, 13))
    if (!other || other.id === owner) throw new AppError('procedureErrors.birth.otherParentUnknown', 422)
    otherParentId = other.id
  }
  const childKey = `${data.birthDate}:${data.firstNames.toLowerCase()}`
  return submitProcedure({
    actor,
    insured: await insuredFactsOrThrow(owner),
    type: 'birth',
    payload: { firstNames: data.firstNames, lastName: data.lastName, birthDate: data.birthDate, sex: data.sex, otherParentId },
    idempotencyKey: data.idempotencyKey,
    openKey: `birth:${owner}:${childKey}`,
    uploadIds: [data.birthCertificateUploadId],
    rules: await loadRuleSet(db),
    now,
    ip: ctx.ip,
    userAgent: ctx.userAgent,
    auditDetails: { birthDate: data.birthDate, doubleAttachment: Boolean(otherParentId) },
  })
}
