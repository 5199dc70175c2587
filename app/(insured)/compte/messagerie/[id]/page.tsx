import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { getTranslations } from 'next-intl/server'
import { requireInsured } from '@/lib/auth/session'
import { requestInfo } from '@/lib/auth/request-info'
import { isAppError } from '@/lib/errors'
import { ZThreadId } from '@/lib/schemas/messaging'
import { readThread } from '@/lib/services/messaging/read-thread'
import { Alert } from '@/components/ui/alert'
import { MessageForm } from '@/components/messaging/message-form'
import { ThreadView } from '@/components/messaging/thread-view'
import { BackLink } from '@/components/ui/back-link'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('nav'))('messages') }
}

/** One conversation of the signed-in person (another person's thread → 404); reading marks the answers read. */
export default async function Page({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = (await params).id
  const id = ZThreadId.safeParse(raw)
  const user = await requireInsured(`/compte/messagerie/${raw}`)
  if (!id.success) notFound()
  const thread = await readThread({ actor: { id: user.id, role: user.role, insuredId: user.insuredId, organisationId: user.organisationId }, threadId: id.data, ...(await requestInfo()) }).catch((e: unknown) => {
    if (isAppError(e) && e.status === 404) notFound()
    throw e
  })
  const t = await getTranslations('messaging')
  const sent = (await searchParams).sent
  return (
    <div className="max-w-3xl space-y-6">
      <BackLink href="/compte/messagerie" label={t('back')} />
      <div className="space-y-1">
        <h1 className="text-3xl font-bold text-ameli-900">{thread.subject}</h1>
        <p className="text-slate-700">
          {t('topicShown', { topic: t(`topics.${thread.topic}`) })} · {t('statusShown', { status: t(`status.${thread.status}`) })}
        </p>
      </div>
      {sent ? <Alert tone="success" live>{thread.messages.length > 1 ? t('replySent') : t('sent')}</Alert> : null}
      <ThreadView thread={thread} viewer="insured" />
      <section aria-labelledby="reply-title" className="space-y-3">
        <h2 id="reply-title" className="text-2xl font-semibold text-ameli-900">{t('replyTitle')}</h2>
        {/* A new key after each message sent: the form starts empty again (it is not reset by React, issue 19). */}
        <MessageForm key={thread.messages.length} mode="reply" threadId={thread.id} />
      </section>
    </div>
  )
}
