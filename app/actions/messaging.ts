'use server'

import { revalidatePath } from 'next/cache'
import { redirect } from 'next/navigation'
import { requireRole } from '@/lib/auth/session'
import { requestInfo } from '@/lib/auth/request-info'
import { isAppError } from '@/lib/errors'
import { runFormAction, type TFormActionContext } from '@/lib/forms/form-action'
import { startThread } from '@/lib/services/messaging/start-thread'
import { replyToThread } from '@/lib/services/messaging/reply-to-thread'
import { assignThreadToMe } from '@/lib/services/messaging/read-thread'
import { uploadFile } from '@/lib/services/procedures/upload-file'
import type { TFormState } from '@/components/procedures/form-state'
import { ZReplyToThread, ZStartThread } from '@/lib/schemas/messaging'

/**
 * Server actions of the messaging (insured: new thread, reply; advisor: answer, take a thread). Session (role) →
 * zod (in the service) → service (scope, transaction, audit, outbox) → redirect, or translated field errors.
 */

/** The attached file, stored with the uploads service (same checks as Mes démarches); an error names the field. */
async function attachmentIds(ctx: TFormActionContext): Promise<string[]> {
  const file = ctx.formData.get('attachment')
  if (!(file instanceof File) || file.size === 0) return []
  const meta = await uploadFile({ actor: ctx.actor, kind: 'other', filename: file.name, bytes: new Uint8Array(await file.arrayBuffer()), ip: ctx.ip, userAgent: ctx.userAgent, now: ctx.now })
  return [meta.id]
}
const attachmentField = (code: string) => (code.startsWith('procedureErrors.upload') || code === 'messaging.errors.attachment' ? 'attachment' : undefined)

export async function startThreadAction(_prev: TFormState<null>, formData: FormData): Promise<TFormState<null>> {
  let id = ''
  const state = await runFormAction<null>(formData, {
    path: '/compte/messagerie',
    roles: ['insured'],
    fieldOf: attachmentField,
    run: async (ctx) => {
      const v = ctx.values
      const input = { topic: v.topic ?? '', subject: v.subject ?? '', body: v.body ?? '' }
      // Check the text first, so that a refused message does not leave an orphan upload behind.
      ZStartThread.parse(input)
      id = (await startThread({ actor: ctx.actor, input: { ...input, attachmentIds: await attachmentIds(ctx) }, ip: ctx.ip, userAgent: ctx.userAgent, now: ctx.now })).id
      return null
    },
  })
  if (state.status !== 'success') return state
  revalidatePath('/compte/messagerie')
  redirect(`/compte/messagerie/${encodeURIComponent(id)}?sent=1`)
}

export async function replyAction(_prev: TFormState<null>, formData: FormData): Promise<TFormState<null>> {
  const threadId = String(formData.get('threadId') ?? '')
  const state = await runFormAction<null>(formData, {
    path: '/compte/messagerie',
    roles: ['insured', 'advisor', 'supervisor'],
    fieldOf: attachmentField,
    run: async (ctx) => {
      // Check the text first, so that a refused message does not leave an orphan upload behind.
      ZReplyToThread.parse({ threadId, body: ctx.values.body ?? '' })
      const ids = ctx.actor.role === 'insured' ? await attachmentIds(ctx) : []
      await replyToThread({ actor: ctx.actor, input: { threadId, body: ctx.values.body ?? '', attachmentIds: ids }, ip: ctx.ip, userAgent: ctx.userAgent, now: ctx.now })
      return null
    },
  })
  if (state.status !== 'success') return state
  const user = await requireRole(['insured', 'advisor', 'supervisor'])
  const base = user.role === 'insured' ? '/compte/messagerie' : '/conseiller/messages'
  revalidatePath(base)
  redirect(`${base}/${encodeURIComponent(threadId)}?sent=1`)
}

/** Advisor: take a thread (a plain form). */
export async function assignThreadAction(formData: FormData): Promise<void> {
  const user = await requireRole(['advisor', 'supervisor'], '/conseiller/messages')
  const threadId = String(formData.get('threadId') ?? '').slice(0, 64)
  let suffix = 'assigned=1'
  try {
    await assignThreadToMe({ actor: { id: user.id, role: user.role, insuredId: user.insuredId, organisationId: user.organisationId }, threadId, ...(await requestInfo()) })
  } catch (error) {
    if (!isAppError(error)) throw error
    suffix = `error=${encodeURIComponent(error.code)}`
  }
  revalidatePath('/conseiller/messages')
  redirect(`/conseiller/messages/${encodeURIComponent(threadId)}?${suffix}`)
}
