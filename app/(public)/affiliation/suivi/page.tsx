import type { Metadata } from 'next'
import { megabytes, UPLOAD_LIMITS } from '@/lib/domain/procedures/upload-limits'
import Link from 'next/link'
import { getLocale, getTranslations } from 'next-intl/server'
import { z } from 'zod'
import { isAppError } from '@/lib/errors'
import { followedRequestId } from '@/lib/forms/affiliation-access'
import { leaveAffiliationAction } from '@/app/actions/affiliation'
import { getAffiliationFollowView, type TAffiliationFollowView } from '@/lib/services/affiliation/get-affiliation-follow'
import { AffiliationTimeline } from '@/components/affiliation/affiliation-timeline'
import { AddAffiliationDocumentForm, FollowAffiliationForm, WithdrawAffiliationForm } from '@/components/affiliation/follow-forms'
import { StatusBadge, statusTone } from '@/components/procedures/status-badge'
import { Facts } from '@/components/procedures/form-kit'
import { fmtDate } from '@/components/format'
import { Alert } from '@/components/ui/alert'
import { buttonClass } from '@/components/ui/button'
import { Card } from '@/components/ui/card'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('affiliationPublic.follow'))('title') }
}

const ZSearch = z.object({ sent: z.enum(['document', 'withdrawn']).optional().catch(undefined) })

async function viewOf(id: string | null): Promise<TAffiliationFollowView | null> {
  if (!id) return null
  try {
    return await getAffiliationFollowView({ procedureId: id, now: new Date() })
  } catch (error) {
    if (isAppError(error)) return null
    throw error
  }
}

/**
 * Public page: following an affiliation request. Without the signed follow-up cookie (number + birth date proven,
 * 30 minutes), only the form; with it, that one request: status, numbers, documents, timeline, the document asked,
 * withdrawal, and the way out.
 */
export default async function FollowAffiliationPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { sent } = ZSearch.parse(await searchParams)
  const t = await getTranslations('affiliationPublic.follow')
  const view = await viewOf(await followedRequestId())
  if (!view) {
    return (
      <div className="mx-auto max-w-3xl space-y-6">
        <header className="space-y-2">
          <h1 className="text-3xl font-bold text-ameli-900">{t('title')}</h1>
          <p className="text-lg text-slate-700">{t('lead')}</p>
        </header>
        <Card>
          <FollowAffiliationForm />
        </Card>
        <p>
          <Link href="/affiliation" className="font-semibold">
            {t('newRequest')} <span aria-hidden="true">→</span>
          </Link>
        </p>
      </div>
    )
  }
  return <FollowedRequest view={view} sent={sent} />
}

