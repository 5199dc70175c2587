import type { Metadata } from 'next'
import Link from 'next/link'
import { getLocale, getTranslations } from 'next-intl/server'
import { requireInsured } from '@/lib/auth/session'
import { getDb } from '@/lib/db/client'
import { z } from 'zod'
import { revokeConsentAction } from '@/app/actions/sharing'
import { listAppAccess } from '@/lib/services/oauth/list-app-access'
import { listFileAccess } from '@/lib/services/profile/my-data'
import { Alert } from '@/components/ui/alert'
import { Button, buttonClass } from '@/components/ui/button'
import { Card } from '@/components/ui/card'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('profile.myData'))('title') }
}

const PREFIXES = ['procedure', 'card', 'document', 'claim', 'insured'] as const

const ZNotice = z.object({ acces: z.literal('retire').optional(), erreur: z.literal('oauth.consent.notFound').optional() }).catch({})

/**
 * Mes données: the GDPR export, the apps the person allowed to read their data (what each read, when; revoke), and
 * "who looked at my file" (staff access and app reads from the audit trail).
 */
export default async function MyDataPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const user = await requireInsured('/compte/mes-donnees')
  const actor = { id: user.id, role: user.role, insuredId: user.insuredId, organisationId: user.organisationId }
  const notice = ZNotice.parse(await searchParams)
  const [access, apps] = await Promise.all([listFileAccess(getDb(), { actor }), listAppAccess(getDb(), { actor, now: new Date() })])
  const ta = await getTranslations('sharing.apps')
  const t = await getTranslations('profile.myData')
  const tp = await getTranslations('profile')
  const locale = await getLocale()
  // French puts a (non-breaking) space before a colon, English does not.
  const colon = locale === 'en' ? ':' : '\u00a0:'
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
      <section id="applications" aria-labelledby="applications-title" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <h2 id="applications-title" className="mb-3 text-lg font-semibold text-ameli-900">
          {ta('title')}
        </h2>
        <p className="mb-4 max-w-3xl text-sm text-slate-700">{ta('lead')}</p>
        {notice.acces ? (
          <div className="mb-4">
            <Alert tone="success" live>
              {ta('revoked')}
            </Alert>
          </div>
        ) : null}
        {notice.erreur ? (
          <div className="mb-4">
            <Alert tone="error" live>
              {ta('errors.notFound')}
            </Alert>
          </div>
        ) : null}
        {apps.length === 0 ? (
          <p className="text-sm">{ta('none')}</p>
        ) : (
          <ul className="space-y-4">
            {apps.map((a) => (
              <li key={a.consentId} className="rounded-md border border-slate-200 p-4 text-sm">
                <h3 className="text-base font-semibold">{a.appName}</h3>
                <p className="text-slate-600">
                  {a.website} · {a.developer}
                </p>
                <p>
                  {ta('scopesLabel')}{colon} {a.scopes.map((s) => ta(`scopeShort.${s.slice(8, -3)}` as 'title')).join(', ')} — {ta('personsLabel')}{colon} {a.persons.join(', ')}
                </p>
                <p>
                  {ta('given', { date: when.format(a.createdAt) })}
                  {a.revokedAt ? ` — ${ta('revokedOn', { date: when.format(a.revokedAt) })}` : a.active ? ` ${ta('until', { date: when.format(a.expiresAt) })}` : ` — ${ta('expired')}`}
                </p>
                <p className="mt-2 font-semibold">{ta('readsLabel')}</p>
                {a.reads.length === 0 ? (
                  <p>{ta('noReads')}</p>
                ) : (
                  <ul className="list-disc pl-5">
                    {a.reads.map((r, i) => (
                      <li key={i}>{ta('read', { resource: ta.has(`resource.${r.resourceType}`) ? ta(`resource.${r.resourceType}` as 'title') : r.resourceType, date: when.format(r.at) })}</li>
                    ))}
                  </ul>
                )}
                {a.active ? (
                  <form action={revokeConsentAction} className="mt-3">
                    <input type="hidden" name="consentId" value={a.consentId} />
                    <Button type="submit" variant="danger">
                      {ta('revoke', { app: a.appName })}
                    </Button>
                  </form>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>
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
                        {t(a.actorRole === 'supervisor' ? 'roles.supervisor' : a.actorRole === 'app' ? 'roles.app' : 'roles.advisor')}
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
