import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { getLocale, getTranslations } from 'next-intl/server'
import { z } from 'zod'
import { requestInfo } from '@/lib/auth/request-info'
import { fmtDate, fmtMoney, fmtNir } from '@/components/format'
import { fmtDateTime, orNotFound, requireStaffActor, staffTranslator } from '@/lib/forms/staff-page'
import { appointmentReasonLabel, appointmentStatusLabel, procedureStatusLabel, procedureTypeLabel, threadStatusLabel } from '@/lib/services/back-office/present-codes'
import { loadFileWorkspace } from '@/lib/services/back-office/file-notes'
import { FILE_NOTE_KINDS } from '@/lib/domain/file-notes'
import { VerdictForm } from '@/components/back-office/verdict-form'
import { calendarDate } from '@/lib/domain/dates'
import { parisToday } from '@/lib/domain/paris-today'
import { careSheetContext, openInsuredFile } from '@/lib/services/back-office/insured-file'
import { listProcedures } from '@/lib/services/procedures/list-procedures'
import { getRuleEngine } from '@/lib/services/simulation/rule-engine'
import { addFileNoteAction, checkDocumentAction, recordSickLeaveAction, sendAccessCodeAction, unlockAccountAction } from '@/app/actions/back-office'
import { ActionForm } from '@/components/back-office/action-form'
import { CareSheetForm } from '@/components/back-office/care-sheet-form'
import { Facts } from '@/components/procedures/form-kit'
import { Alert } from '@/components/ui/alert'
import { buttonClass } from '@/components/ui/button'
import { getInsuredAffiliation } from '@/lib/services/affiliation/get-insured-affiliation'
import { Card } from '@/components/ui/card'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('backoffice'))('file.title') }
}

const ZParams = z.object({ id: z.string().trim().min(1).max(64) })
const ZAttestationError = z.enum(['documents.errors.noRights', 'documents.errors.scope'])

