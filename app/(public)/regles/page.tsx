import type { Metadata } from 'next'
import Link from 'next/link'
import { getLocale, getTranslations } from 'next-intl/server'
import { fmtDate } from '@/components/format'
import { formatRuleValue, hostOf } from '@/components/rules/rule-value'
import { buttonClass } from '@/components/ui/button'
import { labelId, type PublicParameter, type PublicRuleRow } from '@/lib/domain/rules/rule-catalogue'
import { parisToday } from '@/lib/domain/paris-today'
import { isLocale, type Locale } from '@/lib/i18n/config'
import { PUBLIC_RULES_FIRST_DAY, PUBLIC_RULES_LAST_DAY } from '@/lib/schemas/rules'
import { listPublicRules } from '@/lib/services/rules/list-public-rules'

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('rulesPage')
  return { title: t('title'), description: t('metaDescription') }
}

type SearchParams = Record<string, string | string[] | undefined>
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)

/**
 * The public rules page (issue 16 item 7): every dated parameter in force on a chosen date (default: today in
 * Paris), grouped, each with its value in words, its official source and its whole history, as OpenFisca publishes
 * its parameters. A GET form: works without JavaScript (`/regles?date=2024-01-15`). No sign-in: the law is public.
 */
export default async function RulesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const raw = first((await searchParams).date)
  const rawLocale = await getLocale()
  const locale: Locale = isLocale(rawLocale) ? rawLocale : 'fr'
  const t = await getTranslations('rulesPage')
  const today = parisToday(new Date())
  const result = await listPublicRules({ date: raw, today })
  const shownValue = typeof raw === 'string' ? raw.slice(0, 20) : ''
  const date = result.ok ? result.date : null
  const label = (key: string) => (t.has(`labels.${labelId(key)}`) ? t(`labels.${labelId(key)}`) : key)
  const tv = (key: 'days' | 'years' | 'months' | 'minutes' | 'pixels' | 'yes' | 'no', values?: { n: number }) => t(`values.${key}`, values)
  const value = (p: PublicParameter, row: PublicRuleRow) => formatRuleValue(row.value, p.display, locale, tv)
  const collator = new Intl.Collator(locale)
  const count = result.ok ? result.groups.reduce((n, g) => n + g.parameters.length, 0) : 0

  return (
    <div className="min-w-0 space-y-8">
      <div className="max-w-3xl">
        <h1 className="text-3xl font-bold text-ameli-900">{t('title')}</h1>
        <p className="mt-3 text-lg text-slate-700">{t('lead')}</p>
      </div>

      <form method="get" action="/regles" className="max-w-xl space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-6" aria-labelledby="rules-form-title">
        <h2 id="rules-form-title" className="text-xl font-semibold text-ameli-900">{t('form.title')}</h2>
        <div className={result.ok ? undefined : 'border-l-4 border-danger-700 pl-3'}>
          <label htmlFor="f-date" className="block font-semibold text-slate-900">{t('form.date')}</label>
          <p id="f-date-hint" className="mt-0.5 text-sm text-slate-600">{t('form.dateHint')}</p>
          {result.ok ? null : (
            <p id="f-date-error" className="mt-1 text-sm font-semibold text-danger-700">
              {result.error === 'range' ? t('errors.range', { first: fmtDate(PUBLIC_RULES_FIRST_DAY, locale), last: fmtDate(PUBLIC_RULES_LAST_DAY, locale) }) : t('errors.date', { value: shownValue })}
            </p>
          )}
          <input
            id="f-date"
            name="date"
            type="date"
            min={PUBLIC_RULES_FIRST_DAY}
            max={PUBLIC_RULES_LAST_DAY}
            defaultValue={date ?? ''}
            aria-invalid={result.ok ? undefined : true}
            aria-describedby={result.ok ? 'f-date-hint' : 'f-date-hint f-date-error'}
            className="mt-1 block w-full max-w-xs rounded-md border border-slate-400 px-3 py-2 text-slate-900 focus:outline-2 focus:outline-ameli-700"
          />
        </div>
        <div className="flex flex-wrap items-center gap-4">
          <button type="submit" className={buttonClass('primary')}>{t('form.submit')}</button>
          {date !== today ? <Link href="/regles" className="font-semibold">{t('form.today')}</Link> : null}
        </div>
      </form>

      {result.ok ? null : (
        <div role="alert" aria-labelledby="rules-error-title" className="max-w-xl rounded-md border-l-4 border-danger-700 bg-danger-50 p-4 text-danger-700">
          <h2 id="rules-error-title" className="text-lg font-semibold">{t('errors.title')}</h2>
          <p className="mt-1">
            <a href="#f-date" className="font-semibold text-danger-700 underline">
              {result.error === 'range' ? t('errors.range', { first: fmtDate(PUBLIC_RULES_FIRST_DAY, locale), last: fmtDate(PUBLIC_RULES_LAST_DAY, locale) }) : t('errors.date', { value: shownValue })}
            </a>
          </p>
        </div>
      )}

      {result.ok ? (
        <section aria-labelledby="rules-in-force" className="space-y-6">
          <div>
            <h2 id="rules-in-force" className="text-2xl font-bold text-ameli-900">{t('inForceOn', { date: fmtDate(result.date, locale) })}</h2>
            <p className="mt-1 text-slate-700">{t('count', { count })}</p>
            <p className="mt-1 text-sm text-slate-600">{t('unconfirmedHelp')}</p>
            <p className="mt-1 text-sm text-slate-700">
              <Link href="/simulateur" className="font-semibold">{t('seeAlso')}</Link>
            </p>
          </div>
          {result.groups.length > 1 ? (
            <nav aria-labelledby="rules-toc" className="rounded-lg bg-ameli-50 p-4">
              <h3 id="rules-toc" className="font-semibold text-ameli-900">{t('toc')}</h3>
              <ul className="mt-2 grid gap-1 sm:grid-cols-2">
                {result.groups.map((g) => (
                  <li key={g.group}>
                    <a href={`#g-${g.group}`}>{t(`groups.${g.group}`)}</a> <span className="text-slate-600">({g.parameters.length})</span>
                  </li>
                ))}
              </ul>
            </nav>
          ) : null}
          {result.groups.map((g) => (
            <section key={g.group} id={`g-${g.group}`} aria-labelledby={`g-${g.group}-title`} className="min-w-0 rounded-lg border border-slate-200 bg-white p-3 shadow-sm sm:p-6">
              <h3 id={`g-${g.group}-title`} className="text-xl font-semibold text-ameli-900">{t(`groups.${g.group}`)}</h3>
              <p className="mt-1 text-sm text-slate-700">{t(`groupIntros.${g.group}`)}</p>
              <table className="rule-table">
                <caption className="sr-only">{t('table.caption', { group: t(`groups.${g.group}`), date: fmtDate(result.date, locale) })}</caption>
                <thead>
                  <tr className="border-b-2 border-slate-300">
                    <th scope="col" className="py-2 pr-2">{t('table.parameter')}</th>
                    <th scope="col" className="w-28 px-2 py-2 text-right sm:w-40">{t('table.value')}</th>
                  </tr>
                </thead>
                {[...g.parameters].sort((a, b) => collator.compare(label(a.key), label(b.key))).map((p) => (
                  <tbody key={p.key} id={`r-${labelId(p.key)}`}>
                    <tr>
                      <th scope="row">
                        <span className="label">{label(p.key)}</span>
                        <span className="since-short">
                          {t('table.since')} {fmtDate(p.current.from, locale)}
                        </span>
                      </th>
                      <td className="value">
                        {value(p, p.current)}
                        {p.current.unconfirmed ? <small>{t('unconfirmed')}</small> : null}
                      </td>
                    </tr>
                    <tr>
                      <td colSpan={2} className="more">
                        {p.current.url ? (
                          <a href={p.current.url} className="official" rel="noopener noreferrer external">
                            {t('official', { site: hostOf(p.current.url) })}
                          </a>
                        ) : (
                          <span className="text-slate-600">{t('noLink')}</span>
                        )}
                        <details>
                          <summary>{t('history.summary', { count: p.history.length })}</summary>
                          {p.history.length === 1 ? (
                            <p className="mt-1">
                              {t('history.single', { from: fmtDate(p.current.from, locale), value: value(p, p.current) })}
                              {p.current.reference ? <> · {p.current.reference}</> : null}
                            </p>
                          ) : (
                            <table className="rule-history">
                              <caption className="sr-only">{t('history.caption', { label: label(p.key) })}</caption>
                              <thead>
                                <tr>
                                  <th scope="col" className="w-[36%] sm:w-[30%]">{t('history.period')}</th>
                                  <th scope="col" className="value w-[22%] sm:w-[15%]">{t('history.value')}</th>
                                  <th scope="col">{t('history.reference')}</th>
                                </tr>
                              </thead>
                              <tbody>
                                {p.history.map((h) => (
                                  <tr key={h.from} className={h.state === 'inForce' ? 'in-force' : undefined}>
                                    <th scope="row">
                                      {h.until
                                        ? t.rich('history.between', { from: fmtDate(h.from, locale), to: fmtDate(h.until, locale), d: (chunks) => <span className="whitespace-nowrap">{chunks}</span> })
                                        : t.rich('history.since', { from: fmtDate(h.from, locale), d: (chunks) => <span className="whitespace-nowrap">{chunks}</span> })}
                                      <small>{t(`history.states.${h.state}`)}</small>
                                    </th>
                                    <td className="value">
                                      {value(p, h)}
                                      {h.unconfirmed ? <small className="unconfirmed">{t('unconfirmed')}</small> : null}
                                    </td>
                                    <td>
                                      {h.reference ? <>{h.reference} </> : null}
                                      {h.url ? <a href={h.url} rel="noopener noreferrer external">{hostOf(h.url)}</a> : null}
                                    </td>
                                  </tr>
                                ))}
                              </tbody>
                            </table>
                          )}
                        </details>
                      </td>
                    </tr>
                  </tbody>
                ))}
              </table>
            </section>
          ))}
        </section>
      ) : null}
    </div>
  )
}
