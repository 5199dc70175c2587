import { z } from 'zod'
import { normalizeNir, parseNir } from '@/lib/domain/nir'

/**
 * Sign-in forms. Messages are i18n keys (lib/i18n/messages/*.json, namespace "errors"), shared by the form and the server.
 * Insured persons: 13-digit NIR, with or without its 2-digit key (checked when given). Advisors: e-mail.
 */
export const ZNir = z
  .string({ error: 'nir.required' })
  .trim()
  .min(1, 'nir.required')
  .transform((value, ctx) => {
    const parsed = parseNir(value)
    if (!parsed.ok) {
      ctx.addIssue({ code: 'custom', message: parsed.error })
      return z.NEVER
    }
    return parsed
  })

/**
 * A complete NIR, 15 characters with its key (as printed on the attestation de droits): account activation, the
 * insured spouse of an affiliation request. A temporary number (7/8) parses; callers refuse it where they must.
 */
export const ZNirWithKey = z
  .string({ error: 'errors.nir.required' })
  .trim()
  .min(1, 'errors.nir.required')
  .transform((value, ctx) => {
    const parsed = parseNir(value)
    if (!parsed.ok) {
      ctx.addIssue({ code: 'custom', message: `errors.${parsed.error}` })
      return z.NEVER
    }
    if (value.replace(/[\s.\-]/g, '').length !== 15) {
      ctx.addIssue({ code: 'custom', message: 'activation.errors.nirWithKey' })
      return z.NEVER
    }
    return parsed
  })

export const ZPassword = z.string({ error: 'auth.passwordRequired' }).min(1, 'auth.passwordRequired').max(200, 'auth.passwordTooLong')

export const ZInsuredLogin = z.object({ nir: ZNir, password: ZPassword })
export type TInsuredLogin = z.infer<typeof ZInsuredLogin>

export const ZStaffLogin = z.object({
  email: z.string({ error: 'auth.emailRequired' }).trim().toLowerCase().min(1, 'auth.emailRequired').pipe(z.email('auth.emailInvalid')),
  password: ZPassword,
})
export type TStaffLogin = z.infer<typeof ZStaffLogin>

/** Light pre-check for the browser (same rules, before any network call). */
export function nirDigitsOnly(value: string): string {
  return normalizeNir(value)
}
