import { getTranslations } from 'next-intl/server'
import { fmtDate, fmtMoney } from '@/components/format'
import type { TComplementaryCover, TSituation, TSituationOverview } from '@/lib/domain/situations'

type TS = Awaited<ReturnType<typeof getTranslations<'situations'>>>

function datesOf(from: string | null, to: string | null, locale: string, t: TS): string | null {
  if (!from) return null
  return to ? t('fromTo', { from: fmtDate(from, locale), to: fmtDate(to, locale) }) : t('since', { from: fmtDate(from, locale) })
}

function levelOf(level: string | null, t: TS): string | null {
  return level === 'free' || level === 'participation' ? t(`levels.${level}`) : null
}

/** "Complémentaire santé solidaire gratuite, du 01/04/2026 au 31/03/2027" or the mutuelle's name; null = none. */
export async function complementaryText(cover: TComplementaryCover, locale: string): Promise<string | null> {
  if (!cover) return null
  if (cover.kind === 'mutuelle') return `${cover.name}${cover.amcCode ? ` · AMC ${cover.amcCode}` : ''}`
  const t = await getTranslations('situations')
  const level = levelOf(cover.level, t)
  const name = level ? t('complementary.css', { level }) : t('complementary.cssNoLevel')
  const dates = cover.to ? t('complementary.cssDates', { from: fmtDate(cover.from, locale), to: fmtDate(cover.to, locale) }) : t('complementary.cssSince', { from: fmtDate(cover.from, locale) })
  return `${name}, ${dates}`
}

function SituationItem({ s, locale, t }: { s: TSituation; locale: string; t: TS }) {
  const level = s.kind === 'css' ? levelOf(s.label, t) : null
  // ALD: the affection as stored; maternity and CSS labels are codes, shown through their own texts.
  const detail = s.kind === 'ald' || s.kind === 'work-accident' || s.kind === 'invalidity' ? s.label : null
  const dates = datesOf(s.from, s.to, locale, t)
  return (
    <li className="rounded-md border border-slate-200 p-3 text-sm" data-kind={s.kind}>
      <p className="flex flex-wrap items-center gap-2">
        <span className="rounded-full bg-ameli-50 px-2.5 py-0.5 font-semibold text-ameli-900">{t(`kinds.${s.kind}`)}</span>
        {level ? <span className="font-semibold">{level}</span> : null}
        {dates ? <span className="text-slate-700">{dates}</span> : null}
      </p>
      {detail ? <p className="mt-1 font-semibold">{detail}</p> : null}
      <p className="mt-1 text-slate-800">{t(`texts.${s.kind}`)}</p>
      {s.kind === 'css' && s.monthlyParticipation ? <p className="mt-1 text-slate-800">{t('participation', { amount: fmtMoney(s.monthlyParticipation, locale) })}</p> : null}
    </li>
  )
}

/**
 * "Ma situation": the situations in force today (ALD, maternity, CSS, AME, invalidity, work accident, Alsace-Moselle)
 * as a list of text badges (never colour alone), with their dates, and the exemption from participation and
 * franchises when there is one.
 */
export async function SituationCard({ overview, locale, headingId = 'situation-title' }: { overview: TSituationOverview; locale: string; headingId?: string }) {
  const t = await getTranslations('situations')
  return (
    <section aria-labelledby={headingId} className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm" data-testid="situation-card">
      <h2 id={headingId} className="text-lg font-semibold text-ameli-900">{t('title')}</h2>
      <p className="mb-3 text-sm text-slate-700">{t('lead')}</p>
      {overview.situations.length === 0 ? (
        <p className="text-sm">{t('none')}</p>
      ) : (
        <ul className="grid gap-3 sm:grid-cols-2">
          {overview.situations.map((s, i) => (
            <SituationItem key={`${s.kind}-${i}`} s={s} locale={locale} t={t} />
          ))}
        </ul>
      )}
      {overview.exemption ? <p className="mt-3 text-sm font-semibold">{t('exemptLead', { reason: t(`reasons.${overview.exemption}`) })}</p> : null}
    </section>
  )
}
