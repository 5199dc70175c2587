import 'server-only'
import { getDb } from '@/lib/db/client'
import { writeAudit } from '@/lib/db/repositories/audit'
import { findInsuredUserInScope, unlockUser } from '@/lib/db/repositories/users'
import { can, type Role } from '@/lib/auth/permissions'
import { AppError } from '@/lib/errors'

/**
 * An advisor unlocks an insured person's account (after too many failed sign-ins).
 * Advisors only for their caisse's insured persons; supervisors for all. Audited in the same transaction.
 */
export async function unlockUserAccount({
  actor,
  userId,
  ip,
  userAgent,
}: {
  actor: { id: string; role: Role; organisationId: string | null }
  userId: string
  ip: string | null
  userAgent: string | null
}): Promise<void> {
  if (!can(actor.role, 'update:account-lock:caisse')) throw new AppError('forbidden', 403)
  // An advisor without a caisse manages nobody; a supervisor manages every caisse.
  if (actor.role !== 'supervisor' && !actor.organisationId) throw new AppError('forbidden', 403)
  const db = getDb()
  const target = await findInsuredUserInScope(db, userId, actor.role === 'supervisor' ? null : actor.organisationId)
  if (!target) throw new AppError('notFound', 404)
  await db.$transaction(async (tx) => {
    const unlocked = await unlockUser(tx, target.id)
    await writeAudit(tx, {
      actorUserId: actor.id,
      actorRole: actor.role,
      action: 'account.unlock',
      targetType: 'user',
      targetId: target.id,
      insuredId: unlocked?.insuredId ?? null,
      ip,
      userAgent,
    })
  })
}
