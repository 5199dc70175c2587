import 'server-only'
import { getDb, type Db } from '@/lib/db/client'
import { listActiveAuthSessions, type TAuthSessionDto } from '@/lib/db/repositories/auth-sessions'
import type { TActor } from '../procedures/common'

/** The signed-in person's own open sessions (profile page, issue 13 item 4), most recent activity first. */
export function listOwnSessions({ actor, now, db = getDb() }: { actor: Pick<TActor, 'id'>; now: Date; db?: Db }): Promise<TAuthSessionDto[]> {
  return listActiveAuthSessions(db, actor.id, now)
}
