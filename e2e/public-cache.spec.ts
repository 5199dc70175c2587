import { createHash } from 'node:crypto'
import { expect, test, type APIResponse, type Page } from '@playwright/test'
import { signInInsured } from './helpers'

/**
 * The public page cache of the production server (issue 15 target 2, ADR 0013), in Debian's Chromium: the six public
 * pages are answered from memory on the second request, with a Content-Security-Policy made of the hashes of their
 * inline scripts (no nonce, no 'unsafe-inline', no 'strict-dynamic'), and still hydrate and work with zero CSP
 * violations; signed-in visitors, query strings and Next's router requests always go through Next.
 */
const PAGES = ['/', '/simulateur', '/trouver-ma-cpam', '/verifier-attestation', '/connexion', '/affiliation']

function scriptSrc(csp: string | undefined): string {
  return (csp ?? '').split(';').map((d) => d.trim()).find((d) => d.startsWith('script-src ')) ?? ''
}

/** The hashes a browser computes for the inline scripts of an HTML page (CR LF read as LF, as the parser does). */
function inlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>()
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    if (/\ssrc\s*=/i.test(` ${m[1]}`) || m[2]!.length === 0) continue
    hashes.add(`'sha256-${createHash('sha256').update(m[2]!.replace(/\r\n?/g, '\n')).digest('base64')}'`)
  }
  return [...hashes].sort()
}

/** A cached answer: hashes only, exactly those of its inline scripts, and no nonce anywhere. */
async function expectHashPolicy(reply: APIResponse) {
  const csp = reply.headers()['content-security-policy']
  const src = scriptSrc(csp)
  expect(src).toMatch(/^script-src 'self'( 'sha256-[A-Za-z0-9+/]+=*')+$/)
  expect(csp).not.toMatch(/nonce|strict-dynamic/)
  expect(src).not.toContain('unsafe-inline')
  expect(csp).toContain("frame-ancestors 'none'")
  const html = await reply.text()
  expect(html).not.toMatch(/\snonce="[^"]+"/)
  expect(src.split(' ').slice(2).sort()).toEqual(inlineScriptHashes(html))
  return html
}

