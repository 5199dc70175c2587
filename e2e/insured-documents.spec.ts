import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { expect, test, type Download, type Page } from '@playwright/test'
import { demoNir, expectAccessible, signInInsured } from './helpers'

/**
 * Documents and profile as the Paris employee (issue 4 §3–§5): the attestation de droits with beneficiaries read
 * back from the PDF, its code checked on the public page by a stranger, a monthly statement, the IBAN change from
 * the profile (invalid, then valid: the procedure shows "en cours"), the keyboard-only download, and axe everywhere.
 */

async function pdfText(download: Download): Promise<string> {
  const path = await download.path()
  return execFileSync('pdftotext', ['-layout', path, '-']).toString()
}

async function signIn(page: Page, key: string) {
  await signInInsured(page, key)
  await expect(page).toHaveURL(/\/compte$/)
}

const nir = demoNir('jonathan')
const printedNir = `${nir[0]} ${nir.slice(1, 3)} ${nir.slice(3, 5)} ${nir.slice(5, 7)} ${nir.slice(7, 10)} ${nir.slice(10, 13)} ${nir.slice(13)}`

test('download the attestation with beneficiaries, read it back, and check its code as a stranger', async ({ page, browser }) => {
  await signIn(page, 'jonathan')
  await page.goto('/compte/documents')
  await expect(page.getByRole('heading', { level: 1, name: 'Mes documents' })).toBeVisible()
  await expectAccessible(page)
  await expect(page.getByRole('radio', { name: 'Moi et mes bénéficiaires (enfants, ayants droit)' })).toBeChecked()
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: "Télécharger l'attestation de droits (PDF)" }).click()])
  expect(download.suggestedFilename()).toMatch(/^attestation-droits-\d{4}-\d{2}-\d{2}-[2-9A-Z]{12}\.pdf$/)
  const text = await pdfText(download)
  for (const s of ['ATTESTATION DE DROITS', printedNir, 'MARTIN', 'Jonathan Pierre', 'Léa', 'Hugo', '14/03/2012', '02/09/2018', 'Mutuelle Générale de Paris', 'SIMULATEUR']) expect(text).toContain(s)
  const code = text.match(/Verification code : ([2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4})/)![1]!

  // The issued attestation is listed with its code.
  await page.reload()
  await expect(page.getByRole('table', { name: 'Attestations déjà délivrées' })).toContainText(code)

  // A stranger (no session) checks the code on the public page.
  const stranger = await browser.newContext()
  const s = await stranger.newPage()
  await s.goto('/verifier-attestation')
  await expectAccessible(s)
  await s.getByLabel('Code de vérification').fill(code.toLowerCase())
  await s.getByRole('button', { name: 'Vérifier' }).click()
  await expect(s.getByText('Attestation authentique et valable')).toBeVisible()
  await expect(s.getByText('J. M., né(e) en 1985')).toBeVisible()
  await expect(s.getByText('L. M., né(e) en 2012 · H. M., né(e) en 2018')).toBeVisible()
  await expect(s.locator('main')).not.toContainText('Jonathan')
  await expectAccessible(s)
  // From the QR code (?code=), and an unknown code.
  await s.goto(`/verifier-attestation?code=${code.replace(/-/g, '')}`)
  await expect(s.getByText('Attestation authentique et valable')).toBeVisible()
  await s.goto('/verifier-attestation?code=ABCD-EFGH-JKMN')
  await expect(s.getByText('Code inconnu', { exact: true })).toBeVisible()
  await s.goto('/verifier-attestation?code=not-a-code')
  await expect(s.getByRole('alert').filter({ hasText: "Ce code n'est pas valide" })).toBeVisible()
  await expectAccessible(s)
  await stranger.close()
})

test('download a monthly statement and the tax statement', async ({ page }) => {
  await signIn(page, 'jonathan')
  await page.goto('/compte/documents')
  const links = page.getByRole('list', { name: 'Relevés des 27 derniers mois' }).getByRole('link')
  await expect(links).toHaveCount(27)
  const lastMonth = links.nth(1)
  const label = (await lastMonth.textContent())!
  const [download] = await Promise.all([page.waitForEvent('download'), lastMonth.click()])
  expect(download.suggestedFilename()).toMatch(/^releve-mensuel-\d{4}-\d{2}\.pdf$/)
  const text = await pdfText(download)
  expect(text).toContain('RELEVÉ MENSUEL')
  expect(text).toContain(label.replace(/^Relevé (de |d’)/, '').replace(/PDF$/, '').trim().toUpperCase())
  expect(text).toContain(printedNir)
  expect(text).toMatch(/Total\s+\d+ acte\(s\)/)
  const [tax] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Attestation fiscale 2025 (PDF)' }).click()])
  const taxText = await pdfText(tax)
  expect(taxText).toContain('ATTESTATION FISCALE 2025')
  expect(taxText).toContain('358,99 €')
})

