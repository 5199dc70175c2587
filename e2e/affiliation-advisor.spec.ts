import { expect, test } from '@playwright/test'
import { advisorParis, expectAccessible, signInStaff } from './helpers'

/**
 * Issue 7 §2: an advisor at CPAM Paris processes affiliation requests from the queue — asks the new student for the
 * translation of his birth certificate (a reason is required), then gives Emily (temporary number already) her
 * permanent number and sees her first attestation de droits. axe on the pages.
 */

test('an advisor asks for a missing document, then gives Emily her permanent number and sees the attestation', async ({ page }) => {
  await signInStaff(page, advisorParis.email)
  await expect(page).toHaveURL(/\/conseiller$/)
  await page.getByLabel('Type de demande').selectOption('affiliation')
  await page.getByRole('button', { name: 'Filtrer' }).click()
  await expect(page).toHaveURL(/type=affiliation/)
  const table = page.getByRole('table')
  await expect(table.getByRole('row').filter({ hasText: 'Lucas Gabriel Oliveira' })).toContainText('Reçue')
  await expect(table.getByRole('row').filter({ hasText: 'Emily Anne Martin' })).toBeVisible()

  // The student's request: the translation is missing; the advisor asks for it.
  await table.getByRole('link', { name: 'AFF-2026-000412' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText("Demande d'affiliation — Lucas Gabriel Oliveira")
  await expect(page.getByRole('note').filter({ hasText: 'Pièces manquantes' })).toContainText('Traduction')
  await expectAccessible(page)
  const request = page.locator('#form-document')
  await request.getByLabel('Pièce demandée').selectOption('birth-certificate-translation')
  await request.getByRole('button', { name: 'Demander la pièce' }).click()
  await expect(request.getByRole('alert')).toContainText('Indiquez un motif')
  await request.getByLabel('Motif (montré à la personne)').fill('Votre acte de naissance est en portugais : une traduction assermentée est nécessaire.')
  await request.getByRole('button', { name: 'Demander la pièce' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Pièce demandée' })).toBeVisible()
  await expect(page.getByText('Pièce demandée', { exact: true }).first()).toBeVisible()
  await expect(page.getByText(/— demandée le .* \(Votre acte de naissance est en portugais/)).toBeVisible()

  // Emily: temporary number given in September; the advisor gives the permanent one.
  await page.goto('/conseiller?type=affiliation&status=approved')
  await page.getByRole('table').getByRole('link', { name: 'AFF-2026-000311' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText("Demande d'affiliation — Emily Anne Martin")
  await expect(page.getByTestId('temporary-nir')).toContainText('8 88 11 99 404 311')
  await expect(page.getByRole('note').filter({ hasText: 'Toutes les pièces exigées sont jointes' })).toBeVisible()
  await expect(page.getByRole('link', { name: /Voir le dossier de Jonathan Pierre Martin/ })).toBeVisible()
  await expect(page.getByRole('textbox', { name: 'Code pays INSEE' })).toHaveValue('404')
  await expectAccessible(page)
  await page.getByRole('button', { name: 'Attribuer le numéro définitif' }).click()
  await expect(page.getByRole('status')).toContainText('Numéro définitif 2 88 11 99 404')
  await expect(page.getByTestId('permanent-nir')).toContainText('2 88 11 99 404')
  await expect(page.getByRole('heading', { name: 'Attestation de droits' })).toBeVisible()
  const download = page.waitForEvent('download')
  await page.getByRole('link', { name: /Télécharger l'attestation du/ }).click()
  expect((await download).suggestedFilename()).toMatch(/^attestation-droits-\d{4}-\d{2}-\d{2}-[A-Z0-9]+\.pdf$/)
  await expect(page.getByText('Aucune action n’est possible').or(page.getByText("Aucune action n'est possible"))).toBeVisible()
  await expectAccessible(page)

  // Her 360° file: permanent number now, no account yet, a link back to the request.
  await page.getByRole('link', { name: 'Ouvrir la vue 360°' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Emily Anne Martin')
  await expect(page.getByRole('link', { name: "Demande d'affiliation AFF-2026-000311" })).toBeVisible()
})