async function FollowedRequest({ view, sent }: { view: TAffiliationFollowView; sent: 'document' | 'withdrawn' | undefined }) {
  const t = await getTranslations('affiliationPublic.follow')
  const ta = await getTranslations('affiliation')
  const locale = await getLocale()
  const date = (d: string | null) => fmtDate(d, locale)
  const documentLabel = (d: string) => (ta.has(`documents.${d}`) ? ta(`documents.${d}`) : d)
  const reasonLabel = (r: string) => (ta.has(`documentReasons.${r}`) ? ta(`documentReasons.${r}`) : r)
  const maxMegabytes = megabytes(UPLOAD_LIMITS.fileBytes)
  const status = ta.has(`statuses.${view.status}`) ? ta(`statuses.${view.status}`) : view.status
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div className="space-y-2">
          <p className="text-sm font-semibold text-slate-700">{t('title')}</p>
          <h1 className="text-3xl font-bold text-ameli-900">
            {t.rich('hello', { reference: view.reference, ref: (chunks) => <span className="font-mono">{chunks}</span> })}
          </h1>
          <p>
            <span className="sr-only">{t('statusLabel')} : </span>
            <StatusBadge tone={statusTone(view.status, 'none')} label={status} />
          </p>
        </div>
        <form action={leaveAffiliationAction} className="sm:text-right">
          <button type="submit" className={buttonClass('secondary')}>
            {t('signOut')}
          </button>
          <p className="mt-1 max-w-56 text-xs text-slate-600 sm:ml-auto">{t('signOutHint')}</p>
        </form>
      </header>

      <div aria-live="polite">
        {sent === 'document' && view.status !== 'waiting-document' ? <Alert tone="success">{t('added')}</Alert> : null}
        {sent === 'withdrawn' && view.status === 'cancelled' ? <Alert tone="success">{t('withdrawn')}</Alert> : null}
      </div>

      {view.status === 'rejected' ? (
        <Alert tone="error" title={t('rejectedTitle')}>
          {view.decisionReason ? t('rejectedReason', { reason: view.decisionReason }) : null}
        </Alert>
      ) : null}
      {view.status === 'cancelled' && sent !== 'withdrawn' ? <Alert tone="info" title={t('cancelledTitle')}>{date(view.closedOn)}</Alert> : null}

      {view.documentRequest ? (
        <section aria-labelledby="requested-title" className="space-y-3 rounded-lg border-l-4 border-amber-500 bg-warn-50 p-5">
          <h2 id="requested-title" className="text-xl font-semibold text-warn-800">
            {t('requestedTitle')}
          </h2>
          <p className="text-slate-900">{t('requestedText', { document: documentLabel(view.documentRequest.document) })}</p>
          {view.documentRequest.reason ? <p className="text-slate-900">{t('requestedReason', { reason: reasonLabel(view.documentRequest.reason) })}</p> : null}
          <p className="text-sm text-slate-700">{t('requestedOn', { date: date(view.documentRequest.requestedOn) })}</p>
          <div className="rounded-md bg-white p-4">
            <AddAffiliationDocumentForm document={view.documentRequest.document} label={documentLabel(view.documentRequest.document)} maxMegabytes={maxMegabytes} />
          </div>
        </section>
      ) : null}

      {view.temporaryNumber || view.permanentNumber ? (
        <Card title={t('numbersTitle')}>
          <div className="space-y-4">
            {view.permanentNumber ? (
              <div className="space-y-3">
                <p className="text-sm font-semibold text-slate-700">{t('permanentNumber')}</p>
                <p className="font-mono text-2xl font-bold text-ameli-900" data-testid="permanent-number">
                  {view.permanentNumber.formatted}
                </p>
                {view.permanentNumber.on ? <p className="text-sm text-slate-700">{t('givenOn', { date: date(view.permanentNumber.on) })}</p> : null}
                {view.attestation ? (
                  <p>
                    <a href="/affiliation/suivi/attestation" className={buttonClass('secondary')} download>
                      {t('attestation')}
                    </a>
                    <span className="mt-1 block text-sm text-slate-700">{t('attestationHint', { date: date(view.attestation.issuedOn) })}</span>
                  </p>
                ) : null}
                <div className="rounded-md bg-ameli-50 p-4">
                  <p className="mb-3 text-slate-900">{t('activateHint')}</p>
                  <Link href="/activer-mon-compte" className={buttonClass('primary')}>
                    {t('activate')}
                  </Link>
                </div>
              </div>
            ) : null}
            {view.temporaryNumber && !view.permanentNumber ? (
              <div className="space-y-2">
                <p className="text-sm font-semibold text-slate-700">{t('temporaryNumber')}</p>
                <p className="font-mono text-2xl font-bold text-ameli-900" data-testid="temporary-number">
                  {view.temporaryNumber.formatted}
                </p>
                {view.temporaryNumber.on ? <p className="text-sm text-slate-700">{t('givenOn', { date: date(view.temporaryNumber.on) })}</p> : null}
                <p className="text-sm text-slate-700">{t('temporaryNumberHint')}</p>
              </div>
            ) : null}
          </div>
        </Card>
      ) : null}

      <div className="grid gap-6 md:grid-cols-[3fr_2fr]">
        <Card title={ta('timeline.title')}>
          <AffiliationTimeline steps={view.timeline} documentLabel={documentLabel} />
        </Card>
        <div className="space-y-6">
          <Card title={t('summaryTitle')}>
            <Facts
              items={[
                { label: t('statusLabel'), value: status },
                { label: t('situationLabel'), value: ta.has(`situations.${view.situation}`) ? ta(`situations.${view.situation}`) : view.situation },
                { label: t('submittedOn'), value: date(view.submittedOn) },
                ...(view.closedOn ? [{ label: t('closedOn'), value: date(view.closedOn) }] : []),
              ]}
            />
          </Card>
          <Card title={t('documentsTitle')}>
            {view.documents.length ? (
              <ul className="space-y-2" data-testid="affiliation-documents">
                {view.documents.map((d) => (
                  <li key={d.id} className="text-sm">
                    <span className="font-semibold text-slate-900">{documentLabel(d.kind)}</span>
                    <span className="block break-all text-slate-600">
                      {d.filename} · {t('documentSentOn', { date: date(d.on) })}
                    </span>
                  </li>
                ))}
              </ul>
            ) : (
              <p>{t('noDocuments')}</p>
            )}
          </Card>
        </div>
      </div>

      {view.canWithdraw ? (
        <section aria-labelledby="withdraw-title" className="space-y-3 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
          <h2 id="withdraw-title" className="text-lg font-semibold text-ameli-900">
            {t('withdrawTitle')}
          </h2>
          <p className="text-slate-700">{t('withdrawText')}</p>
          <WithdrawAffiliationForm reference={view.reference} />
        </section>
      ) : null}
    </div>
  )
}
