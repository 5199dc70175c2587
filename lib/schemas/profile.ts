import { z } from 'zod'

export const ZContactChannel = z.enum(['email', 'phone'])
export type TContactChannel = z.infer<typeof ZContactChannel>

/** French phone numbers (mobile or landline, métropole and DOM): "0612345678", "+33 6 12 34 56 78" → "06 12 34 56 78". */
export const ZFrenchPhone = z
  .string()
  .max(30)
  .transform((s) => s.replace(/[\s.\-()]/g, '').replace(/^(\+33|0033)/, '0'))
  .pipe(z.string().regex(/^0[1-9]\d{8}$/, 'profile.errors.phone'))
  .transform((s) => s.match(/\d{2}/g)!.join(' '))

export const ZEmail = z.string().trim().toLowerCase().max(254).pipe(z.email('profile.errors.email'))

export const ZContactChangeRequest = z.discriminatedUnion('channel', [
  z.object({ channel: z.literal('email'), value: ZEmail }),
  z.object({ channel: z.literal('phone'), value: ZFrenchPhone }),
])
export type TContactChangeRequest = z.infer<typeof ZContactChangeRequest>

export const ZContactChangeConfirm = z.object({
  channel: ZContactChannel,
  code: z.string().trim().regex(/^\d{6}$/, 'profile.errors.codeFormat'),
})
