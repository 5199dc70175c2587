'use server'

import { revalidatePath } from 'next/cache'
import { requireRole } from '@/lib/auth/session'
import { requestInfo } from '@/lib/auth/request-info'
import { addRuleRow, type TFieldErrors } from '@/lib/services/rules/add-rule-row'
import { parisToday } from '@/lib/domain/paris-today'

export type TAddRuleState = { status: 'idle' } | { status: 'saved'; from: string } | { status: 'error'; fieldErrors: TFieldErrors; values: Record<string, string> }

/** Supervisor: adds a future-dated value to a rule (the form on /conseiller/tarifs). */
export async function addRuleRowAction(_previous: TAddRuleState, formData: FormData): Promise<TAddRuleState> {
  const user = await requireRole(['supervisor'], '/conseiller/tarifs')
  const input = {
    key: String(formData.get('key') ?? ''),
    value: String(formData.get('value') ?? ''),
    from: String(formData.get('from') ?? ''),
    source: String(formData.get('source') ?? ''),
    note: String(formData.get('note') ?? ''),
  }
  const result = await addRuleRow({ actor: user, input, today: parisToday(new Date()), ...(await requestInfo()) })
  if (!result.ok) return { status: 'error', fieldErrors: result.fieldErrors, values: input }
  revalidatePath('/conseiller/tarifs')
  return { status: 'saved', from: input.from }
}
