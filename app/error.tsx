'use client'

import Link from 'next/link'
import { useErrorStrings } from '@/components/shell/error-strings'

/**
 * Any unexpected failure of a page: a clear, translated message and a way out; never a stack trace. The strings are
 * translated on the server by the root layout (lib/i18n/error-page-strings.ts), so no page loads next-intl's client
 * runtime for this screen.
 */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const s = useErrorStrings()
  if (!s) throw error // outside the root layout: Next's own global error screen
  return (
    <div className="mx-auto max-w-xl space-y-4 py-10">
      <h1 className="text-2xl font-bold text-ameli-900">{s.title}</h1>
      <p>{s.text}</p>
      {error.digest ? <p className="text-sm text-slate-600">{s.referenceBefore}{error.digest}{s.referenceAfter}</p> : null}
      <div className="flex flex-wrap gap-3">
        <button type="button" onClick={reset} className="min-h-11 rounded-md bg-ameli-700 px-4 py-2 text-sm font-semibold text-white hover:bg-ameli-800">
          {s.retry}
        </button>
        <Link href="/" className="inline-flex min-h-11 items-center">{s.home}</Link>
      </div>
    </div>
  )
}