/** Collects every CSP violation the page reports (the DOM event and the console message). */
async function watchCsp(page: Page): Promise<() => Promise<string[]>> {
  const consoleErrors: string[] = []
  page.on('console', (msg) => {
    if (/Content Security Policy|Refused to (execute|load|apply)/i.test(msg.text())) consoleErrors.push(msg.text())
  })
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] }
    w.__csp = []
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`))
  })
  return async () => [...consoleErrors, ...(await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []))]
}

/** A client-side (soft) navigation keeps the window: proof that the page hydrated and Next's router runs. */
async function markWindow(page: Page) {
  await page.evaluate(() => ((window as unknown as { __kept: string }).__kept = 'kept'))
}
const windowKept = (page: Page) => page.evaluate(() => (window as unknown as { __kept?: string }).__kept)

test.describe('public page cache', () => {
  for (const path of PAGES) {
    test(`${path}: second answer is a HIT with a hash-only CSP; in the browser it hydrates with no CSP violation`, async ({ page, request }) => {
      await request.get(path)
      const second = await request.get(path)
      expect(second.status()).toBe(200)
      expect(second.headers()['x-cache']).toBe('HIT')
      await expectHashPolicy(second)

      const violations = await watchCsp(page)
      const response = await page.goto(path)
      expect(response?.headers()['x-cache']).toBe('HIT')
      expect(scriptSrc(response?.headers()['content-security-policy'])).not.toMatch(/nonce|unsafe-inline/)
      await page.waitForLoadState('networkidle')
      await markWindow(page)
      // A header link to another public page: Next's client router takes it (the window survives).
      const target = path === '/simulateur' ? 'Trouver ma CPAM' : 'Simulateur de remboursement'
      await page.getByRole('navigation').getByRole('link', { name: target, exact: true }).first().click()
      await expect(page).toHaveURL(path === '/simulateur' ? /\/trouver-ma-cpam$/ : /\/simulateur$/)
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
      expect(await windowKept(page)).toBe('kept')
      expect(await violations()).toEqual([])
    })
  }

  test('the simulator computes from a cached page', async ({ page, request }) => {
    await request.get('/simulateur')
    const violations = await watchCsp(page)
    const response = await page.goto('/simulateur')
    expect(response?.headers()['x-cache']).toBe('HIT')
    await page.getByLabel('Soin ou acte').selectOption({ label: 'Consultation chez le médecin généraliste (G)' })
    await page.getByLabel('Date des soins').fill('2023-06-15')
    await page.getByLabel('Prix payé, en euros').fill('25,00')
    await page.getByLabel('Quantité').fill('1')
    await page.getByLabel('Secteur 1 — tarif de la Sécu').check()
    await page.getByLabel('Date de naissance du patient').fill('1990-01-01')
    await page.getByLabel("Régime d'assurance maladie").selectOption({ label: 'Régime général (salariés, indépendants, étudiants…)' })
    await page.getByLabel('Avec mon médecin traitant').check()
    await page.getByLabel('Ticket modérateur (100 % BR)').check()
    await page.getByRole('button', { name: 'Calculer mon remboursement' }).click()
    await expect(page).toHaveURL(/[?&]act=G(&|$)/)
    const result = page.getByRole('region', { name: 'Résultat' })
    await expect(result.getByRole('row', { name: /Versé par l'Assurance Maladie/ })).toContainText(/16,50[\s\u00a0\u202f]€/)
    expect(await violations()).toEqual([])
  })

  test('the language switch works from a cached page; French and English are distinct cache entries', async ({ page, request }) => {
    const violations = await watchCsp(page)
    await request.get('/simulateur', { headers: { 'accept-language': 'fr-FR,fr;q=0.9' } })
    expect((await page.goto('/simulateur'))?.headers()['x-cache']).toBe('HIT')
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr')
    await markWindow(page)
    await page.getByRole('button', { name: 'Read this site in English' }).click()
    await expect(page.locator('html')).toHaveAttribute('lang', 'en')
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Reimbursement simulator')
    expect(await windowKept(page)).toBe('kept') // a server action and a client refresh, not a document load
    // The language cookie is set: the reloaded page is the English entry (rendered once, then a HIT).
    await page.reload()
    const again = await page.reload()
    expect(again?.headers()['x-cache']).toBe('HIT')
    await expect(page.locator('html')).toHaveAttribute('lang', 'en')
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Reimbursement simulator')
    expect(await violations()).toEqual([])

    for (const [headers, lang] of [
      [{ 'accept-language': 'en-GB,en;q=0.9' }, 'en'],
      [{ 'accept-language': 'fr' }, 'fr'],
      [{ 'accept-language': 'fr', cookie: 'NEXT_LOCALE=en' }, 'en'],
      [{ 'accept-language': 'en', cookie: 'NEXT_LOCALE=fr' }, 'fr'],
    ] as const) {
      await request.get('/', { headers })
      const reply = await request.get('/', { headers })
      expect(reply.headers()['x-cache'], JSON.stringify(headers)).toBe('HIT')
      expect(await reply.text(), JSON.stringify(headers)).toContain(`<html lang="${lang}"`)
    }
  })

  test('signing in from the cached sign-in page works; a signed-in visitor never gets a cached page, nor leaks into one', async ({ page, browser }) => {
    const violations = await watchCsp(page)
    await page.request.get('/connexion')
    await signInInsured(page, 'jonathan')
    // argon2 then two redirects: slow on a loaded machine.
    await expect(page).toHaveURL(/\/compte$/, { timeout: 20_000 })
    expect(await violations()).toEqual([])
    for (const path of PAGES.filter((p) => p !== '/connexion')) {
      const response = await page.goto(path)
      expect(response?.headers()['x-cache'], path).toBeUndefined()
      expect(scriptSrc(response?.headers()['content-security-policy']), path).toMatch(/'nonce-[^']+' 'strict-dynamic'/)
      await expect(page.getByRole('link', { name: 'Mes paiements' }), path).toBeVisible()
    }
    // Signed in, /connexion goes through Next, which sends the person on to their space.
    await page.goto('/connexion')
    await expect(page).toHaveURL(/\/compte$/)

    const anonymous = await browser.newContext({ locale: 'fr-FR' })
    try {
      for (const path of PAGES) {
        await anonymous.request.get(path)
        const reply = await anonymous.request.get(path)
        expect(reply.headers()['x-cache'], path).toBe('HIT')
        const html = await reply.text()
        expect(html, path).not.toContain('Mes paiements')
        expect(html, path).not.toContain('Jonathan')
      }
    } finally {
      await anonymous.close()
    }
  })

  test("a query string, Next's router requests, other methods and other pages go through Next", async ({ request }) => {
    await request.get('/simulateur')
    for (const [path, headers] of [
      ['/simulateur?act=G', {}],
      ['/simulateur', { RSC: '1' }],
      ['/simulateur', { RSC: '1', 'Next-Router-Prefetch': '1' }],
      ['/simulateur', { cookie: 'ameli.session=not-a-session' }],
      ['/regles', {}],
    ] as const) {
      const reply = await request.get(path, { headers })
      expect(reply.headers()['x-cache'], `${path} ${JSON.stringify(headers)}`).toBeUndefined()
    }
    const head = await request.head('/simulateur')
    expect(['HIT', 'MISS']).toContain(head.headers()['x-cache'])
  })

  test('each visitor of the cached affiliation form gets their own idempotency key, hashed into their own policy', async ({ request }) => {
    await request.get('/affiliation')
    const keys = new Set<string>()
    for (let i = 0; i < 3; i++) {
      const reply = await request.get('/affiliation')
      expect(reply.headers()['x-cache']).toBe('HIT')
      const html = await expectHashPolicy(reply)
      const key = /name="idempotencyKey" value="([0-9a-f-]{36})"/.exec(html)?.[1]
      expect(key).toBeDefined()
      // React's payload carries the same key as the field, or hydration would put another one back.
      expect(html.split(key!).length - 1).toBeGreaterThanOrEqual(2)
      keys.add(key!)
    }
    expect(keys.size).toBe(3)
  })
})
