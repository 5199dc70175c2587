import 'server-only'
import { getDb } from '@/lib/db/client'
import { writeAudit } from '@/lib/db/repositories/audit'
import { bumpSessionVersion, type TSessionUser } from '@/lib/db/repositories/users'

/** Records a sign-out; with `everywhere`, every other session of the user stops working too. */
export async function signOutUser({ actor, everywhere, ip, userAgent }: { actor: TSessionUser; everywhere: boolean; ip: string | null; userAgent: string | null }): Promise<void> {
  await getDb().$transaction(async (tx) => {
    if (everywhere) await bumpSessionVersion(tx, actor.id)
    await writeAudit(tx, {
      actorUserId: actor.id,
      actorRole: actor.role,
      insuredId: actor.insuredId,
      action: everywhere ? 'auth.logout.everywhere' : 'auth.logout',
      targetType: 'user',
      targetId: actor.id,
      ip,
      userAgent,
    })
  })
}
