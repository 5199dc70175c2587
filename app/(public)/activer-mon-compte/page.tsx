import type { Metadata } from 'next'
import Link from 'next/link'
import { getTranslations } from 'next-intl/server'
import { parisToday } from '@/lib/domain/paris-today'
import { ActivationForm } from '@/components/auth/activation-form'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('activation.page'))('title') }
}

/**
 * Public page (seed 003): a person with a permanent number and no ameli account asks for the temporary 4-digit code
 * ("code provisoire") sent by SMS to the phone on file; a temporary number gets the seed's explanation.
 */
export default async function ActivateAccountPage() {
  const t = await getTranslations('activation.page')
  return (
    <div className="mx-auto max-w-5xl space-y-6">
      <header className="max-w-3xl space-y-2">
        <h1 className="text-3xl font-bold text-ameli-900">{t('title')}</h1>
        <p className="text-slate-700">{t('lead')}</p>
      </header>
      <div className="grid items-start gap-8 lg:grid-cols-12">
        <section aria-labelledby="activation-form-title" className="min-w-0 space-y-3 lg:col-span-7">
          <h2 id="activation-form-title" className="text-xl font-semibold text-ameli-900">{t('formTitle')}</h2>
          <ActivationForm maxBirthDate={parisToday(new Date())} />
        </section>
        <aside aria-labelledby="activation-help" className="min-w-0 space-y-3 rounded-lg bg-ameli-50 p-5 text-sm text-slate-800 lg:col-span-5">
          <h2 id="activation-help" className="text-lg font-semibold text-ameli-900">{t('helpTitle')}</h2>
          <ul className="list-disc space-y-2 pl-5">
            <li>{t('help1')}</li>
            <li>{t('help2')}</li>
            <li>{t('help3')}</li>
          </ul>
          <p>
            {t('help4')} <Link href="/affiliation" className="font-semibold">{t('affiliationLink')}</Link>
          </p>
        </aside>
      </div>
    </div>
  )
}
