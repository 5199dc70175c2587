import type { Metadata } from 'next'
import Link from 'next/link'
import { getLocale, getTranslations } from 'next-intl/server'
import { z } from 'zod'
import { findMyCpam } from '@/lib/services/agenda/find-my-cpam'
import type { TCaisseDto } from '@/lib/db/repositories/agenda'
import { fmtDate } from '@/components/format'
import { Alert } from '@/components/ui/alert'
import { buttonClass } from '@/components/ui/button'
import { OpeningHoursTable } from '@/components/agenda/opening-hours'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('cpamFinder'))('title') }
}

const ZSearch = z.object({ cp: z.string().max(20).optional().catch(undefined) })

async function CaisseCard({ caisse }: { caisse: TCaisseDto }) {
  const t = await getTranslations('cpamFinder')
  const locale = await getLocale()
  return (
    <section aria-labelledby={`caisse-${caisse.id}`} className="space-y-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <div>
        <h3 id={`caisse-${caisse.id}`} className="text-xl font-bold text-ameli-900">{caisse.name}</h3>
        <p className="text-sm text-slate-700">{t.has(`kind.${caisse.kind}`) ? t(`kind.${caisse.kind}`) : caisse.kind} · {t('departmentOf', { department: caisse.department })}</p>
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <div>
          <h4 className="font-semibold">{t('phoneTitle')}</h4>
          {caisse.phone === '3646' ? <p>{t('phone')}</p> : <p>{t('caissePhone', { phone: caisse.phone })}</p>}
          {caisse.englishPhone ? <p>{t('englishPhone', { phone: caisse.englishPhone })}</p> : null}
        </div>
        <div>
          <h4 className="font-semibold">{t('postalAddress')}</h4>
          <address className="not-italic">
            {caisse.addressLine1}
            {caisse.addressLine2 ? <>, {caisse.addressLine2}</> : null}
            <br />
            {caisse.postalCode} {caisse.city}
          </address>
        </div>
      </div>
      <h4 className="text-lg font-semibold text-ameli-900">{t('pointsTitle', { count: caisse.points.length })}</h4>
      {caisse.points.length === 0 ? <p>{t('noPoints')}</p> : null}
      <ul className="grid gap-4 md:grid-cols-2">
        {caisse.points.map((p) => (
          <li key={p.id} className="space-y-2 rounded-md border border-slate-200 p-4">
            <p className="font-semibold text-ameli-900">{p.name}</p>
            <address className="not-italic">
              {p.addressLine1}
              <br />
              {p.postalCode} {p.city}
            </address>
            <p className="text-sm">{p.byAppointment ? t('byAppointment') : t('walkInOnly')}</p>
            <OpeningHoursTable hours={p.hours} caption={t('hoursCaption', { name: p.name })} />
            {p.closedDays.length ? (
              <div className="text-sm">
                <p className="font-semibold">{t('closedDaysTitle')}</p>
                <ul className="list-disc pl-5">
                  {p.closedDays.slice(0, 4).map((d) => (
                    <li key={d.date}>
                      {fmtDate(d.date, locale)} : {d.reason}
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  )
}

/** "Trouver ma CPAM" (public, issue 6 §1): a GET form (works without JavaScript), the caisses of the department. */
export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { cp } = ZSearch.parse(await searchParams)
  const t = await getTranslations('cpamFinder')
  const result = await findMyCpam({ postalCode: cp, now: new Date() })
  const invalid = result.status === 'invalid'
  return (
    <div className="space-y-6">
      <div className="max-w-3xl space-y-2">
        <h1 className="text-3xl font-bold text-ameli-900">{t('title')}</h1>
        <p className="text-lg text-slate-700">{t('lead')}</p>
      </div>
      <form method="get" action="/trouver-ma-cpam" role="search" className="flex max-w-xl flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <div className="min-w-0 grow">
          <label htmlFor="cp" className="block font-semibold">{t('postalCodeLabel')}</label>
          <p id="cp-hint" className="text-sm text-slate-600">{t('postalCodeHint')}</p>
          {invalid ? (
            <p id="cp-error" className="mt-1 text-sm font-semibold text-danger-700">{t('invalid', { postalCode: result.postalCode })}</p>
          ) : null}
          <input
            id="cp"
            name="cp"
            inputMode="numeric"
            autoComplete="postal-code"
            maxLength={5}
            defaultValue={cp ?? ''}
            aria-invalid={invalid || undefined}
            aria-describedby={invalid ? 'cp-hint cp-error' : 'cp-hint'}
            className={`mt-1 block w-40 min-h-11 rounded-md border bg-white px-3 py-2 text-base ${invalid ? 'border-2 border-danger-700' : 'border-slate-500'}`}
          />
        </div>
        <button type="submit" className={buttonClass('primary')}>{t('submit')}</button>
      </form>

      {result.status === 'invalid' ? (
        <Alert tone="error" live>{t('invalid', { postalCode: result.postalCode })}</Alert>
      ) : null}
      {result.status === 'unknown' ? (
        <Alert tone="warning" live>
          {result.department ? t('unknown', { postalCode: result.postalCode, department: result.department }) : t('unknownNoDepartment', { postalCode: result.postalCode })}
        </Alert>
      ) : null}
      {result.status === 'found' ? (
        <section aria-labelledby="results" className="space-y-4">
          <h2 id="results" className="text-2xl font-semibold text-ameli-900" tabIndex={-1}>
            {t('resultsTitle', { postalCode: result.postalCode, department: result.department })}
          </h2>
          <p role="status">{t('resultsCount', { count: result.caisses.length })}</p>
          {result.caisses.map((c) => (
            <CaisseCard key={c.id} caisse={c} />
          ))}
          <p>
            <Link href="/compte/agenda" className={buttonClass('secondary')}>{t('bookCta')}</Link>
          </p>
        </section>
      ) : null}
    </div>
  )
}
