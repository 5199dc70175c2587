'use server'

import { revalidatePath } from 'next/cache'
import { redirect } from 'next/navigation'
import { requireRole } from '@/lib/auth/session'
import { requestInfo } from '@/lib/auth/request-info'
import { isAppError } from '@/lib/errors'
import { addRuleRow, type TBigChange, type TFieldErrors } from '@/lib/services/rules/add-rule-row'
import { approveRuleRow, withdrawRuleRow } from '@/lib/services/rules/review-rule-row'
import { parisToday } from '@/lib/domain/paris-today'

export type TAddRuleState =
  | { status: 'idle' }
  | { status: 'saved'; from: string }
  | { status: 'error'; fieldErrors: TFieldErrors; values: Record<string, string>; bigChange?: TBigChange }

/** Supervisor: proposes a future-dated value for a rule (the form on /conseiller/tarifs); a second supervisor approves it. */
export async function addRuleRowAction(_previous: TAddRuleState, formData: FormData): Promise<TAddRuleState> {
  const user = await requireRole(['supervisor'], '/conseiller/tarifs')
  const input = {
    key: String(formData.get('key') ?? ''),
    value: String(formData.get('value') ?? ''),
    from: String(formData.get('from') ?? ''),
    source: String(formData.get('source') ?? ''),
    note: String(formData.get('note') ?? ''),
    confirm: String(formData.get('confirm') ?? ''),
  }
  const info = await requestInfo()
  const result = await addRuleRow({ actor: user, input, today: parisToday(info.now), ip: info.ip, userAgent: info.userAgent })
  if (!result.ok) return { status: 'error', fieldErrors: result.fieldErrors, values: input, ...(result.bigChange ? { bigChange: result.bigChange } : {}) }
  revalidatePath('/conseiller/tarifs')
  return { status: 'saved', from: input.from }
}

/** Supervisor: approves (four eyes) or withdraws a row, then back to the page with a notice or the refusal's code. */
export async function reviewRuleRowAction(formData: FormData): Promise<void> {
  const user = await requireRole(['supervisor'], '/conseiller/tarifs')
  const intent = formData.get('intent') === 'withdraw' ? 'withdraw' : 'approve'
  const info = await requestInfo()
  const args = { actor: user, input: { rowId: String(formData.get('rowId') ?? '') }, today: parisToday(info.now), ...info }
  let target: string
  try {
    const r = intent === 'approve' ? await approveRuleRow(args) : await withdrawRuleRow(args)
    revalidatePath('/conseiller/tarifs')
    target = `/conseiller/tarifs?done=${intent === 'approve' ? 'approved' : 'withdrawn'}&q=${encodeURIComponent(r.key)}`
  } catch (error) {
    if (!isAppError(error)) throw error
    target = `/conseiller/tarifs?error=${encodeURIComponent(error.code)}`
  }
  redirect(target)
}
