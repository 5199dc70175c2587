'use client'

import { useEffect, useRef, type InputHTMLAttributes, type ReactNode } from 'react'
import { useFormStatus } from 'react-dom'
import { useTranslations } from 'next-intl'
import { buttonClass } from '@/components/ui/button'
import { errorId, fieldId, hintId, type TFormState } from './form-state'

export const describedBy = (...ids: (string | false | null | undefined)[]) => ids.filter(Boolean).join(' ') || undefined

export const controlClass = (invalid: boolean, width = 'w-full') =>
  `mt-1 block ${width} min-h-11 rounded-md border bg-white px-3 py-2 text-base shadow-sm ${invalid ? 'border-2 border-danger-700' : 'border-slate-500'} focus:border-ameli-600`

export function ErrorText({ name, message }: { name: string; message?: string }) {
  const t = useTranslations('procedurePages.common')
  if (!message) return null
  return (
    <p id={errorId(name)} className="mt-1 text-sm font-semibold text-danger-700">
      <span className="sr-only">{t('errorPrefix')} </span>
      {message}
    </p>
  )
}

/** A labelled control with its hint and error, wired with aria-describedby. */
export function TextField({
  name,
  label,
  hint,
  error,
  optional = false,
  width = 'w-full',
  suffix,
  ...input
}: { name: string; label: ReactNode; hint?: string; error?: string; optional?: boolean; width?: string; suffix?: string } & Omit<InputHTMLAttributes<HTMLInputElement>, 'name' | 'id'>) {
  const t = useTranslations('procedurePages.common')
  const control = (
    <input
      id={fieldId(name)}
      name={name}
      aria-invalid={error ? true : undefined}
      aria-describedby={describedBy(hint && hintId(name), error && errorId(name))}
      className={`${controlClass(Boolean(error), suffix ? 'w-full' : width)} ${suffix ? 'mt-0' : ''}`}
      {...input}
    />
  )
  return (
    <div className={error ? 'border-l-4 border-danger-700 pl-3' : undefined}>
      <label htmlFor={fieldId(name)} className="block font-semibold text-slate-900">
        {label} {optional ? <span className="font-normal text-slate-600">{t('optional')}</span> : null}
      </label>
      {hint ? (
        <p id={hintId(name)} className="mt-0.5 text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
      <ErrorText name={name} message={error} />
      {suffix ? (
        <div className={`mt-1 flex items-center gap-2 ${width}`}>
          {control}
          <span aria-hidden="true" className="font-semibold text-slate-700">
            {suffix}
          </span>
        </div>
      ) : (
        control
      )}
    </div>
  )
}

export function SelectField({
  name,
  label,
  hint,
  error,
  options,
  defaultValue,
  width = 'w-full',
}: {
  name: string
  label: ReactNode
  hint?: string
  error?: string
  options: { value: string; label: string }[]
  defaultValue?: string
  width?: string
}) {
  return (
    <div className={error ? 'border-l-4 border-danger-700 pl-3' : undefined}>
      <label htmlFor={fieldId(name)} className="block font-semibold text-slate-900">
        {label}
      </label>
      {hint ? (
        <p id={hintId(name)} className="mt-0.5 text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
      <ErrorText name={name} message={error} />
      <select
        id={fieldId(name)}
        name={name}
        defaultValue={defaultValue}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(hint && hintId(name), error && errorId(name))}
        className={controlClass(Boolean(error), width)}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  )
}

export type TChoice = { value: string; label: string; description?: string }

/** Radio buttons or checkboxes in a fieldset whose legend asks the question. The first choice carries the field's id. */
export function ChoiceGroup({
  name,
  type,
  legend,
  hint,
  error,
  choices,
  checked,
  columns = false,
}: {
  name: string
  type: 'radio' | 'checkbox'
  legend: string
  hint?: string
  error?: string
  choices: TChoice[]
  checked: (value: string) => boolean
  columns?: boolean
}) {
  return (
    <fieldset aria-describedby={describedBy(hint && hintId(name), error && errorId(name))} className={`min-w-0 ${error ? 'border-l-4 border-danger-700 pl-3' : ''}`}>
      <legend className="font-semibold text-slate-900">{legend}</legend>
      {hint ? (
        <p id={hintId(name)} className="mt-0.5 text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
      <ErrorText name={name} message={error} />
      <div className={`mt-2 grid gap-2 ${columns ? 'sm:grid-cols-2' : ''}`}>
        {choices.map((c, index) => {
          const inputId = index === 0 ? fieldId(name) : `${fieldId(name)}-${c.value}`
          const descId = `${fieldId(name)}-${c.value}-desc`
          return (
            <div key={c.value} className="flex items-start gap-3 rounded-md border border-slate-200 bg-white p-3 has-[:checked]:border-ameli-600 has-[:checked]:bg-ameli-50">
              <input
                id={inputId}
                type={type}
                name={name}
                value={c.value}
                defaultChecked={checked(c.value)}
                aria-describedby={c.description ? descId : undefined}
                className="mt-0.5 size-5 shrink-0 accent-ameli-700"
              />
              <div className="min-w-0">
                <label htmlFor={inputId} className="block cursor-pointer font-medium text-slate-900">
                  {c.label}
                </label>
                {c.description ? (
                  <p id={descId} className="text-sm text-slate-600">
                    {c.description}
                  </p>
                ) : null}
              </div>
            </div>
          )
        })}
      </div>
    </fieldset>
  )
}

/** A card of the form; with a legend, a fieldset grouping its controls. */
export function Section({ legend, children, description }: { legend?: string; description?: ReactNode; children: ReactNode }) {
  const cls = 'rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-6'
  if (!legend) return <div className={`${cls} space-y-5`}>{children}</div>
  return (
    <div className={cls}>
      <fieldset className="min-w-0 space-y-5">
        <legend className="text-lg font-semibold text-ameli-900">{legend}</legend>
        {description ? <div className="text-sm text-slate-700">{description}</div> : null}
        {children}
      </fieldset>
    </div>
  )
}

/** Disabled while the form is being sent (a second click does nothing; the idempotency key covers the rest). */
export function SubmitButton({ children, name, value, variant = 'primary' }: { children: ReactNode; name?: string; value?: string; variant?: 'primary' | 'secondary' }) {
  const { pending } = useFormStatus()
  const t = useTranslations('procedurePages.common')
  return (
    <button type="submit" name={name} value={value} disabled={pending} aria-disabled={pending || undefined} className={buttonClass(variant)}>
      {children}
      {pending ? <span className="sr-only"> · {t('sending')}</span> : null}
    </button>
  )
}

/**
 * The errors of the last submission: the refusal (a rule) and the list of fields to fix, each a link to its
 * control. Gets the focus after a submission so that screen-reader and keyboard users land on it.
 */
export function ErrorSummary({ state, order, audience = 'insured' }: { state: TFormState<unknown>; order: string[]; audience?: 'insured' | 'staff' }) {
  const t = useTranslations('procedurePages.common')
  // Staff forms: a refusal is about the person's file, not "your file" (issue 17 §6).
  const ts = useTranslations('backoffice.staffErrors')
  const refusedTitle = audience === 'staff' ? ts('refusedTitle') : t('refusedTitle')
  const nothingChanged = audience === 'staff' ? ts('nothingChanged') : t('nothingChanged')
  const ref = useRef<HTMLDivElement>(null)
  const fields = [...order.filter((f) => state.errors[f]), ...Object.keys(state.errors).filter((f) => !order.includes(f))]
  const show = fields.length > 0 || Boolean(state.formError)
  useEffect(() => {
    if (show) ref.current?.focus()
  }, [state, show])
  if (!show) return null
  return (
    <div ref={ref} tabIndex={-1} role="alert" aria-labelledby="form-error-title" className="rounded-md border-l-4 border-danger-700 bg-danger-50 p-4 text-danger-700">
      <h2 id="form-error-title" className="text-lg font-semibold">
        {state.formError && fields.length === 0 ? refusedTitle : t('errorSummaryTitle')}
      </h2>
      {state.formError ? <p className="mt-1">{state.formError}</p> : null}
      {fields.length > 0 ? (
        <ul className="mt-2 list-disc space-y-1 pl-5">
          {fields.map((f) => (
            <li key={f}>
              <a href={`#${fieldId(f)}`} className="font-semibold text-danger-700 underline">
                {state.errors[f]}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
      {state.formError && fields.length === 0 ? <p className="mt-2 text-sm">{nothingChanged}</p> : null}
    </div>
  )
}

/** The confirmation after a submission: reference, estimated date, what happens next. */
export function SuccessPanel({ title, children }: { title: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null)
  useEffect(() => {
    ref.current?.focus()
  }, [])
  return (
    <div ref={ref} tabIndex={-1} role="status" aria-labelledby="success-title" className="space-y-3 rounded-lg border-l-4 border-ok-700 bg-ok-50 p-5 text-slate-900">
      <h2 id="success-title" className="text-xl font-semibold text-ok-700">
        {title}
      </h2>
      {children}
    </div>
  )
}

/** "Reference: DEM-2026-…", "Estimated date: …" as a definition list. */
export function Facts({ items }: { items: { label: string; value: ReactNode; testId?: string }[] }) {
  return (
    <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
      {items.map((i) => (
        <div key={i.label} className="contents">
          <dt className="font-semibold text-slate-700">{i.label}</dt>
          <dd data-testid={i.testId} className="min-w-0 break-words">
            {i.value}
          </dd>
        </div>
      ))}
    </dl>
  )
}

/** One checkbox that states something (a confirmation), with its error. */
export function Checkbox({ name, label, hint, error, defaultChecked, value = 'yes' }: { name: string; label: ReactNode; hint?: string; error?: string; defaultChecked?: boolean; value?: string }) {
  return (
    <div className={error ? 'border-l-4 border-danger-700 pl-3' : undefined}>
      <ErrorText name={name} message={error} />
      <div className="flex items-start gap-3">
        <input
          id={fieldId(name)}
          type="checkbox"
          name={name}
          value={value}
          defaultChecked={defaultChecked}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(hint && hintId(name), error && errorId(name))}
          className="mt-0.5 size-5 shrink-0 accent-ameli-700"
        />
        <div>
          <label htmlFor={fieldId(name)} className="cursor-pointer font-medium text-slate-900">
            {label}
          </label>
          {hint ? (
            <p id={hintId(name)} className="text-sm text-slate-600">
              {hint}
            </p>
          ) : null}
        </div>
      </div>
    </div>
  )
}
