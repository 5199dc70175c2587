import { z } from 'zod'

/** The consent screen's form (issue 18 §2). */
export const ZConsentDecision = z.object({
  uid: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
  decision: z.enum(['allow', 'refuse']),
  beneficiaries: z.array(z.string().min(1).max(40)).max(20).default([]),
  days: z.coerce.number().pipe(z.union([z.literal(30), z.literal(90), z.literal(365)])).default(90),
})
export type TConsentDecision = z.infer<typeof ZConsentDecision>

export const ZConsentId = z.string().min(1).max(40)

/** A redirect URI: https, or http on the loopback address only (native and local apps, RFC 8252); no fragment. */
const ZRedirectUri = z
  .string()
  .trim()
  .max(300)
  .refine((v) => {
    try {
      const u = new URL(v)
      if (u.hash || u.username || u.password) return false
      return u.protocol === 'https:' || (u.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname))
    } catch {
      return false
    }
  }, 'sharing.register.errors.redirectUri')

/** The developer's registration form (issue 18 §3). */
export const ZRegisterApp = z.object({
  name: z.string().trim().min(3, 'sharing.register.errors.name').max(80, 'sharing.register.errors.name'),
  website: z.url({ protocol: /^https?$/, error: 'sharing.register.errors.website' }).max(200),
  developer: z.string().trim().min(2, 'sharing.register.errors.developer').max(120, 'sharing.register.errors.developer'),
  contactEmail: z.email('sharing.register.errors.contactEmail').max(200),
  redirectUris: z
    .string()
    .transform((v) => v.split(/\s+/).map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(ZRedirectUri).min(1, 'sharing.register.errors.redirectUris').max(5, 'sharing.register.errors.redirectUris')),
})
export type TRegisterApp = z.infer<typeof ZRegisterApp>

export const ZReviewApp = z.object({ appId: z.string().min(1).max(40), decision: z.enum(['approved', 'rejected']) })
