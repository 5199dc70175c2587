import { getLocale, getTranslations } from 'next-intl/server'
import { fmtFileSize } from '@/components/format'
import type { TThreadDto } from '@/lib/db/repositories/messaging'

const dateTime = (d: Date, locale: string) => new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' }).format(d)

/** The messages of a thread, oldest first, each with its author, time and attachments (downloads). */
export async function ThreadView({ thread, viewer }: { thread: TThreadDto; viewer: 'insured' | 'advisor' }) {
  const t = await getTranslations('messaging')
  const locale = await getLocale()
  return (
    <ol className="space-y-4" aria-label={t('threadHeading', { subject: thread.subject })}>
      {thread.messages.map((m) => {
        const mine = m.authorRole === viewer
        const name = m.authorRole === 'insured' ? (viewer === 'insured' ? t('you') : thread.insuredName) : `${m.authorName} (${t('advisorOf', { caisse: thread.organisationName })})`
        return (
          <li key={m.id} className={`rounded-lg border p-4 shadow-sm ${mine ? 'border-slate-200 bg-white sm:ml-12' : 'border-ameli-600 bg-ameli-50 sm:mr-12'}`} data-testid="message">
            <p className="text-sm font-semibold text-ameli-900">{t('from', { name, date: dateTime(m.createdAt, locale) })}</p>
            <p className="mt-2 whitespace-pre-line">{m.body}</p>
            {m.attachments.length ? (
              <div className="mt-3 text-sm">
                <p className="font-semibold">{t('attachmentsTitle')}</p>
                <ul className="list-disc pl-5">
                  {m.attachments.map((a) => (
                    <li key={a.id}>
                      <a href={`/api/procedures/uploads/${a.id}`} download>
                        {t('download', { filename: a.filename })}
                      </a>{' '}
                      <span className="text-slate-600">({fmtFileSize(a.size, locale)})</span>
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
          </li>
        )
      })}
    </ol>
  )
}
