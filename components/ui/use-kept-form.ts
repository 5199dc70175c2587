'use client'

import { startTransition, useActionState, useState, type FormEvent } from 'react'

/**
 * The one way the portal's forms run a server action (issue 19): every field keeps what the person typed or chose
 * after the answer (an estimate, a field error, a refusal), so that what is sent next is exactly what is on screen.
 *
 * Why: when a form's `action` is a function, React 19 resets the form once the action ends (`requestFormReset`).
 * A reset puts each control back to its *default*: a text input's default follows `defaultValue` (React writes the
 * `value` attribute), but a `<select>`'s default is the option carrying the `selected` attribute, which React never
 * writes after the first render, and radios/checkboxes keep their first `defaultChecked`. So after an estimate the
 * drop-downs snapped back to their first option while the dates and amounts stayed, and the request was filed with
 * other choices than the ones shown before the reset.
 *
 * How: with JavaScript the form is submitted by hand (`onSubmit` → `preventDefault` → the action in a transition),
 * which React does not reset; `useFormStatus` still reports the pending submission. Without JavaScript the browser
 * posts the form, and the page is rendered again by the server with the submitted values (the action state echoes
 * them, and the fields take them as `defaultValue` / `defaultChecked`, which the server renders as attributes).
 *
 * `clearWhen`: a form that stays on screen after a success and must then start empty (a message sent, a rule row
 * added) gets a new `formKey` on each such answer, so React rebuilds it from its (empty) defaults.
 */
export function useKeptForm<S>(
  action: (state: Awaited<S>, payload: FormData) => S | Promise<S>,
  initialState: Awaited<S>,
  options: { clearWhen?: (state: Awaited<S>) => boolean } = {},
) {
  const [state, dispatch, pending] = useActionState(action, initialState)
  const cleared = options.clearWhen?.(state) ?? false
  // How many answers cleared the form so far (React's "information from previous renders" pattern).
  const [seen, setSeen] = useState({ state, clears: 0 })
  if (seen.state !== state) setSeen({ state, clears: seen.clears + (cleared ? 1 : 0) })

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const submitter = (event.nativeEvent as SubmitEvent).submitter
    // The button pressed (e.g. intent=estimate or intent=submit) is part of what is sent, as in a browser post.
    const data = submitter ? new FormData(event.currentTarget, submitter) : new FormData(event.currentTarget)
    startTransition(() => dispatch(data))
  }

  return {
    state,
    pending,
    /** True when the last answer asked for an empty form (see `clearWhen`): use empty defaults. */
    cleared,
    /** Spread on the <form>: the action (used as is without JavaScript) and the submit handler. */
    form: { action: dispatch, onSubmit },
    /** The <form>'s key: changes only on the answers that clear the form. */
    formKey: `form-${seen.state === state ? seen.clears : seen.clears + (cleared ? 1 : 0)}`,
  }
}
