import type { Metadata } from 'next'
import { requestInfo } from '@/lib/auth/request-info'
import Link from 'next/link'
import { notFound, redirect } from 'next/navigation'
import { getLocale, getTranslations } from 'next-intl/server'
import { z } from 'zod'
import { fmtDate } from '@/components/format'
import { fmtDateTime, orNotFound, requireStaffActor, staffTranslator } from '@/lib/forms/staff-page'
import { presentPayload } from '@/lib/services/back-office/present-payload'
import { DoneNotice } from '@/components/back-office/done-notice'
import { getProcedureForStaff } from '@/lib/services/back-office/queue'
import { advanceProcedureAction } from '@/app/actions/back-office'
import { ActionForm } from '@/components/back-office/action-form'
import { ActionSection, ReassignCard } from '@/components/back-office/action-section'
import { Documents } from '@/components/back-office/history'
import { HistoryAndActions, RequestHeader } from '@/components/back-office/request-page'
import { Facts } from '@/components/procedures/form-kit'
import { Card } from '@/components/ui/card'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('backoffice'))('detail.procedureTitle') }
}

const ZParams = z.object({ id: z.string().trim().min(1).max(64) })
/** The step just taken (set by advanceProcedureAction's redirect); anything else is ignored. */
const ZDone = z.enum(['start-review', 'approve', 'complete', 'request-document', 'reject'])

/** One procedure of the queue: details, documents, history, and the advisor's steps. */
export default async function ProcedureDetailPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = await params
  const done = ZDone.safeParse((await searchParams).done).data
  const actor = await requireStaffActor(`/conseiller/demandes/procedure/${encodeURIComponent(raw.id)}`)
  const parsed = ZParams.safeParse(raw)
  if (!parsed.success) notFound()
  const p = await orNotFound(getProcedureForStaff({ actor, procedureId: parsed.data.id, ...(await requestInfo()) }))
  // An affiliation request is processed on its own page (checklist of documents, numbers).
  if (p.type === 'affiliation') redirect(`/conseiller/demandes/affiliation/${encodeURIComponent(p.id)}`)
  const t = await getTranslations('backoffice')
  const tt = await getTranslations('procedureTypes')
  const ts = await getTranslations('procedurePages.status')
  const locale = await getLocale()
  const declared = presentPayload(p.type, p.payload, locale === 'en' ? 'en' : 'fr', await staffTranslator())
  const hidden = { procedureId: p.id }
  const refund = p.type === 'transport-refund' || p.type === 'abroad-refund'
  return (
    <div className="space-y-6">
      <RequestHeader backHref="/conseiller#file" backLabel={t('detail.back')} title={tt.has(p.type) ? tt(p.type) : p.type} lead={p.reference} status={ts.has(p.status) ? ts(p.status) : p.status} />
      <DoneNotice message={done ? t(`done.${done}`, { reference: p.reference }) : null} />
      <Card title={t('detail.summary')}>
        <Facts
          items={[
            { label: t('detail.person'), value: p.insuredId ? <Link href={`/conseiller/assures/${p.insuredId}`}>{p.insuredName}</Link> : (p.insuredName ?? '—') },
            ...(p.beneficiaryName ? [{ label: t('detail.beneficiary'), value: p.beneficiaryName }] : []),
            { label: t('detail.caisse'), value: p.organisationName },
            { label: t('detail.submittedAt'), value: fmtDateTime(p.submittedAt, locale) },
            { label: t('detail.estimated'), value: fmtDate(p.estimatedCompletion, locale) },
            { label: t('detail.assignedTo'), value: p.assignedTo ?? t('detail.nobody') },
            ...(p.requestedDocument ? [{ label: t('detail.requestedDocument'), value: p.requestedDocument }] : []),
            ...(p.decisionReason ? [{ label: t('detail.decisionReason'), value: p.decisionReason }] : []),
          ]}
        />
      </Card>
      <Card title={t('detail.payload')}>
        {declared.length ? (
          <Facts items={declared.map((r) => ({ label: r.label, value: r.value }))} />
        ) : (
          <p>—</p>
        )}
      </Card>
      <Card title={t('detail.documents')}>
        <Documents uploads={p.uploads} />
      </Card>
      <HistoryAndActions events={p.events} noAction={p.actions.length === 0}>
        {p.actions.includes('start-review') ? (
          <ActionSection id="a-review" title={t('actions.start-review')}>
            <ActionForm id="form-review" action={advanceProcedureAction} hidden={{ ...hidden, event: 'start-review' }} submitLabel={t('actions.start-review')} variant="secondary" />
          </ActionSection>
        ) : null}
        {p.actions.includes('approve') ? (
          <ActionSection id="a-approve" title={t('actions.approve')}>
            <ActionForm
              id="form-approve"
              action={advanceProcedureAction}
              hidden={{ ...hidden, event: 'approve' }}
              fields={refund ? [{ kind: 'text', name: 'refundAmount', label: t('actions.refundAmount'), hint: t('actions.refundAmountHint'), inputMode: 'decimal' }] : []}
              submitLabel={t('actions.approve')}
            />
          </ActionSection>
        ) : null}
        {p.actions.includes('complete') ? (
          <ActionSection id="a-complete" title={t('actions.complete')}>
            <ActionForm id="form-complete" action={advanceProcedureAction} hidden={{ ...hidden, event: 'complete' }} submitLabel={t('actions.complete')} />
          </ActionSection>
        ) : null}
        {p.actions.includes('request-document') ? (
          <ActionSection id="a-document" title={t('actions.request-document')}>
            <ActionForm
              id="form-document"
              action={advanceProcedureAction}
              hidden={{ ...hidden, event: 'request-document' }}
              fields={[{ kind: 'textarea', name: 'document', label: t('actions.document'), hint: t('actions.documentHint') }]}
              submitLabel={t('actions.request-document')}
              variant="secondary"
            />
          </ActionSection>
        ) : null}
        {p.actions.includes('reject') ? (
          <ActionSection id="a-reject" title={t('actions.reject')}>
            <ActionForm
              id="form-reject"
              action={advanceProcedureAction}
              hidden={{ ...hidden, event: 'reject' }}
              fields={[{ kind: 'textarea', name: 'reason', label: t('actions.reason'), hint: t('actions.reasonHint') }]}
              submitLabel={t('actions.reject')}
              variant="secondary"
            />
          </ActionSection>
        ) : null}
      </HistoryAndActions>
      {actor.role === 'supervisor' ? (
        <ReassignCard procedureId={p.id} advisors={p.advisors} />
      ) : null}
    </div>
  )
}
