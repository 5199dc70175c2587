import { describe, expect, it } from 'vitest'
import { badAuthParams, safeCallback } from '@/lib/http/auth-params'
import { earlyRefusal, unreadableForm } from '@/lib/http/early-refusals'
import { MAX_FORM_REQUEST_BYTES } from '@/lib/domain/procedures/upload-limits'

/** Issue 13 items 8 and 9: requests refused with a clear 4xx before Next or next-auth turn them into a 500. */
const HEADERS = { 'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'" }

describe('next-auth callbackUrl and error (issue 13 item 9)', () => {
  const origins = new Set(['http://localhost:3000'])
  it('attack "open redirect through callbackUrl": only a path of this site or an absolute URL of this origin is accepted', () => {
    for (const ok of ['/compte', '/conseiller/assures?q=abc', 'http://localhost:3000/compte']) expect(safeCallback(ok, origins), ok).toBe(true)
    for (const bad of ['https://evil.example', '//evil.example', '/\\evil.example', 'javascript:alert(1)', 'http://localhost:3000@evil.example/', '/\u202Eevil', '\u00ff', '/a b', '']) {
      expect(safeCallback(bad, origins), bad).toBe(false)
    }
  })

  it('attack "malformed callbackUrl / error that made /api/auth/csrf, /session and /error answer 500": 400 with a translated sentence, no redirect', async () => {
    for (const query of ['callbackUrl=https://evil.example', 'callbackUrl=%FF', 'callbackUrl=%0d%0aSet-Cookie:x=1', 'error=%E0%A4%A', 'error=<script>']) {
      const reply = badAuthParams(new Request(`http://localhost:3000/api/auth/csrf?${query}`, { headers: { 'accept-language': 'fr' } }))
      expect(reply?.status, query).toBe(400)
      expect(reply?.headers.get('location')).toBeNull()
      expect(await reply?.text()).toMatch(/^Cette demande n’a pas pu être comprise/)
    }
    expect(badAuthParams(new Request('http://localhost:3000/api/auth/signin?callbackUrl=%2Fcompte'))).toBeNull()
    expect(badAuthParams(new Request('http://localhost:3000/api/auth/error?error=CredentialsSignin'))).toBeNull()
    expect(badAuthParams(new Request('http://127.0.0.1:3203/api/auth/signin?callbackUrl=https://ameli.example/compte'), ['https://ameli.example'])).toBeNull()
  })
})

describe('early refusals of proxy.ts (issue 13 items 8 and 9)', () => {
  it('attack "3 PDFs of 3.6 MB each posted without JavaScript" (500 after 30 s): a body announced over the shared limit gets 413, a translated page, the security headers, nothing read', async () => {
    const request = new Request('http://localhost/affiliation', {
      method: 'POST',
      headers: { 'content-length': String(MAX_FORM_REQUEST_BYTES + 1), 'content-type': 'multipart/form-data; boundary=x', accept: 'text/html', cookie: 'NEXT_LOCALE=en' },
    })
    const reply = await earlyRefusal(request, HEADERS)
    expect(reply?.status).toBe(413)
    expect(reply?.headers.get('content-security-policy')).toBe(HEADERS['Content-Security-Policy'])
    const html = await reply!.text()
    expect(html).toContain('<html lang="en">')
    expect(html).toMatch(/more than 12 MB in all \(at most 5 MB a file\)\. Nothing was saved\. Go back with your browser’s Back button: your answers are still in the form/)
    const fr = await earlyRefusal(new Request('http://localhost/affiliation', { method: 'POST', headers: { 'content-length': String(MAX_FORM_REQUEST_BYTES + 1), 'accept-language': 'fr-FR' } }), HEADERS)
    expect(fr?.status).toBe(413)
    expect(await fr!.text()).toMatch(/^Votre envoi dépasse 12 Mo au total/)
  })

  it('attack "garbage multipart body posted to a page" (Next decodes it as a form action and answers 500): 400; a real form passes; GET is never touched', async () => {
    const garbage = new Request('http://localhost/connexion', { method: 'POST', headers: { 'content-type': 'multipart/form-data' }, body: 'garbage' })
    expect(await unreadableForm(garbage)).toBe(true)
    expect((await earlyRefusal(new Request('http://localhost/', { method: 'POST', headers: { 'content-type': 'multipart/form-data; boundary=xx' }, body: 'garbage' }), HEADERS))?.status).toBe(400)
    const form = new FormData()
    form.set('name', 'Martin')
    expect(await earlyRefusal(new Request('http://localhost/affiliation', { method: 'POST', body: form }), HEADERS)).toBeNull()
    expect(await earlyRefusal(new Request('http://localhost/affiliation', { method: 'POST', headers: { 'content-type': 'text/plain', 'next-action': 'x'.repeat(42) }, body: '[]' }), HEADERS)).toBeNull()
    expect(await earlyRefusal(new Request('http://localhost/affiliation'), HEADERS)).toBeNull()
  })
})
