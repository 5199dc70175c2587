'use client'

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'

export type TChartMonth = { month: string; charged: number; amoPaid: number; complementary: number }

/**
 * Spending and reimbursements per month (recharts). Decorative for assistive technologies: the page gives the same
 * figures in a table (caption, headers) right below, so the chart is hidden from them.
 */
export function MonthlyChart({ months, labels, locale }: { months: TChartMonth[]; labels: { charged: string; amoPaid: string; complementary: string }; locale: 'fr' | 'en' }) {
  const tag = locale === 'en' ? 'en-GB' : 'fr-FR'
  const euros = new Intl.NumberFormat(tag, { style: 'currency', currency: 'EUR' })
  // The axis in the page's language: "1 000 €" (fr), "€1,000" (en); months "oct. 26" / "Oct 26".
  const short = new Intl.NumberFormat(tag, { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 })
  const monthName = new Intl.DateTimeFormat(tag, { month: 'short', year: '2-digit', timeZone: 'UTC' })
  const data = months.map((m) => ({
    label: monthName.format(new Date(`${m.month}-01T00:00:00Z`)),
    charged: m.charged / 100,
    amoPaid: m.amoPaid / 100,
    complementary: m.complementary / 100,
  }))
  return (
    <div aria-hidden="true" className="h-72 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" stroke="#cbd5e1" />
          <XAxis dataKey="label" tick={{ fontSize: 12, fill: '#334155' }} interval="preserveStartEnd" />
          <YAxis tickFormatter={(v: number) => short.format(v)} tick={{ fontSize: 12, fill: '#334155' }} width={64} />
          <Tooltip formatter={(v) => euros.format(Number(v))} />
          <Legend />
          <Bar dataKey="charged" name={labels.charged} fill="#94a3b8" />
          <Bar dataKey="amoPaid" name={labels.amoPaid} fill="#0c419a" />
          <Bar dataKey="complementary" name={labels.complementary} fill="#d97706" />
        </BarChart>
      </ResponsiveContainer>
    </div>
  )
}
