import type { Metadata } from 'next'
import { requestInfo } from '@/lib/auth/request-info'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { getLocale, getTranslations } from 'next-intl/server'
import { z } from 'zod'
import { fmtDate, fmtFileSize } from '@/components/format'
import { formatNir } from '@/lib/domain/nir'
import { AFFILIATION_DOCUMENTS } from '@/lib/domain/affiliation/documents'
import { fmtDateTime, orNotFound, requireStaffActor } from '@/lib/forms/staff-page'
import { translateCode } from '@/lib/forms/procedure-action'
import { getAffiliationForStaff } from '@/lib/services/affiliation/get-affiliation-for-staff'
import { acknowledgeAffiliationAction, giveAffiliationNumberAction, rejectAffiliationAction, requestAffiliationDocumentAction } from '@/app/actions/affiliation-advisor'
import { ActionForm } from '@/components/back-office/action-form'
import { ActionSection, ReassignCard } from '@/components/back-office/action-section'
import { RequestHeader } from '@/components/back-office/request-page'
import { NumberForm } from '@/components/affiliation-advisor/number-form'
import { Facts } from '@/components/procedures/form-kit'
import { Card } from '@/components/ui/card'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('affiliationAdvisor'))('metaTitle') }
}

const ZParams = z.object({ id: z.string().trim().min(1).max(64) })
const DONE = ['acknowledge', 'request-document', 'register-temporary', 'assign-permanent', 'reject'] as const
const ZSearch = z.object({ done: z.enum(DONE).optional().catch(undefined) })

/**
 * An affiliation request as the advisor processes it (issue 7 §2): who asks, their situation and residence, contact
 * and masked bank details, the spouse's file, the checklist of required documents with each file (downloads are
 * audited) and what is missing, the history, and the steps the machine allows now.
 */
