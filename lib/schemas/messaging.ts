import { z } from 'zod'

/** Inputs of the secure messaging (issue 6 §3, §7). Messages are i18n keys (namespace `messaging.errors`). */
export const THREAD_TOPICS = ['reimbursement', 'card', 'sick-leave', 'rights', 'change-of-situation', 'css', 'other'] as const
export const ZThreadTopic = z.enum(THREAD_TOPICS, { error: 'messaging.errors.topic' })

export const ZMessageBody = z
  .string({ error: 'messaging.errors.bodyLength' })
  .trim()
  .min(2, 'messaging.errors.bodyLength')
  .max(5000, 'messaging.errors.bodyLength')

export const ZStartThread = z.object({
  topic: ZThreadTopic,
  subject: z.string({ error: 'messaging.errors.subjectLength' }).trim().min(3, 'messaging.errors.subjectLength').max(150, 'messaging.errors.subjectLength'),
  body: ZMessageBody,
  attachmentIds: z.array(z.string().trim().min(1).max(64)).max(3).default([]),
})
export type TStartThread = z.infer<typeof ZStartThread>

export const ZReplyToThread = z.object({
  threadId: z.string().trim().min(1).max(64),
  body: ZMessageBody,
  attachmentIds: z.array(z.string().trim().min(1).max(64)).max(3).default([]),
})
export type TReplyToThread = z.infer<typeof ZReplyToThread>

export const ZThreadFilter = z.enum(['open', 'answered', 'all']).catch('open')
export const ZThreadId = z.string().trim().min(1).max(64)
