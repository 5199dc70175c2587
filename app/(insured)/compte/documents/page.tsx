import { frenchOf, monthYearLabel } from '@/lib/domain/french'
import type { Metadata } from 'next'
import Link from 'next/link'
import { getLocale, getTranslations } from 'next-intl/server'
import { z } from 'zod'
import { requireInsured } from '@/lib/auth/session'
import { getDb } from '@/lib/db/client'
import { todayOf } from '@/lib/services/procedures/common'
import { listIssuedAttestations } from '@/lib/services/documents/list-issued-attestations'
import { listAllowanceYears, statementMonths, taxYears } from '@/lib/services/documents/statements'
import { formatVerificationCode } from '@/lib/services/documents/verification-code'
import { Alert } from '@/components/ui/alert'
import { Button, buttonClass } from '@/components/ui/button'
import { Card } from '@/components/ui/card'
import { fmtDate } from '@/components/format'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('documents'))('title') }
}

const ZSearch = z.object({ error: z.enum(['documents.errors.noRights', 'documents.errors.scope']).optional().catch(undefined) })


/** Mes documents: the attestation de droits (issued on request, with a verification code), monthly statements, tax statements. */
export default async function DocumentsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireInsured('/compte/documents')
  const { error } = ZSearch.parse(await searchParams)
  const db = getDb()
  const today = todayOf(new Date())
  const [issued, allowanceYears] = await Promise.all([listIssuedAttestations(db, { actor: user, today }), listAllowanceYears(db, user.insuredId)])
  const t = await getTranslations('documents')
  const locale = await getLocale()
  const months = statementMonths(today)
  return (
    <div className="space-y-6">
      <header className="space-y-2">
        <h1 className="text-2xl font-bold text-ameli-900">{t('title')}</h1>
        <p className="max-w-3xl text-slate-700">{t('lead')}</p>
      </header>
      {error ? (
        <Alert tone="error" live>
          {t(error === 'documents.errors.noRights' ? 'errors.noRights' : 'errors.scope')}
        </Alert>
      ) : null}

      <Card title={t('attestation.title')}>
        <p className="mb-4 max-w-3xl text-sm text-slate-700">{t('attestation.lead')}</p>
        <form method="post" action="/api/documents/attestations" className="space-y-4">
          <fieldset className="space-y-2">
            <legend className="font-semibold">{t('attestation.scopeLegend')}</legend>
            <label className="flex items-center gap-2">
              <input type="radio" name="scope" value="with-beneficiaries" defaultChecked className="size-4" />
              {t('attestation.withBeneficiaries')}
            </label>
            <label className="flex items-center gap-2">
              <input type="radio" name="scope" value="insured" className="size-4" />
              {t('attestation.insuredOnly')}
            </label>
          </fieldset>
          <Button type="submit">{t('attestation.download')}</Button>
        </form>
        {issued.length > 0 ? (
          <div className="mt-6 overflow-x-auto">
            <table className="w-full min-w-[36rem] text-left text-sm">
              <caption className="mb-2 text-left font-semibold text-ameli-900">{t('attestation.issuedCaption')}</caption>
              <thead className="border-b border-slate-300">
                <tr>
                  <th scope="col" className="py-2 pr-3">{t('attestation.issuedOn')}</th>
                  <th scope="col" className="py-2 pr-3">{t('attestation.scope')}</th>
                  <th scope="col" className="py-2 pr-3">{t('attestation.code')}</th>
                  <th scope="col" className="py-2 pr-3">{t('attestation.validUntil')}</th>
                  <th scope="col" className="py-2 pr-3">{t('attestation.status')}</th>
                  <th scope="col" className="py-2"><span className="sr-only">{t('attestation.actions')}</span></th>
                </tr>
              </thead>
              <tbody>
                {issued.map((d) => (
                  <tr key={d.id} className="border-b border-slate-100">
                    <td className="py-2 pr-3">
                      {fmtDate(d.issuedAt.toISOString().slice(0, 10), locale)}
                      {d.issuedById ? <span className="block text-xs text-slate-600">{t('attestation.byCaisse')}</span> : null}
                    </td>
                    <td className="py-2 pr-3">{t(d.scope === 'insured' ? 'attestation.insuredOnlyShort' : 'attestation.withBeneficiariesShort')}</td>
                    <td className="py-2 pr-3 font-mono">{formatVerificationCode(d.verificationCode)}</td>
                    <td className="py-2 pr-3">{fmtDate(d.validUntil, locale)}</td>
                    <td className="py-2 pr-3">{t(`attestation.statuses.${d.status}`)}</td>
                    <td className="py-2">
                      <a href={`/api/documents/attestations/${d.id}`} download>
                        {t('attestation.again')}
                        <span className="sr-only"> {t('attestation.ofDate', { date: fmtDate(d.issuedAt.toISOString().slice(0, 10), locale) })}</span>
                      </a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        <p className="mt-4 text-sm">
          <Link href="/verifier-attestation">{t('attestation.verifyLink')}</Link>
        </p>
      </Card>

      <Card title={t('monthly.title')}>
        <p className="mb-4 max-w-3xl text-sm text-slate-700">{t('monthly.lead')}</p>
        <ul className="grid grid-cols-1 gap-2 sm:grid-cols-2 lg:grid-cols-3" aria-label={t('monthly.listLabel')}>
          {months.map((m, i) => (
            <li key={m}>
              <a href={`/api/documents/releves/${m}`} download className={buttonClass('secondary', 'w-full justify-between')}>
                <span>{t('monthly.link', { month: monthYearLabel(m, locale === 'en' ? 'en' : 'fr'), ofMonth: frenchOf(monthYearLabel(m, 'fr')) })}</span>
                <span className="text-xs font-normal">{i === 0 ? t('monthly.current') : 'PDF'}</span>
              </a>
            </li>
          ))}
        </ul>
      </Card>

      <Card title={t('tax.title')}>
        <p className="mb-4 max-w-3xl text-sm text-slate-700">{t('tax.lead')}</p>
        <ul className="space-y-2">
          {taxYears(today).map((y) => (
            <li key={y} className="flex flex-wrap items-center gap-3">
              <a href={`/api/documents/attestation-fiscale/${y}`} download className={buttonClass('secondary')}>
                {t('tax.link', { year: y })}
              </a>
              <span className="text-sm text-slate-700">{allowanceYears.includes(y) ? t('tax.hasAllowances') : t('tax.noAllowances')}</span>
            </li>
          ))}
        </ul>
      </Card>
    </div>
  )
}
