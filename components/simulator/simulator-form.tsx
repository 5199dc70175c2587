import Link from 'next/link'
import type { ReactNode } from 'react'
import { getTranslations } from 'next-intl/server'
import { buttonClass } from '@/components/ui/button'
import { PATHWAYS, REGIMES, SECTORS, SITUATIONS } from '@/lib/domain/reimbursement/types'
import { ACT_GROUPS, MUTUELLE_LEVELS, type ActOption, type SimulatorField, type SimulatorFormValues } from './form-query'

export type SimulatorErrors = Partial<Record<SimulatorField, string>>

const id = (field: string) => `sim-${field}`
const hintId = (field: string) => `sim-${field}-hint`
const errorId = (field: string) => `sim-${field}-error`

/** Where the error summary sends the user for each field: the control itself, or the first choice of a group. */
export function fieldAnchor(field: SimulatorField): string {
  switch (field) {
    case 'sector':
      return id(`sector-${SECTORS[0]}`)
    case 'pathway':
      return id(`pathway-${PATHWAYS[0]}`)
    case 'situations':
      return id(`situations-${SITUATIONS[0]}`)
    case 'mutuelle':
      return id(`mutuelle-${MUTUELLE_LEVELS[0]}`)
    default:
      return id(field)
  }
}

const describedBy = (...ids: (string | false | undefined)[]) => ids.filter(Boolean).join(' ') || undefined

const controlClass = (invalid: boolean, width = 'w-full') =>
  `mt-1 block ${width} min-h-11 rounded-md border bg-white px-3 py-2 text-base shadow-sm ${invalid ? 'border-2 border-danger-700' : 'border-slate-500'} focus:border-ameli-600`

function ErrorText({ field, message, prefix }: { field: string; message?: string; prefix: string }) {
  if (!message) return null
  return (
    <p id={errorId(field)} className="mt-1 text-sm font-semibold text-danger-700">
      <span className="sr-only">{prefix} </span>
      {message}
    </p>
  )
}

