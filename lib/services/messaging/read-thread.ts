import 'server-only'
import { cache } from 'react'
import { getDb } from '@/lib/db/client'
import { writeAudit } from '@/lib/db/repositories/audit'
import { countUnreadForInsured, findThreadInScope, findThreadOfInsured, listThreadsInScope, listThreadsOfInsured, markThreadRead, updateThread, type TThreadDto, type TThreadSummaryDto } from '@/lib/db/repositories/messaging'
import { AppError } from '@/lib/errors'
import { auditRole, staffScope, type TActor, type TRequestContext } from '@/lib/services/procedures/common'

/**
 * Opens a thread: the person's own (another person's id → 404), or a thread of the advisor's caisse (supervisors:
 * any). Reading marks the other side's messages read; an advisor opening a person's thread is audited.
 */
export async function readThread({ actor, threadId, ...ctx }: { actor: TActor; threadId: string } & TRequestContext): Promise<TThreadDto> {
  const db = getDb()
  const now = ctx.now
  if (actor.role === 'insured') {
    if (!actor.insuredId) throw new AppError('forbidden', 403)
    const thread = await findThreadOfInsured(db, actor.insuredId, threadId)
    if (!thread) throw new AppError('notFound', 404)
    if (thread.unread) await markThreadRead(db, thread.id, 'advisor', now)
    return thread
  }
  const thread = await findThreadInScope(db, threadId, staffScope(actor, 'read:messages:caisse'))
  if (!thread) throw new AppError('notFound', 404)
  await db.$transaction(async (tx) => {
    await markThreadRead(tx, thread.id, 'insured', now)
    await writeAudit(tx, { actorUserId: actor.id, actorRole: auditRole(actor), action: 'message.thread.open', targetType: 'message-thread', targetId: thread.id, insuredId: thread.insuredId, ip: ctx.ip ?? null, userAgent: ctx.userAgent ?? null })
  })
  return thread
}

/** The person's threads and how many advisors' messages they have not read. */
export async function listMyThreads({ actor }: { actor: TActor }): Promise<{ threads: TThreadSummaryDto[]; unread: number }> {
  if (actor.role !== 'insured' || !actor.insuredId) throw new AppError('forbidden', 403)
  const db = getDb()
  const [threads, unread] = await Promise.all([listThreadsOfInsured(db, actor.insuredId), countUnreadForInsured(db, actor.insuredId)])
  return { threads, unread }
}

/**
 * Advisors' messages the person has not read, counted once per request (React `cache`): the navigation
 * (components/shell/site-header.tsx) and the home page (getInsuredHome) both show it. Outside a React render (tests,
 * the bench's bare handler) every call queries.
 */
export const countUnreadOfInsured = cache((insuredId: string): Promise<number> => countUnreadForInsured(getDb(), insuredId))

/** The unread count shown in the insured navigation (0 for anyone else). */
export async function unreadMessageCount(actor: { role: string; insuredId: string | null }): Promise<number> {
  return actor.role === 'insured' && actor.insuredId ? countUnreadOfInsured(actor.insuredId) : 0
}

/** The caisse's threads (supervisors: all), filtered: open (waiting for an answer), answered, or all. */
export async function listCaisseThreads({ actor, filter }: { actor: TActor; filter: 'open' | 'answered' | 'all' }): Promise<TThreadSummaryDto[]> {
  const scope = staffScope(actor, 'read:messages:caisse')
  return listThreadsInScope(getDb(), scope, filter === 'all' ? ['open', 'answered', 'closed'] : [filter])
}

/** An advisor takes a thread of their caisse (a supervisor: any thread). Audited. */
export async function assignThreadToMe({ actor, threadId, ...ctx }: { actor: TActor; threadId: string } & TRequestContext): Promise<void> {
  const db = getDb()
  const thread = await findThreadInScope(db, threadId, staffScope(actor, 'create:message:caisse'))
  if (!thread) throw new AppError('notFound', 404)
  await db.$transaction(async (tx) => {
    await updateThread(tx, thread.id, { assignedToId: actor.id })
    await writeAudit(tx, { actorUserId: actor.id, actorRole: auditRole(actor), action: 'message.thread.assign', targetType: 'message-thread', targetId: thread.id, insuredId: thread.insuredId, ip: ctx.ip ?? null, userAgent: ctx.userAgent ?? null, details: { previous: thread.assignedToId } })
  })
}
