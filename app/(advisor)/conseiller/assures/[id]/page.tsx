import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { getLocale, getTranslations } from 'next-intl/server'
import { z } from 'zod'
import { requestInfo } from '@/lib/auth/request-info'
import { fmtDate, fmtMoney, fmtNir } from '@/components/format'
import { fmtDateTime, orNotFound, requireStaffActor } from '@/lib/forms/staff-page'
import { calendarDate } from '@/lib/domain/dates'
import { parisToday } from '@/lib/domain/paris-today'
import { careSheetContext, openInsuredFile } from '@/lib/services/back-office/insured-file'
import { listProcedures } from '@/lib/services/procedures/list-procedures'
import { getRuleEngine } from '@/lib/services/simulation/rule-engine'
import { recordSickLeaveAction, sendAccessCodeAction, unlockAccountAction } from '@/app/actions/back-office'
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
  const [procedures, engine] = await Promise.all([listProcedures({ actor, insuredId: f.id }), getRuleEngine()])
  const t = await getTranslations('backoffice')
  const tt = await getTranslations('procedureTypes')
  const ts = await getTranslations('procedurePages.status')
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

      <div className="grid gap-6 lg:grid-cols-2">
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
            tt.has(p.type) ? tt(p.type) : p.type,
            beneficiaryName(p.beneficiaryId),
            fmtDateTime(p.submittedAt, locale),
            ts.has(p.status) ? ts(p.status) : p.status,
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
        <h3 className="mt-4 mb-2 font-semibold text-ameli-900">{t('file.claims')}</h3>
        <Table
          caption={t('file.claims')}
          head={[t('file.careDate'), t('queue.reference'), t('file.person'), t('file.professional'), t('file.acts'), t('file.charged'), t('file.amoPaid'), t('file.source')]}
          rows={f.claims.map((c) => [fmtDate(c.careDate, locale), c.reference, beneficiaryName(c.beneficiaryId), c.professional ?? '—', c.lines.map((x) => `${x.act}×${x.quantity}`).join(', '), fmtMoney(c.totalCharged, locale), fmtMoney(c.totalAmoPaid, locale), label('claimSources', c.source)])}
          empty={t('file.noClaim')}
        />
      </Card>

      <div className="grid gap-6 lg:grid-cols-2">
        <Card title={t('file.appointments')}>
          <Table
            caption={t('file.appointments')}
            head={[t('file.when'), t('file.where'), t('file.reason'), t('file.status')]}
            rows={f.appointments.map((a) => [fmtDateTime(a.slot.startsAt, locale), a.slot.receptionPoint.name, a.reason, a.status])}
            empty={t('file.noAppointment')}
          />
        </Card>
        <Card title={t('file.threads')}>
          <Table
            caption={t('file.threads')}
            head={[t('file.subject'), t('file.lastMessage'), t('file.status')]}
            rows={f.threads.map((m) => [m.subject, fmtDateTime(m.lastMessageAt, locale), m.status])}
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

      <section aria-labelledby="actions-title" className="space-y-6">
        <h2 id="actions-title" className="text-2xl font-semibold text-ameli-900">
          {t('file.actions')}
        </h2>
        <div className="grid gap-6 lg:grid-cols-2">
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
