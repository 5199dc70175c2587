import { expect, test } from '@playwright/test'
import { expectAccessible } from './helpers'

test.describe('public pages', () => {
  for (const path of ['/', '/connexion', '/simulateur', '/trouver-ma-cpam', '/verifier-attestation', '/affiliation', '/affiliation/suivi']) {
    test(`${path} carries the simulator notice and passes axe`, async ({ page }) => {
      const response = await page.goto(path)
      expect(response?.status()).toBe(200)
      await expect(page.getByTestId('simulator-notice')).toContainText("n'est pas le service officiel ameli.fr")
      await expectAccessible(page)
    })
  }

  test('security headers are set on pages and API responses', async ({ page, request }) => {
    const response = await page.goto('/')
    const headers = response!.headers()
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'")
    // A fresh nonce when Next renders the page, the hashes of its inline scripts when the public page cache answers
    // (ADR 0013, e2e/public-cache.spec.ts); never 'unsafe-inline' for scripts.
    expect(headers['content-security-policy']).toMatch(/script-src 'self' '(nonce|sha256)-[A-Za-z0-9+/=]+'/)
    expect(headers['content-security-policy']).not.toMatch(/script-src[^;]*'unsafe-inline'/)
    const rendered = await request.get('/?fresh=1')
    expect(rendered.headers()['content-security-policy']).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/)
    expect(headers['x-content-type-options']).toBe('nosniff')
    expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin')
    expect(headers['strict-transport-security']).toContain('max-age=')
    const api = await request.get('/api/v1/health')
    expect(api.status()).toBe(200)
    expect(api.headers()['content-security-policy']).toContain("frame-ancestors 'none'")
  })

  test('the language switch turns the site to English and back, and keeps the page', async ({ page }) => {
    await page.goto('/simulateur')
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr')
    await page.getByRole('button', { name: 'Read this site in English' }).click()
    await expect(page).toHaveURL(/\/simulateur$/)
    await expect(page.locator('html')).toHaveAttribute('lang', 'en')
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Reimbursement simulator')
    await expect(page.getByTestId('simulator-notice')).toContainText('not the official ameli.fr service')
    await expectAccessible(page)
    await page.getByRole('button', { name: 'Lire ce site en français' }).click()
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr')
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Simulateur de remboursement')
  })

  test('an unknown page is a translated 404', async ({ page }) => {
    const response = await page.goto('/nulle-part')
    expect(response?.status()).toBe(404)
    await expect(page.getByRole('heading', { name: 'Page introuvable' })).toBeVisible()
    await expectAccessible(page)
  })
})
