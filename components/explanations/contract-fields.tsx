import type { ReactNode } from 'react'

/** Plain form fields for the no-JavaScript simulators (GET forms): a label, a hint, an error tied by aria-describedby. */
const describedBy = (...ids: (string | false | undefined)[]) => ids.filter(Boolean).join(' ') || undefined
const inputClass = 'mt-1 block w-full rounded-md border border-slate-400 px-3 py-2 text-slate-900 focus:outline-2 focus:outline-ameli-700'

function Wrapper({ name, label, hint, error, children }: { name: string; label: string; hint?: string; error?: string; children: ReactNode }) {
  return (
    <div className={error ? 'border-l-4 border-danger-700 pl-3' : undefined}>
      <label htmlFor={`f-${name}`} className="block font-semibold text-slate-900">
        {label}
      </label>
      {hint ? (
        <p id={`f-${name}-hint`} className="mt-0.5 text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`f-${name}-error`} className="mt-1 text-sm font-semibold text-danger-700">
          {error}
        </p>
      ) : null}
      {children}
    </div>
  )
}

export function TextField({ name, label, hint, error, value, inputMode }: { name: string; label: string; hint?: string; error?: string; value: string; inputMode?: 'numeric' | 'decimal' | 'text' }) {
  return (
    <Wrapper name={name} label={label} hint={hint} error={error}>
      <input
        id={`f-${name}`}
        name={name}
        defaultValue={value}
        inputMode={inputMode}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(hint && `f-${name}-hint`, error && `f-${name}-error`)}
        className={inputClass}
      />
    </Wrapper>
  )
}

export function SelectField({ name, label, error, value, options }: { name: string; label: string; error?: string; value: string; options: { value: string; label: string }[] }) {
  return (
    <Wrapper name={name} label={label} error={error}>
      <select id={`f-${name}`} name={name} defaultValue={value} aria-invalid={error ? true : undefined} aria-describedby={error ? `f-${name}-error` : undefined} className={inputClass}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Wrapper>
  )
}

export function CheckField({ name, label, checked }: { name: string; label: string; checked: boolean }) {
  return (
    <div className="flex items-start gap-2">
      <input id={`f-${name}`} type="checkbox" name={name} value="1" defaultChecked={checked} className="mt-1 size-4" />
      <label htmlFor={`f-${name}`} className="text-slate-900">
        {label}
      </label>
    </div>
  )
}

export function ErrorSummary({ title, errors }: { title: string; errors: { name: string; message: string }[] }) {
  if (errors.length === 0) return null
  return (
    <div id="resultat" tabIndex={-1} role="alert" aria-labelledby="contract-error-title" className="rounded-md border-l-4 border-danger-700 bg-danger-50 p-4 text-danger-700">
      <h2 id="contract-error-title" className="text-lg font-semibold">
        {title}
      </h2>
      <ul className="mt-2 list-disc space-y-1 pl-5">
        {errors.map((e) => (
          <li key={e.name}>
            <a href={`#f-${e.name}`} className="font-semibold text-danger-700 underline">
              {e.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  )
}
