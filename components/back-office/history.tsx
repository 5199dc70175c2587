import { getLocale, getTranslations } from 'next-intl/server'
import { fmtDateTime } from '@/lib/forms/staff-page'
import { fmtFileSize } from '@/components/format'
import type { TEventDto, TUploadDto } from '@/lib/db/repositories/back-office'

/** The steps of a procedure or card order, oldest first, with who moved it and their note. */
export async function History({ events }: { events: TEventDto[] }) {
  const t = await getTranslations('backoffice')
  const ts = await getTranslations('procedurePages.status')
  const locale = await getLocale()
  return (
    <ol className="space-y-2">
      {events.map((e, i) => (
        <li key={i} className="rounded-md border border-slate-200 bg-white p-3">
          <p className="font-semibold">{ts.has(e.status) ? ts(e.status) : e.status}</p>
          <p className="text-sm text-slate-700">
            {fmtDateTime(e.at, locale)} · {e.actor ?? t('detail.byPerson')}
          </p>
          {e.note ? <p className="mt-1 text-sm">{e.note}</p> : null}
        </li>
      ))}
    </ol>
  )
}

/** The files sent with a request, each a download through the guarded uploads route. */
export async function Documents({ uploads }: { uploads: TUploadDto[] }) {
  const t = await getTranslations('backoffice')
  const locale = await getLocale()
  if (uploads.length === 0) return <p>{t('detail.noDocuments')}</p>
  return (
    <ul className="space-y-2">
      {uploads.map((u) => (
        <li key={u.id}>
          <a href={`/api/procedures/uploads/${u.id}`} className="font-semibold">
            {t('detail.download', { name: u.filename })}
          </a>
          <span className="text-sm text-slate-700">
            {' '}
            · {t(`uploadKinds.${u.kind}` as never)} · {fmtFileSize(u.size, locale)} · {fmtDateTime(u.createdAt, locale)}
          </span>
        </li>
      ))}
    </ul>
  )
}
