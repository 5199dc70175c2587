import { z } from 'zod'
import { parseNir } from '@/lib/domain/nir'
import { ZBirthDateInput } from './activation'

/**
 * Forgotten password (issue 13 item 5). Messages are full i18n keys. The NIR is typed with or without its key, as on
 * the sign-in page.
 */
const ZResetNir = z
  .string({ error: 'errors.nir.required' })
  .trim()
  .min(1, 'errors.nir.required')
  .max(30, 'errors.nir.length')
  .transform((value, ctx) => {
    const parsed = parseNir(value)
    if (!parsed.ok) {
      ctx.addIssue({ code: 'custom', message: `errors.${parsed.error}` })
      return z.NEVER
    }
    return parsed.nir
  })

export const ZPasswordResetRequest = z.object({ nir: ZResetNir, birthDate: ZBirthDateInput })
export type TPasswordResetRequest = z.infer<typeof ZPasswordResetRequest>

/** Step 2: the code received and the new password (its policy is checked by the service with the person's file). */
export const ZPasswordResetConfirm = z.object({
  nir: ZResetNir,
  code: z.string({ error: 'security.errors.codeFormat' }).trim().regex(/^\d{6}$/, 'security.errors.codeFormat'),
  password: z.string().max(200, 'activation.errors.passwordTooLong'),
  confirmation: z.string().max(200, 'activation.errors.passwordTooLong'),
})
export type TPasswordResetConfirm = z.infer<typeof ZPasswordResetConfirm>
