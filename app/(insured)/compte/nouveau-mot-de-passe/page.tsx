import type { Metadata } from 'next'
import { redirect } from 'next/navigation'
import { getTranslations } from 'next-intl/server'
import { requireInsuredSettingPassword } from '@/lib/auth/session'
import { signOutAction } from '@/app/actions/session'
import { FirstPasswordForm } from '@/components/auth/first-password-form'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('activation.newPassword'))('title') }
}

/**
 * After a sign-in with the temporary code (mustChangePassword), every insured page and action sends the person here
 * (lib/auth/session.ts requireUser); anonymous → sign-in, staff → 403, someone with a password already → /compte.
 */
export default async function NewPasswordPage() {
  const user = await requireInsuredSettingPassword()
  if (!user.mustChangePassword) redirect('/compte')
  const t = await getTranslations('activation.newPassword')
  return (
    <div className="mx-auto max-w-lg space-y-6">
      <header className="space-y-2">
        <h1 className="text-3xl font-bold text-ameli-900">{t('title')}</h1>
        <p className="text-slate-700">{t('lead')}</p>
      </header>
      <FirstPasswordForm />
      <form action={signOutAction}>
        <button type="submit" className="text-sm font-semibold text-ameli-800 underline">{t('signOut')}</button>
      </form>
    </div>
  )
}