export default async function AffiliationRequestPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = await params
  const actor = await requireStaffActor(`/conseiller/demandes/affiliation/${encodeURIComponent(raw.id)}`)
  const parsed = ZParams.safeParse(raw)
  if (!parsed.success) notFound()
  const a = await orNotFound(getAffiliationForStaff({ actor, procedureId: parsed.data.id, ...(await requestInfo()) }))
  const { done } = ZSearch.parse(await searchParams)
  const t = await getTranslations('affiliationAdvisor')
  const ta = await getTranslations('affiliation')
  const locale = await getLocale()
  const p = a.applicant
  const countries = new Intl.DisplayNames([locale], { type: 'region' })
  const country = (code: string) => countries.of(code) ?? code
  const docName = (d: string) => (ta.has(`documents.${d}`) ? ta(`documents.${d}` as never) : d)
  const fullName = `${p.firstNames} ${p.usualName ?? p.birthName}`
  const base = `/conseiller/demandes/affiliation/${a.id}`
  const hidden = { procedureId: a.id }
  const residence = a.residence.ok
    ? a.residence.exempt
      ? t('residence.exempt', { situation: ta(`situations.${p.situation}` as never) })
      : t('residence.met', { date: fmtDate(a.residence.eligibleFrom, locale) })
    : t('residence.notMet', { message: await translateCode(a.residence.error, a.residence.details) })
  const doneMessage = done
    ? done === 'register-temporary' && p.temporaryNir
      ? t('done.register-temporary', { nir: formatNir(p.temporaryNir.nir, p.temporaryNir.key) })
      : done === 'assign-permanent' && p.permanentNir
        ? t('done.assign-permanent', { nir: formatNir(p.permanentNir.nir, p.permanentNir.key) })
        : done === 'register-temporary' || done === 'assign-permanent'
          ? null
          : t(`done.${done}`, { reference: a.reference })
    : null
  const canNumber = a.actions.includes('register-temporary') || a.actions.includes('assign-permanent')
  const eventLabel = (note: string | null, status: string) =>
    note && t.has(`history.events.${note}`) ? t(`history.events.${note}` as never) : ta.has(`statuses.${status}`) ? ta(`statuses.${status}` as never) : status
  const statusLabel = ta.has(`statuses.${a.status}`) ? ta(`statuses.${a.status}` as never) : a.status
  const d = a.birthPlaceDefault
  return (
    <div className="space-y-6">
      <RequestHeader backHref="/conseiller?type=affiliation#file" backLabel={t('back')} title={`${t('title')} — ${fullName}`} lead={t('lead', { reference: a.reference, date: fmtDateTime(a.submittedAt, locale) })} status={statusLabel} />
      {doneMessage ? (
        <p role="status" className="rounded-md border-l-4 border-ok-700 bg-ok-50 p-3 font-semibold text-ok-700">
          {doneMessage}
        </p>
      ) : null}

      <Card title={t('sections.numbers')}>
        <Facts
          items={[
            { label: t('fields.status'), value: statusLabel },
            { label: t('fields.assignedTo'), value: a.assignedTo ?? t('fields.nobody') },
            { label: t('fields.caisse'), value: a.organisationName },
            { label: t('fields.receipt'), value: p.acknowledgedOn ? fmtDate(p.acknowledgedOn, locale) : t('fields.notYet') },
            { label: t('fields.temporaryNir'), value: p.temporaryNir ? `${formatNir(p.temporaryNir.nir, p.temporaryNir.key)} (${fmtDate(p.temporaryNir.on, locale)})` : '—', testId: 'temporary-nir' },
            { label: t('fields.permanentNir'), value: p.permanentNir ? `${formatNir(p.permanentNir.nir, p.permanentNir.key)} (${fmtDate(p.permanentNir.on, locale)})` : '—', testId: 'permanent-nir' },
            ...(a.insuredId ? [{ label: t('fields.insuredFile'), value: <Link href={`/conseiller/assures/${a.insuredId}`}>{t('fields.openFile')}</Link> }] : []),
            ...(a.decisionReason && a.status === 'rejected' ? [{ label: t('fields.decisionReason'), value: a.decisionReason }] : []),
          ]}
        />
        {!p.permanentNir ? <p className="mt-3 text-sm text-slate-700">{t('noAccount')}</p> : null}
      </Card>

      <div className="grid gap-6 lg:grid-cols-2">
        <Card title={t('sections.identity')}>
          <Facts
            items={[
              { label: t('fields.name'), value: fullName },
              { label: t('fields.birthName'), value: p.birthName },
              ...(p.usualName ? [{ label: t('fields.usualName'), value: p.usualName }] : []),
              { label: t('fields.sex'), value: t(`fields.sexValues.${p.sex}` as never) },
              { label: t('fields.birthDate'), value: fmtDate(p.birthDate, locale) },
              { label: t('fields.birthPlace'), value: `${p.birthCity} (${country(p.birthCountry)})` },
              { label: t('fields.nationality'), value: country(p.nationality) },
            ]}
          />
        </Card>
        <Card title={t('sections.situation')}>
          <Facts
            items={[
              { label: t('fields.situation'), value: ta(`situations.${p.situation}` as never) },
              ...(p.employerName ? [{ label: t('fields.employer'), value: p.employerName }] : []),
              { label: t('fields.arrivalDate'), value: fmtDate(p.arrivalDate, locale) },
              { label: t('fields.residence'), value: residence },
            ]}
          />
        </Card>
      </div>

      <Card title={t('sections.contact')}>
        <Facts
          items={[
            { label: t('fields.address'), value: [p.addressLine1, p.addressLine2, `${p.postalCode} ${p.city}`].filter(Boolean).join(', ') },
            { label: t('fields.email'), value: p.email },
            { label: t('fields.phone'), value: p.phone },
            { label: t('fields.locale'), value: t(`fields.localeValues.${p.preferredLocale}` as never) },
            { label: t('fields.iban'), value: <span className="font-mono">{p.ibanMasked}</span> },
            { label: t('fields.bankHolder'), value: p.bankHolder },
            ...(p.spouseNir
              ? [
                  {
                    label: t('fields.spouseNir'),
                    value: (
                      <>
                        <span className="font-mono">{formatNir(p.spouseNir.nir, p.spouseNir.key)}</span>
                        {' — '}
                        {a.spouse ? <Link href={`/conseiller/assures/${a.spouse.id}`}>{t('fields.spouseFile', { name: a.spouse.name })}</Link> : t('fields.spouseUnknown')}
                      </>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>

      <Card title={t('sections.documents')}>
        <p role="note" className={`mb-3 rounded-md border-l-4 p-3 ${a.missing.length ? 'border-warn-800 bg-warn-50 text-warn-800' : 'border-ok-700 bg-ok-50'}`}>
          {a.missing.length ? t('checklist.missingList', { documents: a.missing.map(docName).join(' ; ') }) : t('checklist.allPresent')}
        </p>
        <ul className="divide-y divide-slate-200 rounded-md border border-slate-200" aria-label={t('checklist.caption')}>
          {a.checklist.map((c) => (
            <li key={c.document} className="grid gap-2 p-3 sm:grid-cols-[1fr_auto] sm:items-start">
              <div className="min-w-0">
                <p className="font-semibold">{docName(c.document)}</p>
                <p className="text-sm text-slate-700">{ta(`documentReasons.${c.reason}` as never)}</p>
                {c.files.map((f) => (
                  <p key={f.id} className="mt-1 text-sm break-words">
                    <a href={`${base}/pieces/${f.id}`} className="font-semibold">
                      {t('checklist.open', { name: f.filename })}
                    </a>{' '}
                    <span className="text-slate-700">· {t('checklist.fileMeta', { size: fmtFileSize(f.size, locale), date: fmtDateTime(f.createdAt, locale) })}</span>
                  </p>
                ))}
              </div>
              <p className={`w-fit rounded-full px-3 py-1 text-sm font-semibold ${c.files.length ? 'bg-ok-50 text-ok-700' : 'bg-danger-50 text-danger-700'}`}>
                {c.files.length ? t('checklist.present') : t('checklist.missing')}
              </p>
            </li>
          ))}
        </ul>
        {a.otherFiles.length ? (
          <>
            <h3 className="mt-4 font-semibold text-ameli-900">{t('checklist.other')}</h3>
            <ul className="mt-1 space-y-1 text-sm">
              {a.otherFiles.map((f) => (
                <li key={f.id}>
                  <a href={`${base}/pieces/${f.id}`} className="font-semibold">
                    {t('checklist.open', { name: f.filename })}
                  </a>{' '}
                  · {docName(f.kind)}
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {p.documentRequests.length ? (
          <>
            <h3 className="mt-4 font-semibold text-ameli-900">{t('checklist.requests')}</h3>
            <ul className="mt-1 list-disc space-y-1 pl-5 text-sm">
              {p.documentRequests.map((r, i) => (
                <li key={i}>
                  {t('checklist.requestLine', { document: docName(r.document), date: fmtDate(r.requestedOn, locale), reason: r.reason })} —{' '}
                  {r.answeredOn ? t('checklist.answered', { date: fmtDate(r.answeredOn, locale) }) : t('checklist.waiting')}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </Card>

      {a.attestations.length ? (
        <Card title={t('attestation.title')}>
          <ul className="space-y-2">
            {a.attestations.map((doc) => (
              <li key={doc.id}>
                <a href={`${base}/attestation/${doc.id}`} className="font-semibold">
                  {t('attestation.download', { date: fmtDateTime(doc.issuedAt, locale) })}
                </a>
                <p className="text-sm text-slate-700">{t('attestation.issued', { date: fmtDateTime(doc.issuedAt, locale), validUntil: fmtDate(doc.validUntil, locale), code: doc.verificationCode })}</p>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}

      <Card title={t('sections.actions')}>
        {a.actions.length === 0 ? <p>{t('actions.none')}</p> : null}
        <div className="grid items-start gap-8 lg:grid-cols-2">
          {canNumber ? (
            <ActionSection id="a-number" title={a.actions.includes('register-temporary') ? t('actions.register-temporary.title') : t('actions.assign-permanent.title')} className="lg:col-span-2">
              {a.actions.includes('register-temporary') ? <p className="text-sm text-slate-700">{t('actions.register-temporary.lead')}</p> : null}
              <p className="text-sm text-slate-700">{t('actions.assign-permanent.lead')}</p>
              {a.missing.length ? (
                <p className="text-sm font-semibold text-danger-700">{t('checklist.missingList', { documents: a.missing.map(docName).join(' ; ') })}</p>
              ) : null}
              <NumberForm
                action={giveAffiliationNumberAction}
                procedureId={a.id}
                labels={{
                  legend: t('actions.birthPlace.legend'),
                  abroad: t('actions.birthPlace.abroad'),
                  france: t('actions.birthPlace.france'),
                  countryCode: t('actions.birthPlace.countryCode'),
                  countryCodeHint: t('actions.birthPlace.countryCodeHint', { country: country(p.birthCountry) }),
                  department: t('actions.birthPlace.department'),
                  departmentHint: t('actions.birthPlace.departmentHint'),
                  commune: t('actions.birthPlace.commune'),
                  communeHint: t('actions.birthPlace.communeHint'),
                }}
                defaults={d.kind === 'abroad' ? { kind: 'abroad', countryCode: d.countryCode, department: '', commune: '' } : { kind: 'france', countryCode: '', department: d.department, commune: d.commune }}
                buttons={[
                  ...(a.actions.includes('register-temporary') ? [{ value: 'temporary' as const, label: t('actions.register-temporary.submit'), variant: 'primary' as const }] : []),
                  ...(a.actions.includes('assign-permanent') ? [{ value: 'permanent' as const, label: t('actions.assign-permanent.submit'), variant: a.actions.includes('register-temporary') ? ('secondary' as const) : ('primary' as const) }] : []),
                ]}
              />
            </ActionSection>
          ) : null}
          {a.actions.includes('acknowledge') || a.actions.includes('reject') ? (
            <div className="space-y-8">
            {a.actions.includes('acknowledge') ? (
              <ActionSection id="a-ack" title={t('actions.acknowledge.title')}>
                <p className="text-sm text-slate-700">{t('actions.acknowledge.lead')}</p>
                <ActionForm id="form-ack" action={acknowledgeAffiliationAction} hidden={hidden} submitLabel={t('actions.acknowledge.submit')} />
              </ActionSection>
            ) : null}
            {a.actions.includes('reject') ? (
              <ActionSection id="a-reject" title={t('actions.reject.title')}>
                <p className="text-sm text-slate-700">{t('actions.reject.lead')}</p>
                <ActionForm
                  id="form-reject"
                  action={rejectAffiliationAction}
                  hidden={hidden}
                  fields={[{ kind: 'textarea', name: 'decisionReason', label: t('actions.reject.reason') }]}
                  submitLabel={t('actions.reject.submit')}
                  variant="secondary"
                />
              </ActionSection>
            ) : null}
            </div>
          ) : null}
          {a.actions.includes('request-document') ? (
            <ActionSection id="a-document" title={t('actions.request-document.title')}>
              <p className="text-sm text-slate-700">{t('actions.request-document.lead')}</p>
              <ActionForm
                id="form-document"
                action={requestAffiliationDocumentAction}
                hidden={hidden}
                fields={[
                  {
                    kind: 'select',
                    name: 'document',
                    label: t('actions.request-document.document'),
                    options: [{ value: '', label: t('actions.request-document.choose') }, ...[...a.missing, ...AFFILIATION_DOCUMENTS.filter((x) => !a.missing.includes(x))].map((x) => ({ value: x, label: docName(x) }))],
                  },
                  { kind: 'textarea', name: 'reason', label: t('actions.request-document.reason'), hint: t('actions.request-document.reasonHint') },
                ]}
                submitLabel={t('actions.request-document.submit')}
                variant="secondary"
              />
            </ActionSection>
          ) : null}
        </div>
      </Card>

      {actor.role === 'supervisor' ? (
        <ReassignCard procedureId={a.id} advisors={a.advisors} />
      ) : null}

      <Card title={t('sections.history')}>
        <ol className="space-y-2">
          {a.events.map((e, i) => (
            <li key={i} className="rounded-md border border-slate-200 bg-white p-3">
              <p className="font-semibold">{eventLabel(e.note, e.status)}</p>
              <p className="text-sm text-slate-700">
                {fmtDateTime(e.at, locale)} · {e.actor ? t('history.by', { name: e.actor }) : t('history.byApplicant')}
              </p>
            </li>
          ))}
        </ol>
      </Card>
    </div>
  )
}
