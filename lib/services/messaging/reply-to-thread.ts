import 'server-only'
import { getDb } from '@/lib/db/client'
import { writeAudit } from '@/lib/db/repositories/audit'
import { addMessage, attachUploads, findThreadInScope, findThreadOfInsured, updateThread } from '@/lib/db/repositories/messaging'
import { queueOutboxMessages } from '@/lib/db/repositories/outbox'
import { findInsuredFacts } from '@/lib/db/repositories/people'
import { AppError } from '@/lib/errors'
import { ZReplyToThread } from '@/lib/schemas/messaging'
import { auditRole, renderMessage, staffScope, type TActor, type TRequestContext } from '@/lib/services/procedures/common'

/**
 * A new message in a thread. The insured person (own threads only) re-opens it; an advisor of the caisse
 * (supervisors: any) answers it: the thread becomes "answered", is assigned to them if nobody had it, and the
 * person is told by e-mail (outbox; the e-mail says a message is waiting, never its content). One transaction.
 * Errors: forbidden, notFound (another person's or caisse's thread), messaging.errors.attachment.
 */
export async function replyToThread({ actor, input, ...ctx }: { actor: TActor; input: unknown } & TRequestContext): Promise<{ id: string }> {
  const data = ZReplyToThread.parse(input)
  const now = ctx.now
  const db = getDb()
  const asInsured = actor.role === 'insured'
  if (asInsured && !actor.insuredId) throw new AppError('forbidden', 403)
  const thread = asInsured ? await findThreadOfInsured(db, actor.insuredId!, data.threadId) : await findThreadInScope(db, data.threadId, staffScope(actor, 'create:message:caisse'))
  if (!thread) throw new AppError('notFound', 404)
  if (!asInsured && data.attachmentIds.length) throw new AppError('messaging.errors.attachment', 400)
  const insured = await findInsuredFacts(db, thread.insuredId)
  if (!insured) throw new AppError('notFound', 404)
  return db.$transaction(async (tx) => {
    const message = await addMessage(tx, { threadId: thread.id, authorUserId: actor.id, authorRole: asInsured ? 'insured' : 'advisor', body: data.body, now })
    if ((await attachUploads(tx, thread.insuredId, message.id, data.attachmentIds)) !== data.attachmentIds.length) throw new AppError('messaging.errors.attachment', 400)
    await updateThread(tx, thread.id, { status: asInsured ? 'open' : 'answered', lastMessageAt: now, ...(!asInsured && !thread.assignedToId ? { assignedToId: actor.id } : {}) })
    await writeAudit(tx, {
      actorUserId: actor.id, actorRole: auditRole(actor), action: asInsured ? 'message.reply' : 'message.answer', targetType: 'message-thread', targetId: thread.id, insuredId: thread.insuredId,
      ip: ctx.ip ?? null, userAgent: ctx.userAgent ?? null, details: { messageId: message.id },
    })
    if (!asInsured && insured.email) {
      const locale = insured.preferredLocale === 'en' ? 'en' : 'fr'
      const params = { subject: thread.subject, caisse: thread.organisationName }
      await queueOutboxMessages(tx, [{
        channel: 'email', recipient: insured.email, insuredId: insured.id, template: 'messagingNotifications.answer', locale,
        subject: renderMessage(locale, 'messagingNotifications.answer.subject', params), body: renderMessage(locale, 'messagingNotifications.answer.body', params),
      }])
    }
    return message
  })
}
