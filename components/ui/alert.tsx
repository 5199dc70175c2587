import type { ReactNode } from 'react'

type Tone = 'info' | 'warning' | 'error' | 'success'

const tones: Record<Tone, string> = {
  info: 'border-ameli-600 bg-ameli-50 text-ameli-900',
  warning: 'border-amber-500 bg-warn-50 text-warn-800',
  error: 'border-danger-700 bg-danger-50 text-danger-700',
  success: 'border-ok-700 bg-ok-50 text-ok-700',
}

/** A message box. `live` makes screen readers announce it (errors after a submit). */
export function Alert({ tone = 'info', title, children, live = false }: { tone?: Tone; title?: string; children: ReactNode; live?: boolean }) {
  return (
    <div className={`rounded-md border-l-4 p-4 text-sm ${tones[tone]}`} role={live ? (tone === 'error' ? 'alert' : 'status') : undefined}>
      {title ? <p className="mb-1 font-semibold">{title}</p> : null}
      <div>{children}</div>
    </div>
  )
}
