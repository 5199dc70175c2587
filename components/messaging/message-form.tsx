'use client'

import { useKeptForm } from '@/components/ui/use-kept-form'
import { useTranslations } from 'next-intl'
import { replyAction, startThreadAction } from '@/app/actions/messaging'
import { ErrorSummary, ErrorText, SelectField, SubmitButton, TextField, describedBy } from '@/components/procedures/form-kit'
import { errorId, fieldId, hintId, initialFormState } from '@/components/procedures/form-state'

/**
 * Writing a message: a new thread (topic, subject, body, attachment), a reply of the person (body, attachment) or
 * an advisor's answer (body). Works without JavaScript (multipart form posted to a server action).
 */
export function MessageForm({ mode, threadId, topics }: { mode: 'new' | 'reply' | 'answer'; threadId?: string; topics?: { value: string; label: string }[] }) {
  const t = useTranslations('messaging')
  const ta = useTranslations('advisorMessaging')
  const { state, form } = useKeptForm(mode === 'new' ? startThreadAction : replyAction, initialFormState<null>())
  const v = state.values
  const bodyLabel = mode === 'new' ? t('bodyLabel') : mode === 'reply' ? t('replyLabel') : ta('answerLabel')
  return (
    <form {...form} className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-6" noValidate>
      <ErrorSummary state={state} order={['topic', 'subject', 'body', 'attachment']} />
      {threadId ? <input type="hidden" name="threadId" value={threadId} /> : null}
      {mode === 'new' && topics ? (
        <>
          <SelectField name="topic" label={t('topicLabel')} error={state.errors.topic} options={topics} defaultValue={v.topic} width="w-full sm:w-96" />
          <TextField name="subject" label={t('subjectLabel')} error={state.errors.subject} defaultValue={v.subject ?? ''} maxLength={150} />
        </>
      ) : null}
      <div className={state.errors.body ? 'border-l-4 border-danger-700 pl-3' : undefined}>
        <label htmlFor={fieldId('body')} className="block font-semibold text-slate-900">{bodyLabel}</label>
        {mode !== 'answer' ? <p id={hintId('body')} className="mt-0.5 text-sm text-slate-600">{t('bodyHint')}</p> : null}
        <ErrorText name="body" message={state.errors.body} />
        <textarea
          id={fieldId('body')}
          name="body"
          rows={6}
          maxLength={5000}
          defaultValue={v.body ?? ''}
          aria-invalid={state.errors.body ? true : undefined}
          aria-describedby={describedBy(mode !== 'answer' && hintId('body'), state.errors.body && errorId('body'))}
          className={`mt-1 block w-full rounded-md border bg-white px-3 py-2 text-base shadow-sm ${state.errors.body ? 'border-2 border-danger-700' : 'border-slate-500'}`}
        />
      </div>
      {mode !== 'answer' ? (
        <div className={state.errors.attachment ? 'border-l-4 border-danger-700 pl-3' : undefined}>
          <label htmlFor={fieldId('attachment')} className="block font-semibold text-slate-900">
            {t('attachmentLabel')}
          </label>
          <p id={hintId('attachment')} className="mt-0.5 text-sm text-slate-600">{t('attachmentHint')}</p>
          <ErrorText name="attachment" message={state.errors.attachment} />
          <input
            id={fieldId('attachment')}
            name="attachment"
            type="file"
            accept="application/pdf,image/jpeg,image/png"
            aria-describedby={describedBy(hintId('attachment'), state.errors.attachment && errorId('attachment'))}
            className="mt-1 block text-sm file:mr-3 file:min-h-11 file:rounded-md file:border file:border-ameli-700 file:bg-white file:px-3 file:font-semibold file:text-ameli-700"
          />
        </div>
      ) : null}
      <SubmitButton>{mode === 'answer' ? ta('answer') : t('send')}</SubmitButton>
    </form>
  )
}
