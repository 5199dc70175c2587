import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { getTranslations } from 'next-intl/server'
import { requireRole } from '@/lib/auth/session'
import { requestInfo } from '@/lib/auth/request-info'
import { isAppError } from '@/lib/errors'
import { ZThreadId } from '@/lib/schemas/messaging'
import { readThread } from '@/lib/services/messaging/read-thread'
import { assignThreadAction } from '@/app/actions/messaging'
import { translateCode } from '@/lib/forms/procedure-action'
import { Alert } from '@/components/ui/alert'
import { buttonClass } from '@/components/ui/button'
import { MessageForm } from '@/components/messaging/message-form'
import { ThreadView } from '@/components/messaging/thread-view'
import { BackLink } from '@/components/ui/back-link'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('nav'))('advisorMessages') }
}

/** An advisor opens a thread of their caisse (audited; another caisse's → 404), takes it and answers. */
export default async function Page({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = (await params).id
  const id = ZThreadId.safeParse(raw)
  const user = await requireRole(['advisor', 'supervisor'], `/conseiller/messages/${raw}`)
  if (!id.success) notFound()
  const thread = await readThread({ actor: { id: user.id, role: user.role, insuredId: user.insuredId, organisationId: user.organisationId }, threadId: id.data, ...(await requestInfo()) }).catch((e: unknown) => {
    if (isAppError(e) && e.status === 404) notFound()
    throw e
  })
  const t = await getTranslations('advisorMessaging')
  const tm = await getTranslations('messaging')
  const sp = await searchParams
  const error = typeof sp.error === 'string' && /^[\w.-]{1,80}$/.test(sp.error) ? await translateCode(sp.error) : null
  return (
    <div className="max-w-3xl space-y-6">
      <BackLink href="/conseiller/messages" label={t('back')} />
      <div className="space-y-1">
        <h1 className="text-3xl font-bold text-ameli-900">{thread.subject}</h1>
        <p className="text-slate-700">
          {thread.insuredName} · {thread.organisationName} · {tm('topicShown', { topic: tm(`topics.${thread.topic}`) })} · {tm('statusShown', { status: tm(`status.${thread.status}`) })}
        </p>
        <p className="text-slate-700">
          {t('colAssigned')} : {thread.assignedToName ?? t('nobody')}
        </p>
      </div>
      {sp.sent ? <Alert tone="success" live>{t('answered')}</Alert> : null}
      {sp.assigned ? <Alert tone="success" live>{t('assigned')}</Alert> : null}
      {error ? <Alert tone="error" live>{error}</Alert> : null}
      {thread.assignedToId !== user.id ? (
        <form action={assignThreadAction}>
          <input type="hidden" name="threadId" value={thread.id} />
          <button type="submit" className={buttonClass('secondary')} aria-label={t('assignLabel', { subject: thread.subject })}>
            {t('assign')}
          </button>
        </form>
      ) : null}
      <ThreadView thread={thread} viewer="advisor" />
      <section aria-labelledby="answer-title" className="space-y-3">
        <h2 id="answer-title" className="text-2xl font-semibold text-ameli-900">{t('answerTitle')}</h2>
        <MessageForm key={thread.messages.length} mode="answer" threadId={thread.id} />
      </section>
    </div>
  )
}
