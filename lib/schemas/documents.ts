import { z } from 'zod'

/** Verification codes: 12 characters of an alphabet without look-alikes (no 0/O, 1/I/L). */
export const VERIFICATION_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'
export const VERIFICATION_LENGTH = 12

/** A code as typed or scanned: spaces and dashes ignored, case-insensitive. */
export const ZVerificationCode = z
  .string()
  .max(40)
  .transform((s) => s.replace(/[\s-]/g, '').toUpperCase())
  .pipe(z.string().regex(new RegExp(`^[${VERIFICATION_ALPHABET}]{${VERIFICATION_LENGTH}}$`), 'documents.verify.invalidCode'))
export type TVerificationCode = z.infer<typeof ZVerificationCode>

export const ZAttestationScope = z.enum(['insured', 'with-beneficiaries'])
export type TAttestationScope = z.infer<typeof ZAttestationScope>

export const ZAttestationRequest = z.object({ scope: ZAttestationScope })

/** "2026-03". */
export const ZStatementMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/)
export const ZTaxYear = z.coerce.number().int().min(2000).max(2100)
export const ZDocumentId = z.string().trim().min(1).max(64)
