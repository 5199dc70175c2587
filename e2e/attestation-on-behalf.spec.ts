import { execFileSync } from 'node:child_process'
import { expect, test, type Browser, type Page } from '@playwright/test'
import { advisorParis, demoNir, expectAccessible, signInInsured, signInStaff } from './helpers'

/**
 * Issue 6 §5 "issue an attestation on behalf of the person": an advisor of the caisse issues it from the insured file
 * (a real PDF, read back), the person finds it in Mes documents marked as issued by their caisse, and its code checks
 * out on the public page; an insured person cannot post to the route, another caisse's advisor gets 404.
 */

async function newPage(browser: Browser): Promise<Page> {
  return (await browser.newContext()).newPage()
}

async function openJonathanFile(page: Page): Promise<string> {
  await page.goto('/conseiller/assures')
  await page.getByLabel('Numéro de sécurité sociale').fill(demoNir('jonathan'))
  await page.getByRole('button', { name: 'Rechercher' }).click()
  await page.getByRole('link', { name: 'Jonathan Pierre Martin' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Jonathan Pierre Martin')
  return new URL(page.url()).pathname
}

test('an advisor issues an attestation de droits on Jonathan’s behalf; he sees it, a stranger can check its code', async ({ browser }) => {
  const advisor = await newPage(browser)
  await signInStaff(advisor, advisorParis.email)
  await expect(advisor).toHaveURL(/\/conseiller$/)
  const fileUrl = await openJonathanFile(advisor)
  const form = advisor.getByTestId('attestation-on-behalf')
  await form.getByLabel("L'assuré et ses ayants droit").check()
  await expectAccessible(advisor)
  const [download] = await Promise.all([advisor.waitForEvent('download'), form.getByRole('button', { name: "Délivrer l'attestation (PDF)" }).click()])
  const text = execFileSync('pdftotext', ['-layout', await download.path(), '-']).toString()
  expect(text).toContain('ATTESTATION')
  expect(text).toContain('MARTIN')
  expect(text.replace(/\s/g, '')).toContain(demoNir('jonathan').replace(/\s/g, '').slice(0, 13))
  expect(text).toMatch(/Léa/)
  const code = text.match(/\b[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}\b/)?.[0]
  expect(code).toBeTruthy()
  await advisor.close()

  // Jonathan sees it among his attestations, marked as issued by his caisse.
  const jonathan = await newPage(browser)
  await signInInsured(jonathan, 'jonathan')
  await expect(jonathan).toHaveURL(/\/compte$/)
  await jonathan.goto('/compte/documents')
  const row = jonathan.getByRole('row').filter({ hasText: code! })
  await expect(row).toContainText('par un conseiller de votre caisse')
  // He cannot use the advisor route.
  expect((await jonathan.request.post(`${fileUrl}/attestation`, { form: { scope: 'insured' } })).status()).toBe(403)
  await jonathan.close()

  // A stranger checks the code on the public page.
  const stranger = await newPage(browser)
  await stranger.goto(`/verifier-attestation?code=${code}`)
  await expect(stranger.getByText(/J\. ?M\./).first()).toBeVisible()
  await expect(stranger.getByText('Valable', { exact: false }).first()).toBeVisible()
  await stranger.close()

  // An advisor of another caisse: the Paris file does not exist for them.
  const lyon = await newPage(browser)
  await signInStaff(lyon, 'julie.fontaine@cpam-rhone.example.fr')
  await expect(lyon).toHaveURL(/\/conseiller$/)
  expect((await lyon.request.post(`${fileUrl}/attestation`, { form: { scope: 'insured' } })).status()).toBe(404)
  await lyon.close()
})
