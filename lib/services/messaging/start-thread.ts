import 'server-only'
import { getDb } from '@/lib/db/client'
import { writeAudit } from '@/lib/db/repositories/audit'
import { addMessage, attachUploads, createThread } from '@/lib/db/repositories/messaging'
import { findInsuredFacts } from '@/lib/db/repositories/people'
import { AppError } from '@/lib/errors'
import { ZStartThread } from '@/lib/schemas/messaging'
import type { TActor, TRequestContext } from '@/lib/services/procedures/common'

/**
 * "Ma messagerie": the insured person writes to their caisse on a topic (subject + first message, up to 3 of
 * their own uploaded files attached). Thread, message, attachments and audit event in one transaction.
 * Errors: forbidden, notFound, messaging.errors.attachment (an upload that is not theirs or already used).
 */
export async function startThread({ actor, input, ...ctx }: { actor: TActor; input: unknown } & TRequestContext): Promise<{ id: string }> {
  if (actor.role !== 'insured' || !actor.insuredId) throw new AppError('forbidden', 403)
  const insuredId = actor.insuredId
  const data = ZStartThread.parse(input)
  const now = ctx.now
  const db = getDb()
  const insured = await findInsuredFacts(db, insuredId)
  if (!insured) throw new AppError('notFound', 404)
  return db.$transaction(async (tx) => {
    const thread = await createThread(tx, { insuredId, organisationId: insured.organisationId, topic: data.topic, subject: data.subject, now })
    const message = await addMessage(tx, { threadId: thread.id, authorUserId: actor.id, authorRole: 'insured', body: data.body, now })
    if ((await attachUploads(tx, insuredId, message.id, data.attachmentIds)) !== data.attachmentIds.length) throw new AppError('messaging.errors.attachment', 400)
    await writeAudit(tx, {
      actorUserId: actor.id, actorRole: 'insured', action: 'message.thread.create', targetType: 'message-thread', targetId: thread.id, insuredId,
      ip: ctx.ip ?? null, userAgent: ctx.userAgent ?? null, details: { topic: data.topic, attachments: data.attachmentIds.length },
    })
    return thread
  })
}
