'use client'

import Link from 'next/link'
import { useActionState, useEffect, useRef, useState, useSyncExternalStore, startTransition, type FormEvent } from 'react'
import { useTranslations } from 'next-intl'
import { submitAffiliationAction, type TAffiliationDone } from '@/app/actions/affiliation'
import { AFFILIATION_DOCUMENTS, AFFILIATION_SITUATIONS, requiredDocuments, type TAffiliationDocument, type TAffiliationSituation, type TDocumentRequirement } from '@/lib/domain/affiliation/documents'
import { buttonClass } from '@/components/ui/button'
import { ChoiceGroup, describedBy, ErrorSummary, ErrorText, Section, SelectField, SuccessPanel, TextField, Checkbox } from '@/components/procedures/form-kit'
import { errorId, fieldId, hintId, initialFormState, type TFormState } from '@/components/procedures/form-state'
import { uploadSizeProblem } from '@/lib/domain/procedures/upload-limits'
import { CopyButton } from './copy-button'

export type TAffiliationFormLabels = {
  situations: Record<string, string>
  documents: Record<string, string>
  reasons: Record<string, string>
}

const ACCEPT = 'image/jpeg,image/png,application/pdf'

const FIELD_ORDER = [
  'situation', 'sex', 'birthName', 'usualName', 'firstNames', 'birthDate', 'birthCity', 'birthCountry', 'nationality', 'birthCertificateInFrench',
  'addressLine1', 'addressLine2', 'postalCode', 'city', 'arrivalDate', 'email', 'phone', 'preferredLocale', 'iban', 'bic', 'bankHolder',
  'employerName', 'spouseNir', ...AFFILIATION_DOCUMENTS.map((d) => `doc-${d}`), 'certify',
]

/** True once React runs in the browser (false on the server and for visitors without JavaScript). */
const noop = () => () => {}
function useEnhanced(): boolean {
  return useSyncExternalStore(noop, () => true, () => false)
}

const isSituation = (v: string | undefined): v is TAffiliationSituation => (AFFILIATION_SITUATIONS as readonly string[]).includes(v ?? '')

/** The documents every situation asks for, given the nationality and the language of the birth certificate. */
function commonDocuments(nationality: string, inFrench: boolean): TDocumentRequirement[] {
  const lists = AFFILIATION_SITUATIONS.map((situation) => requiredDocuments({ situation, nationality, birthCertificateInFrench: inFrench }))
  return lists[0]!.filter((r) => lists.every((l) => l.some((x) => x.document === r.document)))
}

/**
 * The affiliation request (PUMA). With JavaScript, the list of supporting documents follows the situation,
 * nationality and language of the birth certificate as they are chosen (the same requiredDocuments() the server
 * checks), the situation's own field shows alone, chosen files survive a refused submission, and the total size is
 * checked before sending. Without JavaScript, every document field shows, grouped, with a note saying for whom it is
 * required; the server keeps only those of the person's situation.
 */
