'use client'

import { useActionState } from 'react'
import { registerAppAction, type TRegisterState } from '@/app/actions/sharing'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'

type TLabels = { name: string; website: string; developer: string; contactEmail: string; redirectUris: string; redirectHint: string; submit: string; done: string }

const initial: TRegisterState = { errors: {}, values: {}, clientId: null, formError: null }

/** The developer's registration form (issue 18 §3); the values stay after an error. */
export function RegisterAppForm({ labels }: { labels: TLabels }) {
  const [state, action, pending] = useActionState(registerAppAction, initial)
  const field = (name: 'name' | 'website' | 'developer' | 'contactEmail', type = 'text') => (
    <p className="flex flex-col gap-1">
      <label htmlFor={`app-${name}`} className="font-semibold">
        {labels[name]}
      </label>
      <input
        id={`app-${name}`}
        name={name}
        type={type}
        required
        defaultValue={state.values[name] ?? ''}
        aria-invalid={state.errors[name] ? true : undefined}
        aria-describedby={state.errors[name] ? `app-${name}-error` : undefined}
        className="rounded-md border border-slate-400 px-3 py-2"
      />
      {state.errors[name] ? (
        <span id={`app-${name}-error`} className="text-sm text-danger-700">
          {state.errors[name]}
        </span>
      ) : null}
    </p>
  )
  return (
    <form action={action} className="max-w-2xl space-y-4" key={state.clientId ?? 'form'}>
      {state.clientId ? (
        <Alert tone="success" live>
          {labels.done.replace('{clientId}', state.clientId)}
        </Alert>
      ) : null}
      {state.formError ? (
        <Alert tone="error" live>
          {state.formError}
        </Alert>
      ) : null}
      {field('name')}
      {field('website', 'url')}
      {field('developer')}
      {field('contactEmail', 'email')}
      <p className="flex flex-col gap-1">
        <label htmlFor="app-redirectUris" className="font-semibold">
          {labels.redirectUris}
        </label>
        <span id="app-redirectUris-hint" className="text-sm text-slate-700">
          {labels.redirectHint}
        </span>
        <textarea
          id="app-redirectUris"
          name="redirectUris"
          required
          rows={3}
          defaultValue={state.values.redirectUris ?? ''}
          aria-invalid={state.errors.redirectUris ? true : undefined}
          aria-describedby={state.errors.redirectUris ? 'app-redirectUris-hint app-redirectUris-error' : 'app-redirectUris-hint'}
          className="rounded-md border border-slate-400 px-3 py-2"
        />
        {state.errors.redirectUris ? (
          <span id="app-redirectUris-error" className="text-sm text-danger-700">
            {state.errors.redirectUris}
          </span>
        ) : null}
      </p>
      <Button type="submit" disabled={pending}>
        {labels.submit}
      </Button>
    </form>
  )
}
