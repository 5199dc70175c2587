'use client'

import { useKeptForm } from '@/components/ui/use-kept-form'
import { useTranslations } from 'next-intl'
import { addDocumentAction, type TAddDocumentResult } from '@/app/actions/procedures'
import { FileUpload, keptUpload } from './file-upload'
import { ErrorSummary, SubmitButton } from './form-kit'
import { initialFormState } from './form-state'

/** The person's answer to "a document is needed": upload it and send it (the procedure goes back to review). */
export function AddDocumentForm({ procedureId, document }: { procedureId: string; document: string }) {
  const t = useTranslations('procedurePages.tracking')
  const { state, form } = useKeptForm(addDocumentAction, initialFormState<TAddDocumentResult>())
  const field = `document-${procedureId}`
  if (state.status === 'success') return <p role="status" className="font-semibold text-ok-700">{t('documentSent')}</p>
  return (
    <form {...form} noValidate className="mt-3 space-y-3">
      {state.formError ? <ErrorSummary state={state} order={[]} /> : null}
      <input type="hidden" name="procedureId" value={procedureId} />
      <FileUpload
        name={field}
        kind="other"
        label={t('documentLabel', { document })}
        hint={t('documentHint')}
        accept="image/jpeg,image/png,application/pdf"
        {...keptUpload(state, field)}
      />
      <SubmitButton variant="secondary">{t('sendDocument')}</SubmitButton>
    </form>
  )
}
