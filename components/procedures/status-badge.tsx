export type TStatusTone = 'progress' | 'action' | 'done' | 'refused'

/** How a status reads at a glance: in progress, waiting for the person, done, refused or cancelled. */
export function statusTone(status: string, expected: string): TStatusTone {
  if (expected !== 'none' || status === 'waiting-document') return 'action'
  if (['completed', 'approved', 'delivered'].includes(status)) return 'done'
  if (['rejected', 'cancelled'].includes(status)) return 'refused'
  return 'progress'
}

const tones: Record<TStatusTone, string> = {
  progress: 'border-ameli-600 bg-ameli-50 text-ameli-900',
  action: 'border-amber-600 bg-warn-50 text-warn-800',
  done: 'border-ok-700 bg-ok-50 text-ok-700',
  refused: 'border-danger-700 bg-danger-50 text-danger-700',
}

export function StatusBadge({ tone, label }: { tone: TStatusTone; label: string }) {
  return <span className={`inline-block rounded-full border px-3 py-0.5 text-sm font-semibold ${tones[tone]}`}>{label}</span>
}
