import type { ReactNode } from 'react'

type Column = ReactNode | { label: ReactNode; className?: string }

const STYLES = {
  /** Back-office lists: framed, tinted header row. */
  boxed: { wrapper: 'overflow-x-auto rounded-lg border border-slate-300 bg-white', table: 'w-full text-left text-sm', head: 'border-b border-slate-300 bg-ameli-50', th: 'px-3 py-2' },
  /** Lists inside a page section: no frame, thick header rule. */
  plain: { wrapper: 'overflow-x-auto', table: 'w-full border-collapse bg-white text-left text-sm', head: 'border-b-2 border-slate-300', th: 'p-2' },
} as const

/** Row classes that go with each style, for the callers' <tr>. */
export const dataRowClass = { boxed: 'border-b border-slate-200 last:border-0', plain: 'border-b border-slate-200' } as const

function isLabelled(c: Column): c is { label: ReactNode; className?: string } {
  return typeof c === 'object' && c !== null && 'label' in c
}

/**
 * A table with a caption only screen readers hear, one header row of column headers (scope="col") and the caller's
 * rows as body. `className` adds to the table (e.g. a min-width), `wrapperClassName` to the scrolling box.
 */
export function DataTable({
  caption,
  columns,
  variant = 'boxed',
  className = '',
  wrapperClassName = '',
  children,
}: {
  caption: string
  columns: Column[]
  variant?: keyof typeof STYLES
  className?: string
  wrapperClassName?: string
  children: ReactNode
}) {
  const s = STYLES[variant]
  return (
    <div className={`${s.wrapper} ${wrapperClassName}`.trim()}>
      <table className={`${s.table} ${className}`.trim()}>
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className={s.head}>
            {columns.map((c, i) => (
              <th key={i} scope="col" className={isLabelled(c) && c.className ? `${s.th} ${c.className}` : s.th}>
                {isLabelled(c) ? c.label : c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  )
}
