import type { Metadata } from 'next'
import Link from 'next/link'
import { getLocale, getTranslations } from 'next-intl/server'
import type { ReactNode } from 'react'
import { requireInsured } from '@/lib/auth/session'
import { getProfilePage, type TProfilePage } from '@/lib/services/profile/get-profile'
import { maskIban } from '@/lib/domain/iban'
import { SignOutEverywhere } from '@/components/auth/sign-out-everywhere'
import { ActiveSessions } from '@/components/auth/active-sessions'
import { listOwnSessions } from '@/lib/services/auth/list-sessions'
import { ContactChangeForm } from '@/components/profile/contact-change-form'
import { buttonClass } from '@/components/ui/button'
import { Card } from '@/components/ui/card'
import { fmtDate, fmtNir } from '@/components/format'
import { SituationCard, complementaryText } from '@/components/situations/situation-card'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('profile'))('title') }
}

type TT = Awaited<ReturnType<typeof getTranslations<'profile'>>>

function Facts({ items }: { items: [string, ReactNode][] }) {
  return (
    <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-[minmax(10rem,auto)_1fr]">
      {items.map(([label, value]) => (
        <div key={label} className="contents">
          <dt className="font-semibold text-slate-700">{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  )
}

/** "Modifier" link to the procedure page, or "en cours" with the open procedure's reference. */
function ChangeLink({ open, href, label, t }: { open: { reference: string } | undefined; href: string; label: string; t: TT }) {
  if (open)
    return (
      <p className="mt-4 flex flex-wrap items-center gap-2 text-sm">
        <span className="rounded-full bg-warn-50 px-3 py-1 font-semibold text-warn-800">{t('inProgress')}</span>
        <span>{t('inProgressText', { reference: open.reference })}</span>
        <Link href="/compte/demarches">{t('followProcedures')}</Link>
      </p>
    )
  return (
    <p className="mt-4">
      <Link href={href} className={buttonClass('secondary')}>
        {label}
      </Link>
    </p>
  )
}

function rightsOf(kinds: readonly string[], t: TT): string {
  return [t('rights.base'), ...kinds.map((k) => t.has(`rights.${k}`) ? t(`rights.${k}` as 'rights.base') : k)].join(' · ')
}

function cardsOf(cards: TProfilePage['profile']['cards'], t: TT): string {
  if (cards.length === 0) return t('cards.none')
  return cards.map((c) => `${t(c.kind === 'ehic' ? 'cards.ehic' : 'cards.vitale')} : ${t.has(`cards.status.${c.status}`) ? t(`cards.status.${c.status}` as 'cards.none') : c.status}`).join(' · ')
}

/** Mon profil: identity (read-only), contact details (changed at once with a code), address, bank details, doctor, mutuelle, beneficiaries. */
export default async function ProfilePage() {
  const user = await requireInsured('/compte/profil')
  const now = new Date()
  const [page, sessions] = await Promise.all([getProfilePage({ actor: user, now }), listOwnSessions({ actor: user, now })])
  if (!page) return null
  const { profile: p, pending, coverageInForce, situation } = page
  const t = await getTranslations('profile')
  const locale = await getLocale()
  const openOf = (type: string) => p.procedures.find((x) => x.type === type)
  const lastName = p.usualName ?? p.birthName
  const pendingOf = (c: string) => pending.find((x) => x.channel === c)
  const complementary = situation.complementary
  const cssCover = complementary?.kind === 'css' ? await complementaryText(complementary, locale) : null
  return (
    <div className="space-y-6">
      <header className="space-y-2">
        <h1 className="text-2xl font-bold text-ameli-900">{t('title')}</h1>
        <p className="max-w-3xl text-slate-700">{t('lead')}</p>
      </header>
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title={t('identity.title')}>
          <Facts
            items={[
              [t('identity.lastName'), lastName.toUpperCase()],
              ...(p.usualName ? [[t('identity.birthName'), p.birthName.toUpperCase()] as [string, ReactNode]] : []),
              [t('identity.firstNames'), p.firstNames],
              [t('identity.birthDate'), fmtDate(p.birthDate, locale)],
              [t('identity.birthPlace'), p.birthPlace ? `${p.birthPlace} (${p.birthCountry})` : p.birthCountry],
              [t('identity.nir'), <span key="nir" className="font-mono">{fmtNir(p.nir, p.nirKey)}</span>],
              [t('identity.caisse'), `${p.organisation.name} (${p.organisation.code})`],
            ]}
          />
          <p className="mt-3 text-sm text-slate-700">{t('identity.readOnly')}</p>
          <ChangeLink open={openOf('name-change')} href="/compte/demarches/nom-usage" label={t('identity.changeName')} t={t} />
        </Card>

        <Card title={t('contact.title')}>
          <Facts items={[[t('contact.email'), p.email ?? t('none')], [t('contact.phone'), p.phone ?? t('none')]]} />
          <div className="mt-4 space-y-6">
            <section aria-labelledby="change-email">
              <h3 id="change-email" className="mb-2 border-t border-slate-200 pt-4 font-semibold text-ameli-900">{t('contact.changeEmail')}</h3>
              {pendingOf('email') ? <p className="text-sm text-slate-700">{t('contact.pending', { value: pendingOf('email')!.newValue })}</p> : null}
              <ContactChangeForm channel="email" />
            </section>
            <section aria-labelledby="change-phone">
              <h3 id="change-phone" className="mb-2 border-t border-slate-200 pt-4 font-semibold text-ameli-900">{t('contact.changePhone')}</h3>
              {pendingOf('phone') ? <p className="text-sm text-slate-700">{t('contact.pending', { value: pendingOf('phone')!.newValue })}</p> : null}
              <ContactChangeForm channel="phone" />
            </section>
          </div>
        </Card>

        <Card title={t('address.title')}>
          <address className="text-sm not-italic">
            {[p.addressLine1, p.addressLine2, `${p.postalCode} ${p.city}`, p.country !== 'FR' ? p.country : null].filter(Boolean).map((l) => (
              <span key={l} className="block">{l}</span>
            ))}
          </address>
          <ChangeLink open={openOf('address-change')} href="/compte/demarches/adresse" label={t('address.change')} t={t} />
        </Card>

        <Card title={t('bank.title')}>
          <Facts
            items={[
              [t('bank.iban'), p.iban ? <span key="iban" className="font-mono">{maskIban(p.iban)}</span> : t('bank.missing')],
              [t('bank.bic'), p.bic ?? t('none')],
              [t('bank.holder'), p.bankHolder ?? t('none')],
            ]}
          />
          <ChangeLink open={openOf('bank-change')} href="/compte/demarches/coordonnees-bancaires" label={t('bank.change')} t={t} />
        </Card>

        <Card title={t('doctor.title')}>
          {p.doctor ? (
            <Facts items={[[t('doctor.name'), [p.doctor.title, p.doctor.firstName, p.doctor.lastName].filter(Boolean).join(' ')], [t('doctor.city'), p.doctor.city], [t('doctor.declaredOn'), fmtDate(p.doctorDeclaredOn, locale)]]} />
          ) : (
            <p className="text-sm">{t('doctor.none')}</p>
          )}
          <ChangeLink open={openOf('doctor-declaration')} href="/compte/demarches/medecin-traitant" label={p.doctor ? t('doctor.change') : t('doctor.declare')} t={t} />
        </Card>

        <Card title={t('mutuelle.title')}>
          {cssCover ? (
            <p className="text-sm font-semibold" data-testid="profile-complementary">{cssCover}</p>
          ) : p.mutuelleName ? (
            <Facts items={[[t('mutuelle.name'), p.mutuelleName], [t('mutuelle.amc'), p.amcCode ?? t('none')], [t('mutuelle.kind'), t.has(`mutuelle.kinds.${p.complementaryKind}`) ? t(`mutuelle.kinds.${p.complementaryKind}` as 'mutuelle.name') : p.complementaryKind]]} />
          ) : (
            <p className="text-sm">{t('mutuelle.none')}</p>
          )}
          <p className="mt-3 text-sm text-slate-700">{t('mutuelle.howToChange')}</p>
        </Card>
      </div>

      <SituationCard overview={situation} locale={locale} headingId="profile-situation-title" />

      <Card title={t('beneficiaries.title')}>
        {p.beneficiaries.length === 0 ? (
          <p className="text-sm">{t('beneficiaries.none')}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full min-w-[40rem] text-left text-sm">
              <caption className="sr-only">{t('beneficiaries.caption')}</caption>
              <thead className="border-b border-slate-300">
                <tr>
                  <th scope="col" className="py-2 pr-3">{t('beneficiaries.name')}</th>
                  <th scope="col" className="py-2 pr-3">{t('beneficiaries.rank')}</th>
                  <th scope="col" className="py-2 pr-3">{t('beneficiaries.birthDate')}</th>
                  <th scope="col" className="py-2 pr-3">{t('beneficiaries.rights')}</th>
                  <th scope="col" className="py-2">{t('beneficiaries.cards')}</th>
                </tr>
              </thead>
              <tbody>
                <tr className="border-b border-slate-100">
                  <th scope="row" className="py-2 pr-3 text-left font-normal">{p.firstNames} {lastName} <span className="text-slate-600">({t('beneficiaries.you')})</span></th>
                  <td className="py-2 pr-3">01</td>
                  <td className="py-2 pr-3">{fmtDate(p.birthDate, locale)}</td>
                  <td className="py-2 pr-3">{rightsOf(coverageInForce.insured, t)}</td>
                  <td className="py-2">{cardsOf(p.cards, t)}</td>
                </tr>
                {p.beneficiaries.map(({ rank, beneficiary: b }) => (
                  <tr key={b.id} className="border-b border-slate-100">
                    <th scope="row" className="py-2 pr-3 text-left font-normal">
                      <Link href={`/compte/beneficiaires/${b.id}`}>{b.firstNames} {b.lastName}</Link>
                    </th>
                    <td className="py-2 pr-3">{rank}</td>
                    <td className="py-2 pr-3">{fmtDate(b.birthDate, locale)}</td>
                    <td className="py-2 pr-3">{rightsOf(coverageInForce.beneficiaries[b.id] ?? [], t)}</td>
                    <td className="py-2">{cardsOf(b.cards, t)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <p className="mt-3 text-sm">
          <Link href="/compte/demarches/naissance">{t('beneficiaries.add')}</Link>
        </p>
      </Card>

      <Card title={t('privacy.title')}>
        <p className="mb-3 text-sm text-slate-700">{t('privacy.lead')}</p>
        <p className="mb-4">
          <Link href="/compte/mes-donnees">{t('privacy.link')}</Link>
        </p>
        <ActiveSessions sessions={sessions} currentId={user.sessionId} />
        <SignOutEverywhere />
      </Card>
    </div>
  )
}
