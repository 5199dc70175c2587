export interface BarShare {
  key: string
  label: string
  cents: number
  /** The formatted amount, e.g. "16,50 €". */
  amount: string
}

/** Fill and text colours (text ≥ 4.5:1 on its fill), told apart by lightness too, not by hue alone. */
const STYLES = ['bg-ameli-700 text-white', 'bg-sky-200 text-ameli-900', 'bg-amber-300 text-slate-900'] as const
/** A pattern on the legend swatches, so the parts can be told apart without colour. */
const MARKS = ['', 'bg-[repeating-linear-gradient(45deg,transparent_0_4px,rgba(7,39,92,.35)_4px_6px)]', 'bg-[radial-gradient(rgba(15,23,42,.45)_1px,transparent_1.5px)] bg-[length:5px_5px]'] as const

/**
 * A horizontal stacked bar splitting a total into parts (who pays what). Pure CSS. The bar itself is hidden
 * from assistive technologies: the legend below says the same in text, with amounts and percentages.
 */
export function ShareBar({ caption, shares, locale }: { caption: string; shares: BarShare[]; locale: 'fr' | 'en' }) {
  const positive = shares.map((s) => ({ ...s, cents: Math.max(0, s.cents) }))
  const total = positive.reduce((sum, s) => sum + s.cents, 0)
  const percent = new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'fr-FR', { style: 'percent', maximumFractionDigits: 0 })
  const share = (cents: number) => (total > 0 ? cents / total : 0)

  return (
    <figure className="space-y-3">
      <figcaption className="text-sm text-slate-700">{caption}</figcaption>
      {total > 0 ? (
        <div aria-hidden="true" className="flex h-11 w-full overflow-hidden rounded-md bg-slate-100 ring-1 ring-slate-300">
          {positive.map((s, i) =>
            s.cents > 0 ? (
              <div
                key={s.key}
                style={{ width: `${share(s.cents) * 100}%` }}
                className={`flex min-w-1 items-center justify-center overflow-hidden whitespace-nowrap text-sm font-semibold ${STYLES[i % STYLES.length]} ${MARKS[i % MARKS.length]} ${i > 0 ? 'border-l-2 border-white' : ''}`}
              >
                {share(s.cents) >= 0.14 ? percent.format(share(s.cents)) : ''}
              </div>
            ) : null,
          )}
        </div>
      ) : null}
      <ul className="divide-y divide-slate-200">
        {positive.map((s, i) => (
          <li key={s.key} className="flex items-center gap-3 py-1.5">
            <span aria-hidden="true" className={`inline-block size-4 shrink-0 rounded-sm ring-1 ring-slate-400 ${STYLES[i % STYLES.length]} ${MARKS[i % MARKS.length]}`} />
            <span className="min-w-0 flex-1 text-slate-800">{s.label}</span>
            <span className="whitespace-nowrap text-right tabular-nums">
              <span className="font-semibold text-slate-900">{s.amount}</span> <span className="text-sm text-slate-600">({percent.format(share(s.cents))})</span>
            </span>
          </li>
        ))}
      </ul>
    </figure>
  )
}
