'use server'

import { ZInsuredLogin, ZStaffLogin } from '@/lib/schemas/auth'

export type TSignInField = 'nir' | 'email' | 'password'
export type TSignInFieldErrors = Partial<Record<TSignInField, string>>

/**
 * The sign-in form's fields checked with the schemas authorize() applies (lib/schemas/auth.ts), on the server so that
 * zod stays out of the browser: the first error code of each field ("errors" namespace), {} when the fields are
 * well-formed. Reads and writes nothing; the sign-in itself goes to next-auth.
 */
export async function checkSignInFieldsAction(kind: 'insured' | 'staff', data: Record<string, string>): Promise<TSignInFieldErrors> {
  const parsed = kind === 'staff' ? ZStaffLogin.safeParse(data) : ZInsuredLogin.safeParse(data)
  if (parsed.success) return {}
  const errors: TSignInFieldErrors = {}
  for (const issue of parsed.error.issues) {
    const field = issue.path[0]
    if (field === 'nir' || field === 'email' || field === 'password') errors[field] ??= issue.message
  }
  return errors
}