function Table({ caption, head, rows, empty }: { caption: string; head: string[]; rows: React.ReactNode[][]; empty: string }) {
  if (rows.length === 0) return <p>{empty}</p>
  return (
    // On a phone the table scrolls sideways: a focusable, named region so the keyboard can scroll it too.
    <div className="overflow-x-auto focus-visible:outline-2 focus-visible:outline-ameli-600" role="region" aria-label={caption} tabIndex={0}>
      <table className="w-full min-w-[32rem] text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b border-slate-300">
            {head.map((h) => (
              <th key={h} scope="col" className="px-2 py-1">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i} className="border-b border-slate-200 last:border-0">
              {r.map((c, j) => (
                <td key={j} className="px-2 py-1 align-top">
                  {c}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

/** "A, B" as links (the references of a duplicate warning). */
function linkList(items: { href: string; label: string }[]) {
  return items.map((x, i) => (
    <span key={x.href + i}>
      {i > 0 ? ', ' : ''}
      <Link href={x.href}>{x.label}</Link>
    </span>
  ))
}

/**
 * The insured file (vue 360°): identity, rights, beneficiaries, cards, procedures, payments and claims,
 * appointments, messages, sick leaves; and the advisor's actions. Opening it writes the audit event
 * `insured.file.open` (the person sees it); another caisse's file is a 404.
 */
export default async function InsuredFilePage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = await params
  const attestationError = ZAttestationError.safeParse((await searchParams).attestationError).data
  const actor = await requireStaffActor(`/conseiller/assures/${encodeURIComponent(raw.id)}`)
  const parsed = ZParams.safeParse(raw)
  if (!parsed.success) notFound()
  const f = await orNotFound(openInsuredFile({ actor, input: { insuredId: parsed.data.id }, ...(await requestInfo()) }))
  const [procedures, engine, workspace] = await Promise.all([listProcedures({ actor, insuredId: f.id }), getRuleEngine(), loadFileWorkspace({ actor, input: { insuredId: f.id } })])
  const t = await getTranslations('backoffice')
  const tr = await staffTranslator()
  const locale = await getLocale()
  const l = locale === 'en' ? 'en' : 'fr'
  const today = calendarDate(parisToday(new Date()))
  const label = (ns: string, key: string) => (t.has(`${ns}.${key}`) ? t(`${ns}.${key}` as never) : key)
  const beneficiaryName = (id: string | null) => {
    if (!id) return `${f.firstNames} ${f.lastName}`
    const b = f.beneficiaries.find((x) => x.beneficiary.id === id)
    return b ? `${b.beneficiary.firstNames} ${b.beneficiary.lastName}` : '—'
  }
  const { currentBeneficiaries, hasAld } = careSheetContext(f, today)
  const persons = [{ value: 'self', label: `${f.firstNames} ${f.lastName}` }, ...currentBeneficiaries.map((b) => ({ value: b.beneficiary.id, label: `${b.beneficiary.firstNames} ${b.beneficiary.lastName}` }))]
  const acts = [...engine.acts.values()].map((a) => ({ value: a.code, label: `${a.label[l]} (${a.code})` }))
  const hidden = { insuredId: f.id }
  const user = f.user
  const affiliation = await getInsuredAffiliation({ actor, insuredId: f.id })
  const taa = await getTranslations('affiliationAdvisor')

  return (
    <div className="space-y-6">
      <p>
        <Link href="/conseiller/assures">{t('file.back')}</Link>
      </p>
      <div>
        <h1 className="text-3xl font-bold text-ameli-900">
          {f.firstNames} {f.lastName}
        </h1>
        <p className="text-slate-700">
          {fmtNir(f.nir, f.nirKey)} · {f.organisation.name} · <span className="text-sm">{t('file.auditNotice')}</span>
        </p>
      </div>
      {f.nirKind === 'temporary' || affiliation ? (
        <div role="note" className="rounded-md border-l-4 border-ameli-600 bg-ameli-50 p-3">
          {f.nirKind === 'temporary' ? <p>{taa('file.temporaryNotice')}</p> : null}
          {affiliation ? (
            <p>
              <Link href={`/conseiller/demandes/affiliation/${affiliation.id}`}>{taa('file.request', { reference: affiliation.reference })}</Link>
            </p>
          ) : null}
        </div>
      ) : null}


      {workspace.duplicates.length > 0 ? (
        <section aria-labelledby="duplicates-title" role="region" className="rounded-md border-l-4 border-warn-800 bg-warn-50 p-4" data-testid="duplicates">
          <h2 id="duplicates-title" className="text-lg font-semibold text-slate-900">
            ⚠ {t('file.duplicates.title')}
          </h2>
          <p className="text-slate-800">{t('file.duplicates.lead')}</p>
          <ul className="mt-2 list-disc space-y-1 pl-5">
            {workspace.duplicates.map((d, i) => (
              <li key={i}>
                {d.kind === 'procedures'
                  ? t.rich('file.duplicates.procedures', {
                      type: procedureTypeLabel(d.type, tr),
                      refs: () => linkList(d.items.map((x) => ({ href: `/conseiller/demandes/procedure/${x.id}`, label: x.reference }))),
                    })
                  : d.kind === 'claims'
                    ? t.rich('file.duplicates.claims', {
                        act: d.act,
                        date: fmtDate(d.careDate, locale),
                        professional: d.professional ?? t('file.unknownProfessional'),
                        refs: () => linkList(d.items.map((x) => ({ href: '#claims-title', label: x.reference }))),
                      })
                    : t('file.duplicates.beneficiaries', { name: d.name, date: fmtDate(d.birthDate, locale) })}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-2 [&>*]:min-w-0">
        <Card title={t('file.identity')}>
          <Facts
            items={[
              { label: t('file.birthName'), value: f.birthName },
              { label: t('file.birth'), value: `${fmtDate(f.birthDate, locale)}${f.birthPlace ? ` · ${f.birthPlace}` : ''}` },
              { label: t('file.address'), value: [f.addressLine1, f.addressLine2, `${f.postalCode} ${f.city}`].filter(Boolean).join(', ') },
              { label: t('file.email'), value: f.email ?? '—' },
              { label: t('file.phone'), value: f.phone ?? '—' },
              { label: t('file.bank'), value: f.hasIban ? t('file.bankKnown') : t('file.bankMissing') },
              { label: t('file.account'), value: !user ? t('file.noAccount') : user.lockedAt ? t('file.locked', { date: fmtDateTime(user.lockedAt, locale) }) : t('file.active') },
              ...(user?.lastLoginAt ? [{ label: t('file.lastLogin'), value: fmtDateTime(user.lastLoginAt, locale) }] : []),
            ]}
          />
        </Card>
        <Card title={t('file.rights')}>
          <Facts
            items={[
              { label: t('file.regime'), value: `${label('regimes', f.regime)} (${f.managementCode})` },
              { label: t('file.affiliation'), value: label('affiliation', f.affiliationStatus) },
              { label: t('file.rightsPeriod'), value: f.rightsTo ? t('file.fromTo', { from: fmtDate(f.rightsFrom, locale), to: fmtDate(f.rightsTo, locale) }) : t('file.fromOpen', { from: fmtDate(f.rightsFrom, locale) }) },
              { label: t('file.mutuelle'), value: f.mutuelleName ? `${f.mutuelleName}${f.amcCode ? ` (AMC ${f.amcCode})` : ''}` : t('file.none') },
              { label: t('file.doctor'), value: f.doctor ? `${f.doctor}${f.doctorDeclaredOn ? ` · ${fmtDate(f.doctorDeclaredOn, locale)}` : ''}` : t('file.none') },
            ]}
          />
          <h3 className="mt-4 font-semibold text-ameli-900">{t('file.coverages')}</h3>
          <Table
            caption={t('file.coverages')}
            head={[t('file.kind'), t('file.person'), t('file.period'), t('file.detail')]}
            rows={f.coverages.map((c) => [label('coverageKinds', c.kind), beneficiaryName(c.beneficiaryId), c.to ? t('file.fromTo', { from: fmtDate(c.from, locale), to: fmtDate(c.to, locale) }) : t('file.fromOpen', { from: fmtDate(c.from, locale) }), c.label ?? '—'])}
            empty={t('file.noCoverage')}
          />
        </Card>
      </div>

      <Card title={t('file.beneficiaries')}>
        <Table
          caption={t('file.beneficiaries')}
          head={[t('file.rank'), t('file.person'), t('file.birthDate'), t('file.ownNir'), t('file.period')]}
          rows={f.beneficiaries.map((b) => [b.rank, `${b.beneficiary.firstNames} ${b.beneficiary.lastName}`, fmtDate(b.beneficiary.birthDate, locale), b.beneficiary.ownNir ? fmtNir(b.beneficiary.ownNir, b.beneficiary.ownNirKey ?? undefined) : '—', b.to ? t('file.fromTo', { from: fmtDate(b.from, locale), to: fmtDate(b.to, locale) }) : t('file.fromOpen', { from: fmtDate(b.from, locale) })])}
          empty={t('file.noBeneficiary')}
        />
      </Card>

      <Card title={t('file.cards')}>
        <Table
          caption={t('file.cards')}
          head={[t('file.kind'), t('file.person'), t('file.serial'), t('file.issuedOn'), t('file.status')]}
          rows={f.cards.map((c) => [label('cardKinds', c.kind), beneficiaryName(c.beneficiaryId), c.serialNumber, fmtDate(c.issuedOn, locale), `${label('cardStatuses', c.status)}${c.blockedReason ? ` (${c.blockedReason})` : ''}`])}
          empty={t('file.noCard')}
        />
      </Card>

      <Card title={t('file.procedures')}>
        <Table
          caption={t('file.procedures')}
          head={[t('queue.reference'), t('queue.type'), t('file.person'), t('queue.received'), t('file.status')]}
          rows={procedures.map((p) => [
            <Link key={p.id} href={`/conseiller/demandes/${p.source === 'procedure' ? 'procedure' : 'carte'}/${p.id}`}>
              {p.reference}
            </Link>,
            procedureTypeLabel(p.type, tr),
            beneficiaryName(p.beneficiaryId),
            fmtDateTime(p.submittedAt, locale),
            procedureStatusLabel(p.status, tr),
          ])}
          empty={t('file.noProcedure')}
        />
      </Card>

      <Card title={t('file.payments')}>
        <section aria-labelledby="payments-title" data-testid="file-payments">
          <h3 id="payments-title" className="mb-2 font-semibold text-ameli-900">
            {t('file.paymentsRecent')}
          </h3>
          <Table
            caption={t('file.paymentsRecent')}
            head={[t('file.paidOn'), t('queue.reference'), t('file.kind'), t('file.amount'), t('file.status')]}
            rows={f.payments.map((p) => [fmtDate(p.paidOn, locale), p.reference, label('paymentKinds', p.kind), fmtMoney(p.amount, locale), label('paymentStatuses', p.status)])}
            empty={t('file.noPayment')}
          />
        </section>
        <h3 id="claims-title" className="mt-4 mb-2 font-semibold text-ameli-900">
          {t('file.claims')}
        </h3>
        <Table
          caption={t('file.claims')}
          head={[t('file.careDate'), t('queue.reference'), t('file.person'), t('file.professional'), t('file.acts'), t('file.charged'), t('file.amoPaid'), t('file.source')]}
          rows={f.claims.map((c) => [fmtDate(c.careDate, locale), c.reference, beneficiaryName(c.beneficiaryId), c.professional ?? '—', c.lines.map((x) => `${x.act}×${x.quantity}`).join(', '), fmtMoney(c.totalCharged, locale), fmtMoney(c.totalAmoPaid, locale), label('claimSources', c.source)])}
          empty={t('file.noClaim')}
        />
      </Card>

      <div className="grid gap-6 lg:grid-cols-2 [&>*]:min-w-0">
        <Card title={t('file.appointments')}>
          <Table
            caption={t('file.appointments')}
            head={[t('file.when'), t('file.where'), t('file.reason'), t('file.status')]}
            rows={f.appointments.map((a) => [fmtDateTime(a.slot.startsAt, locale), a.slot.receptionPoint.name, appointmentReasonLabel(a.reason, tr), appointmentStatusLabel(a.status, tr)])}
            empty={t('file.noAppointment')}
          />
        </Card>
        <Card title={t('file.threads')}>
          <Table
            caption={t('file.threads')}
            head={[t('file.subject'), t('file.lastMessage'), t('file.status')]}
            rows={f.threads.map((m) => [m.subject, fmtDateTime(m.lastMessageAt, locale), threadStatusLabel(m.status, tr)])}
            empty={t('file.noThread')}
          />
        </Card>
      </div>

      <Card title={t('file.sickLeaves')}>
        <Table
          caption={t('file.sickLeaves')}
          head={[t('queue.reference'), t('file.kind'), t('file.period'), t('file.daily'), t('file.status')]}
          rows={f.sickLeaves.map((s) => [s.reference, label('sickLeaveKinds', s.kind), t('file.fromTo', { from: fmtDate(s.startDate, locale), to: fmtDate(s.endDate, locale) }), s.dailyGross !== null ? fmtMoney(s.dailyGross, locale) : '—', label('sickLeaveStatuses', s.status)])}
          empty={t('file.noSickLeave')}
        />
      </Card>


      <Card title={t('file.documents.title')}>
        <p className="mb-3 text-slate-700">{t('file.documents.lead')}</p>
        {workspace.documents.length === 0 ? (
          <p>{t('file.documents.empty')}</p>
        ) : (
          <ul className="space-y-6">
            {workspace.documents.map((d) => (
              <li key={d.id} className="grid gap-4 border-b border-slate-200 pb-6 last:border-0 md:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]" data-testid="file-document">
                <div className="min-w-0 space-y-2">
                  <h3 className="font-semibold break-words text-ameli-900">{d.filename}</h3>
                  <p className="text-sm text-slate-700">
                    {label('uploadKinds', d.kind)}
                    {d.procedureReference && d.procedureId ? (
                      <>
                        {' · '}
                        <Link href={`/conseiller/demandes/procedure/${d.procedureId}`}>{t('file.documents.request', { reference: d.procedureReference })}</Link>
                      </>
                    ) : null}
                    {` · ${fmtDateTime(d.createdAt, locale)}`}
                  </p>
                  {d.mimeType.startsWith('image/') ? (
                    // eslint-disable-next-line @next/next/no-img-element
                    <img src={`/api/procedures/uploads/${d.id}/preview`} alt={t('file.documents.preview', { name: d.filename })} className="max-h-72 max-w-full rounded border border-slate-300 object-contain" />
                  ) : d.mimeType === 'application/pdf' ? (
                    <iframe src={`/api/procedures/uploads/${d.id}/preview`} title={t('file.documents.preview', { name: d.filename })} className="h-72 w-full rounded border border-slate-300" />
                  ) : null}
                  <p className="text-sm">
                    <a href={`/api/procedures/uploads/${d.id}/preview`} target="_blank" rel="noopener">
                      {t('file.documents.open', { name: d.filename })}
                    </a>
                  </p>
                </div>
                <div className="min-w-0 space-y-2">
                  <p className={`text-sm font-semibold ${d.verdict === 'not-compliant' ? 'text-danger-700' : d.verdict === 'compliant' ? 'text-ok-700' : 'text-slate-700'}`} data-testid="document-verdict">
                    {d.verdict === 'compliant'
                      ? t('file.documents.checkedCompliant', { author: d.verdictBy ?? '—', date: d.verdictAt ? fmtDateTime(d.verdictAt, locale) : '—' })
                      : d.verdict === 'not-compliant'
                        ? t('file.documents.checkedNotCompliant', { reason: d.verdictReason ?? '—', author: d.verdictBy ?? '—', date: d.verdictAt ? fmtDateTime(d.verdictAt, locale) : '—' })
                        : t('file.documents.pending')}
                  </p>
                  <VerdictForm action={checkDocumentAction} insuredId={f.id} uploadId={d.id} filename={d.filename} current={d.verdict} />
                </div>
              </li>
            ))}
          </ul>
        )}
      </Card>

      <Card title={t('file.notes.title')}>
        <p className="mb-3 text-slate-700">{t('file.notes.lead')}</p>
        <div className="grid gap-6 lg:grid-cols-2 [&>*]:min-w-0">
          <section aria-labelledby="notes-add-title" className="space-y-2">
            <h3 id="notes-add-title" className="font-semibold text-ameli-900">
              {t('file.notes.addTitle')}
            </h3>
            <ActionForm
              id="form-note"
              action={addFileNoteAction}
              hidden={hidden}
              fields={[
                { kind: 'select', name: 'noteKind', label: t('file.notes.kind'), options: FILE_NOTE_KINDS.map((k) => ({ value: k, label: t(`file.notes.kinds.${k}`) })) },
                { kind: 'date', name: 'occurredOn', label: t('file.notes.occurredOn'), hint: t('file.notes.occurredOnHint') },
                { kind: 'textarea', name: 'body', label: t('file.notes.body'), hint: t('file.notes.bodyHint') },
              ]}
              submitLabel={t('file.notes.submit')}
            />
          </section>
          <section aria-labelledby="notes-list-title" className="space-y-2">
            <h3 id="notes-list-title" className="font-semibold text-ameli-900">
              {t('file.notes.listTitle')}
            </h3>
            {workspace.notes.length === 0 ? (
              <p>{t('file.notes.empty')}</p>
            ) : (
              <ol className="space-y-2" aria-label={t('file.notes.caption')} data-testid="file-notes">
                {workspace.notes.map((n) => (
                  <li key={n.id} className="rounded-md border border-slate-200 bg-white p-3">
                    <p className="font-semibold">{t(`file.notes.kinds.${n.kind}` as never)}</p>
                    <p className="text-sm text-slate-700">{t('file.notes.by', { date: fmtDate(n.occurredOn, locale), author: n.author })}</p>
                    <p className="mt-1 text-sm break-words whitespace-pre-line">{n.body}</p>
                  </li>
                ))}
              </ol>
            )}
          </section>
        </div>
      </Card>

      <section aria-labelledby="actions-title" className="space-y-6">
        <h2 id="actions-title" className="text-2xl font-semibold text-ameli-900">
          {t('file.actions')}
        </h2>
        <div className="grid gap-6 lg:grid-cols-2 [&>*]:min-w-0">
          <Card title={t('file.unlock.title')} headingLevel={3}>
            <p className="mb-3 text-slate-700">{user?.lockedAt ? t('file.unlock.lead') : t('file.unlock.notLocked')}</p>
            {user?.lockedAt ? <ActionForm id="form-unlock" action={unlockAccountAction} hidden={hidden} submitLabel={t('file.unlock.submit')} /> : null}
          </Card>
          <Card title={t('file.accessCode.title')} headingLevel={3}>
            {f.nirKind === 'temporary' ? (
              <p className="text-slate-700">{t('file.accessCode.temporary')}</p>
            ) : (
              <>
                <p className="mb-3 text-slate-700">{t('file.accessCode.lead')}</p>
                <ActionForm id="form-code" action={sendAccessCodeAction} hidden={hidden} submitLabel={t('file.accessCode.submit')} variant="secondary" />
              </>
            )}
          </Card>
        </div>
        <Card title={t('file.careSheet.title')} headingLevel={3}>
          <p className="mb-3 text-slate-700">{t('file.careSheet.lead')}</p>
          <CareSheetForm insuredId={f.id} persons={persons} acts={acts} maxDate={today} hasAld={hasAld} />
        </Card>
        <Card title={t('file.sickLeave.title')} headingLevel={3}>
          <p className="mb-3 text-slate-700">{t('file.sickLeave.lead')}</p>
          <ActionForm
            id="form-sick-leave"
            action={recordSickLeaveAction}
            hidden={hidden}
            fields={[
              { kind: 'select', name: 'kind', label: t('file.sickLeave.kind'), options: ['illness', 'work-accident', 'occupational-disease'].map((k) => ({ value: k, label: label('sickLeaveKinds', k) })) },
              { kind: 'select', name: 'prescription', label: t('file.sickLeave.prescription'), options: ['initial', 'extension'].map((k) => ({ value: k, label: t(`file.sickLeave.${k}` as never) })) },
              { kind: 'date', name: 'startDate', label: t('file.sickLeave.startDate') },
              { kind: 'date', name: 'endDate', label: t('file.sickLeave.endDate') },
              { kind: 'text', name: 'salaries.0', label: t('file.sickLeave.salary', { n: 1 }), hint: t('file.sickLeave.salaryHint'), inputMode: 'decimal' },
              { kind: 'text', name: 'salaries.1', label: t('file.sickLeave.salary', { n: 2 }), inputMode: 'decimal' },
              { kind: 'text', name: 'salaries.2', label: t('file.sickLeave.salary', { n: 3 }), inputMode: 'decimal' },
              { kind: 'text', name: 'employerName', label: t('file.sickLeave.employer'), optional: true },
            ]}
            submitLabel={t('file.sickLeave.submit')}
          />
        </Card>
        {/* Issue 6 §5: an attestation de droits issued on the person's behalf (lib/services/documents/issue-attestation.ts
            through the route next to this page; a plain form post: the PDF downloads, no JavaScript needed). */}
        <Card title={t('file.attestation.title')} headingLevel={3}>
          <form id="attestation" method="post" action={`/conseiller/assures/${encodeURIComponent(f.id)}/attestation`} className="space-y-3" data-testid="attestation-on-behalf">
            {attestationError ? (
              <Alert tone="error">{attestationError === 'documents.errors.noRights' ? t('file.attestation.noRights') : t('file.attestation.scope')}</Alert>
            ) : null}
            <p className="text-sm text-slate-700">{t('file.attestation.lead')}</p>
            <fieldset className="space-y-2">
              <legend className="font-semibold text-slate-900">{t('file.attestation.scopeLegend')}</legend>
              {(['with-beneficiaries', 'insured'] as const).map((scope, i) => (
                <label key={scope} className="flex items-center gap-2">
                  <input type="radio" name="scope" value={scope} defaultChecked={i === 0} className="h-4 w-4" />
                  {scope === 'insured' ? t('file.attestation.scopeInsured') : t('file.attestation.scopeWithBeneficiaries')}
                </label>
              ))}
            </fieldset>
            <button type="submit" className={buttonClass('primary')}>
              {t('file.attestation.submit')}
            </button>
          </form>
        </Card>
      </section>
    </div>
  )
}
