import Link from 'next/link'
import { getLocale, getTranslations } from 'next-intl/server'
import { buttonClass } from '@/components/ui/button'
import { fmtDate, fmtMoney } from '@/components/format'
import { parisToday } from '@/lib/domain/paris-today'
import { homeExample } from '@/lib/services/simulation/home-example'
import { getRuleEngine } from '@/lib/services/simulation/rule-engine'

export default async function HomePage() {
  const t = await getTranslations('public')
  const locale = (await getLocale()) === 'en' ? 'en' : 'fr'
  // The worked example is computed by the engine with today's rules (issue 17 §4: it never goes stale).
  const example = homeExample({ engine: await getRuleEngine(), today: parisToday(new Date()) })
  const money = (c: number) => fmtMoney(c, locale)
  const features = [t('featurePayments'), t('featureDocuments'), t('featureProcedures'), t('featureAdvisor')]
  return (
    <div className="space-y-10">
      <section className="rounded-xl bg-white p-8 shadow-sm ring-1 ring-slate-200">
        <h1 className="text-3xl font-bold text-ameli-900 sm:text-4xl">{t('heroTitle')}</h1>
        <p className="mt-4 max-w-3xl text-lg text-slate-700">{t('heroLead')}</p>
        <div className="mt-6 flex flex-wrap gap-3">
          <Link href="/connexion" className={buttonClass('primary')}>{t('ctaSignIn')}</Link>
          <Link href="/simulateur" className={buttonClass('secondary')}>{t('ctaSimulator')}</Link>
          <Link href="/regles" className={buttonClass('secondary')}>{t('ctaRules')}</Link>
        </div>
      </section>
      <section aria-labelledby="features">
        <h2 id="features" className="mb-4 text-xl font-semibold text-ameli-900">{t('featuresTitle')}</h2>
        <ul className="grid gap-4 sm:grid-cols-2">
          {features.map((f) => (
            <li key={f} className="rounded-lg border border-slate-200 bg-white p-5">{f}</li>
          ))}
        </ul>
      </section>
      <div className="grid gap-4 md:grid-cols-2">
        <section className="rounded-lg bg-ameli-50 p-6" aria-labelledby="example">
          <h2 id="example" className="mb-2 text-lg font-semibold text-ameli-900">{t('exampleTitle')}</h2>
          {example ? (
            <div data-testid="home-example" className="space-y-2">
              <p>
                {t('exampleComputed', {
                  fee: money(example.fee),
                  tariffFrom: fmtDate(example.tariffFrom ?? example.today, locale),
                  rate: example.rate,
                  amoGross: money(example.amoGross),
                  participation: money(example.participation),
                  amoPaid: money(example.amoPaid),
                  complementary: money(example.complementary),
                  patient: money(example.patient),
                })}
              </p>
              <p className="text-sm text-slate-700">
                {t('exampleRules', { today: fmtDate(example.today, locale) })}{' '}
                <Link href="/regles" className="font-semibold underline">
                  {t('exampleRulesLink')}
                </Link>
              </p>
            </div>
          ) : (
            <p>{t('exampleUnavailable')}</p>
          )}
        </section>
        <section className="rounded-lg bg-ameli-50 p-6" aria-labelledby="newcomers">
          <h2 id="newcomers" className="mb-2 text-lg font-semibold text-ameli-900">{t('newcomersTitle')}</h2>
          <p>{t('newcomersText')}</p>
        </section>
      </div>
    </div>
  )
}
