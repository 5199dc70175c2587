import { getTranslations } from 'next-intl/server'

type THour = { weekday: number; opens: string; closes: string }

/** A reception point's week as a table: one row per day, its ranges (a lunch break shows as two ranges), or "closed". */
export async function OpeningHoursTable({ hours, caption, captionVisible = false }: { hours: THour[]; caption: string; captionVisible?: boolean }) {
  const t = await getTranslations('cpamFinder')
  const days = [1, 2, 3, 4, 5, 6, 7]
  return (
    <table className="w-full max-w-md text-left text-sm">
      <caption className={captionVisible ? 'mb-1 text-left font-semibold' : 'sr-only'}>{caption}</caption>
      <thead>
        <tr className="border-b border-slate-300">
          <th scope="col" className="py-1 pr-4 font-semibold">{t('dayCol')}</th>
          <th scope="col" className="py-1 font-semibold">{t('hoursCol')}</th>
        </tr>
      </thead>
      <tbody>
        {days.map((d) => {
          const ranges = hours.filter((h) => h.weekday === d).sort((a, b) => a.opens.localeCompare(b.opens))
          return (
            <tr key={d} className="border-b border-slate-100">
              <th scope="row" className="py-1 pr-4 font-medium">{t(`weekdays.${d}`)}</th>
              <td className="py-1">{ranges.length ? ranges.map((r) => t('range', { opens: r.opens, closes: r.closes })).join(t('and')) : <span className="text-slate-600">{t('closed')}</span>}</td>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}