test('keyboard only: choose "only me" and download the attestation', async ({ page }) => {
  await signIn(page, 'jonathan')
  await page.goto('/compte/documents')
  const focused = () => page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null
    return el ? `${el.tagName}:${el.getAttribute('value') ?? el.textContent?.trim() ?? ''}` : ''
  })
  let reached = false
  for (let i = 0; i < 60 && !reached; i++) {
    await page.keyboard.press('Tab')
    reached = (await focused()) === 'INPUT:with-beneficiaries'
  }
  expect(reached, 'the scope radio group is reachable with Tab').toBe(true)
  await page.keyboard.press('ArrowDown')
  await expect(page.getByRole('radio', { name: 'Moi seul(e)' })).toBeChecked()
  await page.keyboard.press('Tab')
  expect(await focused()).toBe("BUTTON:Télécharger l'attestation de droits (PDF)")
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')])
  const text = await pdfText(download)
  expect(text).toContain('Jonathan Pierre')
  expect(text).not.toContain('Hugo')
})

test('profile: change the IBAN with an invalid one, then a valid one; the request shows as en cours', async ({ page }) => {
  await signIn(page, 'jonathan')
  await page.goto('/compte/profil')
  await expect(page.getByRole('heading', { level: 1, name: 'Mon profil' })).toBeVisible()
  await expect(page.getByText(printedNir)).toBeVisible()
  await expect(page.getByRole('table', { name: 'Vous et vos bénéficiaires : droits et cartes' })).toContainText('Léa Martin')
  await expectAccessible(page)
  await page.getByRole('link', { name: 'Modifier mes coordonnées bancaires' }).click()
  await expect(page).toHaveURL(/\/compte\/demarches\/coordonnees-bancaires$/)
  await page.getByLabel('IBAN', { exact: true }).fill('FR76 3000 6000 0112 3456 7890 188')
  await page.getByLabel('Titulaire du compte').fill('Jonathan Martin')
  await page.getByRole('button', { name: 'Enregistrer le nouveau compte' }).click()
  await expect(page.getByRole('alert', { name: 'Le formulaire contient des erreurs' })).toContainText('Cet IBAN est incorrect (clé de contrôle)')
  await page.getByLabel('IBAN', { exact: true }).fill('FR14 2004 1010 0505 0001 3M02 606')
  await page.getByRole('button', { name: 'Enregistrer le nouveau compte' }).click()
  await expect(page.getByText('Vos nouvelles coordonnées bancaires sont enregistrées')).toBeVisible()
  const reference = (await page.getByTestId('reference').textContent())!.trim()
  await page.goto('/compte/profil')
  await expect(page.getByText(`Demande ${reference} en cours de traitement.`)).toBeVisible()
  await expect(page.getByRole('link', { name: 'Modifier mes coordonnées bancaires' })).toHaveCount(0)
  await expectAccessible(page)
})

test('profile: a wrong e-mail is explained; mes données lists staff access and exports JSON', async ({ page }) => {
  await signIn(page, 'jonathan')
  await page.goto('/compte/profil')
  await page.getByLabel('Nouvelle adresse e-mail').fill('pas-une-adresse')
  await page.getByRole('button', { name: 'Recevoir un code' }).first().click()
  await expect(page.getByText('Saisissez une adresse e-mail valide')).toBeVisible()
  await page.getByLabel('Nouvelle adresse e-mail').fill('jonathan.e2e@example.org')
  await page.getByRole('button', { name: 'Recevoir un code' }).first().click()
  await expect(page.getByLabel('Code reçu')).toBeFocused()
  await page.getByLabel('Code reçu').fill('000000')
  await page.getByRole('button', { name: 'Confirmer le changement' }).click()
  await expect(page.getByText(/Code incorrect|Le code compte/)).toBeVisible()
  await expectAccessible(page)
  await page.getByRole('link', { name: 'Mes données personnelles' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Mes données personnelles' })).toBeVisible()
  await expectAccessible(page)
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Télécharger mes données (JSON)' }).click()])
  const data = JSON.parse(readFileSync(await download.path(), 'utf8'))
  expect(data.insured.firstNames).toBe('Jonathan Pierre')
  expect(JSON.stringify(data)).not.toMatch(/passwordHash|codeHash/)
})
