import type { Metadata } from 'next'
import Link from 'next/link'
import { getLocale, getTranslations } from 'next-intl/server'
import { requireInsured } from '@/lib/auth/session'
import { THREAD_TOPICS } from '@/lib/schemas/messaging'
import { listMyThreads } from '@/lib/services/messaging/read-thread'
import { MessageForm } from '@/components/messaging/message-form'
import { DataTable } from '@/components/ui/data-table'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('nav'))('messages') }
}

const dateTime = (d: Date, locale: string) => new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'fr-FR', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Paris' }).format(d)

/** "Ma messagerie" (issue 6 §3): my conversations with my caisse (unread answers first to the eye), and a new message. */
export default async function Page() {
  const user = await requireInsured('/compte/messagerie')
  const { threads, unread } = await listMyThreads({ actor: { id: user.id, role: user.role, insuredId: user.insuredId, organisationId: user.organisationId } })
  const t = await getTranslations('messaging')
  const locale = await getLocale()
  return (
    <div className="space-y-8">
      <div className="max-w-3xl space-y-2">
        <h1 className="text-3xl font-bold text-ameli-900">{t('title')}</h1>
        <p className="text-lg text-slate-700">{t('lead')}</p>
        {unread ? <p className="font-semibold text-ameli-800" data-testid="unread-total">{t('unreadBadge', { count: unread })}</p> : null}
      </div>
      <section aria-labelledby="threads-title" className="space-y-3">
        <h2 id="threads-title" className="text-2xl font-semibold text-ameli-900">{t('threadsTitle')}</h2>
        {threads.length === 0 ? (
          <p>{t('noThreads')}</p>
        ) : (
          <DataTable
            caption={t('tableCaption')}
            variant="plain"
            columns={[t('colSubject'), t('colTopic'), t('colStatus'), t('colLast')]}
          >
            {threads.map((th) => (
              <tr key={th.id} className="border-b border-slate-200">
                <th scope="row" className="p-2 font-normal">
                  <Link href={`/compte/messagerie/${th.id}`} className={th.unread ? 'font-bold' : 'font-semibold'}>
                    {th.subject}
                  </Link>
                  {th.unread ? <span className="ml-2 rounded-full bg-ameli-700 px-2 py-0.5 text-xs font-semibold text-white">{t('unreadBadge', { count: th.unread })}</span> : null}
                </th>
                <td className="p-2">{t(`topics.${th.topic}`)}</td>
                <td className="p-2">{t(`status.${th.status}`)}</td>
                <td className="p-2">{dateTime(th.lastMessageAt, locale)}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>
      <section aria-labelledby="new-title" className="max-w-3xl space-y-3">
        <h2 id="new-title" className="text-2xl font-semibold text-ameli-900">{t('newTitle')}</h2>
        <MessageForm mode="new" topics={THREAD_TOPICS.map((x) => ({ value: x, label: t(`topics.${x}`) }))} />
      </section>
    </div>
  )
}
