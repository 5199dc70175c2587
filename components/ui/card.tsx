import type { ReactNode } from 'react'

export function Card({ title, children, headingLevel = 2, className = '' }: { title?: string; children: ReactNode; headingLevel?: 2 | 3; className?: string }) {
  const H = headingLevel === 2 ? 'h2' : 'h3'
  return (
    <section className={`rounded-lg border border-slate-200 bg-white p-5 shadow-sm ${className}`}>
      {title ? <H className="mb-3 text-lg font-semibold text-ameli-900">{title}</H> : null}
      {children}
    </section>
  )
}
