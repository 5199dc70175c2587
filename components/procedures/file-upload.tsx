'use client'

import { useId, useState, type ChangeEvent } from 'react'
import { useTranslations } from 'next-intl'
import { describedBy, ErrorText } from './form-kit'
import { errorId, fieldId, hintId, type TFormState } from './form-state'

export const UPLOAD_URL = '/api/procedures/uploads'

/**
 * A file field's props from the form's last answer: its error, and the file already sent (id and name, echoed by
 * the action as `<name>UploadId` / `<name>UploadName`) so that it is kept after a field error elsewhere.
 */
export function keptUpload(state: TFormState<unknown>, name: string): { error?: string; initialId?: string; initialFilename?: string } {
  return { error: state.errors[name], initialId: state.values[`${name}UploadId`], initialFilename: state.values[`${name}UploadName`] }
}

type Upload = { status: 'idle' } | { status: 'uploading'; progress: number; filename: string } | { status: 'done'; id: string; filename: string } | { status: 'error'; message: string }

/**
 * A file field that sends the file at once (XMLHttpRequest, so that the upload progress can be shown) to the
 * upload route, which checks and stores it; the form then posts only the file's id (hidden `<name>UploadId`).
 * Without JavaScript the file input keeps its name and the file travels with the form (the action stores it).
 */
export function FileUpload({
  name,
  kind,
  label,
  hint,
  error,
  accept,
  initialId,
  initialFilename,
}: {
  name: string
  kind: string
  label: string
  hint?: string
  error?: string
  accept: string
  initialId?: string
  initialFilename?: string
}) {
  const t = useTranslations('procedurePages.upload')
  const progressLabel = useId()
  const [upload, setUpload] = useState<Upload>(initialId ? { status: 'done', id: initialId, filename: initialFilename ?? '' } : { status: 'idle' })

  function onChange(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0]
    if (!file) return
    const body = new FormData()
    body.set('kind', kind)
    body.set('file', file)
    const xhr = new XMLHttpRequest()
    xhr.open('POST', UPLOAD_URL)
    xhr.responseType = 'json'
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) setUpload({ status: 'uploading', progress: Math.round((e.loaded / e.total) * 100), filename: file.name })
    }
    xhr.onload = () => {
      const res = xhr.response as { id?: string; filename?: string; error?: string } | null
      if (xhr.status === 201 && res?.id) setUpload({ status: 'done', id: res.id, filename: res.filename ?? file.name })
      else setUpload({ status: 'error', message: res?.error ?? t('failed') })
    }
    xhr.onerror = () => setUpload({ status: 'error', message: t('failed') })
    setUpload({ status: 'uploading', progress: 0, filename: file.name })
    xhr.send(body)
  }

  const shownError = upload.status === 'error' ? upload.message : upload.status === 'done' ? undefined : error
  const statusId = `${fieldId(name)}-status`
  return (
    <div className={shownError ? 'border-l-4 border-danger-700 pl-3' : undefined}>
      <label htmlFor={fieldId(name)} className="block font-semibold text-slate-900">
        {label}
      </label>
      {hint ? (
        <p id={hintId(name)} className="mt-0.5 text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
      <ErrorText name={name} message={shownError} />
      <input
        id={fieldId(name)}
        type="file"
        // Once sent, only the id goes with the form.
        name={upload.status === 'done' ? undefined : name}
        accept={accept}
        onChange={onChange}
        aria-invalid={shownError ? true : undefined}
        aria-describedby={describedBy(hint && hintId(name), shownError && errorId(name), statusId)}
        className="mt-1 block w-full max-w-full rounded-md border border-slate-500 bg-white p-2 text-sm file:mr-3 file:min-h-9 file:rounded-md file:border-0 file:bg-ameli-700 file:px-3 file:py-1.5 file:font-semibold file:text-white"
      />
      <input type="hidden" name={`${name}UploadId`} value={upload.status === 'done' ? upload.id : ''} />
      <input type="hidden" name={`${name}UploadName`} value={upload.status === 'done' ? upload.filename : ''} />
      {upload.status === 'uploading' ? (
        <div className="mt-2 space-y-1 text-sm">
          <p id={progressLabel}>{t('uploading', { filename: upload.filename, progress: upload.progress })}</p>
          <progress aria-labelledby={progressLabel} value={upload.progress} max={100} className="h-3 w-full max-w-sm accent-ameli-700" />
        </div>
      ) : null}
      <div id={statusId} aria-live="polite" className="mt-2 text-sm">
        {upload.status === 'done' ? (
          <p className="font-semibold text-ok-700" data-testid={`${name}-uploaded`}>
            <span aria-hidden="true">✓ </span>
            {t('done', { filename: upload.filename })}
          </p>
        ) : null}
      </div>
    </div>
  )
}
