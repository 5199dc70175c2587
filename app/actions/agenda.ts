'use server'

import { revalidatePath } from 'next/cache'
import { redirect } from 'next/navigation'
import { requireRole } from '@/lib/auth/session'
import { requestInfo } from '@/lib/auth/request-info'
import { runFormAction } from '@/lib/forms/form-action'
import { bookAppointment } from '@/lib/services/agenda/book-appointment'
import { moveAppointment } from '@/lib/services/agenda/move-appointment'
import { cancelAppointment } from '@/lib/services/agenda/cancel-appointment'
import { markAppointment } from '@/lib/services/agenda/mark-appointment'
import { ZodError } from 'zod'
import { isAppError } from '@/lib/errors'
import type { TFormState } from '@/components/procedures/form-state'

/**
 * Server actions of "Mon agenda" and of the office agenda. Each: session (role) → the service's zod schema →
 * the service (rules, transaction, audit, outbox) → redirect to the page with a notice, or translated errors.
 */

const slotErrors = new Set(['agenda.errors.slotNotFound', 'agenda.errors.slotPast', 'agenda.errors.slotTooSoon', 'agenda.errors.slotOutsideHours', 'agenda.errors.slotFull', 'agenda.errors.alreadyBooked', 'agenda.errors.sameSlot'])
const fieldOf = (code: string) => (slotErrors.has(code) ? 'slotId' : undefined)

export async function bookAppointmentAction(_prev: TFormState<null>, formData: FormData): Promise<TFormState<null>> {
  let id = ''
  const state = await runFormAction<null>(formData, {
    path: '/compte/agenda',
    roles: ['insured'],
    fieldOf,
    run: async (ctx) => {
      const v = ctx.values
      const r = await bookAppointment({ actor: ctx.actor, input: { slotId: v.slotId ?? '', reason: v.reason ?? '', description: v.description ?? '', ...(v.idempotencyKey ? { idempotencyKey: v.idempotencyKey } : {}) }, ip: ctx.ip, userAgent: ctx.userAgent, now: ctx.now })
      id = r.id
      return null
    },
  })
  if (state.status !== 'success') return state
  revalidatePath('/compte/agenda')
  redirect(`/compte/agenda?done=booked&appointment=${encodeURIComponent(id)}`)
}

export async function moveAppointmentAction(_prev: TFormState<null>, formData: FormData): Promise<TFormState<null>> {
  let id = ''
  const state = await runFormAction<null>(formData, {
    path: '/compte/agenda',
    roles: ['insured'],
    fieldOf,
    run: async (ctx) => {
      const r = await moveAppointment({ actor: ctx.actor, input: { appointmentId: ctx.values.appointmentId ?? '', slotId: ctx.values.slotId ?? '' }, ip: ctx.ip, userAgent: ctx.userAgent, now: ctx.now })
      id = r.id
      return null
    },
  })
  if (state.status !== 'success') return state
  revalidatePath('/compte/agenda')
  redirect(`/compte/agenda?done=moved&appointment=${encodeURIComponent(id)}`)
}

/** Cancel, from the confirmation step (a plain form: works without JavaScript). A refusal comes back as ?error=<code>. */
export async function cancelAppointmentAction(formData: FormData): Promise<void> {
  const user = await requireRole(['insured'], '/compte/agenda')
  const appointmentId = String(formData.get('appointmentId') ?? '')
  let target = '/compte/agenda?done=cancelled'
  try {
    await cancelAppointment({ actor: { id: user.id, role: user.role, insuredId: user.insuredId, organisationId: user.organisationId }, input: { appointmentId, confirm: formData.get('confirm') ?? undefined }, ...(await requestInfo()) })
  } catch (error) {
    if (!isAppError(error) && !(error instanceof ZodError)) throw error
    target = `/compte/agenda?error=${encodeURIComponent(isAppError(error) ? error.code : 'notFound')}`
  }
  revalidatePath('/compte/agenda')
  redirect(target)
}

/** Advisor: done / no-show from the office agenda (a plain form). */
export async function markAppointmentAction(formData: FormData): Promise<void> {
  const user = await requireRole(['advisor', 'supervisor'], '/conseiller/agenda')
  const back = new URLSearchParams()
  for (const k of ['point', 'day']) {
    const v = formData.get(k)
    if (typeof v === 'string' && /^[\w-]{1,64}$/.test(v)) back.set(k, v)
  }
  try {
    await markAppointment({ actor: { id: user.id, role: user.role, insuredId: user.insuredId, organisationId: user.organisationId }, input: { appointmentId: String(formData.get('appointmentId') ?? ''), outcome: String(formData.get('outcome') ?? '') }, ...(await requestInfo()) })
    back.set('done', '1')
  } catch (error) {
    if (!isAppError(error) && !(error instanceof ZodError)) throw error
    back.set('error', isAppError(error) ? error.code : 'notFound')
  }
  revalidatePath('/conseiller/agenda')
  redirect(`/conseiller/agenda?${back.toString()}`)
}
