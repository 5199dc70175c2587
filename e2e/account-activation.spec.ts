import { expect, test, type Page } from '@playwright/test'
import { insured } from '../prisma/seed/demo-data'
import { advisorParis, demoNir, expectAccessible, signInInsured, signInStaff } from './helpers'
import { PDF, identityPhoto, lastActivationCodeSentTo } from './fixtures'

/**
 * Account activation and the first carte Vitale (issue 7, seed 003), as Olivia Bennett (demo data: permanent number,
 * phone on file, no account): she asks for her account, reads the 4-digit code from the SMS (the outbox), signs in with
 * NIR + code, must choose a password before anything else, lands on her home, sees the invitation and orders her first
 * carte Vitale. A temporary number is told the seed's "Votre situation actuelle ne vous permet pas…". Axe on every page.
 */

const olivia = insured.find((p) => p.key === 'olivia')!
const emily = insured.find((p) => p.key === 'emily')!
const NEW_PASSWORD = 'Manchester-Paris-2026'

async function attach(page: Page, label: string, file: { name: string; mimeType: string; buffer: Buffer }) {
  await page.getByLabel(label, { exact: true }).setInputFiles(file)
  await expect(page.getByText(`« ${file.name} » a bien été envoyé.`)).toBeVisible()
}

async function askForCode(page: Page, person: { nir: string; birthDate: string; postalCode: string }) {
  await page.getByLabel('Numéro de sécurité sociale (avec la clé)').fill(person.nir)
  await page.getByLabel('Date de naissance').fill(person.birthDate)
  await page.getByLabel('Code postal de votre adresse').fill(person.postalCode)
  await page.getByRole('button', { name: 'Recevoir mon code provisoire' }).click()
}

test('the sign-in page and the footer lead to the activation page; a temporary number is told why; errors are linked', async ({ page }) => {
  await page.goto('/connexion')
  await expect(page.getByText('Première connexion ? Utilisez comme mot de passe le code provisoire à 4 chiffres reçu par SMS.')).toBeVisible()
  await expect(page.getByRole('contentinfo').getByRole('link', { name: 'Activer mon compte ameli' })).toBeVisible()
  await page.getByRole('main').getByRole('link', { name: 'Activer mon compte ameli' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Activer mon compte ameli' })).toBeVisible()
  await expect(page.getByText('appelez le 3646', { exact: false }).first()).toBeVisible()
  await expectAccessible(page)

  await page.getByRole('button', { name: 'Recevoir mon code provisoire' }).click()
  const summary = page.getByRole('alert').filter({ hasText: 'Le formulaire contient des erreurs' })
  await expect(summary).toBeVisible()
  await expect(page.getByLabel('Code postal de votre adresse')).toHaveAttribute('aria-invalid', 'true')
  await expectAccessible(page)

  await askForCode(page, { nir: demoNir('emily'), birthDate: emily.birthDate, postalCode: emily.postalCode })
  await expect(page.getByTestId('activation-temporary')).toContainText('Votre situation actuelle ne vous permet pas de créer immédiatement votre compte ameli')
  await expectAccessible(page)
})

test('Olivia activates her account with the SMS code, chooses a password, and orders her first carte Vitale', async ({ page }) => {
  await page.goto('/activer-mon-compte')
  await askForCode(page, { nir: demoNir('olivia'), birthDate: olivia.birthDate, postalCode: olivia.postalCode })
  await expect(page.getByTestId('activation-sent')).toContainText('Si ces informations correspondent à un dossier')
  await expectAccessible(page)
  const code = lastActivationCodeSentTo(olivia.phone!)
  expect(code).toMatch(/^\d{4}$/)

  // First sign-in: NIR + code in the password field → the new-password page, and nothing else until it is done.
  await signInInsured(page, 'olivia', code!)
  await expect(page).toHaveURL(/\/compte\/nouveau-mot-de-passe$/)
  await expect(page.getByRole('heading', { level: 1, name: 'Choisir mon mot de passe' })).toBeVisible()
  await expectAccessible(page)
  await page.goto('/compte/demarches/carte-vitale')
  await expect(page).toHaveURL(/\/compte\/nouveau-mot-de-passe$/)
  const api = await page.request.get('/api/mes-donnees')
  expect(api.status()).toBe(403)

  // The policy: too short, then the NIR inside; errors next to the field and in the summary.
  await page.getByLabel('Nouveau mot de passe').fill('court1')
  await page.getByLabel('Confirmez le mot de passe').fill('court1')
  await page.getByRole('button', { name: 'Enregistrer mon mot de passe' }).click()
  await expect(page.getByRole('alert').filter({ hasText: 'au moins 12 caractères' })).toBeVisible()
  await expect(page.getByLabel('Nouveau mot de passe')).toHaveAttribute('aria-invalid', 'true')
  await expectAccessible(page)
  await page.getByLabel('Nouveau mot de passe').fill(NEW_PASSWORD)
  await page.getByLabel('Confirmez le mot de passe').fill(NEW_PASSWORD)
  await page.getByRole('button', { name: 'Enregistrer mon mot de passe' }).click()

  // Signed in on her home, with the invitation to order the first carte Vitale.
  await expect(page).toHaveURL(/\/compte$/)
  const invitation = page.getByTestId('first-vitale')
  await expect(invitation.getByRole('heading', { name: 'Commandez votre première carte Vitale' })).toBeVisible()
  await expectAccessible(page)
  await invitation.getByRole('link', { name: 'Commander ma carte Vitale' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Commander une carte Vitale' })).toBeVisible()
  await page.getByRole('checkbox', { name: 'Je confirme que la carte doit être envoyée à cette adresse' }).check()
  await attach(page, "Photo d'identité", { name: 'olivia.jpg', mimeType: 'image/jpeg', buffer: await identityPhoto() })
  await attach(page, "Pièce d'identité", { name: 'passport.pdf', mimeType: 'application/pdf', buffer: PDF })
  await page.getByRole('button', { name: 'Commander la carte' }).click()
  await expect(page.getByRole('status', { name: 'Votre commande de carte Vitale est enregistrée' })).toBeVisible()
  await expectAccessible(page)

  await page.goto('/compte')
  await expect(page.getByTestId('first-vitale')).toHaveCount(0)

  // Next time: the chosen password; the code no longer works.
  await page.getByRole('button', { name: 'Se déconnecter', exact: true }).click()
  await expect(page).toHaveURL(/\/connexion\?status=signed-out/)
  await signInInsured(page, 'olivia', code!)
  await expect(page).toHaveURL(/\/connexion/)
  await signInInsured(page, 'olivia', NEW_PASSWORD)
  await expect(page).toHaveURL(/\/compte$/)
})

test('the new-password page: anonymous → sign-in; staff → 403; an insured person with a password → home', async ({ page, browser }) => {
  await page.goto('/compte/nouveau-mot-de-passe')
  await expect(page).toHaveURL(/\/connexion\?callbackUrl=%2Fcompte%2Fnouveau-mot-de-passe$/)
  await signInInsured(page, 'mei')
  await expect(page).toHaveURL(/\/compte$/)
  await page.goto('/compte/nouveau-mot-de-passe')
  await expect(page).toHaveURL(/\/compte$/)
  const staff = await browser.newPage()
  await signInStaff(staff, advisorParis.email)
  await expect(staff).toHaveURL(/\/conseiller$/)
  const response = await staff.goto('/compte/nouveau-mot-de-passe')
  expect(response?.status()).toBe(403)
  await staff.close()
})
