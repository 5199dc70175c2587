import type { Metadata } from 'next'
import Link from 'next/link'
import { cache, type ReactNode } from 'react'
import { notFound } from 'next/navigation'
import { getLocale, getTranslations } from 'next-intl/server'
import { requireInsured } from '@/lib/auth/session'
import { parisToday } from '@/lib/domain/paris-today'
import type { CalendarDate } from '@/lib/domain/dates'
import { isAppError } from '@/lib/errors'
import { getBeneficiary, type TBeneficiaryView } from '@/lib/services/profile/beneficiary'
import { buttonClass } from '@/components/ui/button'
import { Card } from '@/components/ui/card'
import { fmtDate, fmtNir } from '@/components/format'

type Params = { id: string }

/** Once per request (the metadata and the page both need the beneficiary). */
const load = cache(async (id: string): Promise<TBeneficiaryView> => {
  const user = await requireInsured(`/compte/beneficiaires/${encodeURIComponent(id)}`)
  try {
    return await getBeneficiary({
      actor: { id: user.id, role: user.role, insuredId: user.insuredId, organisationId: user.organisationId },
      beneficiaryId: id,
      today: parisToday(new Date()) as CalendarDate,
    })
  } catch (error) {
    if (isAppError(error) && error.status === 404) notFound()
    throw error
  }
})

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const b = await load((await params).id)
  return { title: `${b.firstNames} ${b.lastName}` }
}

function Facts({ items }: { items: [string, ReactNode][] }) {
  return (
    <dl className="grid grid-cols-1 gap-x-6 text-sm sm:grid-cols-[minmax(9rem,auto)_1fr] sm:gap-y-2">
      {items.map(([label, value]) => (
        <div key={label} className="contents">
          <dt className="font-semibold text-slate-700">{label}</dt>
          <dd className="mb-2 min-w-0 break-words sm:mb-0">{value}</dd>
        </div>
      ))}
    </dl>
  )
}

/**
 * One beneficiary of the signed-in person (issue 4 §4): identity, rank, the rights they hold through the insured
 * person with their special situations, cards and card orders, médecin traitant, and the related actions (their
 * payments, a Vitale card, an EHIC, the attestation). Someone else's beneficiary is "not found" (no hint it exists).
 */
