import { expect, test } from '@playwright/test'
import { expectAccessible, signInInsured } from './helpers'

/**
 * Issue 4 §4 "beneficiaries listed with their rights and cards": Jonathan opens his daughter Léa's page from his
 * profile, reads her identity, rights and cards, follows the links to her payments and to a Vitale card order; Hugo
 * (8) is too young for a card of his own. axe on every page, in French and in English.
 */
test('Jonathan reads Léa’s page and follows its links to her payments and a Vitale card order', async ({ page }) => {
  await signInInsured(page, 'jonathan')
  await expect(page).toHaveURL(/\/compte$/)
  await page.goto('/compte/profil')
  await page.getByRole('link', { name: 'Léa Martin' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Léa Martin')
  await expect(page.getByText('Bénéficiaire (ayant droit) de Jonathan Pierre Martin, rang 02')).toBeVisible()
  const identity = page.getByRole('region', { name: 'Identité' }).or(page.locator('section').filter({ has: page.getByRole('heading', { name: 'Identité' }) }))
  await expect(identity).toContainText('14/03/2012 (14 ans)')
  await expect(identity).toContainText('2 12 03 75 112 087')
  await expect(identity).toContainText('Enfant')
  await expect(page.getByTestId('rights-status')).toHaveText('Droits ouverts')
  await expect(page.getByText('Régime général')).toBeVisible()
  await expect(page.getByText('Aucune situation particulière')).toBeVisible()
  await expect(page.getByText('Aucune carte à son nom')).toBeVisible()
  await expect(page.getByText('Avant 16 ans, le déclarer est facultatif')).toBeVisible()
  await expectAccessible(page)

  // Her payments: the list filtered on her.
  await page.getByRole('link', { name: 'Voir les paiements de Léa' }).click()
  await expect(page).toHaveURL(/\/compte\/paiements\?who=/)
  await expect(page.getByLabel('Pour', { exact: true })).toHaveValue(new URL(page.url()).searchParams.get('who')!)
  const people = await page.getByTestId('payment-lines').getByRole('row').locator('td:nth-child(3)').allTextContents()
  expect(people.length).toBeGreaterThan(0)
  expect(new Set(people)).toEqual(new Set(['Léa Martin']))
  await page.goBack()

  // A Vitale card: the order form with Léa chosen.
  await page.getByRole('link', { name: 'Commander une carte Vitale pour Léa' }).click()
  await expect(page).toHaveURL(/\/compte\/demarches\/carte-vitale\?pour=/)
  await expect(page.getByRole('radio', { name: /Léa Martin/ })).toBeChecked()

  // Hugo (8): no card of his own yet.
  await page.goto('/compte/profil')
  await page.getByRole('link', { name: 'Hugo Martin' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hugo Martin')
  await expect(page.getByText('Une carte Vitale à son nom peut être demandée à partir de 12 ans')).toBeVisible()
  await expect(page.getByRole('link', { name: /Commander une carte Vitale/ })).toHaveCount(0)
})

test('the beneficiary page in English is accessible', async ({ page }) => {
  await signInInsured(page, 'jonathan')
  await expect(page).toHaveURL(/\/compte$/)
  await page.context().addCookies([{ name: 'NEXT_LOCALE', value: 'en', url: page.url() }])
  await page.goto('/compte/profil')
  await page.getByRole('link', { name: 'Léa Martin' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Léa Martin')
  await expect(page.getByText('Beneficiary (ayant droit) of Jonathan Pierre Martin, rank 02')).toBeVisible()
  await expect(page.getByTestId('rights-status')).toHaveText('Covered')
  await expect(page.getByRole('link', { name: "See Léa's payments" })).toBeVisible()
  await expectAccessible(page)
})
