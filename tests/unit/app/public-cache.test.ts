import { createHash } from 'node:crypto'
import { inflateSync } from 'node:zlib'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { localeFromAcceptLanguage as appLocaleFromAcceptLanguage, isLocale } from '@/lib/i18n/config'
import { parisToday } from '@/lib/domain/paris-today'
import {
  adler32,
  adler32Combine,
  compileTemplate,
  renderCompiled,
  localeFromAcceptLanguage,
  parisDate,
  prepareCachedHtml,
  publicCacheKey,
  publicCacheSeconds,
  renderCachedHtml,
  type TCachedTemplate,
} from '@/scripts/server/public-cache.mjs'

const NOW = new Date('2026-12-04T12:00:00Z')
const get = (url: string, headers: Record<string, string> = {}, method = 'GET') => publicCacheKey({ method, url, headers }, NOW)

/** What lib/i18n/request.ts (currentLocale) does with the same cookie and header. */
const appLocale = (cookie: string | undefined, acceptLanguage: string | undefined) => (isLocale(cookie) ? cookie : appLocaleFromAcceptLanguage(acceptLanguage))

describe('public page cache key (ADR 0013)', () => {
  it('the six pages, anonymous, no query: path + locale + Paris date', () => {
    for (const path of ['/', '/simulateur', '/trouver-ma-cpam', '/verifier-attestation', '/connexion', '/affiliation']) {
      expect(get(path)).toBe(`${path}|fr|2026-12-04`)
    }
    expect(get('/', {}, 'HEAD')).toBe('/|fr|2026-12-04')
  })

  it('everything that may depend on the visitor bypasses (null)', () => {
    expect(get('/compte')).toBeNull()
    expect(get('/simulateur/css')).toBeNull()
    expect(get('/simulateur/')).toBeNull()
    expect(get('/simulateur?acte=G')).toBeNull()
    expect(get('/?')).toBeNull()
    expect(get('/', {}, 'POST')).toBeNull()
    expect(get('/', { cookie: 'ameli.session=abc' })).toBeNull()
    expect(get('/', { cookie: '__Host-ameli.session=abc' })).toBeNull()
    expect(get('/', { cookie: 'NEXT_LOCALE=en; ameli.session.0=abc' })).toBeNull()
    expect(get('/', { cookie: 'something-else=1' })).toBeNull()
    expect(get('/', { cookie: 'NEXT_LOCALE=en; NEXT_LOCALE=fr' })).toBeNull()
    expect(get('/', { authorization: 'Bearer x' })).toBeNull()
    for (const header of ['rsc', 'next-router-state-tree', 'next-router-prefetch', 'next-router-segment-prefetch', 'next-action', 'next-url', 'x-nextjs-data']) {
      expect(get('/', { [header]: '1' })).toBeNull()
    }
  })

  it("anonymous cookies that do not change the HTML keep the shared page (next-auth's CSRF cookie, the language)", () => {
    expect(get('/connexion', { cookie: 'next-auth.csrf-token=a%7Cb; next-auth.callback-url=http%3A%2F%2Fx' })).toBe('/connexion|fr|2026-12-04')
    expect(get('/', { cookie: 'NEXT_LOCALE=en' })).toBe('/|en|2026-12-04')
    expect(get('/', { cookie: 'NEXT_LOCALE=en', 'accept-language': 'fr' })).toBe('/|en|2026-12-04')
    expect(get('/', { cookie: 'NEXT_LOCALE=de', 'accept-language': 'en-GB,en;q=0.8' })).toBe('/|en|2026-12-04')
    expect(get('/', { 'accept-language': 'de, en;q=0.5' })).toBe('/|en|2026-12-04')
  })

  it('the date is the calendar day in Paris: 23:59:59 and 00:00:00 Paris time are two keys', () => {
    expect(publicCacheKey({ method: 'GET', url: '/', headers: {} }, new Date('2026-12-04T22:59:59Z'))).toBe('/|fr|2026-12-04')
    expect(publicCacheKey({ method: 'GET', url: '/', headers: {} }, new Date('2026-12-04T23:00:00Z'))).toBe('/|fr|2026-12-05')
    // Summer time: Paris is UTC+2.
    expect(parisDate(new Date('2026-07-01T21:59:59Z'))).toBe('2026-07-01')
    expect(parisDate(new Date('2026-07-01T22:00:00Z'))).toBe('2026-07-02')
    fc.assert(fc.property(fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }), (d) => parisDate(d) === parisToday(d)))
  })

  it('the locale is the one the application resolves (lib/i18n), for any cookie and Accept-Language', () => {
    const tag = fc.constantFrom('fr', 'en', 'FR', 'En-gb', 'fr-CA', 'de', 'es', '*', 'en-US', 'it', '', 'zh-Hant-TW')
    const q = fc.option(fc.constantFrom('0', '1', '0.5', '0.9', '0.001', 'x', '1.0', ' 0.3'), { nil: undefined })
    const header = fc
      .tuple(fc.array(fc.tuple(tag, q), { maxLength: 5 }), fc.constantFrom(',', ', ', ' ,'))
      .map(([parts, sep]) => parts.map(([t, w]) => (w === undefined ? t : `${t};q=${w}`)).join(sep))
    const cookie = fc.option(fc.constantFrom('fr', 'en', 'de', '', 'EN'), { nil: undefined })
    fc.assert(
      fc.property(cookie, fc.option(header, { nil: undefined }), (c, al) => {
        const headers: Record<string, string> = {}
        if (c !== undefined) headers.cookie = `NEXT_LOCALE=${c}`
        if (al !== undefined) headers['accept-language'] = al
        expect(get('/', headers)?.split('|')[1]).toBe(appLocale(c, al))
      }),
      { numRuns: 1000 },
    )
    fc.assert(fc.property(fc.string(), (s) => localeFromAcceptLanguage(s) === appLocaleFromAcceptLanguage(s)), { numRuns: 1000 })
  })

  it('PUBLIC_PAGE_CACHE_SECONDS: 60 by default, 0 turns it off, nonsense falls back to 60', () => {
    expect(publicCacheSeconds(undefined)).toBe(60)
    expect(publicCacheSeconds('0')).toBe(0)
    expect(publicCacheSeconds('5')).toBe(5)
    expect(publicCacheSeconds('-1')).toBe(60)
    expect(publicCacheSeconds('abc')).toBe(60)
  })
})