export default async function BeneficiaryPage({ params }: { params: Promise<Params> }) {
  const b = await load((await params).id)
  const t = await getTranslations('beneficiaryPage')
  const tp = await getTranslations('profile')
  const ti = await getTranslations('insured')
  const locale = (await getLocale()) === 'en' ? 'en' : 'fr'
  const date = (d: string | null) => fmtDate(d, locale)
  const name = b.firstNames.split(' ')[0]!
  const label = (ns: typeof t | typeof tp | typeof ti, key: string, fallback: string) => (ns.has(key as never) ? ns(key as never) : fallback)

  return (
    <div className="space-y-6">
      <header className="space-y-2">
        <p>
          <Link href="/compte/profil" className="text-sm font-semibold">← {t('back')}</Link>
        </p>
        <h1 className="text-2xl font-bold text-ameli-900 sm:text-3xl">{b.firstNames} {b.lastName}</h1>
        <p className="max-w-3xl text-slate-700">{t('lead', { insured: b.insured.name, rank: b.rank })}</p>
      </header>

      <div className="grid gap-6 lg:grid-cols-2">
        <Card title={t('identityTitle')}>
          <Facts
            items={[
              [t('lastName'), b.lastName.toUpperCase()],
              [t('firstNames'), b.firstNames],
              [t('birthDate'), t('birthDateValue', { date: date(b.birthDate), age: b.age })],
              [t('nir'), b.ownNir ? <span key="nir" className="font-mono">{fmtNir(b.ownNir.nir, b.ownNir.key ?? undefined)}</span> : t('nirOfInsured', { insured: b.insured.name })],
              [t('rank'), b.rank],
              [t('relationship'), label(t, `relationships.${b.relationship}`, b.relationship)],
              [t('insured'), b.insured.name],
              [t('attachedSince'), date(b.attachedSince)],
            ]}
          />
        </Card>

        <Card title={t('rightsTitle')}>
          <p className="mb-3">
            <span className={`rounded-full px-3 py-1 text-sm font-semibold ${b.rights.open ? 'bg-green-50 text-green-800' : 'bg-warn-50 text-warn-800'}`} data-testid="rights-status">
              {b.rights.open ? t('rightsOpen') : t('rightsClosed')}
            </span>
          </p>
          <Facts
            items={[
              [t('rightsPeriod'), b.rights.to ? t('rightsFromTo', { from: date(b.rights.from), to: date(b.rights.to) }) : t('rightsFrom', { from: date(b.rights.from) })],
              [t('regime'), label(ti, `regimes.${b.insured.regime}`, b.insured.regime)],
              [t('caisse'), `${b.insured.caisse.name} (${b.insured.caisse.code})`],
            ]}
          />
          <p className="mt-3 text-sm text-slate-700">{t('rightsNote')}</p>
          <h3 className="mb-2 mt-4 border-t border-slate-200 pt-4 font-semibold text-ameli-900">{t('situationsTitle')}</h3>
          {b.coverages.length === 0 ? (
            <p className="text-sm">{t('situationsNone')}</p>
          ) : (
            <div className="overflow-x-auto">
              <table className="w-full text-left text-sm">
                <caption className="sr-only">{t('situationsCaption', { name })}</caption>
                <thead className="border-b border-slate-300">
                  <tr>
                    <th scope="col" className="py-2 pr-3">{t('situation')}</th>
                    <th scope="col" className="py-2 pr-3">{t('situationPeriod')}</th>
                    <th scope="col" className="py-2">{t('situationState')}</th>
                  </tr>
                </thead>
                <tbody>
                  {b.coverages.map((c) => (
                    <tr key={`${c.kind}-${c.from}`} className="border-b border-slate-100 align-top">
                      <th scope="row" className="py-2 pr-3 text-left font-normal">
                        {label(tp, `rights.${c.kind}`, c.kind)}
                        {c.label && c.kind === 'ald' ? <span className="block text-slate-600">{c.label}</span> : null}
                      </th>
                      <td className="py-2 pr-3">{c.to ? t('rightsFromTo', { from: date(c.from), to: date(c.to) }) : t('rightsFrom', { from: date(c.from) })}</td>
                      <td className="py-2">{t(`states.${c.state}`)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Card>

        <Card title={t('cardsTitle')}>
          {b.cards.length === 0 ? (
            <p className="text-sm">{t('cardsNone')}</p>
          ) : (
            <ul className="space-y-2 text-sm" data-testid="beneficiary-cards">
              {b.cards.map((c) => (
                <li key={c.serialNumber} className="rounded-md border border-slate-200 p-3">
                  <span className="font-semibold">{tp(c.kind === 'ehic' ? 'cards.ehic' : 'cards.vitale')}</span> ·{' '}
                  <span className={c.usable ? 'text-green-800' : 'text-warn-800'}>
                    {c.status === 'active' && !c.usable ? t('cardOutdated') : label(tp, `cards.status.${c.status}`, c.status)}
                  </span>
                  <span className="block text-slate-700">
                    <span className="font-mono">{t('cardSerial', { serial: c.serialNumber })}</span> · {t('cardIssued', { date: date(c.issuedOn) })}
                    {c.validUntil ? ` · ${t('cardValidUntil', { date: date(c.validUntil) })}` : ''}
                  </span>
                </li>
              ))}
            </ul>
          )}
          {b.cardOrders.length > 0 ? (
            <>
              <h3 className="mb-2 mt-4 font-semibold text-ameli-900">{t('ordersTitle')}</h3>
              <ul className="list-disc space-y-1 pl-5 text-sm">
                {b.cardOrders.map((o) => (
                  <li key={o.reference}>
                    {t('order', { card: tp(o.kind === 'ehic' ? 'cards.ehic' : 'cards.vitale'), status: label(t, `orderStatus.${o.status}`, o.status), reference: o.reference })}
                    {o.estimatedDelivery ? `, ${t('orderDelivery', { date: date(o.estimatedDelivery) })}` : ''}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <div className="mt-4 flex flex-col items-start gap-3">
            {b.canOrderVitale ? (
              <Link href={`/compte/demarches/carte-vitale?pour=${encodeURIComponent(b.id)}`} className={buttonClass('secondary')}>
                {t('orderVitale', { name })}
              </Link>
            ) : (
              <p className="text-sm text-slate-700">{b.age < b.vitaleMinAge ? t('vitaleTooYoung', { age: b.vitaleMinAge }) : t('vitaleNotNeeded')}</p>
            )}
            <Link href="/compte/demarches/ceam" className="text-sm font-semibold">{t('orderEhic')}</Link>
          </div>
        </Card>

        <Card title={t('doctorTitle')}>
          <p className="text-sm">{b.doctorOptional ? t('doctorOptional', { name }) : t('doctorNeeded', { name })}</p>
        </Card>
      </div>

      <Card title={t('actionsTitle')}>
        <ul className="space-y-2">
          <li>
            <Link href={`/compte/paiements?who=${encodeURIComponent(b.id)}`} className="font-semibold">{t('payments', { name })}</Link>
          </li>
          <li>
            <Link href="/compte/documents" className="font-semibold">{t('attestation')}</Link>
          </li>
          <li>
            <Link href="/compte/demarches/naissance" className="font-semibold">{t('newBorn')}</Link>
          </li>
        </ul>
      </Card>
    </div>
  )
}
