import 'server-only'
import { getDb } from '@/lib/db/client'
import { findAccountOfInsured } from '@/lib/db/repositories/back-office'
import { AppError } from '@/lib/errors'
import { ZInsuredRef } from '@/lib/schemas/back-office'
import { unlockUserAccount } from '../auth/unlock-account'
import { resolveInsuredFile, type TActor, type TRequestContext } from '../procedures/common'

/** The file's "unlock the account" button: the person's account, then the auth service (scoped and audited there). */
export async function unlockInsuredAccount({ actor, input, ...ctx }: { actor: TActor; input: unknown } & TRequestContext): Promise<void> {
  if (actor.role === 'insured') throw new AppError('forbidden', 403)
  const { insuredId: asked } = ZInsuredRef.parse(input)
  const db = getDb()
  const insuredId = await resolveInsuredFile(db, actor, asked, { insured: 'read:insured-space:own', staff: 'update:account-lock:caisse' }, ctx)
  const account = await findAccountOfInsured(db, insuredId)
  if (!account) throw new AppError('backoffice.errors.noAccount', 422)
  if (!account.lockedAt) throw new AppError('backoffice.errors.notLocked', 422)
  await unlockUserAccount({ actor, userId: account.id, ip: ctx.ip ?? null, userAgent: ctx.userAgent ?? null })
}
