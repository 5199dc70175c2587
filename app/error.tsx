'use client'

import Link from 'next/link'
import { useTranslations } from 'next-intl'

/** Any unexpected failure of a page: a clear, translated message and a way out; never a stack trace. */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations('errors.page')
  return (
    <div className="mx-auto max-w-xl space-y-4 py-10">
      <h1 className="text-2xl font-bold text-ameli-900">{t('title')}</h1>
      <p>{t('text')}</p>
      {error.digest ? <p className="text-sm text-slate-600">{t('reference', { digest: error.digest })}</p> : null}
      <div className="flex flex-wrap gap-3">
        <button type="button" onClick={reset} className="min-h-11 rounded-md bg-ameli-700 px-4 py-2 text-sm font-semibold text-white hover:bg-ameli-800">
          {t('retry')}
        </button>
        <Link href="/" className="inline-flex min-h-11 items-center">{t('home')}</Link>
      </div>
    </div>
  )
}
