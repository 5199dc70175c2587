import type { Metadata } from 'next'
import { megabytes, UPLOAD_LIMITS } from '@/lib/domain/procedures/upload-limits'
import Link from 'next/link'
import { randomUUID } from 'node:crypto'
import { getLocale, getTranslations } from 'next-intl/server'
import { FORM_COUNTRIES } from '@/lib/domain/affiliation/countries'
import { AFFILIATION_DOCUMENTS, AFFILIATION_SITUATIONS } from '@/lib/domain/affiliation/documents'
import { AffiliationRequestForm, type TAffiliationFormLabels } from '@/components/affiliation/affiliation-request-form'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('affiliationPublic'))('title') }
}

const REASONS = ['identity', 'civilStatus', 'translation', 'legalStay', 'employment', 'selfEmployment', 'enrolment', 'jobSeeker', 'residence', 'familyLink', 'spouseRights', 'spouseResidence', 'bankDetails']

/** Public page (no sign-in): the PUMA affiliation request, open to anyone; the action checks everything again. */
export default async function AffiliationRequestPage() {
  const t = await getTranslations('affiliationPublic')
  const ta = await getTranslations('affiliation')
  const locale = (await getLocale()) === 'en' ? 'en' : 'fr'
  const names = new Intl.DisplayNames([locale], { type: 'region' })
  const countries = FORM_COUNTRIES.map((code) => ({ value: code, label: names.of(code) ?? code })).sort((a, b) => a.label.localeCompare(b.label, locale))
  const labels: TAffiliationFormLabels = {
    situations: Object.fromEntries(AFFILIATION_SITUATIONS.map((s) => [s, ta(`situations.${s}`)])),
    documents: Object.fromEntries(AFFILIATION_DOCUMENTS.map((d) => [d, ta(`documents.${d}`)])),
    reasons: Object.fromEntries(REASONS.map((r) => [r, ta(`documentReasons.${r}`)])),
  }
  const maxMegabytes = megabytes(UPLOAD_LIMITS.fileBytes)
  return (
    <div className="mx-auto max-w-3xl space-y-8">
      <header className="space-y-3">
        <h1 className="text-3xl font-bold text-ameli-900">{t('title')}</h1>
        {locale === 'en' ? <p lang="fr" className="font-semibold text-slate-700">{t('titleFr')}</p> : <p className="font-semibold text-slate-700">{t('titleFr')}</p>}
        <p className="text-lg text-slate-700">{t('lead')}</p>
      </header>
      {/* Once the request is sent, the confirmation stands alone under the title. */}
      <div className="grid gap-4 sm:grid-cols-3 [body:has([data-affiliation-done])_&]:hidden">
        {(['who', 'need', 'time'] as const).map((k) => (
          <div key={k} className="rounded-lg bg-ameli-50 p-4">
            <h2 className="mb-1 font-semibold text-ameli-900">{t(`intro.${k}Title`)}</h2>
            <p className="text-sm text-slate-800">{t(`intro.${k}`, { maxMegabytes })}</p>
          </div>
        ))}
      </div>
      <p className="[body:has([data-affiliation-done])_&]:hidden">
        <Link href="/affiliation/suivi" className="font-semibold">
          {t('intro.follow')} <span aria-hidden="true">→</span>
        </Link>
      </p>
      <AffiliationRequestForm idempotencyKey={randomUUID()} locale={locale} countries={countries} labels={labels} maxMegabytes={maxMegabytes} />
    </div>
  )
}
