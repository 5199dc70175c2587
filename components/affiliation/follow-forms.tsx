'use client'

import { useKeptForm } from '@/components/ui/use-kept-form'
import { useTranslations } from 'next-intl'
import { addAffiliationDocumentAction, followAffiliationAction, withdrawAffiliationAction } from '@/app/actions/affiliation'
import { Checkbox, describedBy, ErrorSummary, ErrorText, SubmitButton, TextField } from '@/components/procedures/form-kit'
import { Alert } from '@/components/ui/alert'
import { errorId, fieldId, hintId, initialFormState } from '@/components/procedures/form-state'

/** Number + birth date: the server sets the follow-up cookie and reloads the page (works without JavaScript). */
export function FollowAffiliationForm() {
  const t = useTranslations('affiliationPublic.follow')
  const { state, form } = useKeptForm(followAffiliationAction, initialFormState<null>())
  return (
    <form {...form} noValidate className="space-y-5">
      {state.formError ? (
        <Alert tone="error" live>
          <span className="text-base">{state.formError}</span>
        </Alert>
      ) : (
        <ErrorSummary state={state} order={['reference', 'birthDate']} />
      )}
      <TextField
        name="reference"
        label={t('reference')}
        hint={t('referenceHint')}
        error={state.errors.reference}
        defaultValue={state.values.reference}
        autoComplete="off"
        spellCheck={false}
        autoCapitalize="characters"
        maxLength={32}
        width="w-full max-w-sm"
        required
      />
      <TextField name="birthDate" type="date" label={t('birthDate')} error={state.errors.birthDate} defaultValue={state.values.birthDate} autoComplete="bday" width="w-full max-w-56" required />
      <SubmitButton>{t('submit')}</SubmitButton>
    </form>
  )
}

/** The document the caisse asked for: one file, sent with the requested kind (a stale page is refused). */
export function AddAffiliationDocumentForm({ document, label, maxMegabytes }: { document: string; label: string; maxMegabytes: number }) {
  const t = useTranslations('affiliationPublic.follow')
  const { state, form } = useKeptForm(addAffiliationDocumentAction, initialFormState<null>())
  const error = state.errors.file
  return (
    <form {...form} noValidate encType="multipart/form-data" className="space-y-4">
      {state.formError ? <ErrorSummary state={state} order={[]} /> : null}
      <input type="hidden" name="document" value={document} />
      <div className={error ? 'border-l-4 border-danger-700 pl-3' : undefined}>
        <label htmlFor={fieldId('file')} className="block font-semibold text-slate-900">
          {t('addLabel', { document: label })}
        </label>
        <p id={hintId('file')} className="mt-0.5 text-sm text-slate-600">
          {t('addHint', { maxMegabytes })}
        </p>
        <ErrorText name="file" message={error} />
        <input
          id={fieldId('file')}
          name="file"
          type="file"
          accept="image/jpeg,image/png,application/pdf"
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(hintId('file'), error && errorId('file'))}
          className="mt-1 block w-full max-w-full rounded-md border border-slate-500 bg-white p-2 text-sm file:mr-3 file:min-h-9 file:rounded-md file:border-0 file:bg-ameli-700 file:px-3 file:py-1.5 file:font-semibold file:text-white"
        />
      </div>
      <SubmitButton>{t('addSubmit')}</SubmitButton>
    </form>
  )
}

/** Withdrawing the request, after ticking a confirmation. */
export function WithdrawAffiliationForm({ reference }: { reference: string }) {
  const t = useTranslations('affiliationPublic.follow')
  const { state, form } = useKeptForm(withdrawAffiliationAction, initialFormState<null>())
  return (
    <form {...form} noValidate className="space-y-4">
      {state.formError ? <ErrorSummary state={state} order={[]} /> : null}
      <Checkbox name="confirm" label={t('withdrawConfirm', { reference })} error={state.errors.confirm} defaultChecked={state.values.confirm === 'yes'} />
      <SubmitButton variant="secondary">{t('withdrawSubmit')}</SubmitButton>
    </form>
  )
}