export function AffiliationRequestForm({
  idempotencyKey,
  locale,
  countries,
  labels,
  maxMegabytes,
}: {
  idempotencyKey: string
  locale: 'fr' | 'en'
  countries: { value: string; label: string }[]
  labels: TAffiliationFormLabels
  maxMegabytes: number
}) {
  const t = useTranslations('affiliationPublic.form')
  const te = useTranslations('affiliationPublic.errors')
  const [state, action, pending] = useActionState(submitAffiliationAction, initialFormState<TAffiliationDone>())
  const enhanced = useEnhanced()
  const v = state.values
  const [situation, setSituation] = useState<string | undefined>(v.situation)
  const [nationality, setNationality] = useState<string>(v.nationality ?? '')
  const [inFrench, setInFrench] = useState<string | undefined>(v.birthCertificateInFrench)
  const tu = useTranslations('procedureErrors.upload')
  const [localError, setLocalError] = useState<{ message: string; field: string | null } | null>(null)
  const formRef = useRef<HTMLFormElement>(null)
  const files = useRef(new Map<string, File>())

  // Chosen files stay chosen when a field list changes or the server refuses the form (inputs re-render empty).
  useEffect(() => {
    const form = formRef.current
    if (!form) return
    for (const [name, file] of files.current) {
      const input = form.elements.namedItem(name)
      if (input instanceof HTMLInputElement && input.type === 'file' && (input.files?.length ?? 0) === 0) {
        const dt = new DataTransfer()
        dt.items.add(file)
        input.files = dt.files
      }
    }
  })

  if (state.status === 'success' && state.result) return <AffiliationDone result={state.result} />

  function onChange(event: FormEvent<HTMLFormElement>) {
    const target = event.target as HTMLInputElement | HTMLSelectElement
    if (target.name === 'situation') setSituation(target.value)
    else if (target.name === 'nationality') setNationality(target.value)
    else if (target.name === 'birthCertificateInFrench') setInFrench(target.value)
    else if (target instanceof HTMLInputElement && target.type === 'file') {
      const file = target.files?.[0]
      if (file) files.current.set(target.name, file)
      else files.current.delete(target.name)
      setLocalError(null)
    }
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    // Sent by hand so that React does not reset the form (the chosen files would be lost on a refusal).
    event.preventDefault()
    const data = new FormData(event.currentTarget)
    // The same limits as the server and the proxy (UPLOAD_LIMITS): refused here, before sending, the form untouched.
    const chosen = [...data.entries()].flatMap(([field, value]) => (value instanceof File && value.size > 0 ? [{ field, name: value.name, size: value.size }] : []))
    const problem = uploadSizeProblem(chosen)
    if (problem) {
      const field = problem.problem === 'file' ? (chosen.find((f) => f.size > 0 && f.name === problem.name)?.field ?? null) : null
      setLocalError(problem.problem === 'file' ? { message: tu('fileTooLarge', { name: problem.name, maxMegabytes: problem.maxMegabytes }), field } : { message: tu('formTooLarge', { maxMegabytes: problem.maxMegabytes }), field: null })
      return
    }
    setLocalError(null)
    startTransition(() => action(data))
  }

  const facts = { situation: isSituation(situation) ? situation : null, nationality: nationality || 'FR', inFrench: inFrench !== 'no' }
  const live: TDocumentRequirement[] = facts.situation
    ? requiredDocuments({ situation: facts.situation, nationality: facts.nationality, birthCertificateInFrench: facts.inFrench })
    : commonDocuments(facts.nationality, facts.inFrench)
  const summaryState: TFormState<unknown> = localError
    ? localError.field
      ? { ...state, status: 'invalid', formError: null, errors: { [localError.field]: localError.message } }
      : { ...state, formError: localError.message, errors: {} }
    : state
  const countryOptions = [{ value: '', label: t('chooseCountry') }, ...countries]
  const yesNo = [
    { value: 'yes', label: t('yes') },
    { value: 'no', label: t('no') },
  ]

  return (
    <form ref={formRef} action={action} onSubmit={onSubmit} onChange={onChange} noValidate encType="multipart/form-data" className="space-y-6">
      <ErrorSummary state={summaryState} order={FIELD_ORDER} />
      {state.status !== 'idle' && !enhanced ? <p className="text-sm font-semibold text-danger-700">{te('documentsLost')}</p> : null}
      <p className="text-sm text-slate-700">{t('requiredNote')}</p>
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />

      <Section legend={t('situationLegend')}>
        <ChoiceGroup
          name="situation"
          type="radio"
          legend={t('situation')}
          hint={t('situationHint')}
          error={state.errors.situation}
          choices={AFFILIATION_SITUATIONS.map((s) => ({ value: s, label: labels.situations[s] ?? s }))}
          checked={(value) => v.situation === value}
          columns
        />
      </Section>

      <Section legend={t('identityLegend')} description={t('identityDescription')}>
        <ChoiceGroup name="sex" type="radio" legend={t('sex')} error={state.errors.sex} choices={[{ value: '2', label: t('sex2') }, { value: '1', label: t('sex1') }]} checked={(value) => v.sex === value} columns />
        <TextField name="birthName" label={t('birthName')} hint={t('birthNameHint')} error={state.errors.birthName} defaultValue={v.birthName} autoComplete="family-name" required />
        <TextField name="usualName" label={t('usualName')} hint={t('usualNameHint')} optional error={state.errors.usualName} defaultValue={v.usualName} autoComplete="off" />
        <TextField name="firstNames" label={t('firstNames')} hint={t('firstNamesHint')} error={state.errors.firstNames} defaultValue={v.firstNames} autoComplete="given-name" required />
        <TextField name="birthDate" type="date" label={t('birthDate')} error={state.errors.birthDate} defaultValue={v.birthDate} autoComplete="bday" width="w-full max-w-56" required />
        <TextField name="birthCity" label={t('birthCity')} error={state.errors.birthCity} defaultValue={v.birthCity} autoComplete="off" required />
        <div className="grid gap-5 sm:grid-cols-2">
          <SelectField name="birthCountry" label={t('birthCountry')} error={state.errors.birthCountry} options={countryOptions} defaultValue={v.birthCountry ?? ''} />
          <SelectField name="nationality" label={t('nationality')} error={state.errors.nationality} options={countryOptions} defaultValue={v.nationality ?? ''} />
        </div>
        <ChoiceGroup
          name="birthCertificateInFrench"
          type="radio"
          legend={t('birthCertificateInFrench')}
          hint={t('birthCertificateInFrenchHint')}
          error={state.errors.birthCertificateInFrench}
          choices={yesNo}
          checked={(value) => v.birthCertificateInFrench === value}
          columns
        />
      </Section>

      <Section legend={t('addressLegend')}>
        <TextField name="addressLine1" label={t('addressLine1')} error={state.errors.addressLine1} defaultValue={v.addressLine1} autoComplete="address-line1" required />
        <TextField name="addressLine2" label={t('addressLine2')} hint={t('addressLine2Hint')} optional error={state.errors.addressLine2} defaultValue={v.addressLine2} autoComplete="address-line2" />
        <TextField name="postalCode" label={t('postalCode')} hint={t('postalCodeHint')} error={state.errors.postalCode} defaultValue={v.postalCode} autoComplete="postal-code" inputMode="numeric" maxLength={5} width="w-full max-w-40" required />
        <TextField name="city" label={t('city')} error={state.errors.city} defaultValue={v.city} autoComplete="address-level2" required />
        <TextField name="arrivalDate" type="date" label={t('arrivalDate')} hint={t('arrivalDateHint')} error={state.errors.arrivalDate} defaultValue={v.arrivalDate} width="w-full max-w-56" required />
      </Section>

      <Section legend={t('contactLegend')}>
        <TextField name="email" type="email" label={t('email')} hint={t('emailHint')} error={state.errors.email} defaultValue={v.email} autoComplete="email" spellCheck={false} required />
        <TextField name="phone" type="tel" label={t('phone')} hint={t('phoneHint')} error={state.errors.phone} defaultValue={v.phone} autoComplete="tel-national" width="w-full max-w-64" required />
        <ChoiceGroup
          name="preferredLocale"
          type="radio"
          legend={t('preferredLocale')}
          error={state.errors.preferredLocale}
          choices={[{ value: 'fr', label: t('localeFr') }, { value: 'en', label: t('localeEn') }]}
          checked={(value) => (v.preferredLocale ?? locale) === value}
          columns
        />
      </Section>

      <Section legend={t('bankLegend')}>
        <TextField name="iban" label={t('iban')} hint={t('ibanHint')} error={state.errors.iban} defaultValue={v.iban} autoComplete="off" spellCheck={false} required />
        <TextField name="bic" label={t('bic')} hint={t('bicHint')} optional error={state.errors.bic} defaultValue={v.bic} autoComplete="off" spellCheck={false} width="w-full max-w-56" />
        <TextField name="bankHolder" label={t('bankHolder')} hint={t('bankHolderHint')} error={state.errors.bankHolder} defaultValue={v.bankHolder} autoComplete="name" required />
      </Section>

      <Section legend={t('specificLegend')}>
        {!enhanced || facts.situation === 'employee' ? (
          <TextField name="employerName" label={t('employerName')} hint={enhanced ? undefined : t('employerNameHint')} error={state.errors.employerName} defaultValue={v.employerName} autoComplete="organization" />
        ) : null}
        {!enhanced || facts.situation === 'family-member' ? (
          <TextField name="spouseNir" label={t('spouseNir')} hint={t('spouseNirHint')} error={state.errors.spouseNir} defaultValue={v.spouseNir} autoComplete="off" inputMode="text" spellCheck={false} width="w-full max-w-md" />
        ) : null}
        {enhanced && !facts.situation ? <p className="text-slate-700">{t('specificChooseSituation')}</p> : null}
        {enhanced && facts.situation && facts.situation !== 'employee' && facts.situation !== 'family-member' ? <p className="text-slate-700">{t('noSpecific')}</p> : null}
      </Section>

      <Section legend={t('documentsLegend')} description={t('documentsDescription', { maxMegabytes })}>
        {enhanced ? (
          <div className="space-y-5">
            <p aria-live="polite" className="rounded-md bg-ameli-50 p-3 text-sm text-ameli-900">
              {facts.situation ? `${t('documentsCount', { count: live.length })} ${t('documentsLive')}` : t('documentsChooseSituation')}
            </p>
            {live.map((r) => (
              <DocumentInput key={r.document} document={r.document} label={labels.documents[r.document] ?? r.document} hint={t('why', { reason: labels.reasons[r.reason] ?? r.reason })} error={summaryState.errors[`doc-${r.document}`]} />
            ))}
          </div>
        ) : (
          <AllDocuments labels={labels} errors={summaryState.errors} />
        )}
      </Section>

      <Section legend={t('certifyLegend')}>
        <Checkbox name="certify" value="on" label={t('certify')} hint={t('certifyHint')} error={state.errors.certify} defaultChecked={v.certify === 'on'} />
      </Section>

      <button type="submit" disabled={pending} aria-disabled={pending || undefined} className={buttonClass('primary', 'text-base')}>
        {pending ? t('sending') : t('submit')}
      </button>
    </form>
  )
}

