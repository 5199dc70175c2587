import type { Metadata } from 'next'
import { requestInfo } from '@/lib/auth/request-info'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { getLocale, getTranslations } from 'next-intl/server'
import { z } from 'zod'
import { fmtDate } from '@/components/format'
import { fmtDateTime, orNotFound, requireStaffActor } from '@/lib/forms/staff-page'
import { getCardOrderForStaff } from '@/lib/services/back-office/queue'
import { VITALE_REJECT_REASONS } from '@/lib/domain/cards/vitale-order'
import { EHIC_REJECT_REASONS } from '@/lib/domain/cards/ehic'
import { advanceCardOrderAction } from '@/app/actions/back-office'
import { ActionForm } from '@/components/back-office/action-form'
import { ActionSection } from '@/components/back-office/action-section'
import { Documents } from '@/components/back-office/history'
import { HistoryAndActions, RequestHeader } from '@/components/back-office/request-page'
import { Facts } from '@/components/procedures/form-kit'
import { Card } from '@/components/ui/card'
import { DoneNotice } from '@/components/back-office/done-notice'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('backoffice'))('detail.cardTitle') }
}

const ZParams = z.object({ id: z.string().trim().min(1).max(64) })
/** The step just taken (set by advanceCardOrderAction's redirect); anything else is ignored. */
const ZCardDone = z.enum(['check-photo', 'start-production', 'send', 'deliver', 'reject'])

function address(json: string): string {
  try {
    const a = JSON.parse(json) as Record<string, unknown>
    return [a.addressLine1, a.addressLine2, [a.postalCode, a.city].filter(Boolean).join(' ')].filter((x) => typeof x === 'string' && x).join(', ')
  } catch {
    return '—'
  }
}

/** One card order of the queue: photo and identity document, history, and the production steps. */
export default async function CardOrderDetailPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = await params
  const done = ZCardDone.safeParse((await searchParams).done).data
  const actor = await requireStaffActor(`/conseiller/demandes/carte/${encodeURIComponent(raw.id)}`)
  const parsed = ZParams.safeParse(raw)
  if (!parsed.success) notFound()
  const o = await orNotFound(getCardOrderForStaff({ actor, orderId: parsed.data.id, ...(await requestInfo()) }))
  const t = await getTranslations('backoffice')
  const tt = await getTranslations('procedureTypes')
  const ts = await getTranslations('procedurePages.status')
  const tr = await getTranslations('procedurePages.rejectReasons')
  const locale = await getLocale()
  const photo = o.uploads.find((u) => u.kind === 'photo' && u.mimeType.startsWith('image/'))
  const reasons = o.kind === 'vitale' ? VITALE_REJECT_REASONS : EHIC_REJECT_REASONS
  const hidden = { orderId: o.id }
  const steps = o.actions.filter((a) => a !== 'reject')
  return (
    <div className="space-y-6">
      <RequestHeader backHref="/conseiller#file" backLabel={t('detail.back')} title={tt(`${o.kind}-order`)} lead={o.reference} status={ts.has(o.status) ? ts(o.status) : o.status} statusTestId="order-status" />
      <DoneNotice message={done ? t(`done.${done === 'reject' ? 'card-reject' : done}`, { reference: o.reference }) : null} />
      <Card title={t('detail.summary')}>
        <Facts
          items={[
            { label: t('detail.person'), value: <Link href={`/conseiller/assures/${o.insuredId}`}>{o.insuredName}</Link> },
            ...(o.beneficiaryName ? [{ label: t('detail.cardFor'), value: o.beneficiaryName }] : []),
            { label: t('detail.caisse'), value: o.organisationName },
            { label: t('detail.submittedAt'), value: fmtDateTime(o.requestedAt, locale) },
            { label: t('detail.estimatedDelivery'), value: fmtDate(o.estimatedDelivery, locale) },
            ...(o.departureDate ? [{ label: t('detail.departure'), value: fmtDate(o.departureDate, locale) }] : []),
            { label: t('detail.shippingAddress'), value: address(o.shippingAddress) },
            ...(o.rejectReason ? [{ label: t('detail.decisionReason'), value: tr.has(o.rejectReason) ? tr(o.rejectReason) : o.rejectReason }] : []),
          ]}
        />
      </Card>
      <Card title={t('detail.documents')}>
        {photo ? (
          // eslint-disable-next-line @next/next/no-img-element -- the photo is served by the guarded uploads route, not a static asset
          <img src={`/api/procedures/uploads/${photo.id}`} alt={t('detail.photoAlt', { name: o.beneficiaryName ?? o.insuredName })} width={150} height={188} className="mb-4 rounded border border-slate-300" />
        ) : null}
        <Documents uploads={o.uploads} />
      </Card>
      <HistoryAndActions events={o.events} noAction={o.actions.length === 0}>
        {steps.length > 0 ? (
          <ActionSection id="a-step" title={t('actions.nextStep')}>
            {/* One form whose step changes: its confirmation stays on screen after the page shows the new status. */}
            <ActionForm key="step" id="form-step" action={advanceCardOrderAction} hidden={{ ...hidden, event: steps[0]! }} submitLabel={t(`actions.${steps[0]!}` as never)} />
          </ActionSection>
        ) : null}
        {o.actions.includes('reject') ? (
          <ActionSection id="a-reject" title={t('actions.reject')}>
            <ActionForm
              id="form-reject"
              action={advanceCardOrderAction}
              hidden={{ ...hidden, event: 'reject' }}
              fields={[{ kind: 'select', name: 'reason', label: t('actions.rejectReason'), options: [{ value: '', label: '—' }, ...reasons.map((r) => ({ value: r, label: tr.has(r) ? tr(r) : r }))] }]}
              submitLabel={t('actions.reject')}
              variant="secondary"
            />
          </ActionSection>
        ) : null}
      </HistoryAndActions>
    </div>
  )
}
