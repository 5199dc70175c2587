import 'server-only'
import { getDb, type Db } from '@/lib/db/client'
import { writeAudit } from '@/lib/db/repositories/audit'
import { bumpSessionVersion, type TSessionUser } from '@/lib/db/repositories/users'
import { revokeAllSessions, revokeSession } from './sessions'

/**
 * Records a sign-out and ends the session on the server (its AuthSession is revoked: a copy of the cookie no longer
 * works, issue 13 item 4); with `everywhere`, every session of the user is revoked and the session version bumped.
 */
export async function signOutUser({
  actor,
  everywhere,
  ip,
  userAgent,
  now,
  db = getDb(),
}: {
  actor: TSessionUser
  everywhere: boolean
  ip: string | null
  userAgent: string | null
  now: Date
  db?: Db
}): Promise<void> {
  await db.$transaction(async (tx) => {
    let revoked = 0
    if (everywhere) {
      await bumpSessionVersion(tx, actor.id)
      revoked = await revokeAllSessions(tx, { userId: actor.id, now })
    } else if (actor.sessionId) {
      revoked = (await revokeSession(tx, { sessionId: actor.sessionId, userId: actor.id, now })) ? 1 : 0
    }
    await writeAudit(tx, {
      actorUserId: actor.id,
      actorRole: actor.role,
      insuredId: actor.insuredId,
      action: everywhere ? 'auth.logout.everywhere' : 'auth.logout',
      targetType: 'user',
      targetId: actor.id,
      ip,
      userAgent,
      details: { sessionsRevoked: revoked },
    })
  })
}
