'use client'

import { useEffect, useRef, useSyncExternalStore, type ReactNode } from 'react'
import { useKeptForm } from '@/components/ui/use-kept-form'
import { ErrorSummary, SubmitButton } from '@/components/procedures/form-kit'
import { errorId, fieldId, initialFormState, type TFormState } from '@/components/procedures/form-state'

export type TBulkFormResult = { message: string; details: string[] }
const noSubscription = () => () => {}
type TAction = (state: TFormState<TBulkFormResult>, formData: FormData) => Promise<TFormState<TBulkFormResult>>

/**
 * The work queue's selection form (issue 17 §7): the rows (checkboxes `keys`, a row's own "assign to me" button)
 * come in as children; below them the bulk actions (take, and for supervisors "give to <advisor>"). Without
 * JavaScript it is a plain post to the server action and the page shows the summary; with JavaScript a "select all
 * on this page" box appears.
 */
export function QueueBulkForm({
  action,
  children,
  labels,
  advisors,
}: {
  action: TAction
  children: ReactNode
  labels: { bulkLabel: string; bulkHint: string; selectAll: string; takeSelected: string; assignTo: string; assignChoose: string; assignSelected: string }
  /** Supervisors: advisors grouped by caisse; empty for advisors (no "give to"). */
  advisors: { caisse: string; people: { id: string; displayName: string }[] }[]
}) {
  const { state, form, formKey } = useKeptForm<TFormState<TBulkFormResult>>(action, initialFormState<TBulkFormResult>(), { clearWhen: (s) => s.status === 'success' })
  const ref = useRef<HTMLDivElement>(null)
  const formRef = useRef<HTMLFormElement>(null)
  // True once hydrated (false in the server's HTML): "select all" needs JavaScript, so it appears only then.
  const scripted = useSyncExternalStore(noSubscription, () => true, () => false)
  useEffect(() => {
    if (state.status === 'success') ref.current?.focus()
  }, [state])
  function selectAll(checked: boolean) {
    formRef.current?.querySelectorAll<HTMLInputElement>('input[type=checkbox][name=keys]').forEach((box) => {
      box.checked = checked
    })
  }
  return (
    <form key={formKey} ref={formRef} {...form} noValidate id="queue-bulk" className="space-y-4">
      <ErrorSummary state={state} order={['keys', 'assigneeId']} />
      {state.status === 'success' && state.result ? (
        <div ref={ref} tabIndex={-1} role="status" className="rounded-md border-l-4 border-ok-700 bg-ok-50 p-3 text-ok-700">
          <p className="font-semibold">{state.result.message}</p>
          {state.result.details.length ? (
            <ul className="mt-1 list-disc pl-5 text-slate-800">
              {state.result.details.map((d) => (
                <li key={d}>{d}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {scripted ? (
        <div className="flex items-center gap-2">
          <input id="queue-select-all" type="checkbox" className="size-5" onChange={(e) => selectAll(e.currentTarget.checked)} />
          <label htmlFor="queue-select-all" className="font-semibold">
            {labels.selectAll}
          </label>
        </div>
      ) : null}
      {children}
      <fieldset id={fieldId('keys')} tabIndex={-1} className="flex flex-wrap items-end gap-4 rounded-lg border border-slate-300 bg-white p-4">
        <legend className="px-1 font-semibold text-ameli-900">{labels.bulkLabel}</legend>
        <p className="w-full text-sm text-slate-700">{labels.bulkHint}</p>
        {state.errors.keys ? (
          <p id={errorId('keys')} className="w-full font-semibold text-danger-700">
            {state.errors.keys}
          </p>
        ) : null}
        <SubmitButton name="intent" value="take" variant="secondary">
          {labels.takeSelected}
        </SubmitButton>
        {advisors.length ? (
          <div className="flex flex-wrap items-end gap-2">
            <div>
              <label htmlFor={fieldId('assigneeId')} className="block font-semibold">
                {labels.assignTo}
              </label>
              {state.errors.assigneeId ? (
                <p id={errorId('assigneeId')} className="font-semibold text-danger-700">
                  {state.errors.assigneeId}
                </p>
              ) : null}
              <select
                id={fieldId('assigneeId')}
                name="assigneeId"
                defaultValue={state.status === 'success' ? '' : (state.values.assigneeId ?? '')}
                aria-invalid={state.errors.assigneeId ? true : undefined}
                aria-describedby={state.errors.assigneeId ? errorId('assigneeId') : undefined}
                className="mt-1 block min-h-11 w-72 max-w-full rounded-md border border-slate-500 bg-white px-3 py-2"
              >
                <option value="">{labels.assignChoose}</option>
                {advisors.map((g) => (
                  <optgroup key={g.caisse} label={g.caisse}>
                    {g.people.map((p) => (
                      <option key={p.id} value={p.id}>
                        {p.displayName}
                      </option>
                    ))}
                  </optgroup>
                ))}
              </select>
            </div>
            <SubmitButton name="intent" value="assign" variant="secondary">
              {labels.assignSelected}
            </SubmitButton>
          </div>
        ) : null}
      </fieldset>
    </form>
  )
}
