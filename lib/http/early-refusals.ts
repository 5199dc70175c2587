import { LOCALE_COOKIE, isLocale, localeFromAcceptLanguage, type Locale } from '@/lib/i18n/config'
import { translatorFor } from '@/lib/i18n/translator'
import { MAX_FORM_REQUEST_BYTES, megabytes, UPLOAD_LIMITS } from '@/lib/domain/procedures/upload-limits'

/**
 * Requests proxy.ts refuses before Next reads them (issue 13 items 8 and 9), each with a clear, translated 4xx
 * instead of the 500 Next gives once it has read the body:
 * - a body announced larger than the upload limits (MAX_FORM_REQUEST_BYTES, shared with the forms' own check and
 *   next.config.ts): 413, a short page saying what to do (the Back button keeps the answers), nothing read;
 * - a multipart POST whose body is not a readable form (see `unreadableForm`): 400.
 * Kept apart from the session handling of proxy.ts; no authorization here (that stays in each page and action).
 */
export async function earlyRefusal(request: Request, securityHeaders: Record<string, string>): Promise<Response | null> {
  if (request.method !== 'POST') return null
  const locale = requestLocale(request)
  const declared = Number(request.headers.get('content-length') ?? Number.NaN)
  if (Number.isFinite(declared) && declared > MAX_FORM_REQUEST_BYTES) {
    const t = translatorFor(locale, 'errors')
    const text = t('bodyTooLarge', { maxMegabytes: megabytes(UPLOAD_LIMITS.formBytes), fileMegabytes: megabytes(UPLOAD_LIMITS.fileBytes) })
    return refusal(413, locale, t('bodyTooLargeTitle'), text, request, securityHeaders)
  }
  if (await unreadableForm(request)) {
    const t = translatorFor(locale, 'errors')
    return refusal(400, locale, t('badRequest'), t('badRequest'), request, securityHeaders)
  }
  return null
}

/**
 * A multipart POST to a page whose body cannot be read as a form (no boundary, a cut or garbled body). Next 16
 * answers malformed server-action *headers* itself (400 for an id that is not one, 409 for an unknown id), but it
 * decodes any multipart POST to a page as a possible form action and fails with a 500 on such a body. Reading the
 * form here costs one parse of a body Next has already buffered for the proxy (at most MAX_FORM_REQUEST_BYTES).
 */
export async function unreadableForm(request: Request): Promise<boolean> {
  if (request.method !== 'POST') return false
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase()
  if (type !== 'multipart/form-data') return false
  try {
    await request.clone().formData()
    return false
  } catch {
    return true
  }
}

function requestLocale(request: Request): Locale {
  const cookie = new RegExp(`(?:^|;\\s*)${LOCALE_COOKIE}=([a-z]{2})`).exec(request.headers.get('cookie') ?? '')?.[1]
  return isLocale(cookie) ? cookie : localeFromAcceptLanguage(request.headers.get('accept-language'))
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

/** A page for a form posted without JavaScript, plain text for a fetch (a server action call or a script). */
function refusal(status: number, locale: Locale, title: string, text: string, request: Request, securityHeaders: Record<string, string>): Response {
  const headers = { ...securityHeaders, 'Cache-Control': 'no-store', Connection: 'close' }
  const wantsHtml = request.headers.get('next-action') === null && (request.headers.get('accept') ?? '').includes('text/html')
  if (!wantsHtml) return new Response(text, { status, headers: { ...headers, 'Content-Type': 'text/plain; charset=utf-8' } })
  const html = `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title></head><body style="font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.5"><main><h1>${escapeHtml(title)}</h1><p role="alert">${escapeHtml(text)}</p></main></body></html>`
  return new Response(html, { status, headers: { ...headers, 'Content-Type': 'text/html; charset=utf-8' } })
}
