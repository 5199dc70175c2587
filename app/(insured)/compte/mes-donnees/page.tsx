import type { Metadata } from 'next'
import Link from 'next/link'
import { getLocale, getTranslations } from 'next-intl/server'
import { requireInsured } from '@/lib/auth/session'
import { getDb } from '@/lib/db/client'
import { listFileAccess } from '@/lib/services/profile/my-data'
import { buttonClass } from '@/components/ui/button'
import { Card } from '@/components/ui/card'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('profile.myData'))('title') }
}

const PREFIXES = ['procedure', 'card', 'document', 'claim', 'insured'] as const

/** Mes données: the GDPR export and "who looked at my file" (staff access from the audit trail). */
export default async function MyDataPage() {
  const user = await requireInsured('/compte/mes-donnees')
  const access = await listFileAccess(getDb(), { actor: { id: user.id, role: user.role, insuredId: user.insuredId, organisationId: user.organisationId } })
  const t = await getTranslations('profile.myData')
  const tp = await getTranslations('profile')
  const locale = await getLocale()
  const when = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'fr-FR', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Paris' })
  const label = (action: string) => {
    const key = `actions.${action.replace(/[.-]/g, '_')}`
    if (t.has(key)) return t(key as 'title')
    const prefix = PREFIXES.find((p) => action.startsWith(`${p}.`))
    return prefix ? t(`actions.prefix_${prefix}`) : t('actions.other', { action })
  }
  return (
    <div className="space-y-6">
      <p>
        <Link href="/compte/profil">← {tp('title')}</Link>
      </p>
      <header className="space-y-2">
        <h1 className="text-2xl font-bold text-ameli-900">{t('title')}</h1>
        <p className="max-w-3xl text-slate-700">{t('lead')}</p>
      </header>
      <Card title={t('exportTitle')}>
        <p className="mb-4 max-w-3xl text-sm text-slate-700">{t('exportLead')}</p>
        <a href="/api/mes-donnees" download className={buttonClass('primary')}>
          {t('exportButton')}
        </a>
      </Card>
      <Card title={t('accessTitle')}>
        <p className="mb-4 max-w-3xl text-sm text-slate-700">{t('accessLead')}</p>
        {access.length === 0 ? (
          <p className="text-sm">{t('noAccess')}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full min-w-[36rem] text-left text-sm">
              <caption className="sr-only">{t('accessCaption')}</caption>
              <thead className="border-b border-slate-300">
                <tr>
                  <th scope="col" className="py-2 pr-3">{t('at')}</th>
                  <th scope="col" className="py-2 pr-3">{t('who')}</th>
                  <th scope="col" className="py-2 pr-3">{t('what')}</th>
                  <th scope="col" className="py-2">{t('outcome')}</th>
                </tr>
              </thead>
              <tbody>
                {access.map((a) => (
                  <tr key={a.id} className="border-b border-slate-100">
                    <td className="py-2 pr-3 whitespace-nowrap">{when.format(a.at)}</td>
                    <td className="py-2 pr-3">
                      {a.actorName ?? t('unknownAgent')}
                      <span className="block text-xs text-slate-600">
                        {t(a.actorRole === 'supervisor' ? 'roles.supervisor' : 'roles.advisor')}
                        {a.organisation ? ` · ${a.organisation}` : ''}
                      </span>
                    </td>
                    <td className="py-2 pr-3">{label(a.action)}</td>
                    <td className="py-2">{t.has(`outcomes.${a.outcome}`) ? t(`outcomes.${a.outcome}` as 'title') : a.outcome}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </div>
  )
}
