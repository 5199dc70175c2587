'use client'

import { useTranslations } from 'next-intl'
import { withdrawProcedureAction, type TAddDocumentResult } from '@/app/actions/procedures'
import { useKeptForm } from '@/components/ui/use-kept-form'
import { ErrorSummary, SubmitButton } from './form-kit'
import { initialFormState } from './form-state'

/** "Withdraw this request": while no advisor has taken it (issue 19 §6). Works without JavaScript. */
export function WithdrawForm({ procedureId, reference }: { procedureId: string; reference: string }) {
  const t = useTranslations('procedurePages.tracking')
  const { state, form } = useKeptForm(withdrawProcedureAction, initialFormState<TAddDocumentResult>())
  if (state.status === 'success') return <p role="status" className="mt-3 font-semibold text-ok-700">{t('withdrawn', { reference })}</p>
  return (
    <form {...form} noValidate className="mt-3 space-y-2">
      {state.formError ? <ErrorSummary state={state} order={[]} /> : null}
      <input type="hidden" name="procedureId" value={procedureId} />
      <p className="text-sm text-slate-700">{t('withdrawHint')}</p>
      <SubmitButton variant="secondary">{t('withdraw', { reference })}</SubmitButton>
    </form>
  )
}
