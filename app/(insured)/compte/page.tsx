import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { getLocale, getTranslations } from 'next-intl/server'
import { requireInsured } from '@/lib/auth/session'
import { getDb } from '@/lib/db/client'
import { getInsuredOverview } from '@/lib/db/repositories/insured'
import { Alert } from '@/components/ui/alert'
import { Card } from '@/components/ui/card'
import { fmtDate, fmtMoney, fmtNir } from '@/components/format'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('nav'))('home') }
}

export default async function InsuredHome() {
  const user = await requireInsured('/compte')
  const overview = await getInsuredOverview(getDb(), user.insuredId)
  if (!overview) notFound()
  const t = await getTranslations('insured')
  const locale = await getLocale()

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-3xl font-bold text-ameli-900">{t('homeTitle', { name: `${overview.firstNames.split(' ')[0]} ${overview.lastName}` })}</h1>
        <p className="text-slate-700">{t('homeLead')}</p>
      </div>

      {!overview.hasIban || overview.affiliationStatus !== 'active' ? (
        <section aria-labelledby="alerts" className="space-y-2">
          <h2 id="alerts" className="sr-only">{t('alerts')}</h2>
          {!overview.hasIban ? <Alert tone="warning">{t('alertNoIban')}</Alert> : null}
          {overview.affiliationStatus !== 'active' ? <Alert tone="info">{t('alertAffiliation')}</Alert> : null}
        </section>
      ) : null}

      <div className="grid gap-6 md:grid-cols-2">
        <Card title={t('identityCard')}>
          <dl className="grid grid-cols-1 gap-x-6 gap-y-3 text-sm sm:grid-cols-2">
            <div>
              <dt className="text-xs font-semibold uppercase tracking-wide text-slate-600">{t('nir')}</dt>
              <dd className="whitespace-nowrap font-mono" data-testid="insured-nir">{fmtNir(overview.nir, overview.nirKey)}</dd>
            </div>
            <div>
              <dt className="text-xs font-semibold uppercase tracking-wide text-slate-600">{t('caisse')}</dt>
              <dd>{overview.caisse.name} · {t('caisseCode', { code: overview.caisse.code })}</dd>
            </div>
            <div>
              <dt className="text-xs font-semibold uppercase tracking-wide text-slate-600">{t('regime')}</dt>
              <dd>{t(`regimes.${overview.regime}` as 'regimes.general')}</dd>
            </div>
            <div>
              <dt className="text-xs font-semibold uppercase tracking-wide text-slate-600">{t('rights')}</dt>
              <dd>
              {t('rightsFrom', { date: fmtDate(overview.rightsFrom, locale) })}
              {overview.rightsTo ? ` · ${t('rightsUntil', { date: fmtDate(overview.rightsTo, locale) })}` : ''}
            </dd>
            </div>
            <div>
              <dt className="text-xs font-semibold uppercase tracking-wide text-slate-600">{t('doctor')}</dt>
              <dd>{overview.doctor ? `${overview.doctor.name} (${overview.doctor.city})` : t('noDoctor')}</dd>
            </div>
            <div>
              <dt className="text-xs font-semibold uppercase tracking-wide text-slate-600">{t('mutuelle')}</dt>
              <dd>{overview.mutuelle ? `${overview.mutuelle.name}${overview.mutuelle.amcCode ? ` · AMC ${overview.mutuelle.amcCode}` : ''}` : t('noMutuelle')}</dd>
            </div>
          </dl>
        </Card>

        <Card title={t('latestPayments')}>
          {overview.latestPayments.length === 0 ? (
            <p className="text-sm text-slate-700">{t('noPayments')}</p>
          ) : (
            <ul className="divide-y divide-slate-200 text-sm">
              {overview.latestPayments.map((p) => (
                <li key={p.id} className="flex justify-between py-2">
                  <span>{fmtDate(p.paidOn, locale)}</span>
                  <span className="font-semibold">{fmtMoney(p.amount, locale)}</span>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>

      <Card title={t('beneficiaries')}>
        {overview.beneficiaries.length === 0 ? (
          <p className="text-sm text-slate-700">{t('noBeneficiaries')}</p>
        ) : (
          <ul className="grid gap-3 sm:grid-cols-2">
            {overview.beneficiaries.map((b) => (
              <li key={b.id} className="rounded-md border border-slate-200 p-3 text-sm">
                <Link href={`/compte/beneficiaires/${b.id}`} className="font-semibold">{b.firstNames} {b.lastName}</Link>
                <p className="text-slate-700">{t('bornOn', { date: fmtDate(b.birthDate, locale) })} · {t('rank', { rank: b.rank })}</p>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  )
}
