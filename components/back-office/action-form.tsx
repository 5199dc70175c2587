'use client'

import { useKeptForm } from '@/components/ui/use-kept-form'
import { useEffect, useRef } from 'react'
import { ErrorSummary, SelectField, SubmitButton, TextField, controlClass, describedBy, ErrorText } from '@/components/procedures/form-kit'
import { fieldId, hintId, errorId, initialFormState, type TFormState } from '@/components/procedures/form-state'

export type TFieldSpec =
  | { kind: 'text' | 'date'; name: string; label: string; hint?: string; optional?: boolean; inputMode?: 'decimal' | 'numeric'; autoComplete?: string }
  | { kind: 'textarea'; name: string; label: string; hint?: string }
  | { kind: 'select'; name: string; label: string; hint?: string; options: { value: string; label: string }[] }

export type TActionResult = { message: string }
type TAction = (state: TFormState<TActionResult>, formData: FormData) => Promise<TFormState<TActionResult>>

/**
 * One back-office action as a form (works without JavaScript: a plain post to the server action): its fields with
 * their translated errors, the error summary, and the confirmation the server wrote (role=status).
 */
export function ActionForm({
  action,
  hidden,
  fields = [],
  submitLabel,
  variant = 'primary',
  id,
}: {
  action: TAction
  hidden: Record<string, string>
  fields?: TFieldSpec[]
  submitLabel: string
  variant?: 'primary' | 'secondary'
  id: string
}) {
  const { state, form, formKey } = useKeptForm<TFormState<TActionResult>>(action, initialFormState<TActionResult>(), { clearWhen: (s) => s.status === 'success' })
  const ref = useRef<HTMLParagraphElement>(null)
  useEffect(() => {
    if (state.status === 'success') ref.current?.focus()
  }, [state])
  const value = (name: string) => (state.status === 'success' ? '' : (state.values[name] ?? ''))
  return (
    <form key={formKey} {...form} className="space-y-4" noValidate id={id}>
      {Object.entries(hidden).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <ErrorSummary audience="staff" state={state} order={fields.map((f) => f.name)} />
      {state.status === 'success' && state.result ? (
        <p ref={ref} tabIndex={-1} role="status" className="rounded-md border-l-4 border-ok-700 bg-ok-50 p-3 font-semibold text-ok-700">
          {state.result.message}
        </p>
      ) : null}
      {fields.map((f) =>
        f.kind === 'select' ? (
          <SelectField key={`${f.name}-${state.status}`} name={f.name} label={f.label} hint={f.hint} error={state.errors[f.name]} options={f.options} defaultValue={value(f.name) || undefined} />
        ) : f.kind === 'textarea' ? (
          <div key={f.name} className={state.errors[f.name] ? 'border-l-4 border-danger-700 pl-3' : undefined}>
            <label htmlFor={fieldId(f.name)} className="block font-semibold text-slate-900">
              {f.label}
            </label>
            {f.hint ? (
              <p id={hintId(f.name)} className="mt-0.5 text-sm text-slate-600">
                {f.hint}
              </p>
            ) : null}
            <ErrorText name={f.name} message={state.errors[f.name]} />
            <textarea
              key={`${f.name}-${state.status}`}
              id={fieldId(f.name)}
              name={f.name}
              rows={3}
              defaultValue={value(f.name)}
              aria-invalid={state.errors[f.name] ? true : undefined}
              aria-describedby={describedBy(f.hint && hintId(f.name), state.errors[f.name] && errorId(f.name))}
              className={controlClass(Boolean(state.errors[f.name]))}
            />
          </div>
        ) : (
          <TextField
            key={`${f.name}-${state.status}`}
            name={f.name}
            label={f.label}
            hint={f.hint}
            optional={f.optional}
            error={state.errors[f.name]}
            type={f.kind === 'date' ? 'date' : 'text'}
            inputMode={f.kind === 'text' ? f.inputMode : undefined}
            autoComplete={f.kind === 'text' ? (f.autoComplete ?? 'off') : 'off'}
            defaultValue={value(f.name)}
            width={f.kind === 'date' ? 'w-56 max-w-full' : 'w-full'}
          />
        ),
      )}
      <SubmitButton variant={variant}>{submitLabel}</SubmitButton>
    </form>
  )
}
