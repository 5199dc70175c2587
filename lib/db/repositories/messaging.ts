import type { Db, Tx } from '../client'

/** Secure messaging between an insured person and their caisse (issue 6 §3, §7). Ownership and scope are in the queries. */

export type TThreadSummaryDto = {
  id: string
  topic: string
  subject: string
  status: string
  createdAt: Date
  lastMessageAt: Date
  insuredId: string
  insuredName: string
  organisationName: string
  assignedToId: string | null
  assignedToName: string | null
  unread: number
  messageCount: number
}
export type TMessageDto = { id: string; authorRole: string; authorName: string; body: string; createdAt: Date; readAt: Date | null; attachments: { id: string; filename: string; mimeType: string; size: number }[] }
export type TThreadDto = TThreadSummaryDto & { organisationId: string; messages: TMessageDto[] }

const summarySelect = (unreadFrom: 'insured' | 'advisor') =>
  ({
    id: true, topic: true, subject: true, status: true, createdAt: true, lastMessageAt: true, insuredId: true, assignedToId: true, organisationId: true,
    insured: { select: { firstNames: true, birthName: true, usualName: true } },
    organisation: { select: { name: true } },
    assignedTo: { select: { displayName: true } },
    _count: { select: { messages: true } },
    messages: { where: { authorRole: unreadFrom, readAt: null }, select: { id: true } },
  }) as const

type TSummaryRow = {
  id: string; topic: string; subject: string; status: string; createdAt: Date; lastMessageAt: Date; insuredId: string; assignedToId: string | null; organisationId: string
  insured: { firstNames: string; birthName: string; usualName: string | null }
  organisation: { name: string }
  assignedTo: { displayName: string } | null
  _count: { messages: number }
  messages: { id: string }[]
}
function toSummary(r: TSummaryRow): TThreadSummaryDto & { organisationId: string } {
  return {
    id: r.id, topic: r.topic, subject: r.subject, status: r.status, createdAt: r.createdAt, lastMessageAt: r.lastMessageAt, insuredId: r.insuredId, organisationId: r.organisationId,
    insuredName: `${r.insured.firstNames} ${r.insured.usualName ?? r.insured.birthName}`, organisationName: r.organisation.name,
    assignedToId: r.assignedToId, assignedToName: r.assignedTo?.displayName ?? null, unread: r.messages.length, messageCount: r._count.messages,
  }
}

/** The person's threads, newest activity first; `unread` counts the advisors' messages not read yet. */
export async function listThreadsOfInsured(db: Db, insuredId: string): Promise<TThreadSummaryDto[]> {
  const rows = await db.messageThread.findMany({ where: { insuredId }, orderBy: { lastMessageAt: 'desc' }, select: summarySelect('advisor'), take: 100 })
  return rows.map(toSummary)
}

/** A caisse's threads (null = every caisse), oldest waiting first; `unread` counts the person's messages not read yet. */
export async function listThreadsInScope(db: Db, organisationId: string | null, statuses: string[]): Promise<TThreadSummaryDto[]> {
  const rows = await db.messageThread.findMany({
    where: { ...(organisationId ? { organisationId } : {}), status: { in: statuses } },
    orderBy: { lastMessageAt: 'asc' },
    select: summarySelect('insured'),
    take: 200,
  })
  return rows.map(toSummary)
}

export async function countUnreadForInsured(db: Db, insuredId: string): Promise<number> {
  return db.message.count({ where: { authorRole: 'advisor', readAt: null, thread: { insuredId } } })
}

async function findThread(db: Db | Tx, where: { id: string; insuredId?: string; organisationId?: string }, unreadFrom: 'insured' | 'advisor'): Promise<TThreadDto | null> {
  const row = await db.messageThread.findFirst({ where, select: summarySelect(unreadFrom) })
  if (!row) return null
  const messages = await db.message.findMany({
    where: { threadId: row.id },
    orderBy: { createdAt: 'asc' },
    select: { id: true, authorRole: true, body: true, createdAt: true, readAt: true, author: { select: { displayName: true } }, attachments: { select: { id: true, filename: true, mimeType: true, size: true } } },
  })
  return { ...toSummary(row), messages: messages.map(({ author, ...m }) => ({ ...m, authorName: author.displayName })) }
}

/** One thread of this person (another person's id → null). */
export function findThreadOfInsured(db: Db | Tx, insuredId: string, id: string): Promise<TThreadDto | null> {
  return findThread(db, { id, insuredId }, 'advisor')
}

/** One thread of this caisse (null = any caisse). */
export function findThreadInScope(db: Db | Tx, id: string, organisationId: string | null): Promise<TThreadDto | null> {
  return findThread(db, { id, ...(organisationId ? { organisationId } : {}) }, 'insured')
}

export async function createThread(tx: Tx, data: { insuredId: string; organisationId: string; topic: string; subject: string; now: Date }): Promise<{ id: string }> {
  return tx.messageThread.create({ data: { insuredId: data.insuredId, organisationId: data.organisationId, topic: data.topic, subject: data.subject, status: 'open', createdAt: data.now, lastMessageAt: data.now }, select: { id: true } })
}

export async function addMessage(tx: Tx, data: { threadId: string; authorUserId: string; authorRole: 'insured' | 'advisor'; body: string; now: Date }): Promise<{ id: string }> {
  return tx.message.create({ data: { threadId: data.threadId, authorUserId: data.authorUserId, authorRole: data.authorRole, body: data.body, createdAt: data.now }, select: { id: true } })
}

/** Links the person's own, not yet used uploads to a message; returns how many were linked. */
export async function attachUploads(tx: Tx, insuredId: string, messageId: string, uploadIds: string[]): Promise<number> {
  if (uploadIds.length === 0) return 0
  const { count } = await tx.upload.updateMany({ where: { id: { in: uploadIds }, insuredId, messageId: null, procedureId: null }, data: { messageId } })
  return count
}

export async function updateThread(tx: Tx, id: string, data: { status?: string; lastMessageAt?: Date; assignedToId?: string }): Promise<void> {
  await tx.messageThread.update({ where: { id }, data })
}

/** Marks as read the messages written by the other side. */
export async function markThreadRead(db: Db | Tx, threadId: string, writtenBy: 'insured' | 'advisor', now: Date): Promise<number> {
  const { count } = await db.message.updateMany({ where: { threadId, authorRole: writtenBy, readAt: null }, data: { readAt: now } })
  return count
}
