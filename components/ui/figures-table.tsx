/** One line of a reimbursement breakdown: its label (a row header), its amount, an optional note under the label. */
export type FigureRow = { key: string; label: string; value: string; strong?: boolean; note?: string }

/**
 * The breakdown of a care's reimbursement (fee, base, rate, what the Assurance Maladie pays…) as a two-column table
 * whose column headers only screen readers hear; `strong` rows are the totals.
 */
export function FiguresTable({
  caption,
  captionClassName,
  itemLabel,
  amountLabel,
  rows,
  testId,
}: {
  caption: string
  captionClassName: string
  itemLabel: string
  amountLabel: string
  rows: FigureRow[]
  testId?: string
}) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse text-sm" data-testid={testId}>
        <caption className={`mb-2 text-left font-semibold ${captionClassName}`}>{caption}</caption>
        <thead className="sr-only">
          <tr>
            <th scope="col">{itemLabel}</th>
            <th scope="col">{amountLabel}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key} className={`border-t ${row.strong ? 'border-slate-300 bg-ameli-50' : 'border-slate-200'}`}>
              <th scope="row" className={`py-2 pr-3 text-left align-top ${row.strong ? 'font-semibold text-slate-900' : 'font-normal text-slate-800'}`}>
                {row.label}
                {row.note ? <span className="mt-0.5 block text-xs font-normal text-slate-600">{row.note}</span> : null}
              </th>
              <td className={`whitespace-nowrap py-2 pl-2 pr-2 text-right align-top tabular-nums ${row.strong ? 'font-semibold text-slate-900' : 'text-slate-800'}`}>{row.value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
