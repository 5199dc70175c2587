import { expect, test } from '@playwright/test'
import { expectAccessible, signInInsured } from './helpers'
import { parisDate } from './fixtures'

/**
 * Issue 17 §2 "Plausible data, checked on the server", as Nadia (Lyon 8e, CPAM du Rhône): a postal code that no French
 * town has (99999 "Nowhere") is refused next to the field with the form kept; a date out of its window is refused with
 * the window; a move to Marseille names the caisse the file moves to (the CPAM des Bouches-du-Rhône).
 */
test('address change: 99999 "Nowhere" refused with the form kept, then Lyon → Marseille names the CPAM des Bouches-du-Rhône', async ({ page }) => {
  await signInInsured(page, 'nadia')
  await expect(page).toHaveURL(/\/compte$/)
  await page.goto('/compte/demarches/adresse')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText("Changer d'adresse")

  await page.getByLabel('Numéro et voie').fill('1 rue de Nulle Part')
  await page.getByLabel('Code postal').fill('99999')
  await page.getByLabel('Commune').fill('Nowhere')
  await page.getByRole('button', { name: 'Déclarer ma nouvelle adresse' }).click()
  const postalCode = page.getByLabel('Code postal')
  await expect(postalCode).toHaveAttribute('aria-invalid', 'true')
  await expect(page.getByText("Aucune commune française n'a le code postal 99999 : vérifiez votre saisie.").first()).toBeVisible()
  // The form is kept as typed.
  await expect(page.getByLabel('Numéro et voie')).toHaveValue('1 rue de Nulle Part')
  await expect(postalCode).toHaveValue('99999')
  await expect(page.getByLabel('Commune')).toHaveValue('Nowhere')
  await expectAccessible(page)

  // A town of another postal code: the towns of the code typed are named.
  await postalCode.fill('13001')
  await page.getByLabel('Commune').fill('Lyon')
  await page.getByRole('button', { name: 'Déclarer ma nouvelle adresse' }).click()
  await expect(page.getByLabel('Commune')).toHaveAttribute('aria-invalid', 'true')
  await expect(page.getByText('Cette commune ne correspond pas au code postal 13001. Communes de ce code : Marseille.').first()).toBeVisible()

  // A move dated in 1900: the window is said.
  await page.getByLabel('Commune').fill('MARSEILLE')
  await page.getByLabel('Date du déménagement').fill('1900-01-01')
  await page.getByRole('button', { name: 'Déclarer ma nouvelle adresse' }).click()
  await expect(page.getByLabel('Date du déménagement')).toHaveAttribute('aria-invalid', 'true')
  await expect(page.getByText(/La date doit être comprise entre le \d{2}\/\d{2}\/\d{4} et le \d{2}\/\d{2}\/\d{4}\./).first()).toBeVisible()

  await page.getByLabel('Numéro et voie').fill('10 La Canebière')
  await page.getByLabel('Date du déménagement').fill(parisDate(0))
  await page.getByRole('button', { name: 'Déclarer ma nouvelle adresse' }).click()
  const done = page.getByRole('status', { name: "Votre changement d'adresse est enregistré" })
  await expect(done).toBeVisible()
  await expect(done).toContainText('Votre dossier sera transféré à la caisse de votre nouveau département, CPAM des Bouches-du-Rhône')
  await expect(done).not.toContainText('Votre caisse reste la même')
  await expectAccessible(page)
})
