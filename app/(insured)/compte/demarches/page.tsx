import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { getLocale, getTranslations } from 'next-intl/server'
import { requireInsured } from '@/lib/auth/session'
import { getDb } from '@/lib/db/client'
import { getInsuredOverview } from '@/lib/db/repositories/insured'
import { listNotifications, listProcedures, type TProcedureListEntry } from '@/lib/services/procedures/list-procedures'
import { fmtDate, fmtMoney } from '@/components/format'
import { AddDocumentForm } from '@/components/procedures/add-document-form'
import { WithdrawForm } from '@/components/procedures/withdraw-form'
import { ProcedurePageHeader } from '@/components/procedures/page-header'
import { PROCEDURE_LINKS } from '@/components/procedures/procedure-links'
import { StatusBadge, statusTone } from '@/components/procedures/status-badge'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('nav'))('procedures') }
}

const dateTime = (d: Date, locale: string) =>
  new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'fr-FR', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Paris' }).format(d)

/** "Mes démarches": start a procedure, follow every procedure and card order, and read the notifications sent. */
export default async function ProceduresPage() {
  const user = await requireInsured('/compte/demarches')
  const actor = { id: user.id, role: user.role, insuredId: user.insuredId, organisationId: user.organisationId }
  const [overview, entries, notifications] = await Promise.all([getInsuredOverview(getDb(), user.insuredId), listProcedures({ actor }), listNotifications({ actor })])
  if (!overview) notFound()
  const t = await getTranslations('procedurePages')
  const tt = await getTranslations('procedureTypes')
  const locale = await getLocale()
  const personName = (beneficiaryId: string | null) => {
    if (!beneficiaryId) return `${overview.firstNames.split(' ')[0]} ${overview.lastName}`
    const b = overview.beneficiaries.find((x) => x.id === beneficiaryId)
    return b ? `${b.firstNames} ${b.lastName}` : ''
  }
  const label = (key: string, fallback: string) => (t.has(key) ? t(key) : fallback)
  const typeLabel = (type: string) => (tt.has(type) ? tt(type) : type)

  return (
    <div className="space-y-8">
      <ProcedurePageHeader title={t('tracking.title')} lead={t('tracking.lead')} back={false} />

      <section aria-labelledby="start-title" className="space-y-3">
        <h2 id="start-title" className="text-xl font-semibold text-ameli-900">
          {t('tracking.startTitle')}
        </h2>
        <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {PROCEDURE_LINKS.map((l) => (
            <li key={l.href} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
              <Link href={l.href} className="font-semibold">
                {t(`links.${l.key}.title`)}
              </Link>
              <p className="mt-1 text-sm text-slate-700">{t(`links.${l.key}.text`)}</p>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="follow-title" className="space-y-3">
        <h2 id="follow-title" className="text-xl font-semibold text-ameli-900">
          {t('tracking.followTitle')}
        </h2>
        {entries.length === 0 ? (
          <p className="text-slate-700">{t('tracking.none')}</p>
        ) : (
          <ul className="space-y-4" data-testid="procedure-list">
            {entries.map((e) => renderEntry(e))}
          </ul>
        )}
      </section>

      <section aria-labelledby="notifications-title" className="space-y-3">
        <h2 id="notifications-title" className="text-xl font-semibold text-ameli-900">
          {t('tracking.notificationsTitle')}
        </h2>
        <p className="text-sm text-slate-700">{t('tracking.notificationsLead')}</p>
        {notifications.length === 0 ? (
          <p className="text-slate-700">{t('tracking.noNotifications')}</p>
        ) : (
          <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white" data-testid="notification-list">
            {notifications.slice(0, 15).map((n) => (
              <li key={n.id} className="p-3 text-sm sm:flex sm:gap-4">
                <p className="shrink-0 text-slate-600 sm:w-48">
                  <time dateTime={n.createdAt.toISOString()}>{dateTime(n.createdAt, locale)}</time>
                  <span className="ml-2 whitespace-nowrap rounded bg-slate-100 px-1.5 py-0.5 text-xs font-semibold uppercase text-slate-700">{label(`tracking.channel.${n.channel}`, n.channel)}</span>
                </p>
                {n.locale === locale ? (
                  <p className="min-w-0 break-words">{n.body}</p>
                ) : (
                  <div className="min-w-0">
                    <p className="break-words" lang={n.locale === 'en' ? 'en' : 'fr'}>{n.body}</p>
                    <p className="mt-1 text-xs text-slate-600">{t('tracking.sentIn', { language: n.locale === 'en' ? 'en' : 'fr' })}</p>
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  )

  /**
   * A refund request's card (issue 19 §6): what was claimed (the trip or the care, its date, the amount), the
   * estimate, the accepted amount and what was paid.
   */
  function refundFacts(e: TProcedureListEntry): { label: string; value: string; testId: string }[] {
    if (e.type !== 'transport-refund' && e.type !== 'abroad-refund') return []
    const d = e.details
    const money = (cents: unknown) => (typeof cents === 'number' ? fmtMoney(cents, locale) : null)
    const facts: { label: string; value: string; testId: string }[] = []
    if (e.type === 'transport-refund' && typeof d.tripDate === 'string') {
      const reason = label(`transport.reasons.${String(d.reason)}`, String(d.reason))
      const mode = typeof d.mode === 'string' ? d.mode : 'car'
      const value =
        mode === 'car'
          ? t('tracking.refund.trip', { date: fmtDate(d.tripDate, locale), km: Number(d.km), reason })
          : t('tracking.refund.tripInvoice', { date: fmtDate(d.tripDate, locale), mode: label(`transport.modes.${mode}`, mode), amount: money(d.amount) ?? '', reason })
      facts.push({ label: t('tracking.refund.claimed'), value, testId: 'refund-claimed' })
      for (const fee of ['tolls', 'parking'] as const) {
        const amount = money(d[fee])
        if (amount) facts.push({ label: t(`tracking.refund.${fee}`), value: amount, testId: `refund-${fee}` })
      }
    }
    if (e.type === 'abroad-refund' && typeof d.careDate === 'string' && typeof d.amount === 'number' && typeof d.currency === 'string') {
      const amount = new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'fr-FR', { style: 'currency', currency: d.currency }).format(d.amount / 100)
      const country = new Intl.DisplayNames([locale], { type: 'region' }).of(String(d.country)) ?? String(d.country)
      const kind = label(`abroad.careKinds.${String(d.careKind)}`, String(d.careKind ?? ''))
      // Issue 19 §4/§6: the amount as paid and, converted, its euros at the ECB rate of the day of care.
      const euros = d.currency !== 'EUR' && typeof d.euroAmount === 'number' ? fmtMoney(d.euroAmount, locale) : null
      const values = { kind, date: fmtDate(d.careDate, locale), amount, country }
      const value = euros && typeof d.rateDate === 'string' ? t('tracking.refund.careConverted', { ...values, euros, rateDate: fmtDate(d.rateDate, locale) }) : t('tracking.refund.care', values)
      facts.push({ label: t('tracking.refund.claimed'), value, testId: 'refund-claimed' })
    }
    const estimate = money((d.estimate as { amoCents?: unknown } | null)?.amoCents)
    facts.push({ label: t('tracking.refund.estimate'), value: estimate ?? t('tracking.refund.noEstimate'), testId: 'refund-estimate' })
    const accepted = money(d.approvedAmount)
    if (accepted) facts.push({ label: t('tracking.refund.accepted'), value: accepted, testId: 'refund-accepted' })
    for (const p of e.payments) facts.push({ label: t('tracking.refund.paid'), value: t('tracking.refund.paidOn', { amount: fmtMoney(p.amount, locale), date: fmtDate(p.paidOn, locale) }), testId: 'refund-paid' })
    return facts
  }

  function renderEntry(e: TProcedureListEntry) {
    const titleId = `proc-${e.id}`
    const tone = statusTone(e.status, e.expected.kind)
    const details = e.details as Record<string, unknown>
    const departure = typeof details.departureDate === 'string' ? details.departureDate : null
    const ibanMasked = typeof details.ibanMasked === 'string' ? details.ibanMasked : null
    const reason = typeof details.reason === 'string' ? details.reason : null
    const reorderFor = e.beneficiaryId ? `?pour=${encodeURIComponent(e.beneficiaryId)}` : ''
    return (
      <li key={`${e.source}-${e.id}`}>
        <article aria-labelledby={titleId} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-5">
          <div className="flex flex-wrap items-start justify-between gap-2">
            <div className="min-w-0">
              <h3 id={titleId} className="text-lg font-semibold text-ameli-900">
                {typeLabel(e.type)}
              </h3>
              <p className="text-sm text-slate-700">{personName(e.beneficiaryId)}</p>
            </div>
            <StatusBadge tone={tone} label={label(`status.${e.status}`, e.status)} />
          </div>
          <dl className="mt-3 grid gap-x-6 gap-y-1 text-sm sm:grid-cols-2 lg:grid-cols-4">
            <div>
              <dt className="text-xs font-semibold uppercase tracking-wide text-slate-600">{t('tracking.reference')}</dt>
              <dd className="font-mono">{e.reference}</dd>
            </div>
            <div>
              <dt className="text-xs font-semibold uppercase tracking-wide text-slate-600">{t('tracking.submitted')}</dt>
              <dd>{fmtDate(e.submittedAt.toISOString().slice(0, 10), locale)}</dd>
            </div>
            {e.estimatedDate && tone !== 'done' && tone !== 'refused' ? (
              <div>
                <dt className="text-xs font-semibold uppercase tracking-wide text-slate-600">{e.source === 'card-order' ? t('tracking.estimatedDelivery') : t('tracking.estimatedDate')}</dt>
                <dd>{fmtDate(e.estimatedDate, locale)}</dd>
              </div>
            ) : null}
            {departure ? (
              <div>
                <dt className="text-xs font-semibold uppercase tracking-wide text-slate-600">{t('tracking.departure')}</dt>
                <dd>{fmtDate(departure, locale)}</dd>
              </div>
            ) : null}
            {ibanMasked ? (
              <div>
                <dt className="text-xs font-semibold uppercase tracking-wide text-slate-600">IBAN</dt>
                <dd className="font-mono">{ibanMasked}</dd>
              </div>
            ) : null}
            {refundFacts(e).map((f) => (
              <div key={f.label}>
                <dt className="text-xs font-semibold uppercase tracking-wide text-slate-600">{f.label}</dt>
                <dd data-testid={f.testId}>{f.value}</dd>
              </div>
            ))}
            {reason && e.type === 'card-loss' ? (
              <div>
                <dt className="text-xs font-semibold uppercase tracking-wide text-slate-600">{t('tracking.lossReason')}</dt>
                <dd>{label(`loss.reasons.${reason}`, reason)}</dd>
              </div>
            ) : null}
          </dl>

          {e.decisionReason && e.status === 'rejected' ? (
            <p className="mt-3 rounded-md bg-danger-50 p-3 text-sm text-danger-700">
              <span className="font-semibold">{t('tracking.rejectReason')} </span>
              {label(`rejectReasons.${e.decisionReason}`, e.decisionReason)}
            </p>
          ) : null}

          {e.expected.kind !== 'none' ? (
            <div className="mt-3 rounded-md border-l-4 border-amber-500 bg-warn-50 p-3 text-sm text-warn-800">
              <p className="font-semibold">{t('tracking.expectedTitle')}</p>
              {e.expected.kind === 'add-document' ? (
                <AddDocumentForm procedureId={e.id} document={e.expected.document} />
              ) : (
                <p className="mt-1">
                  {t(`tracking.expected.${e.expected.kind}`)}{' '}
                  <Link href={`/compte/demarches/carte-vitale${reorderFor}`} className="font-semibold">
                    {t('tracking.orderAgain')}
                  </Link>
                </p>
              )}
            </div>
          ) : null}

          {e.canWithdraw ? <WithdrawForm procedureId={e.id} reference={e.reference} /> : null}

          <details className="mt-3 text-sm" open={tone !== 'done' && tone !== 'refused'}>
            <summary className="cursor-pointer font-semibold text-ameli-700">{t('tracking.history')}</summary>
            <ol className="mt-2 space-y-2 border-l-2 border-ameli-100 pl-4">
              {e.history.map((h, i) => (
                <li key={i} className="relative">
                  <span aria-hidden="true" className="absolute -left-[1.4rem] top-1.5 size-2.5 rounded-full bg-ameli-600" />
                  <time dateTime={h.at.toISOString()} className="text-slate-600">
                    {dateTime(h.at, locale)}
                  </time>{' '}
                  — <span className="font-medium">{label(`status.${h.status}`, h.status)}</span>
                  {h.note ? <span className="text-slate-700"> · {label(`notes.${h.note}`, h.note)}</span> : null}
                </li>
              ))}
            </ol>
          </details>
        </article>
      </li>
    )
  }
}
