import type { Metadata } from 'next'
import { getLocale, getTranslations } from 'next-intl/server'
import { z } from 'zod'
import { requestInfo } from '@/lib/auth/request-info'
import { getDb } from '@/lib/db/client'
import { isAppError } from '@/lib/errors'
import { todayOf } from '@/lib/services/procedures/common'
import { checkAttestationCode, type TVerification } from '@/lib/services/documents/verify-attestation'
import { formatVerificationCode } from '@/lib/services/documents/verification-code'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { Card } from '@/components/ui/card'
import { fmtDate } from '@/components/format'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('documents.verify'))('title') }
}

const ZSearch = z.object({ code: z.string().max(100).optional().catch(undefined) })

type TOutcome = { kind: 'none' } | { kind: 'error'; code: string; seconds?: number } | { kind: 'result'; result: TVerification & { code: string } }

async function check(code: string | undefined): Promise<TOutcome> {
  if (code === undefined || code.trim() === '') return { kind: 'none' }
  try {
    const { ip } = await requestInfo()
    return { kind: 'result', result: await checkAttestationCode(getDb(), { code, ip, today: todayOf(new Date()) }) }
  } catch (error) {
    if (isAppError(error)) return { kind: 'error', code: error.code, seconds: typeof error.details?.seconds === 'number' ? error.details.seconds : undefined }
    throw error
  }
}

/** Public page (no sign-in): an employer or a school checks the code printed on an attestation de droits. */
export default async function VerifyAttestationPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { code } = ZSearch.parse(await searchParams)
  const outcome = await check(code)
  const t = await getTranslations('documents.verify')
  const locale = await getLocale()
  const date = (d: string | null) => fmtDate(d, locale)
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <header className="space-y-2">
        <h1 className="text-2xl font-bold text-ameli-900">{t('title')}</h1>
        <p className="text-slate-700">{t('lead')}</p>
      </header>
      <Card>
        <form method="get" action="/verifier-attestation" className="space-y-3">
          <label htmlFor="code" className="block font-semibold">{t('label')}</label>
          <p id="code-hint" className="text-sm text-slate-700">{t('hint')}</p>
          <input
            id="code" name="code" type="text" autoComplete="off" spellCheck={false} autoCapitalize="characters" maxLength={20}
            defaultValue={code ?? ''} aria-describedby="code-hint" aria-invalid={outcome.kind === 'error' && outcome.code === 'documents.verify.invalidCode'}
            className="block w-full max-w-xs rounded-md border border-slate-400 px-3 py-2 font-mono uppercase"
          />
          <Button type="submit">{t('submit')}</Button>
        </form>
      </Card>
      <div aria-live="polite">
        {outcome.kind === 'error' ? (
          <Alert tone="error" live>
            {outcome.code === 'documents.verify.tooMany' ? t('tooMany', { seconds: outcome.seconds ?? 60 }) : t('invalidCode')}
          </Alert>
        ) : null}
        {outcome.kind === 'result' ? <VerificationResult result={outcome.result} t={t} date={date} /> : null}
      </div>
    </div>
  )
}

function VerificationResult({ result, t, date }: { result: TVerification & { code: string }; t: Awaited<ReturnType<typeof getTranslations<'documents.verify'>>>; date: (d: string | null) => string }) {
  const code = formatVerificationCode(result.code)
  if (result.status === 'unknown') return <Alert tone="error" title={t('unknownTitle')}>{t('unknown', { code })}</Alert>
  const tone = result.status === 'valid' ? 'success' : result.status === 'revoked' ? 'error' : 'warning'
  return (
    <Alert tone={tone} title={t(`statusTitle.${result.status}`)}>
      <dl className="mt-2 grid grid-cols-1 gap-x-4 gap-y-1 sm:grid-cols-[auto_1fr]">
        <dt className="font-semibold">{t('document')}</dt>
        <dd>{t(`documents.${result.document}`)}</dd>
        <dt className="font-semibold">{t('code')}</dt>
        <dd className="font-mono">{code}</dd>
        <dt className="font-semibold">{t('issuedOn')}</dt>
        <dd>{date(result.issuedOn)}</dd>
        <dt className="font-semibold">{t('holder')}</dt>
        <dd>{t('person', { initials: result.holder.initials, year: result.holder.birthYear })}</dd>
        {result.beneficiaries.length > 0 ? (
          <>
            <dt className="font-semibold">{t('beneficiaries')}</dt>
            <dd>{result.beneficiaries.map((b) => t('person', { initials: b.initials, year: b.birthYear })).join(' · ')}</dd>
          </>
        ) : null}
        <dt className="font-semibold">{t('validUntil')}</dt>
        <dd>{date(result.validUntil)}</dd>
        {result.revokedOn ? (
          <>
            <dt className="font-semibold">{t('revokedOn')}</dt>
            <dd>{date(result.revokedOn)}</dd>
          </>
        ) : null}
      </dl>
      <p className="mt-2">{t(`statusText.${result.status}`)}</p>
    </Alert>
  )
}
