import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { getLocale, getTranslations } from 'next-intl/server'
import { requireInsured } from '@/lib/auth/session'
import { isAppError } from '@/lib/errors'
import type { CalendarDate } from '@/lib/domain/dates'
import { parisToday } from '@/lib/domain/paris-today'
import { getInsuredHome, type THomeAlert } from '@/lib/services/home/get-insured-home'
import { getRuleSet } from '@/lib/services/simulation/rule-engine'
import { Alert } from '@/components/ui/alert'
import { DeductionTracker } from '@/components/payments/deduction-tracker'
import { Card } from '@/components/ui/card'
import { buttonClass } from '@/components/ui/button'
import { fmtDate, fmtMoney, fmtNir } from '@/components/format'
import { SituationCard, complementaryText } from '@/components/situations/situation-card'
import { dateTimeFormat } from '@/lib/domain/intl-cache'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('nav'))('home') }
}

export default async function InsuredHome() {
  const user = await requireInsured('/compte')
  const actor = { id: user.id, role: user.role, insuredId: user.insuredId, organisationId: user.organisationId }
  const now = new Date()
  const home = await getInsuredHome({ actor, today: parisToday(now) as CalendarDate, now, rules: await getRuleSet() }).catch((error: unknown) => {
    if (isAppError(error) && error.status === 404) notFound()
    throw error
  })
  const { overview } = home
  const t = await getTranslations('insured')
  const th = await getTranslations('insuredHome')
  const tt = await getTranslations('procedureTypes')
  const ta = await getTranslations('activation.home')
  const locale = await getLocale()
  const alertText = (a: THomeAlert): string => {
    switch (a.kind) {
      case 'card-blocked':
        return th('alert.card-blocked', { person: a.person })
      case 'card-replacement':
        return a.due ? th('alert.card-replacement', { person: a.person, date: fmtDate(a.due, locale) }) : th('alert.card-replacementNoDate', { person: a.person })
      case 'rights-ending':
        return th('alert.rights-ending', { date: fmtDate(a.to, locale) })
      case 'coverage-ending':
        return th('alert.coverage-ending', { coverage: th.has(`alert.coverages.${a.coverage}`) ? th(`alert.coverages.${a.coverage}` as 'alert.coverages.css') : a.coverage, person: a.person, date: fmtDate(a.to, locale) })
      default:
        return th(`alert.${a.kind}`)
    }
  }
  const alertLink = (a: THomeAlert) =>
    a.kind === 'no-iban' ? { href: '/compte/demarches/coordonnees-bancaires', label: th('alert.no-ibanLink') } : a.kind === 'card-blocked'
        ? { href: '/compte/demarches/carte-vitale', label: th('alert.card-blockedLink') }
        : a.kind === 'card-replacement'
          ? { href: '/compte/demarches', label: th('alert.card-replacementLink') }
          : null
  const complementary = await complementaryText(home.situation.complementary, locale)
  const dateTime = dateTimeFormat(locale === 'en' ? 'en-GB' : 'fr-FR', { dateStyle: 'full', timeStyle: 'short', timeZone: 'Europe/Paris' })

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-3xl font-bold text-ameli-900">{t('homeTitle', { name: `${overview.firstNames.split(' ')[0]} ${overview.lastName}` })}</h1>
        <p className="text-slate-700">{t('homeLead')}</p>
      </div>

      {home.alerts.length > 0 ? (
        <section aria-labelledby="alerts" className="space-y-2">
          <h2 id="alerts" className="sr-only">{th('alertsTitle')}</h2>
          {home.alerts.map((a, i) => {
            const link = alertLink(a)
            return (
              <Alert key={`${a.kind}-${i}`} tone={a.kind === 'affiliation' ? 'info' : 'warning'}>
                {alertText(a)}
                {link ? (
                  <>
                    {' '}
                    <Link href={link.href} className="font-semibold underline">{link.label}</Link>
                  </>
                ) : null}
              </Alert>
            )
          })}
        </section>
      ) : null}

      {home.firstVitale === 'invite' ? (
        <section aria-labelledby="first-vitale" className="flex flex-col gap-3 rounded-lg border-l-4 border-ameli-600 bg-ameli-50 p-5 sm:flex-row sm:items-center sm:justify-between" data-testid="first-vitale">
          <div className="space-y-1">
            <h2 id="first-vitale" className="text-xl font-semibold text-ameli-900">{ta('firstVitaleTitle')}</h2>
            <p className="text-slate-800">{ta('firstVitaleText')}</p>
          </div>
          <Link href="/compte/demarches/carte-vitale" className={buttonClass('primary', 'shrink-0 no-underline')}>{ta('firstVitaleLink')}</Link>
        </section>
      ) : home.firstVitale === 'temporary' ? (
        <Alert tone="info">{ta('temporaryVitale')}</Alert>
      ) : null}

      <div className="grid gap-6 md:grid-cols-3">
        <Card title={th('appointmentTitle')}>
          {home.nextAppointment ? (
            <div className="space-y-1 text-sm">
              <p className="font-semibold">{th('appointmentAt', { date: dateTime.format(home.nextAppointment.startsAt) })}</p>
              <p>{home.nextAppointment.place.name}</p>
              <p className="text-slate-700">{home.nextAppointment.place.addressLine1}, {home.nextAppointment.place.postalCode} {home.nextAppointment.place.city}</p>
            </div>
          ) : (
            <p className="text-sm text-slate-700">{th('noAppointment')}</p>
          )}
          <p className="mt-3 text-sm"><Link href="/compte/agenda" className="font-semibold">{th('agendaLink')}</Link></p>
        </Card>
        <Card title={th('proceduresTitle')}>
          {home.procedures.length === 0 ? (
            <p className="text-sm text-slate-700">{th('noProcedures')}</p>
          ) : (
            <ul className="space-y-1 text-sm">
              {home.procedures.slice(0, 4).map((p) => (
                <li key={p.id}>{th('procedureLine', { type: tt.has(p.type) ? tt(p.type as 'css') : p.type, reference: p.reference })}</li>
              ))}
            </ul>
          )}
          <p className="mt-3 text-sm"><Link href="/compte/demarches" className="font-semibold">{th('proceduresLink')}</Link></p>
        </Card>
        <Card title={th('messagesTitle')}>
          <p className="text-sm" data-testid="unread-messages">{th('unread', { count: home.unreadMessages })}</p>
          <p className="mt-3 text-sm"><Link href="/compte/messagerie" className="font-semibold">{th('messagesLink')}</Link></p>
        </Card>
      </div>

      <SituationCard overview={home.situation} locale={locale} />

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
              <dd data-testid="home-complementary">{complementary ?? t('noMutuelle')}</dd>
            </div>
          </dl>
        </Card>

        <Card title={th('latestPayments')}>
          {overview.latestPayments.length === 0 ? (
            <p className="text-sm text-slate-700">{th('noPayments')}</p>
          ) : (
            <ul className="divide-y divide-slate-200 text-sm" data-testid="latest-payments">
              {overview.latestPayments.map((p) => (
                <li key={p.id} className="flex justify-between gap-3 py-2">
                  <span>
                    {p.status === 'scheduled' ? th('scheduledOn', { date: fmtDate(p.paidOn, locale) }) : fmtDate(p.paidOn, locale)} · {th.has(`paymentKind.${p.kind}`) ? th(`paymentKind.${p.kind}` as 'paymentKind.refund') : p.kind}
                  </span>
                  <span className="font-semibold tabular-nums">{fmtMoney(p.amount, locale)}</span>
                </li>
              ))}
            </ul>
          )}
          <p className="mt-3 text-sm"><Link href="/compte/paiements" className="font-semibold">{th('allPayments')}</Link></p>
        </Card>
      </div>

      <DeductionTracker tracker={home.deductions} locale={locale === 'en' ? 'en' : 'fr'} />

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
