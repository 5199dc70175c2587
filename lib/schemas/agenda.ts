import { z } from 'zod'
import { parseCalendarDate } from '@/lib/domain/dates'
import { APPOINTMENT_REASONS } from '@/lib/domain/appointments/slots'
import { ZIdempotencyKey } from './procedures'

/**
 * Inputs of the CPAM finder and the appointment services (issue 6 §1–2, §6). Messages are i18n keys (namespace
 * `agenda.errors`), shown next to the field.
 */
const ZId = z.string({ error: 'agenda.errors.slotRequired' }).trim().min(1, 'agenda.errors.slotRequired').max(64, 'agenda.errors.slotRequired')

/** A French postal code: 5 digits (Corsica 20xxx, overseas 97xxx included). */
export const ZPostalCode = z
  .string({ error: 'agenda.errors.postalCode' })
  .trim()
  .regex(/^\d{5}$/, 'agenda.errors.postalCode')

export const ZAppointmentReason = z.enum(APPOINTMENT_REASONS, { error: 'agenda.errors.reason' })

export const ZAppointmentDescription = z
  .string({ error: 'agenda.errors.descriptionLength' })
  .trim()
  .min(10, 'agenda.errors.descriptionLength')
  .max(500, 'agenda.errors.descriptionLength')

/** idempotencyKey: set once per display of the booking form; the same key returns the first appointment. */
export const ZBookAppointment = z.object({ slotId: ZId, reason: ZAppointmentReason, description: ZAppointmentDescription, idempotencyKey: ZIdempotencyKey.optional() })
export type TBookAppointment = z.infer<typeof ZBookAppointment>

export const ZMoveAppointment = z.object({ appointmentId: z.string().trim().min(1).max(64), slotId: ZId })
export type TMoveAppointment = z.infer<typeof ZMoveAppointment>

/**
 * Cancelling asks for confirmation (issue 17 §4): the confirmation step's form sends confirm=yes; a post without it
 * (the one-click button of old, a forged form) is refused with agenda.errors.confirmCancel.
 */
export const ZCancelAppointment = z.object({
  appointmentId: z.string().trim().min(1).max(64),
  confirm: z.literal('yes', { error: 'agenda.errors.confirmCancel' }),
})

/** Advisor: the outcome of an appointment that has started. */
export const ZMarkAppointment = z.object({ appointmentId: z.string().trim().min(1).max(64), outcome: z.enum(['done', 'no-show']) })
export type TMarkAppointment = z.infer<typeof ZMarkAppointment>

/** Search params of the agenda pages: a reception point, a week offset (0 = this week … 5), a day. */
export const ZAgendaQuery = z.object({
  point: z.string().trim().min(1).max(64).optional().catch(undefined),
  week: z.coerce.number().int().min(0).max(6).catch(0),
  move: z.string().trim().min(1).max(64).optional().catch(undefined),
  /** The appointment whose cancellation is being confirmed (the confirmation step, without JavaScript too). */
  cancel: z.string().trim().min(1).max(64).optional().catch(undefined),
})

export const ZOfficeAgendaQuery = z.object({
  point: z.string().trim().min(1).max(64).optional().catch(undefined),
  day: z
    .string()
    .refine((s) => parseCalendarDate(s) !== null)
    .optional()
    .catch(undefined),
})
