/**
 * Password policy for the insured person's own password (chosen after the first sign-in with a temporary code).
 * No policy existed before (demo passwords are seeded): ANSSI/NIST-style length first — at least 12 characters,
 * at least one letter and one digit — and nothing guessable from the file: neither the NIR (13 digits) nor the
 * birth date in its usual spellings. Pure: the caller passes the person's NIR and birth date.
 */

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

export type TPasswordProblem =
  | 'activation.errors.passwordRequired'
  | 'activation.errors.passwordTooShort'
  | 'activation.errors.passwordTooLong'
  | 'activation.errors.passwordLettersDigits'
  | 'activation.errors.passwordPersonal';

/** The first rule the password breaks (an i18n key), or null when it is acceptable. */
export function passwordProblem(password: string, person: { nir: string; birthDate: string }): TPasswordProblem | null {
  if (password.length === 0) return 'activation.errors.passwordRequired';
  if (password.length < PASSWORD_MIN_LENGTH) return 'activation.errors.passwordTooShort';
  if (password.length > PASSWORD_MAX_LENGTH) return 'activation.errors.passwordTooLong';
  if (!/\p{L}/u.test(password) || !/\d/.test(password)) return 'activation.errors.passwordLettersDigits';
  const digits = password.replace(/\D/g, '');
  const nir13 = person.nir.slice(0, 13);
  const [y = '', m = '', d = ''] = person.birthDate.split('-');
  const personal = [nir13, `${y}${m}${d}`, `${d}${m}${y}`, `${d}${m}${y.slice(2)}`].filter((s) => s.length >= 6);
  if (personal.some((p) => digits.includes(p) || password.includes(p))) return 'activation.errors.passwordPersonal';
  return null;
}
