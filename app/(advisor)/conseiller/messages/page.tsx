import type { Metadata } from 'next'
import Link from 'next/link'
import { getLocale, getTranslations } from 'next-intl/server'
import { requireRole } from '@/lib/auth/session'
import { ZThreadFilter } from '@/lib/schemas/messaging'
import { listCaisseThreads } from '@/lib/services/messaging/read-thread'
import { buttonClass } from '@/components/ui/button'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('nav'))('advisorMessages') }
}

const dateTime = (d: Date, locale: string) => new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'fr-FR', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Paris' }).format(d)

/** Advisor "Messages" (issue 6 §7): the caisse's threads (supervisors: all), open or answered, oldest waiting first. */
export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireRole(['advisor', 'supervisor'], '/conseiller/messages')
  const filter = ZThreadFilter.parse((await searchParams).status)
  const threads = await listCaisseThreads({ actor: { id: user.id, role: user.role, insuredId: user.insuredId, organisationId: user.organisationId }, filter })
  const t = await getTranslations('advisorMessaging')
  const tm = await getTranslations('messaging')
  const locale = await getLocale()
  const all = user.role === 'supervisor'
  return (
    <div className="space-y-6">
      <div className="max-w-3xl space-y-2">
        <h1 className="text-3xl font-bold text-ameli-900">{t('title')}</h1>
        <p className="text-lg text-slate-700">{t('lead')}</p>
      </div>
      <form method="get" action="/conseiller/messages" className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <div>
          <label htmlFor="status" className="block text-sm font-semibold">{t('filterLabel')}</label>
          <select id="status" name="status" defaultValue={filter} className="mt-1 block min-h-11 rounded-md border border-slate-500 bg-white px-3 py-2">
            {(['open', 'answered', 'all'] as const).map((f) => (
              <option key={f} value={f}>
                {t(`filters.${f}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className={buttonClass('secondary')}>{t('apply')}</button>
      </form>
      {threads.length === 0 ? (
        <p>{t('noThreads')}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full border-collapse bg-white text-left text-sm">
            <caption className="mb-2 text-left font-semibold">{t('tableCaption', { filter: t(`filters.${filter}`) })}</caption>
            <thead>
              <tr className="border-b-2 border-slate-300">
                <th scope="col" className="p-2">{t('colSubject')}</th>
                <th scope="col" className="p-2">{t('colPerson')}</th>
                {all ? <th scope="col" className="p-2">{t('colCaisse')}</th> : null}
                <th scope="col" className="p-2">{t('colAssigned')}</th>
                <th scope="col" className="p-2">{t('colStatus')}</th>
                <th scope="col" className="p-2">{t('colLast')}</th>
              </tr>
            </thead>
            <tbody>
              {threads.map((th) => (
                <tr key={th.id} className="border-b border-slate-200">
                  <th scope="row" className="p-2 font-normal">
                    <Link href={`/conseiller/messages/${th.id}`} className="font-semibold">
                      {th.subject}
                    </Link>
                    <span className="block text-xs text-slate-600">{tm(`topics.${th.topic}`)}</span>
                    {th.unread ? <span className="mt-1 inline-block rounded-full bg-ameli-700 px-2 py-0.5 text-xs font-semibold text-white">{t('unread', { count: th.unread })}</span> : null}
                  </th>
                  <td className="p-2">{th.insuredName}</td>
                  {all ? <td className="p-2">{th.organisationName}</td> : null}
                  <td className="p-2">{th.assignedToName ?? t('nobody')}</td>
                  <td className="p-2">{tm(`status.${th.status}`)}</td>
                  <td className="p-2">{dateTime(th.lastMessageAt, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  )
}
