'use client'

import { useKeptForm } from '@/components/ui/use-kept-form'
import { useLocale, useTranslations } from 'next-intl'
import { formatDate, type CalendarDate } from '@/lib/domain/dates'
import { formatEuros } from '@/lib/domain/money'
import { addRuleRowAction, type TAddRuleState } from '@/app/actions/tariffs'
import { buttonClass } from '@/components/ui/button'

const controlClass = (invalid: boolean) =>
  `mt-1 block w-full min-h-11 rounded-md border bg-white px-3 py-2 text-base shadow-sm ${invalid ? 'border-2 border-danger-700' : 'border-slate-500'} focus:border-ameli-600`

type Field = 'key' | 'value' | 'from' | 'source' | 'note'

/** Works without JavaScript (a plain form posting to the server action); with it, errors come back in place. */
export function AddRuleForm({ keys, units, minDate }: { keys: string[]; units: Record<string, string>; minDate: string }) {
  const t = useTranslations('tariffs')
  const locale = useLocale() === 'en' ? 'en' : 'fr'
  const { state, form, pending, formKey } = useKeptForm<TAddRuleState>(addRuleRowAction, { status: 'idle' }, { clearWhen: (s) => s.status === 'saved' })
  const errors = state.status === 'error' ? state.fieldErrors : {}
  const values = state.status === 'error' ? state.values : {}
  const err = (f: Field) => (errors[f] ? t(errors[f] as never) : undefined)
  const described = (f: Field, hint: boolean) => [hint ? `rule-${f}-hint` : '', errors[f] ? `rule-${f}-error` : ''].filter(Boolean).join(' ') || undefined
  const fields = Object.keys(errors) as Field[]
  const big = state.status === 'error' ? state.bigChange : undefined
  const shown = (v: number, unit: string) => (unit === 'cents' ? formatEuros(v, locale) : `${v.toLocaleString(locale)} ${t(`units.${unit}` as never)}`)

  return (
    <form key={formKey} {...form} className="space-y-4" noValidate>
      {state.status === 'saved' && (
        <p role="status" className="rounded-md border border-green-700 bg-green-50 p-3 text-green-900">
          {t('add.saved', { date: formatDate(state.from as CalendarDate, locale) })}
        </p>
      )}
      {fields.length > 0 && (
        <div role="alert" className="rounded-md border-2 border-danger-700 bg-red-50 p-3">
          <p className="font-semibold text-danger-700">{t('errors.summary')}</p>
          <ul className="mt-1 list-disc pl-5">
            {fields.map((f) => (
              <li key={f}>
                <a href={`#rule-${f}`} className="text-danger-700 underline">
                  {err(f)}
                </a>
              </li>
            ))}
          </ul>
        </div>
      )}
      <div>
        <label htmlFor="rule-key" className="font-semibold">
          {t('add.key')}
        </label>
        <p id="rule-key-hint" className="text-sm text-slate-700">
          {t('add.keyHint')}
        </p>
        <select key={`key-${values.key ?? ''}`} id="rule-key" name="key" defaultValue={values.key ?? ''} aria-invalid={errors.key ? true : undefined} aria-describedby={described('key', true)} className={controlClass(!!errors.key)}>
          <option value="">—</option>
          {keys.map((k) => (
            <option key={k} value={k}>
              {units[k] ? `${k} (${t(`units.${units[k]}` as never)})` : k}
            </option>
          ))}
        </select>
        {errors.key && (
          <p id="rule-key-error" className="mt-1 text-sm font-semibold text-danger-700">
            {err('key')}
          </p>
        )}
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <div>
          <label htmlFor="rule-value" className="font-semibold">
            {t('add.value')}
          </label>
          <p id="rule-value-hint" className="text-sm text-slate-700">
            {t('add.valueHint')}
          </p>
          <input id="rule-value" name="value" inputMode="decimal" defaultValue={values.value ?? ''} aria-invalid={errors.value ? true : undefined} aria-describedby={described('value', true)} className={controlClass(!!errors.value)} />
          {errors.value && (
            <p id="rule-value-error" className="mt-1 text-sm font-semibold text-danger-700">
              {err('value')}
            </p>
          )}
        </div>
        <div>
          <label htmlFor="rule-from" className="font-semibold">
            {t('add.from')}
          </label>
          <input id="rule-from" name="from" type="date" min={minDate} defaultValue={values.from ?? ''} aria-invalid={errors.from ? true : undefined} aria-describedby={described('from', false)} className={controlClass(!!errors.from)} />
          {errors.from && (
            <p id="rule-from-error" className="mt-1 text-sm font-semibold text-danger-700">
              {err('from')}
            </p>
          )}
        </div>
      </div>
      <div>
        <label htmlFor="rule-source" className="font-semibold">
          {t('add.source')}
        </label>
        <p id="rule-source-hint" className="text-sm text-slate-700">
          {t('add.sourceHint')}
        </p>
        <input id="rule-source" name="source" defaultValue={values.source ?? ''} aria-invalid={errors.source ? true : undefined} aria-describedby={described('source', true)} className={controlClass(!!errors.source)} />
        {errors.source && (
          <p id="rule-source-error" className="mt-1 text-sm font-semibold text-danger-700">
            {err('source')}
          </p>
        )}
      </div>
      <div>
        <label htmlFor="rule-note" className="font-semibold">
          {t('add.note')}
        </label>
        <textarea id="rule-note" name="note" rows={2} defaultValue={values.note ?? ''} aria-invalid={errors.note ? true : undefined} aria-describedby={described('note', false)} className={controlClass(!!errors.note)} />
        {errors.note && (
          <p id="rule-note-error" className="mt-1 text-sm font-semibold text-danger-700">
            {err('note')}
          </p>
        )}
      </div>
      {big && (
        <div className="rounded-md border-2 border-amber-700 bg-amber-50 p-3">
          <p className="font-semibold text-amber-900">
            {t('add.bigChange', { current: shown(big.current, big.unit), proposed: shown(big.proposed, big.unit), percent: big.current ? Math.round(((big.proposed - big.current) * 100) / big.current) : 100 })}
          </p>
          <div className="mt-2 flex items-start gap-2">
            <input id="rule-confirm" name="confirm" type="checkbox" value="1" className="mt-1 h-5 w-5" />
            <label htmlFor="rule-confirm">{t('add.confirmBigChange')}</label>
          </div>
        </div>
      )}
      <button type="submit" className={buttonClass('primary')} disabled={pending}>
        {t('add.submit')}
      </button>
    </form>
  )
}