/** A labelled control with its hint and its error, wired with aria-describedby. */
function Field({
  field,
  label,
  hint,
  error,
  errorPrefix,
  children,
}: {
  field: string
  label: ReactNode
  hint?: string
  error?: string
  errorPrefix: string
  children: ReactNode
}) {
  return (
    <div className={error ? 'border-l-4 border-danger-700 pl-3' : undefined}>
      <label htmlFor={id(field)} className="block font-semibold text-slate-900">
        {label}
      </label>
      {hint ? (
        <p id={hintId(field)} className="mt-0.5 text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
      <ErrorText field={field} message={error} prefix={errorPrefix} />
      {children}
    </div>
  )
}

interface Choice {
  value: string
  label: string
  description?: string
}

/** Radio buttons or checkboxes in a fieldset whose legend names the question. */
function ChoiceGroup({
  field,
  type,
  legend,
  hint,
  error,
  errorPrefix,
  choices,
  checked,
  columns = false,
  large = false,
}: {
  field: SimulatorField
  type: 'radio' | 'checkbox'
  legend: string
  hint?: string
  error?: string
  errorPrefix: string
  choices: Choice[]
  checked: (value: string) => boolean
  columns?: boolean
  /** The group is a whole section of the form: its legend is the section's title. */
  large?: boolean
}) {
  return (
    <fieldset aria-describedby={describedBy(hint && hintId(field), error && errorId(field))} className={`min-w-0 ${error ? 'border-l-4 border-danger-700 pl-3' : ''}`}>
      <legend className={large ? 'text-lg font-semibold text-ameli-900' : 'font-semibold text-slate-900'}>{legend}</legend>
      {hint ? (
        <p id={hintId(field)} className="mt-0.5 text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
      <ErrorText field={field} message={error} prefix={errorPrefix} />
      <div className={`mt-2 grid gap-2 ${columns ? 'sm:grid-cols-2' : ''}`}>
        {choices.map((c) => {
          const inputId = id(`${field}-${c.value}`)
          const descId = `${inputId}-desc`
          return (
            <div key={c.value} className="flex items-start gap-3 rounded-md border border-slate-200 bg-white p-3 has-[:checked]:border-ameli-600 has-[:checked]:bg-ameli-50">
              <input
                id={inputId}
                type={type}
                name={field}
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

const cardClass = 'rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-6'

/** A card of the form; with a legend, a fieldset grouping its controls. */
function Section({ legend, children }: { legend?: string; children: ReactNode }) {
  if (!legend) return <div className={cardClass}>{children}</div>
  return (
    <div className={cardClass}>
      <fieldset className="min-w-0 space-y-5">
        <legend className="text-lg font-semibold text-ameli-900">{legend}</legend>
        {children}
      </fieldset>
    </div>
  )
}

/**
 * The simulator's form: a plain GET form to /simulateur (works without JavaScript). The server page reads the
 * query string, validates it and shows the result; the values come back pre-filled.
 */
export async function SimulatorForm({ values, acts, errors }: { values: SimulatorFormValues; acts: ActOption[]; errors: SimulatorErrors }) {
  const t = await getTranslations('simulator')
  const prefix = t('errorPrefix')
  const groups = ACT_GROUPS.map((group) => ({ group, acts: acts.filter((a) => a.group === group) })).filter((g) => g.acts.length > 0)

  return (
    <form method="get" action="/simulateur#resultat" noValidate aria-labelledby="sim-form-title" className="space-y-6">
      <h2 id="sim-form-title" className="text-xl font-semibold text-ameli-900">
        {t('formTitle')}
      </h2>

      <Section legend={t('care.legend')}>
        <Field field="act" label={t('care.act')} hint={t('care.actHint')} error={errors.act} errorPrefix={prefix}>
          <select
            id={id('act')}
            name="act"
            defaultValue={values.act}
            required
            aria-invalid={errors.act ? true : undefined}
            aria-describedby={describedBy(hintId('act'), errors.act && errorId('act'))}
            className={controlClass(Boolean(errors.act))}
          >
            {groups.map((g) => (
              <optgroup key={g.group} label={t(`care.groups.${g.group}`)}>
                {g.acts.map((a) => (
                  <option key={a.code} value={a.code}>
                    {a.label} ({a.code})
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </Field>

        <Field field="careDate" label={t('care.careDate')} hint={t('care.careDateHint')} error={errors.careDate} errorPrefix={prefix}>
          <input
            id={id('careDate')}
            name="careDate"
            type="date"
            defaultValue={values.careDate}
            min="2000-01-01"
            max="2099-12-31"
            required
            aria-invalid={errors.careDate ? true : undefined}
            aria-describedby={describedBy(hintId('careDate'), errors.careDate && errorId('careDate'))}
            className={controlClass(Boolean(errors.careDate), 'w-full max-w-56')}
          />
        </Field>

        <Field
          field="fee"
          label={
            <>
              {t('care.fee')} <span className="font-normal text-slate-600">{t('optional')}</span>
            </>
          }
          hint={t('care.feeHint')}
          error={errors.fee}
          errorPrefix={prefix}
        >
          <div className="mt-1 flex max-w-56 items-center gap-2">
            <input
              id={id('fee')}
              name="fee"
              type="text"
              inputMode="decimal"
              autoComplete="off"
              spellCheck={false}
              defaultValue={values.fee}
              aria-invalid={errors.fee ? true : undefined}
              aria-describedby={describedBy(hintId('fee'), errors.fee && errorId('fee'))}
              className={`${controlClass(Boolean(errors.fee))} mt-0`}
            />
            <span aria-hidden="true" className="font-semibold text-slate-700">
              €
            </span>
          </div>
        </Field>

        <Field field="quantity" label={t('care.quantity')} hint={t('care.quantityHint')} error={errors.quantity} errorPrefix={prefix}>
          <input
            id={id('quantity')}
            name="quantity"
            type="text"
            inputMode="numeric"
            autoComplete="off"
            defaultValue={values.quantity}
            aria-invalid={errors.quantity ? true : undefined}
            aria-describedby={describedBy(hintId('quantity'), errors.quantity && errorId('quantity'))}
            className={controlClass(Boolean(errors.quantity), 'w-full max-w-32')}
          />
        </Field>
      </Section>

      <Section>
        <ChoiceGroup
          large
          field="sector"
          type="radio"
          legend={t('sector.legend')}
          hint={t('sector.hint')}
          error={errors.sector}
          errorPrefix={prefix}
          choices={SECTORS.map((s) => ({ value: s, label: t(`sector.options.${s}`), description: t(`sector.descriptions.${s}`) }))}
          checked={(v) => v === values.sector}
          columns
        />
      </Section>

      <Section legend={t('patient.legend')}>
        <Field field="birthDate" label={t('patient.birthDate')} hint={t('patient.birthDateHint')} error={errors.birthDate} errorPrefix={prefix}>
          <input
            id={id('birthDate')}
            name="birthDate"
            type="date"
            defaultValue={values.birthDate}
            min="1900-01-01"
            max="2099-12-31"
            required
            autoComplete="bday"
            aria-invalid={errors.birthDate ? true : undefined}
            aria-describedby={describedBy(hintId('birthDate'), errors.birthDate && errorId('birthDate'))}
            className={controlClass(Boolean(errors.birthDate), 'w-full max-w-56')}
          />
        </Field>

        <Field field="regime" label={t('patient.regime')} hint={t('patient.regimeHint')} error={errors.regime} errorPrefix={prefix}>
          <select
            id={id('regime')}
            name="regime"
            defaultValue={values.regime}
            aria-invalid={errors.regime ? true : undefined}
            aria-describedby={describedBy(hintId('regime'), errors.regime && errorId('regime'))}
            className={controlClass(Boolean(errors.regime))}
          >
            {REGIMES.map((r) => (
              <option key={r} value={r}>
                {t(`patient.regimes.${r}`)}
              </option>
            ))}
          </select>
        </Field>

        <ChoiceGroup
          field="pathway"
          type="radio"
          legend={t('pathway.legend')}
          error={errors.pathway}
          errorPrefix={prefix}
          choices={PATHWAYS.map((p) => ({ value: p, label: t(`pathway.options.${p}`), description: t(`pathway.descriptions.${p}`) }))}
          checked={(v) => v === values.pathway}
          columns
        />

        <ChoiceGroup
          field="situations"
          type="checkbox"
          legend={t('situations.legend')}
          hint={t('situations.hint')}
          error={errors.situations}
          errorPrefix={prefix}
          choices={SITUATIONS.map((s) => ({ value: s, label: t(`situations.options.${s}`), description: t(`situations.descriptions.${s}`) }))}
          checked={(v) => (values.situations as readonly string[]).includes(v)}
          columns
        />
      </Section>

      <Section>
        <ChoiceGroup
          large
          field="mutuelle"
          type="radio"
          legend={t('mutuelle.legend')}
          hint={t('mutuelle.hint')}
          error={errors.mutuelle}
          errorPrefix={prefix}
          choices={MUTUELLE_LEVELS.map((m) => ({ value: m, label: t(`mutuelle.options.${m}`), description: t(`mutuelle.descriptions.${m}`) }))}
          checked={(v) => v === values.mutuelle}
        />
      </Section>

      <div className="flex flex-wrap items-center gap-4">
        <button type="submit" className={buttonClass('primary', 'text-base')}>
          {t('submit')}
        </button>
        <Link href="/simulateur" className="inline-flex min-h-11 items-center font-medium">
          {t('reset')}
        </Link>
      </div>
    </form>
  )
}
