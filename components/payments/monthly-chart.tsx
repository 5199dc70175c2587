import { chartScale } from './chart-scale'
import { dateTimeFormat, numberFormat } from '@/lib/domain/intl-cache'
import { formatEuros } from '@/lib/domain/money'

export type TChartMonth = { month: string; charged: number; amoPaid: number; complementary: number }

type TSeries = 'charged' | 'amoPaid' | 'complementary'
const SERIES: { key: TSeries; fill: string }[] = [
  { key: 'charged', fill: '#64748b' },
  { key: 'amoPaid', fill: '#0c419a' },
  { key: 'complementary', fill: '#b45309' },
]

// The drawing's own units (the SVG scales to its box; below 40rem the box scrolls sideways instead of shrinking the text).
const WIDTH = 800
const HEIGHT = 300
const LEFT = 72
const RIGHT = 28
const TOP = 12
const BOTTOM = 36
/** Coordinates to a tenth of a unit (a 1/8000 of the width): the same drawing, without 15-digit numbers in the page twice (HTML and RSC payload). */
const r1 = (n: number) => Math.round(n * 10) / 10

/**
 * Spending and reimbursements per month, drawn on the server as SVG (issue 15: no chart library sent to the phone).
 * Grouped bars per month (what was charged, what the Assurance Maladie paid, the complementary's share), a euro axis
 * with round steps in the page's language, a month label every few months, and each bar's exact amount in its
 * tooltip (`<title>`). For assistive technologies it is one image with a summary (`role="img"`, title and
 * description); the figures themselves are in the table below the chart.
 */
export function MonthlyChart({
  months,
  labels,
  locale,
  summary,
}: {
  months: TChartMonth[]
  labels: Record<TSeries, string>
  locale: 'fr' | 'en'
  /** One sentence for screen readers, e.g. "27 months; the table below gives every figure." */
  summary: string
}) {
  const tag = locale === 'en' ? 'en-GB' : 'fr-FR'
  const axis = numberFormat(tag, { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 })
  const monthName = dateTimeFormat(tag, { month: 'short', year: '2-digit', timeZone: 'UTC' })
  const max = Math.max(0, ...months.flatMap((m) => [m.charged, m.amoPaid, m.complementary]))
  const { top, ticks } = chartScale(max)
  const plotW = WIDTH - LEFT - RIGHT
  const plotH = HEIGHT - TOP - BOTTOM
  const slot = months.length > 0 ? plotW / months.length : plotW
  const bar = Math.max(1, (slot * 0.8) / SERIES.length)
  const y = (cents: number) => r1(TOP + plotH - (top === 0 ? 0 : (cents / top) * plotH))
  // At most ~9 month labels, so that they never overlap.
  const every = Math.max(1, Math.ceil(months.length / 9))
  const names = months.map((m) => monthName.format(new Date(`${m.month}-01T00:00:00Z`)))
  return (
    <figure className="space-y-2">
      {/* Focusable so that a keyboard can scroll it sideways on a phone (axe: scrollable-region-focusable). */}
      <div className="overflow-x-auto" tabIndex={0} role="group" aria-labelledby="monthly-chart-title">
        <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby="monthly-chart-title" aria-describedby="monthly-chart-desc" className="h-auto w-full min-w-[40rem]" data-testid="monthly-chart">
          <title id="monthly-chart-title">{`${labels.charged}, ${labels.amoPaid}, ${labels.complementary}`}</title>
          <desc id="monthly-chart-desc">{summary}</desc>
          {ticks.map((t) => (
            <g key={t}>
              <line x1={LEFT} x2={WIDTH - RIGHT} y1={y(t)} y2={y(t)} stroke="#cbd5e1" strokeDasharray={t === 0 ? undefined : '3 3'} />
              <text x={LEFT - 6} y={y(t)} dy="0.32em" textAnchor="end" fontSize="14" fill="#334155">
                {axis.format(t / 100)}
              </text>
            </g>
          ))}
          {/* Bars grouped by series (one fill per group rather than per bar): the same drawing, lighter. */}
          {SERIES.map((s, k) => (
            <g key={s.key} fill={s.fill}>
              {months.map((m, i) => {
                const value = m[s.key]
                const h = TOP + plotH - y(value)
                return (
                  <rect key={m.month} x={r1(LEFT + i * slot + slot * 0.1 + k * bar)} y={y(value)} width={r1(bar)} height={r1(Math.max(0, h))}>
                    <title>{`${names[i]} · ${labels[s.key]}${locale === 'fr' ? '\u00a0:' : ':'} ${formatEuros(value, locale)}`}</title>
                  </rect>
                )
              })}
            </g>
          ))}
          <g textAnchor="middle" fontSize="14" fill="#334155">
            {months.map((m, i) =>
              i % every === 0 ? (
                <text key={m.month} x={r1(LEFT + i * slot + slot / 2)} y={HEIGHT - BOTTOM + 18}>
                  {names[i]}
                </text>
              ) : null,
            )}
          </g>
        </svg>
      </div>
      <figcaption>
        <ul className="flex flex-wrap gap-x-5 gap-y-1 text-sm text-slate-800">
          {SERIES.map((s) => (
            <li key={s.key} className="flex items-center gap-2">
              <span aria-hidden="true" className="inline-block h-3 w-3 rounded-sm" style={{ backgroundColor: s.fill }} />
              {labels[s.key]}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  )
}
