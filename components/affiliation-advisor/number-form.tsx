'use client'

import { useKeptForm } from '@/components/ui/use-kept-form'
import { ErrorSummary, SubmitButton, TextField } from '@/components/procedures/form-kit'
import { fieldId, initialFormState, type TFormState } from '@/components/procedures/form-state'
import type { TActionResult } from '@/components/back-office/action-form'

type TAction = (state: TFormState<TActionResult>, formData: FormData) => Promise<TFormState<TActionResult>>

export type TNumberFormLabels = {
  legend: string
  abroad: string
  france: string
  countryCode: string
  countryCodeHint: string
  department: string
  departmentHint: string
  commune: string
  communeHint: string
}

/**
 * The advisor confirms the place of birth before a number is generated (works without JavaScript: a plain post).
 * One form for both numbers: from review the advisor may give the temporary one or the permanent one at once (one
 * submit button each, `numberKind`); once the temporary number is given, only the permanent one. Labels come
 * translated from the server page.
 */
export function NumberForm({
  action,
  procedureId,
  labels,
  defaults,
  buttons,
}: {
  action: TAction
  procedureId: string
  labels: TNumberFormLabels
  defaults: { kind: 'abroad' | 'france'; countryCode: string; department: string; commune: string }
  buttons: { value: 'temporary' | 'permanent'; label: string; variant: 'primary' | 'secondary' }[]
}) {
  const { state, form } = useKeptForm<TFormState<TActionResult>>(action, initialFormState<TActionResult>())
  const value = (name: string, fallback: string) => state.values[name] ?? fallback
  const kind = value('birthPlace.kind', defaults.kind)
  const radioId = (v: string) => (v === 'abroad' ? fieldId('birthPlace.kind') : `${fieldId('birthPlace.kind')}-${v}`)
  return (
    <form {...form} className="space-y-4" noValidate id="form-number">
      <input type="hidden" name="procedureId" value={procedureId} />
      <ErrorSummary audience="staff" state={state} order={['birthPlace.kind', 'birthPlace.countryCode', 'birthPlace.department', 'birthPlace.commune']} />
      <fieldset className="min-w-0 space-y-3">
        <legend className="font-semibold text-slate-900">{labels.legend}</legend>
        {(['abroad', 'france'] as const).map((v) => (
          <div key={`${v}-${state.status}`} className="rounded-md border border-slate-200 bg-white p-3 has-[:checked]:border-ameli-600 has-[:checked]:bg-ameli-50">
            <div className="flex items-start gap-3">
              <input id={radioId(v)} type="radio" name="birthPlace.kind" value={v} defaultChecked={kind === v} className="mt-0.5 size-5 shrink-0 accent-ameli-700" />
              <label htmlFor={radioId(v)} className="cursor-pointer font-medium text-slate-900">
                {labels[v]}
              </label>
            </div>
            <div className="mt-3 grid gap-3 pl-8 sm:grid-cols-2">
              {v === 'abroad' ? (
                <TextField name="birthPlace.countryCode" label={labels.countryCode} hint={labels.countryCodeHint} error={state.errors['birthPlace.countryCode']} inputMode="numeric" autoComplete="off" defaultValue={value('birthPlace.countryCode', defaults.countryCode)} width="w-32" />
              ) : (
                <>
                  <TextField name="birthPlace.department" label={labels.department} hint={labels.departmentHint} error={state.errors['birthPlace.department']} autoComplete="off" defaultValue={value('birthPlace.department', defaults.department)} width="w-32" />
                  <TextField name="birthPlace.commune" label={labels.commune} hint={labels.communeHint} error={state.errors['birthPlace.commune']} inputMode="numeric" autoComplete="off" defaultValue={value('birthPlace.commune', defaults.commune)} width="w-32" />
                </>
              )}
            </div>
          </div>
        ))}
      </fieldset>
      <div className="flex flex-wrap gap-3">
        {buttons.map((b) => (
          <SubmitButton key={b.value} name="numberKind" value={b.value} variant={b.variant}>
            {b.label}
          </SubmitButton>
        ))}
      </div>
    </form>
  )
}
