import type { Metadata } from 'next'
import { getLocale, getTranslations } from 'next-intl/server'
import { z } from 'zod'
import { reviewAppAction } from '@/app/actions/sharing'
import { requireRole } from '@/lib/auth/session'
import { listAppsForReview } from '@/lib/services/oauth/register-app'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('sharing.review'))('title') }
}

const ZSearch = z.object({ fait: z.literal('1').optional(), erreur: z.literal('sharing.review.notPending').optional() }).catch({})

/** Supervisor: the apps developers registered (issue 18 §3), pending first; approve or reject (audited). */
export default async function AppsReviewPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const user = await requireRole(['supervisor'], '/conseiller/applications')
  const t = await getTranslations('sharing.review')
  const notice = ZSearch.parse(await searchParams)
  const apps = await listAppsForReview({ actor: { id: user.id, role: user.role, insuredId: user.insuredId, organisationId: user.organisationId } })
  const locale = await getLocale()
  const when = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'fr-FR', { dateStyle: 'medium', timeZone: 'Europe/Paris' })
  return (
    <div className="space-y-6">
      <header className="space-y-2">
        <h1 className="text-3xl font-bold text-ameli-900">{t('title')}</h1>
        <p className="max-w-3xl text-slate-700">{t('lead')}</p>
      </header>
      {notice.fait ? (
        <Alert tone="success" live>
          {t('done')}
        </Alert>
      ) : null}
      {notice.erreur ? (
        <Alert tone="error" live>
          {t('notPending')}
        </Alert>
      ) : null}
      <div className="overflow-x-auto">
        <table className="w-full min-w-[48rem] text-left text-sm">
          <caption className="sr-only">{t('caption')}</caption>
          <thead className="border-b border-slate-300">
            <tr>
              <th scope="col" className="py-2 pr-3">{t('app')}</th>
              <th scope="col" className="py-2 pr-3">{t('developer')}</th>
              <th scope="col" className="py-2 pr-3">{t('redirects')}</th>
              <th scope="col" className="py-2 pr-3">{t('registered')}</th>
              <th scope="col" className="py-2 pr-3">{t('status')}</th>
              <th scope="col" className="py-2">{t('actions')}</th>
            </tr>
          </thead>
          <tbody>
            {apps.map((a) => (
              <tr key={a.id} className="border-b border-slate-100 align-top">
                <td className="py-2 pr-3">
                  <span className="font-semibold">{a.name}</span>
                  <span className="block text-xs text-slate-600">{a.website}</span>
                  <span className="block font-mono text-xs text-slate-600">{a.clientId}</span>
                </td>
                <td className="py-2 pr-3">
                  {a.developer}
                  <span className="block text-xs text-slate-600">{a.contactEmail}</span>
                </td>
                <td className="py-2 pr-3 font-mono text-xs">
                  {a.redirectUris.map((u) => (
                    <span key={u} className="block">
                      {u}
                    </span>
                  ))}
                </td>
                <td className="py-2 pr-3 whitespace-nowrap">{when.format(a.createdAt)}</td>
                <td className="py-2 pr-3">{t(`statuses.${a.status}` as 'title')}</td>
                <td className="py-2">
                  {a.status === 'pending' ? (
                    <form action={reviewAppAction} className="flex flex-wrap gap-2">
                      <input type="hidden" name="appId" value={a.id} />
                      <Button type="submit" name="decision" value="approved">
                        {t('approve', { app: a.name })}
                      </Button>
                      <Button type="submit" name="decision" value="rejected" variant="secondary">
                        {t('reject', { app: a.name })}
                      </Button>
                    </form>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  )
}
