import { z } from 'zod'
import { parseCalendarDate, type CalendarDate } from '@/lib/domain/dates'
import { ZNirWithKey } from './auth'
import { passwordProblem } from '@/lib/domain/accounts/password-policy'

/*
 * Account activation (seed 003) and the first password. Messages are i18n keys (namespaces `activation.errors`, `errors`).
 * The NIR must be complete (15 characters with its key, as on the attestation de droits); a temporary number (7/8)
 * parses here and is refused by the service with the seed's explanation.
 */
/** "YYYY-MM-DD" (the date control) or "DD/MM/YYYY" (typed by hand where the control is a text field). */
export const ZBirthDateInput = z
  .string({ error: 'activation.errors.birthDate' })
  .trim()
  .transform((value, ctx) => {
    const fr = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(value)
    const date = parseCalendarDate(fr ? `${fr[3]}-${fr[2]}-${fr[1]}` : value)
    if (!date) {
      ctx.addIssue({ code: 'custom', message: 'activation.errors.birthDate' })
      return z.NEVER
    }
    return date as CalendarDate
  })

export const ZPostalCode = z.string({ error: 'activation.errors.postalCode' }).trim().regex(/^\d{5}$/, 'activation.errors.postalCode')

export const ZAccountActivationRequest = z.object({ nir: ZNirWithKey, birthDate: ZBirthDateInput, postalCode: ZPostalCode })
export type TAccountActivationRequest = z.infer<typeof ZAccountActivationRequest>

/** The password fields (the policy that needs the person's file is added by firstPasswordSchema). */
export const ZFirstPassword = z
  .object({
    password: z.string({ error: 'activation.errors.passwordRequired' }).min(1, 'activation.errors.passwordRequired').max(200, 'activation.errors.passwordTooLong'),
    confirmation: z.string({ error: 'activation.errors.confirmRequired' }).min(1, 'activation.errors.confirmRequired').max(200, 'activation.errors.passwordTooLong'),
  })
  .superRefine((v, ctx) => {
    if (v.confirmation && v.password !== v.confirmation) ctx.addIssue({ code: 'custom', path: ['confirmation'], message: 'activation.errors.passwordMismatch' })
  })
export type TFirstPassword = z.infer<typeof ZFirstPassword>

/**
 * The password fields with the whole policy (lib/domain/accounts/password-policy.ts) for this person: every problem
 * is reported at once, the password's next to it and the confirmation's next to the confirmation.
 */
export function firstPasswordSchema(person: { nir: string; birthDate: string }) {
  return ZFirstPassword.superRefine((v, ctx) => {
    const problem = v.password ? passwordProblem(v.password, person) : null
    if (problem) ctx.addIssue({ code: 'custom', path: ['password'], message: problem })
  })
}
