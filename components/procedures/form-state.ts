/**
 * What a procedure form's server action answers (React's useActionState): per-field errors (translated), a
 * form-level refusal, the submitted values (to fill the form again), and the result (a success or a preview).
 */
export type TFormStatus = 'idle' | 'invalid' | 'refused' | 'success' | 'preview'

export type TFormState<R = Record<string, unknown>> = {
  status: TFormStatus
  errors: Record<string, string>
  formError: string | null
  values: Record<string, string>
  result: R | null
}

export function initialFormState<R = Record<string, unknown>>(values: Record<string, string> = {}): TFormState<R> {
  return { status: 'idle', errors: {}, formError: null, values, result: null }
}

/** Ids of a field's control, hint and error (the error summary links to the control). */
export const fieldId = (name: string) => `f-${name.replace(/[^a-zA-Z0-9_-]/g, '-')}`
export const hintId = (name: string) => `${fieldId(name)}-hint`
export const errorId = (name: string) => `${fieldId(name)}-error`

/** Rows of other household members in the CSS form. */
export const CSS_MAX_MEMBERS = 8
