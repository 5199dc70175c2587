import { expect, test } from '@playwright/test'
import { expectAccessible } from './helpers'

/**
 * The daily-allowance and CSS simulators (issue 16 item 4), as a user in the browser: RULEBOOK IJ example A and a
 * CSS assessment before 01/04/2025 (RULEBOOK Corrections C7), each explained step by step with official links.
 */

const euros = (text: string) => new RegExp(text.replace(/ /g, '[\\s\\u00a0\\u202f]').replace(/\./g, '\\.'))

test('daily allowances: sick leave 10–19/03/2025, 3 × 3 500 € → 53,31 € a day, 3 waiting days, 348,16 € net', async ({ page }) => {
  const response = await page.goto('/simulateur/indemnites-journalieres')
  expect(response?.status()).toBe(200)
  await expectAccessible(page)
  await page.getByLabel("Motif de l'arrêt").selectOption({ label: 'Maladie' })
  await page.getByLabel("Premier jour de l'arrêt").fill('2025-03-10')
  await page.getByLabel("Dernier jour de l'arrêt").fill('2025-03-19')
  await page.getByLabel(/Salaires bruts mensuels/).fill('3500; 3500; 3500')
  await page.getByRole('button', { name: 'Calculer' }).click()
  const result = page.getByRole('region', { name: 'Votre estimation' })
  await expect(result.getByRole('row', { name: /Indemnité journalière brute/ })).toContainText(euros('53,31 €'))
  await expect(result.getByRole('row', { name: /Jours de carence/ })).toContainText('3')
  await expect(result.getByRole('row', { name: /Total net versé/ })).toContainText(euros('348,16 €'))
  const steps = result.getByRole('listitem')
  await expect(steps.first()).toContainText('1,8 fois le SMIC')
  await expect(steps.first().getByRole('link', { name: /Lire le texte officiel/ })).toBeVisible()
  await expectAccessible(page)

  // A work accident: no waiting day, 60 % then 80 % from day 29 (RULEBOOK Corrections C6).
  await page.getByLabel("Motif de l'arrêt").selectOption({ label: 'Accident du travail' })
  await page.getByLabel("Dernier jour de l'arrêt").fill('2025-04-18')
  await page.getByLabel(/Salaires bruts mensuels/).fill('3000')
  await page.getByRole('button', { name: 'Calculer' }).click()
  await expect(result.getByRole('row', { name: /Jours de carence/ })).toContainText('0')
  await expect(result.getByRole('row', { name: /À partir du 29e jour/ })).toContainText(euros('78,90 €'))

  // A mistake is said next to the field.
  await page.getByLabel("Dernier jour de l'arrêt").fill('2025-03-01')
  await page.getByRole('button', { name: 'Calculer' }).click()
  await expect(page.getByRole('alert').filter({ hasText: 'Corrigez' })).toContainText('La date de fin précède la date de début.')
})

test('CSS: a single person with 10 200 € on 31/03/2025 → with a participation (ceiling 10 166 €), free from 01/04/2025 (10 339 €)', async ({ page }) => {
  await page.goto('/simulateur/css')
  await expectAccessible(page)
  await page.getByLabel('Date de la demande').fill('2025-03-31')
  await page.getByLabel(/Dates de naissance/).fill('1980-05-05')
  await page.getByLabel(/Ressources du foyer/).fill('10200')
  await page.getByRole('button', { name: 'Vérifier mon droit' }).click()
  const result = page.getByRole('region', { name: 'Votre résultat' })
  await expect(result).toContainText('Vous avez droit à la CSS avec une participation financière.')
  await expect(result.getByRole('row', { name: /Plafond sans participation/ })).toContainText(euros('10 166,00 €'))
  await expect(result.getByRole('row', { name: /Participation du foyer/ })).toContainText(euros('14,00 €'))
  await expect(result.getByRole('link', { name: /Lire le texte officiel/ }).first()).toBeVisible()
  await expectAccessible(page)

  // The same request the day after: the 2025 table (10 339 €) → free.
  await page.getByLabel('Date de la demande').fill('2025-04-01')
  await page.getByRole('button', { name: 'Vérifier mon droit' }).click()
  await expect(result).toContainText('Vous avez droit à la CSS gratuite.')
})
