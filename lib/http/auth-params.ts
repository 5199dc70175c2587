import { localeFromAcceptLanguage } from '@/lib/i18n/config'
import { translatorFor } from '@/lib/i18n/translator'

/**
 * next-auth's routes read `callbackUrl` (and `error`) from the query string. It refuses an off-site or malformed
 * callback itself, but on some routes with a 500 (/api/auth/csrf?callbackUrl=%FF, /api/auth/session?…), and an
 * `error` that is not plain ASCII breaks its redirect header (500). This check runs first (issue 13 item 9):
 * a callback must be a path of this site (`/…`, not `//…` nor `/\…`) or an absolute URL of this origin, written in
 * printable ASCII; an error code is letters only. Otherwise 400 with a translated sentence; never a redirect.
 */
export function badAuthParams(request: Request, allowedOrigins: readonly string[] = []): Response | null {
  const url = new URL(request.url)
  const origins = new Set([url.origin, ...allowedOrigins])
  const callback = url.searchParams.get('callbackUrl')
  const error = url.searchParams.get('error')
  const callbackOk = callback === null || safeCallback(callback, origins)
  const errorOk = error === null || /^[A-Za-z]{1,64}$/.test(error)
  if (callbackOk && errorOk) return null
  const locale = localeFromAcceptLanguage(request.headers.get('accept-language'))
  return new Response(translatorFor(locale, 'errors')('badRequest'), {
    status: 400,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
  })
}

export function safeCallback(value: string, origins: ReadonlySet<string>): boolean {
  if (!/^[\x21-\x7e]{1,2000}$/.test(value)) return false
  if (value.startsWith('/')) return !value.startsWith('//') && !value.startsWith('/\\')
  try {
    const url = new URL(value)
    return (url.protocol === 'http:' || url.protocol === 'https:') && origins.has(url.origin)
  } catch {
    return false
  }
}
