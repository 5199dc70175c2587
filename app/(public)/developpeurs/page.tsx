import type { Metadata } from 'next'
import { getTranslations } from 'next-intl/server'
import { RegisterAppForm } from '@/components/sharing/register-app-form'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('sharing.register'))('title') }
}

/** Developers register an app of the FHIR API (issue 18 §3); a supervisor approves it in the back-office. */
export default async function DevelopersPage() {
  const t = await getTranslations('sharing.register')
  return (
    <div className="space-y-6">
      <header className="space-y-2">
        <h1 className="text-2xl font-bold text-ameli-900">{t('title')}</h1>
        <p className="max-w-3xl text-slate-700">{t('lead')}</p>
        <p className="max-w-3xl text-sm text-slate-700">{t('docs')}</p>
      </header>
      <RegisterAppForm
        labels={{
          name: t('name'),
          website: t('website'),
          developer: t('developer'),
          contactEmail: t('contactEmail'),
          redirectUris: t('redirectUris'),
          redirectHint: t('redirectHint'),
          submit: t('submit'),
          done: t.raw('done') as string,
        }}
      />
    </div>
  )
}
