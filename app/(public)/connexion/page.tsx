import type { Metadata } from 'next'
import Link from 'next/link'
import { redirect } from 'next/navigation'
import { getTranslations } from 'next-intl/server'
import { z } from 'zod'
import { getCurrentUser } from '@/lib/auth/session'
import { ZLocalPath } from '@/lib/schemas/navigation'
import { SIGN_IN_ERROR_PATTERN, signInErrorMessage } from '@/lib/auth/sign-in-error'
import { LoginForm } from '@/components/auth/login-form'
import { Alert } from '@/components/ui/alert'

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('login')
  return { title: t('title') }
}

const ZSearch = z.object({
  callbackUrl: ZLocalPath.optional().catch(undefined),
  // next-auth sends its errors here (?error=code) when JavaScript is off; only known codes are shown.
  error: z.string().regex(SIGN_IN_ERROR_PATTERN).optional().catch(undefined),
  status: z.enum(['signed-out', 'signed-out-everywhere', 'expired', 'password-reset']).optional().catch(undefined),
  tab: z.enum(['insured', 'staff']).optional().catch(undefined),
})

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const search = ZSearch.parse(await searchParams)
  const user = await getCurrentUser()
  if (user) redirect('/apres-connexion')
  const t = await getTranslations('login')
  const te = await getTranslations('errors')
  const ta = await getTranslations('activation.login')
  const errorMessage = search.error ? signInErrorMessage(te, search.error) : null
  const statusMessage =
    search.status === 'signed-out' ? t('signedOut') : search.status === 'signed-out-everywhere' ? t('signedOutEverywhere') : search.status === 'expired'
          ? t('sessionExpired')
          : search.status === 'password-reset'
            ? t('passwordReset')
            : null
  return (
    <div className="mx-auto max-w-lg space-y-6">
      <h1 className="text-3xl font-bold text-ameli-900">{t('title')}</h1>
      {statusMessage ? <Alert tone="success">{statusMessage}</Alert> : null}
      {errorMessage ? <Alert tone="error" title={t('errorTitle')}>{errorMessage}</Alert> : null}
      <LoginForm callbackUrl={search.callbackUrl ?? '/apres-connexion'} initialTab={search.tab ?? 'insured'} />
      <p>
        <Link href="/mot-de-passe-oublie" className="font-semibold">{t('forgotLink')}</Link>
        <span className="block text-sm text-slate-700">{t('forgotSelfText')}</span>
      </p>
      <section className="rounded-lg border border-slate-200 bg-white p-5 text-sm">
        <h2 className="mb-1 font-semibold text-ameli-900">{ta('activateTitle')}</h2>
        <p>{ta('activateText')}</p>
        <p className="mt-2"><Link href="/activer-mon-compte" className="font-semibold">{ta('activateLink')}</Link></p>
      </section>
      <section className="rounded-lg bg-ameli-50 p-5 text-sm">
        <h2 className="mb-1 font-semibold text-ameli-900">{t('noAccount')}</h2>
        <p>{t('noAccountText')}</p>
        <p className="mt-2"><Link href="/affiliation">{t('noAccountLink')}</Link></p>
      </section>
      <section className="rounded-lg border border-slate-200 bg-white p-5 text-sm">
        <h2 className="mb-1 font-semibold text-ameli-900">{t('forgotTitle')}</h2>
        <p>{t('forgotText')}</p>
      </section>
      <p className="text-xs text-slate-600">{t('demoHint')}</p>
    </div>
  )
}