function DocumentInput({ document, label, hint, error }: { document: string; label: string; hint: string; error?: string }) {
  const name = `doc-${document}`
  return (
    <div className={error ? 'border-l-4 border-danger-700 pl-3' : undefined}>
      <label htmlFor={fieldId(name)} className="block font-semibold text-slate-900">
        {label}
      </label>
      <p id={hintId(name)} className="mt-0.5 text-sm text-slate-600">
        {hint}
      </p>
      <ErrorText name={name} message={error} />
      <input
        id={fieldId(name)}
        name={name}
        type="file"
        accept={ACCEPT}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(hintId(name), error && errorId(name))}
        className="mt-1 block w-full max-w-full rounded-md border border-slate-500 bg-white p-2 text-sm file:mr-3 file:min-h-9 file:rounded-md file:border-0 file:bg-ameli-700 file:px-3 file:py-1.5 file:font-semibold file:text-white"
      />
    </div>
  )
}

/** Without JavaScript: every document, grouped by who must send it. */
function AllDocuments({ labels, errors }: { labels: TAffiliationFormLabels; errors: Record<string, string> }) {
  const t = useTranslations('affiliationPublic.form')
  const everyone = commonDocuments('FR', true).map((r) => r.document)
  const note = (d: TAffiliationDocument): string => {
    if (everyone.includes(d)) return t('forEveryone')
    if (d === 'birth-certificate-translation') return t('ifNotFrench')
    if (d === 'residence-permit') return t('ifNotEea')
    const who = AFFILIATION_SITUATIONS.filter((s) => requiredDocuments({ situation: s, nationality: 'FR', birthCertificateInFrench: true }).some((r) => r.document === d))
    return t('forSituations', { situations: who.map((s) => labels.situations[s] ?? s).join(' ; ') })
  }
  return (
    <div className="space-y-5">
      <p className="rounded-md bg-warn-50 p-3 text-sm text-warn-800">{t('noScript')}</p>
      {AFFILIATION_DOCUMENTS.map((d) => (
        <DocumentInput key={d} document={d} label={labels.documents[d] ?? d} hint={note(d)} error={errors[`doc-${d}`]} />
      ))}
    </div>
  )
}

