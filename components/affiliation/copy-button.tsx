'use client'

import { useState, useSyncExternalStore } from 'react'
import { buttonClass } from '@/components/ui/button'

const noop = () => () => {}

/** Copies a text (the request number) to the clipboard; shown only with JavaScript (the number itself is selectable). */
export function CopyButton({ text, label, done }: { text: string; label: string; done: string }) {
  const enhanced = useSyncExternalStore(noop, () => true, () => false)
  const [copied, setCopied] = useState(false)
  if (!enhanced) return null
  return (
    <span className="inline-flex items-center gap-3">
      <button
        type="button"
        className={buttonClass('secondary')}
        onClick={async () => {
          try {
            await navigator.clipboard.writeText(text)
            setCopied(true)
          } catch {
            setCopied(false)
          }
        }}
      >
        {label}
      </button>
      <span role="status" className="text-sm font-semibold text-ok-700">
        {copied ? done : ''}
      </span>
    </span>
  )
}
