import type { Metadata } from 'next'
import Link from 'next/link'
import { getTranslations } from 'next-intl/server'
import { parisToday } from '@/lib/domain/paris-today'
import { PasswordResetForm } from '@/components/auth/password-reset-form'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('security.reset'))('title') }
}

/** Public page (issue 13 item 5): forgotten password, self-service, with a code sent to the contact on file. */
export default async function ForgottenPasswordPage() {
  const t = await getTranslations('security.reset')
  return (
    <div className="mx-auto max-w-lg space-y-6">
      <header className="space-y-2">
        <h1 className="text-3xl font-bold text-ameli-900">{t('title')}</h1>
        <p className="text-slate-700">{t('lead')}</p>
      </header>
      <PasswordResetForm maxBirthDate={parisToday(new Date())} />
      <p className="text-sm text-slate-700">{t('help')}</p>
      <p>
        <Link href="/connexion" className="font-semibold">{t('back')}</Link>
      </p>
    </div>
  )
}