function AffiliationDone({ result }: { result: TAffiliationDone }) {
  const t = useTranslations('affiliationPublic.done')
  return (
    <SuccessPanel title={t('title')}>
      <span data-affiliation-done hidden />
      {!result.created ? <p>{t('again')}</p> : null}
      <div className="rounded-md border border-ok-700 bg-white p-4">
        <p id="aff-number-label" className="text-sm font-semibold text-slate-700">
          {t('numberLabel')}
        </p>
        <p aria-labelledby="aff-number-label" data-testid="affiliation-reference" className="mt-1 select-all break-all font-mono text-3xl font-bold tracking-wide text-ameli-900 sm:text-4xl">
          {result.reference}
        </p>
        <div className="mt-3">
          <CopyButton text={result.reference} label={t('copy')} done={t('copied')} />
        </div>
        <p className="mt-3 text-sm text-slate-700">{t('numberHint', { email: result.email })}</p>
      </div>
      <h3 className="text-lg font-semibold text-ameli-900">{t('nextTitle')}</h3>
      <ol className="list-decimal space-y-1 pl-6">
        <li>{t('next1', { caisse: result.caisseName })}</li>
        <li>{t('next2')}</li>
        <li>{t('next3')}</li>
        <li>{t('next4')}</li>
      </ol>
      <p>
        <Link href="/affiliation/suivi" className={buttonClass('primary')}>
          {t('follow')}
        </Link>
      </p>
    </SuccessPanel>
  )
}
