import type { Metadata } from 'next'
import { getLocale, getTranslations } from 'next-intl/server'
import { z } from 'zod'
import { requireInsured } from '@/lib/auth/session'
import { isAppError } from '@/lib/errors'
import { requestOrigin } from '@/lib/oauth/request-origin'
import { CONSENT_DURATIONS } from '@/lib/services/oauth/grant-consent'
import { getConsentRequest, type TConsentRequest } from '@/lib/services/oauth/consent-request'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { Card } from '@/components/ui/card'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('sharing.consent'))('title') }
}

const ZParams = z.object({ uid: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/) })
const ZSearch = z.object({ erreur: z.enum(['oauth.consent.expired', 'oauth.consent.notYourBeneficiary']).optional() }).catch({})

/** The consent screen (issue 18 §2): which app, what it will read, for whom, for how long; allow or refuse. */
export default async function ConsentPage({ params, searchParams }: { params: Promise<{ uid: string }>; searchParams: Promise<Record<string, string>> }) {
  const raw = await params
  const user = await requireInsured(`/compte/partage/autoriser/${encodeURIComponent(raw.uid)}`)
  const t = await getTranslations('sharing.consent')
  const parsed = ZParams.safeParse(raw)
  const notice = ZSearch.parse(await searchParams)
  let request: TConsentRequest | null = null
  if (parsed.success) {
    try {
      request = await getConsentRequest({ actor: { id: user.id, role: user.role, insuredId: user.insuredId, organisationId: user.organisationId }, origin: await requestOrigin(), uid: parsed.data.uid })
    } catch (error) {
      if (!isAppError(error)) throw error
    }
  }
  if (!request) {
    return (
      <div className="space-y-6">
        <h1 className="text-2xl font-bold text-ameli-900">{t('title')}</h1>
        <Alert tone="warning">{t('expired')}</Alert>
      </div>
    )
  }
  const locale = await getLocale()
  const date = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'fr-FR', { dateStyle: 'long', timeZone: 'UTC' })
  return (
    <div className="space-y-6">
      <header className="space-y-2">
        <h1 className="text-2xl font-bold text-ameli-900">{t('title')}</h1>
        <p className="max-w-3xl text-slate-700">{t('lead')}</p>
      </header>
      {notice.erreur ? (
        <Alert tone="error" live>
          {t(notice.erreur === 'oauth.consent.expired' ? 'errors.expired' : 'errors.notYourBeneficiary')}
        </Alert>
      ) : null}
      <form method="post" action={`/compte/partage/autoriser/${request.uid}/decision`} className="space-y-6">
        <Card title={t('appTitle')}>
          <dl className="grid gap-2 text-sm sm:grid-cols-[10rem_1fr]">
            <dt className="font-semibold">{t('appName')}</dt>
            <dd>{request.app.name}</dd>
            <dt className="font-semibold">{t('website')}</dt>
            <dd>{request.app.website}</dd>
            <dt className="font-semibold">{t('developer')}</dt>
            <dd>{request.app.developer}</dd>
            <dt className="font-semibold">{t('contact')}</dt>
            <dd>{request.app.contactEmail}</dd>
          </dl>
        </Card>
        <Card title={t('whatTitle')}>
          <ul className="list-disc space-y-1 pl-5 text-sm">
            {request.scopes.map((s) => (
              <li key={s}>{t(`scopes.${s.slice(8, -3)}` as 'title')}</li>
            ))}
          </ul>
          {request.offline ? <p className="mt-3 text-sm text-slate-700">{t('offline')}</p> : null}
        </Card>
        <Card title={t('whoTitle')}>
          <fieldset className="space-y-2 text-sm">
            <legend className="mb-2 text-slate-700">{t('whoLead')}</legend>
            {request.persons.map((p) =>
              p.id === null ? (
                <p key="self">
                  <input type="checkbox" defaultChecked disabled aria-label={`${p.name} (${t('self')})`} className="mr-2" /> {p.name} ({t('self')})
                </p>
              ) : (
                <p key={p.id}>
                  <label>
                    <input type="checkbox" name="beneficiaries" value={p.id} className="mr-2" />
                    {p.name}, {t('born', { date: date.format(new Date(`${p.birthDate}T00:00:00Z`)) })}
                  </label>
                </p>
              ),
            )}
          </fieldset>
        </Card>
        <Card title={t('durationTitle')}>
          <fieldset className="flex flex-wrap gap-4 text-sm">
            <legend className="sr-only">{t('durationTitle')}</legend>
            {CONSENT_DURATIONS.map((d) => (
              <label key={d}>
                <input type="radio" name="days" value={d} defaultChecked={d === 90} className="mr-2" />
                {t('days', { days: d })}
              </label>
            ))}
          </fieldset>
        </Card>
        <div className="flex flex-wrap gap-3">
          <Button type="submit" name="decision" value="allow">
            {t('allow')}
          </Button>
          <Button type="submit" name="decision" value="refuse" variant="secondary">
            {t('refuse')}
          </Button>
        </div>
      </form>
    </div>
  )
}