const sha = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`
const NONCE = 'ZDk0NjE4ZjQtYjQ1Mi00'
const CSP = `default-src 'self'; script-src 'self' 'nonce-${NONCE}' 'strict-dynamic'; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'`
const page = (extra = '') =>
  `<!DOCTYPE html><html lang="fr"><head><link rel="preload" as="script" fetchPriority="low" href="/_next/static/chunks/a.js" nonce="${NONCE}"/>` +
  `<script src="/_next/static/chunks/a.js" async="" nonce="${NONCE}"></script></head><body><main>Bonjour</main>${extra}` +
  `<script nonce="${NONCE}">(self.__next_f=self.__next_f||[]).push([0])</script>` +
  `<script nonce="${NONCE}">self.__next_f.push([1,"0:{\\"x\\":1}\\n"])</script></body></html>`

describe('hash-based Content-Security-Policy of a stored page (ADR 0013)', () => {
  it("nonce attributes removed; script-src lists each inline script's SHA-256, keeps 'self', drops the nonce and 'strict-dynamic'", () => {
    const prepared = prepareCachedHtml(page(), CSP)
    expect(prepared.ok).toBe(true)
    const { html, csp } = renderCachedHtml((prepared as { template: TCachedTemplate }).template)
    expect(html).not.toContain('nonce')
    expect(html).not.toContain(NONCE)
    expect(html).toContain('<script src="/_next/static/chunks/a.js" async=""></script>')
    const scriptSrc = csp.split('; ').find((d) => d.startsWith('script-src '))
    expect(scriptSrc).toBe(`script-src 'self' ${sha('(self.__next_f=self.__next_f||[]).push([0])')} ${sha('self.__next_f.push([1,"0:{\\"x\\":1}\\n"])')}`)
    expect(csp).not.toMatch(/nonce|strict-dynamic/)
    expect(csp).toContain("style-src 'self' 'unsafe-inline'")
    expect(csp).toContain("frame-ancestors 'none'")
  })

  it("the nonce also leaves React's payload (the stylesheet hints carry it)", () => {
    const prepared = prepareCachedHtml(page(`<script nonce="${NONCE}">self.__next_f.push([1,":HL[\\"/a.css\\",\\"style\\",{\\"nonce\\":\\"${NONCE}\\"}]"])</script>`), CSP)
    const { html, csp } = renderCachedHtml((prepared as { template: TCachedTemplate }).template)
    expect(html).not.toContain(NONCE)
    expect(html).toContain('{\\"nonce\\":\\"\\"}')
    expect(csp).toContain(sha('self.__next_f.push([1,":HL[\\"/a.css\\",\\"style\\",{\\"nonce\\":\\"\\"}]"])'))
  })

  it('refuses to store what it cannot make safe', () => {
    expect(prepareCachedHtml(page('<p nonce="other">x</p>'), CSP)).toEqual({ ok: false, reason: 'a nonce attribute left' })
    expect(prepareCachedHtml(page('<script nonce="other">x</script>'), CSP)).toEqual({ ok: false, reason: 'a nonce attribute left' })
    expect(prepareCachedHtml(page(), "script-src 'self' 'nonce-short'")).toEqual({ ok: false, reason: 'a nonce too short to remove safely' })
    expect(prepareCachedHtml(page(), "default-src 'self'; script-src 'self' 'unsafe-inline'")).toEqual({ ok: false, reason: "'unsafe-inline' scripts" })
    expect(prepareCachedHtml(page(), "default-src 'self'")).toEqual({ ok: false, reason: 'no script-src' })
    expect(prepareCachedHtml(page(), `script-src 'nonce-${NONCE}' 'strict-dynamic'`)).toEqual({ ok: false, reason: "script-src without 'self'" })
  })

  it('a CR LF inside an inline script is hashed as the browser sees it (LF)', () => {
    const prepared = prepareCachedHtml(`<html><body><script nonce="${NONCE}">a=1;\r\nb=2</script></body></html>`, CSP)
    const { csp } = renderCachedHtml((prepared as { template: TCachedTemplate }).template)
    expect(csp).toContain(sha('a=1;\nb=2'))
    expect(csp).not.toContain(sha('a=1;\r\nb=2'))
  })

  it("the affiliation form's idempotency key is fresh in each answer, in the field and in React's payload, and hashed", () => {
    const key = '0b8f6c1e-2d3a-4c5b-8e9f-0a1b2c3d4e5f'
    const html = page(`<form><input type="hidden" name="idempotencyKey" value="${key}"/></form><script nonce="${NONCE}">self.__next_f.push([1,"idempotencyKey\\":\\"${key}\\""])</script>`)
    const prepared = prepareCachedHtml(html, CSP)
    expect(prepared.ok).toBe(true)
    const template = (prepared as { template: TCachedTemplate }).template
    const one = renderCachedHtml(template, () => '11111111-1111-4111-8111-111111111111')
    const two = renderCachedHtml(template, () => '22222222-2222-4222-8222-222222222222')
    expect(one.html).not.toContain(key)
    expect(one.html).toContain('name="idempotencyKey" value="11111111-1111-4111-8111-111111111111"')
    expect(one.html).toContain('idempotencyKey\\":\\"11111111-1111-4111-8111-111111111111')
    expect(two.html).toContain('value="22222222-2222-4222-8222-222222222222"')
    expect(one.csp).toContain(sha('self.__next_f.push([1,"idempotencyKey\\":\\"11111111-1111-4111-8111-111111111111\\""])'))
    expect(two.csp).toContain(sha('self.__next_f.push([1,"idempotencyKey\\":\\"22222222-2222-4222-8222-222222222222\\""])'))
    expect(two.csp).not.toContain(sha('self.__next_f.push([1,"idempotencyKey\\":\\"11111111-1111-4111-8111-111111111111\\""])'))
  })

  it('the compiled form gives the same HTML and policy as the reference; its deflate body inflates to the HTML', () => {
    const key = '0b8f6c1e-2d3a-4c5b-8e9f-0a1b2c3d4e5f'
    const filler = 'é€ '.repeat(20_000) // multi-byte text, larger than a deflate window
    const html = page(`<p>${filler}</p><input type="hidden" name="idempotencyKey" value="${key}"/><script nonce="${NONCE}">self.__next_f.push([1,"${filler}${key}${filler}${key}"])</script><p>${filler}</p>`)
    const prepared = prepareCachedHtml(html, CSP)
    const template = (prepared as { template: TCachedTemplate }).template
    const compiled = compileTemplate(template)
    const fresh = () => '33333333-3333-4333-8333-333333333333'
    const reference = renderCachedHtml(template, fresh)
    const fast = renderCompiled(compiled, fresh)
    expect(fast.body.toString('utf8')).toBe(reference.html)
    expect(fast.csp).toBe(reference.csp)
    // zlib checks the Adler-32 trailer: a wrong combination throws.
    expect(inflateSync(fast.deflate!()).toString('utf8')).toBe(reference.html)
    expect(fast.deflate!().length).toBeLessThan(fast.body.length / 2)
    const plain = compileTemplate((prepareCachedHtml(page(), CSP) as { template: TCachedTemplate }).template)
    expect(renderCompiled(plain).body.toString()).toBe(renderCachedHtml(plain.template).html)
  })

  it('adler32Combine(adler(A), adler(B), |B|) = adler(A ‖ B)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 3000 }), fc.uint8Array({ maxLength: 70_000 }), (a, b) => {
        expect(adler32Combine(adler32(a), adler32(b), b.length)).toBe(adler32(Buffer.concat([a, b])))
      }),
      { numRuns: 200 },
    )
  })
})
