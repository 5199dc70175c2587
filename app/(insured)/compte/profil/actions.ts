'use server'

import { revalidatePath } from 'next/cache'
import { requestInfo } from '@/lib/auth/request-info'
import { requireInsured } from '@/lib/auth/session'
import { getDb } from '@/lib/db/client'
import { isAppError } from '@/lib/errors'
import { translateCode } from '@/lib/forms/procedure-action'
import { ZContactChannel } from '@/lib/schemas/profile'
import { confirmContactChange, requestContactChange } from '@/lib/services/profile/contact-change'
import type { TContactChangeState } from '@/components/profile/contact-change-state'

/**
 * E-mail / phone change in two steps on the profile page: `intent=send` sends a code to the new address or
 * number, `intent=confirm` checks it and changes the contact at once. The signed-in person's own file only.
 */
export async function contactChangeAction(prev: TContactChangeState, form: FormData): Promise<TContactChangeState> {
  const user = await requireInsured('/compte/profil')
  const actor = { id: user.id, role: user.role, insuredId: user.insuredId, organisationId: user.organisationId }
  const channel = ZContactChannel.safeParse(form.get('channel'))
  if (!channel.success) return { ...prev, error: await translateCode('profile.errors.invalid') }
  const c = channel.data
  const intent = form.get('intent') === 'confirm' ? 'confirm' : 'send'
  const value = String(form.get(c) ?? prev.value ?? '')
  const ctx = await requestInfo()
  try {
    if (intent === 'send') {
      await requestContactChange(getDb(), { actor, input: { channel: c, value }, ...ctx })
      return { step: 'code', value, error: null, done: null }
    }
    const done = await confirmContactChange(getDb(), { actor, input: { channel: c, code: String(form.get(`${c}Code`) ?? '') }, ...ctx })
    revalidatePath('/compte/profil')
    return { step: 'idle', value: '', error: null, done: done.value }
  } catch (error) {
    if (!isAppError(error)) throw error
    const message = await translateCode(error.code, error.details)
    const restart = ['profile.errors.codeExpired', 'profile.errors.tooManyTries', 'profile.errors.noPending'].includes(error.code)
    return { step: restart ? 'idle' : prev.step === 'code' || intent === 'confirm' ? 'code' : 'idle', value, error: message, done: null }
  }
}
