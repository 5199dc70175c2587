'use client'

import { useTranslations } from 'next-intl'
import { useKeptForm } from '@/components/ui/use-kept-form'
import { SubmitButton, controlClass } from '@/components/procedures/form-kit'
import { initialFormState, type TFormState } from '@/components/procedures/form-state'
import type { TActionResult } from '@/components/back-office/action-form'

type TAction = (state: TFormState<TActionResult>, formData: FormData) => Promise<TFormState<TActionResult>>

/**
 * The check of one document on the 360° file (issue 17 §7): compliant, or not compliant with the reason (required,
 * said next to the field). Several on one page: every id carries the document's id. Works without JavaScript.
 */
export function VerdictForm({ action, insuredId, uploadId, filename, current }: { action: TAction; insuredId: string; uploadId: string; filename: string; current: string | null }) {
  const t = useTranslations('backoffice.file.documents')
  const { state, form, formKey } = useKeptForm<TFormState<TActionResult>>(action, initialFormState<TActionResult>())
  const id = (s: string) => `v-${uploadId}-${s}`
  const verdict = state.values.verdict ?? current ?? ''
  const reasonError = state.errors.reason
  const formError = state.formError ?? state.errors.verdict ?? state.errors._form
  return (
    <form key={formKey} {...form} noValidate className="space-y-3" aria-label={t('verdictLegend') + ' · ' + filename}>
      <input type="hidden" name="insuredId" value={insuredId} />
      <input type="hidden" name="uploadId" value={uploadId} />
      {formError ? (
        <p role="alert" className="font-semibold text-danger-700">
          {formError}
        </p>
      ) : null}
      {state.status === 'success' && state.result ? (
        <p role="status" className="font-semibold text-ok-700">
          {state.result.message}
        </p>
      ) : null}
      <fieldset>
        <legend className="font-semibold text-slate-900">{t('verdictLegend')}</legend>
        <div className="mt-1 flex flex-wrap gap-4">
          {(['compliant', 'not-compliant'] as const).map((v) => (
            <label key={v} className="flex items-center gap-2">
              <input type="radio" name="verdict" value={v} defaultChecked={verdict === v} className="h-4 w-4" />
              {v === 'compliant' ? t('compliant') : t('notCompliant')}
            </label>
          ))}
        </div>
      </fieldset>
      <div className={reasonError ? 'border-l-4 border-danger-700 pl-3' : undefined}>
        <label htmlFor={id('reason')} className="block font-semibold text-slate-900">
          {t('reason')}
        </label>
        <p id={id('reason-hint')} className="text-sm text-slate-600">
          {t('reasonHint')}
        </p>
        {reasonError ? (
          <p id={id('reason-error')} className="text-sm font-semibold text-danger-700">
            {reasonError}
          </p>
        ) : null}
        <textarea
          id={id('reason')}
          name="reason"
          rows={2}
          defaultValue={state.status === 'success' ? '' : (state.values.reason ?? '')}
          aria-invalid={reasonError ? true : undefined}
          aria-describedby={[id('reason-hint'), reasonError ? id('reason-error') : null].filter(Boolean).join(' ')}
          className={controlClass(Boolean(reasonError))}
        />
      </div>
      <SubmitButton variant="secondary">{t('submit')}</SubmitButton>
    </form>
  )
}
