/**
 * The error next-auth carries from authorize() to the sign-in page (`result.error`, or `?error=` without JavaScript):
 * the AppError code, plus the wait in seconds for the throttling codes ("auth.temporarilyLocked:900"), so that the page
 * can say how long to wait (ADR 0004). Shared by the server (options.ts) and the page and form.
 */
const WAIT_CODES = new Set(['auth.rateLimited', 'auth.slowDown', 'auth.temporarilyLocked'])

export const SIGN_IN_ERROR_PATTERN = /^([a-zA-Z.]{1,60})(?::(\d{1,6}))?$/

export function encodeSignInError(code: string, details?: Record<string, unknown>): string {
  const seconds = details?.retryAfterSeconds
  return WAIT_CODES.has(code) && typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0 ? `${code}:${Math.min(999_999, Math.ceil(seconds))}` : code
}

/** The i18n key and its values ({seconds}, {minutes}, rounded up) of an encoded error; null when it is not one. */
export function decodeSignInError(raw: string): { code: string; values: { seconds: number; minutes: number } } | null {
  const m = SIGN_IN_ERROR_PATTERN.exec(raw)
  if (!m?.[1]) return null
  const seconds = m[2] ? Math.max(1, Number(m[2])) : 15 * 60
  return { code: m[1], values: { seconds, minutes: Math.max(1, Math.ceil(seconds / 60)) } }
}

type TTranslate = { (key: string, values?: Record<string, number>): string; has(key: string): boolean }

/** The translated message of a sign-in error (unknown codes: the generic one). */
export function signInErrorMessage(t: TTranslate, raw: string, fallback = 'auth.invalidCredentials'): string {
  const decoded = decodeSignInError(raw)
  const code = decoded && t.has(decoded.code) ? decoded.code : fallback
  return t(code, decoded?.values ?? { seconds: 60, minutes: 1 })
}
