import type { Metadata } from 'next'
import Link from 'next/link'
import { getLocale, getTranslations } from 'next-intl/server'
import { requireStaffEnrolling } from '@/lib/auth/session'
import { fmtDateTime } from '@/lib/forms/staff-page'
import { getTotpEnrolment } from '@/lib/services/auth/totp-enrolment'
import { TotpEnrolmentForm } from '@/components/auth/totp-enrolment-form'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('security.totp'))('title') }
}

/**
 * Staff two-factor sign-in (issue 13 item 6): enrolment with a QR code (otpauth:// URI) and the key as text; once on,
 * the date and the number of unused recovery codes. Advisors and supervisors who have not enrolled land here first.
 */
export default async function TotpPage() {
  const user = await requireStaffEnrolling()
  const t = await getTranslations('security.totp')
  const locale = await getLocale()
  const view = await getTotpEnrolment({ actor: { id: user.id, role: user.role, insuredId: user.insuredId, organisationId: user.organisationId } })
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <header className="space-y-2">
        <h1 className="text-3xl font-bold text-ameli-900">{t('title')}</h1>
        <p className="text-slate-700">{t('lead')}</p>
      </header>
      {view.enabled ? (
        <section className="space-y-2 rounded-lg border border-slate-200 bg-white p-5">
          <h2 className="text-lg font-semibold text-ameli-900">{t('enabledTitle')}</h2>
          <p>{t('enabledSince', { date: fmtDateTime(view.enabledAt, locale), count: view.recoveryCodesLeft })}</p>
          <p>
            <Link href="/conseiller" className="font-semibold">{t('continue')}</Link>
          </p>
        </section>
      ) : (
        <>
          <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-5">
            <p className="font-semibold">{t('step1')}</p>
            {/* eslint-disable-next-line @next/next/no-img-element -- a generated data: URL, nothing to optimise */}
            <img src={`data:image/svg+xml;base64,${Buffer.from(view.qrSvg).toString('base64')}`} alt={t('qrAlt')} width={200} height={200} className="h-50 w-50" />
            <p>{t('manual')}</p>
            <p className="font-mono text-lg break-all" data-testid="totp-secret">{view.secret.replace(/(.{4})/g, '$1 ').trim()}</p>
          </section>
          <section className="space-y-3">
            <p className="font-semibold">{t('step2')}</p>
            <TotpEnrolmentForm />
          </section>
        </>
      )}
    </div>
  )
}
