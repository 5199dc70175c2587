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
