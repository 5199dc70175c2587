import { expect, test, type Page } from '@playwright/test'
import { expectAccessible } from './helpers'

/**
 * The public reimbursement simulator, as a user: the worked example of SIMULATION-API.md (GP consultation G on
 * 15/06/2023, 25 €, adult, sector 1, general regime, coordinated pathway, mutuelle at ticket modérateur level)
 * → 16,50 € paid by the Assurance Maladie, 7,50 € by the mutuelle, 1,00 € left (RULEBOOK worked example 1).
 */

/** An amount as shown by Intl ("16,50 €" / "€16.50"), whatever the kind of space before the euro sign. */
const euros = (text: string) => new RegExp(text.replace(/ /g, '[\\s\\u00a0\\u202f]').replace(/\./g, '\\.'))

async function fillWorkedExampleFr(page: Page, overrides: { fee?: string; birthDate?: string } = {}) {
  await page.getByLabel('Soin ou acte').selectOption({ label: 'Consultation chez le médecin généraliste (G)' })
  await page.getByLabel('Date des soins').fill('2023-06-15')
  await page.getByLabel('Prix payé, en euros').fill(overrides.fee ?? '25,00')
  await page.getByLabel('Quantité').fill('1')
  await page.getByLabel('Secteur 1 — tarif de la Sécu').check()
  await page.getByLabel('Date de naissance du patient').fill(overrides.birthDate ?? '1990-01-01')
  await page.getByLabel("Régime d'assurance maladie").selectOption({ label: 'Régime général (salariés, indépendants, étudiants…)' })
  await page.getByLabel('Avec mon médecin traitant').check()
  await page.getByLabel('Ticket modérateur (100 % BR)').check()
  await page.getByRole('button', { name: 'Calculer mon remboursement' }).click()
}

async function expectWorkedExampleFr(page: Page) {
  await expect(page).toHaveURL(/[?&]act=G(&|$)/)
  const result = page.getByRole('region', { name: 'Résultat' })
  await expect(result).toContainText('Consultation chez le médecin généraliste (G) le 15/06/2023')
  // The table
  await expect(result.getByRole('row', { name: /Base de remboursement \(BR\)/ })).toContainText(euros('25,00 €'))
  await expect(result.getByRole('row', { name: /Taux de remboursement/ })).toContainText(/70\s?%/)
  await expect(result.getByRole('row', { name: /Participation forfaitaire déduite/ })).toContainText(euros('1,00 €'))
  await expect(result.getByRole('row', { name: /Versé par l'Assurance Maladie/ })).toContainText(euros('16,50 €'))
  await expect(result.getByRole('row', { name: /Payé par votre mutuelle/ })).toContainText(euros('7,50 €'))
  await expect(result.getByRole('row', { name: /Reste à votre charge/ })).toContainText(euros('1,00 €'))
  // The bar's legend says the same in words (not colour only)
  const bar = result.getByRole('figure')
  await expect(bar).toContainText('Répartition des')
  await expect(bar.getByRole('listitem').filter({ hasText: 'Assurance Maladie' })).toContainText(euros('16,50 €'))
  await expect(bar.getByRole('listitem').filter({ hasText: 'Mutuelle' })).toContainText(euros('7,50 €'))
  await expect(bar.getByRole('listitem').filter({ hasText: 'Vous' })).toContainText(euros('1,00 €'))
  // The steps, in order, each with its source
  const steps = result.getByRole('region', { name: 'Le calcul, étape par étape' }).getByRole('listitem')
  await expect(steps).toHaveCount(6)
  await expect(steps.nth(0)).toContainText('Base de remboursement (BR)')
  await expect(steps.nth(1)).toContainText("L'Assurance Maladie rembourse 70 % de la base")
  await expect(steps.nth(2)).toContainText('Participation forfaitaire')
  await expect(steps.nth(4)).toContainText('Votre mutuelle paie le ticket modérateur')
  await expect(steps.nth(5)).toContainText('Reste à votre charge')
  // Plain words and an official link, no developer reference (issue 16 item 6).
  await expect(steps.nth(0)).toContainText('Lire le texte officiel')
  await expect(steps.nth(0)).not.toContainText('RULEBOOK')
  // The form keeps what was typed
  await expect(page.getByLabel('Prix payé, en euros')).toHaveValue(/25/)
  await expect(page.getByLabel('Date de naissance du patient')).toHaveValue('1990-01-01')
}

test.describe('reimbursement simulator', () => {
  test('the empty form is labelled, defaults to today and a GP consultation, and passes axe', async ({ page }) => {
    const response = await page.goto('/simulateur')
    expect(response?.status()).toBe(200)
    await expect(page).toHaveTitle(/Simulateur de remboursement/)
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Simulateur de remboursement')
    await expect(page.getByLabel('Soin ou acte')).toHaveValue('G')
    await expect(page.getByLabel('Date des soins')).toHaveValue(/^\d{4}-\d{2}-\d{2}$/)
    await expect(page.getByLabel('Secteur 1 — tarif de la Sécu')).toBeChecked()
    await expect(page.getByRole('group', { name: 'Votre situation' })).toBeVisible()
    // Acts are grouped by kind, with plain-language labels and the code
    await expect(page.locator('optgroup[label="Médicaments (par boîte)"] option').first()).toHaveText(/Boîte de médicament .*\(PH100\)/)
    await expectAccessible(page)
  })

  test('the worked example: 16,50 € by the Assurance Maladie, 7,50 € by the mutuelle, 1,00 € left, explained step by step', async ({ page }) => {
    await page.goto('/simulateur')
    await fillWorkedExampleFr(page)
    await expectWorkedExampleFr(page)
    await expectAccessible(page)
  })

  test('a 100 % Santé crown at its 500 € limit in 2025: 72,00 € by the Assurance Maladie, 428,00 € by the mutuelle, 0,00 € left, explained with the official page', async ({ page }) => {
    await page.goto('/simulateur')
    await expect(page.locator('optgroup[label="Dentiste"] option', { hasText: 'CRN100' })).toHaveText(/Couronne dentaire 100 % Santé .*\(CRN100\)/)
    await page.getByLabel('Soin ou acte').selectOption({ label: 'Couronne dentaire 100 % Santé (céramo-métallique, dent visible) (CRN100)' })
    await page.getByLabel('Date des soins').fill('2025-03-10')
    await page.getByLabel('Prix payé, en euros').fill('500')
    await page.getByLabel('Quantité').fill('1')
    await page.getByLabel('Date de naissance du patient').fill('1961-04-12')
    await page.getByLabel('Ticket modérateur (100 % BR)').check()
    await page.getByRole('button', { name: 'Calculer mon remboursement' }).click()
    await expect(page).toHaveURL(/[?&]act=CRN100(&|$)/)
    const result = page.getByRole('region', { name: 'Résultat' })
    await expect(result.getByRole('row', { name: /Base de remboursement \(BR\)/ })).toContainText(euros('120,00 €'))
    await expect(result.getByRole('row', { name: /Versé par l'Assurance Maladie/ })).toContainText(euros('72,00 €'))
    await expect(result.getByRole('row', { name: /Payé par votre mutuelle/ })).toContainText(euros('428,00 €'))
    await expect(result.getByRole('row', { name: /Reste à votre charge/ })).toContainText(euros('0,00 €'))
    const steps = result.getByRole('region', { name: 'Le calcul, étape par étape' }).getByRole('listitem')
    const basket = steps.filter({ hasText: '100 % Santé' })
    await expect(basket).toContainText(euros('500,00 €'))
    await expect(basket.getByRole('link', { name: /Lire le texte officiel/ })).toHaveAttribute('href', /^https:\/\/www\.ameli\.fr\//)
    await expect(result).not.toContainText('RULEBOOK')
    await expectAccessible(page)
  })

  test('the example link on the empty form shows the same result', async ({ page }) => {
    await page.goto('/simulateur')
    await page.getByRole('link', { name: 'Voir cet exemple' }).click()
    await expect(page.getByRole('region', { name: 'Résultat' }).getByRole('row', { name: /Versé par l'Assurance Maladie/ })).toContainText(euros('16,50 €'))
  })

  test('a fee that is not an amount and a birth date after the care date are explained next to the fields', async ({ page }) => {
    await page.goto('/simulateur')
    await fillWorkedExampleFr(page, { fee: 'abc', birthDate: '2024-01-01' })
    const summary = page.getByRole('alert', { name: "La simulation n'a pas pu être faite" })
    const fee = page.getByLabel('Prix payé, en euros')
    await expect(fee).toHaveValue('abc')
    await expect(fee).toHaveAttribute('aria-invalid', 'true')
    await expect(fee).toHaveAccessibleDescription(/Indiquez un montant en euros, par exemple 25 ou 25,50\./)
    const birth = page.getByLabel('Date de naissance du patient')
    await expect(birth).toHaveAttribute('aria-invalid', 'true')
    await expect(birth).toHaveAccessibleDescription(/La date de naissance ne peut pas être après la date des soins\./)
    // No result is computed; the summary's links lead to the fields
    await expect(page.getByRole('region', { name: 'Résultat' })).not.toContainText('Versé par')
    await summary.getByRole('link', { name: /Indiquez un montant en euros/ }).click()
    await expect(fee).toBeFocused()
    await expectAccessible(page)
  })

  test('decimals with a point and an empty fee (the official tariff) are accepted', async ({ page }) => {
    await page.goto('/simulateur')
    await fillWorkedExampleFr(page, { fee: '25.5' })
    await expect(page.getByRole('row', { name: /Prix payé au professionnel/ })).toContainText(euros('25,50 €'))
    await page.getByLabel('Prix payé, en euros').fill('')
    await page.getByRole('button', { name: 'Calculer mon remboursement' }).click()
    await expect(page.getByRole('row', { name: /Prix payé au professionnel/ })).toContainText(euros('25,00 €'))
    await expect(page.getByRole('row', { name: /Versé par l'Assurance Maladie/ })).toContainText(euros('16,50 €'))
  })

  test('in English, French terms keep their name with an explanation', async ({ page }) => {
    await page.goto('/simulateur')
    await page.getByRole('button', { name: 'Read this site in English' }).click()
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Reimbursement simulator')
    await page.getByLabel('Care or medical act').selectOption({ label: 'GP consultation (médecin généraliste) (G)' })
    await page.getByLabel('Date of care').fill('2023-06-15')
    await page.getByLabel('Price paid, in euros').fill('25')
    await page.getByLabel('Sector 1 (secteur 1) — official tariff').check()
    await page.getByLabel("Patient's date of birth").fill('1990-01-01')
    await page.getByLabel('With my médecin traitant (regular doctor)').check()
    await page.getByLabel('Ticket modérateur (co-payment, 100% BR)').check()
    await page.getByRole('button', { name: 'Calculate my reimbursement' }).click()
    const result = page.getByRole('region', { name: 'Result' })
    await expect(result.getByRole('row', { name: /Paid by the Assurance Maladie/ })).toContainText('€16.50')
    await expect(result.getByRole('row', { name: /Paid by your mutuelle/ })).toContainText('€7.50')
    await expect(result.getByRole('row', { name: /Left for you to pay/ })).toContainText('€1.00')
    await expect(result.getByRole('region', { name: 'The calculation, step by step' })).toContainText('The Assurance Maladie pays 70 % of the base')
    await expectAccessible(page)
    // An English error message next to the field
    await page.getByLabel('Price paid, in euros').fill('twenty')
    await page.getByRole('button', { name: 'Calculate my reimbursement' }).click()
    await expect(page.getByLabel('Price paid, in euros')).toHaveAccessibleDescription(/Enter an amount in euros, for example 25 or 25\.50\./)
  })
})

test.describe('transport in the simulator (issue 16 §5)', () => {
  test('3 taxi conventionné trips the same day at 80 €: 240 € × 55 % = 132 €, transport franchise 4 € per trip capped 8 €/day → 124 €', async ({ page }) => {
    await page.goto('/simulateur')
    await page.getByLabel('Soin ou acte').selectOption({ label: 'Trajet en taxi conventionné prescrit par un médecin (TAXI)' })
    await expect(page.getByLabel('Soin ou acte').locator('option', { hasText: 'Trajet en ambulance prescrit par un médecin (hors urgence) (AMB)' })).toHaveCount(1)
    await expect(page.getByLabel('Soin ou acte').locator('option', { hasText: 'VSL' })).toHaveCount(1)
    await page.getByLabel('Date des soins').fill('2025-09-18')
    await page.getByLabel('Prix payé, en euros').fill('80')
    await page.getByLabel('Quantité').fill('3')
    await page.getByLabel('Date de naissance du patient').fill('1962-04-01')
    await page.getByRole('button', { name: 'Calculer mon remboursement' }).click()
    await expect(page).toHaveURL(/[?&]act=TAXI(&|$)/)
    const result = page.getByRole('region', { name: 'Résultat' })
    await expect(result.getByRole('row', { name: /Base de remboursement \(BR\)/ })).toContainText(euros('240,00 €'))
    await expect(result.getByRole('row', { name: /Taux de remboursement/ })).toContainText(/55\s?%/)
    await expect(result.getByRole('row', { name: /Franchises médicales déduites/ })).toContainText(euros('8,00 €'))
    await expect(result.getByRole('row', { name: /Versé par l'Assurance Maladie/ })).toContainText(euros('124,00 €'))
  })
})

test.describe('reimbursement simulator without JavaScript', () => {
  test.use({ javaScriptEnabled: false })

  test('the plain form computes the worked example and shows errors', async ({ page }) => {
    await page.goto('/simulateur')
    await fillWorkedExampleFr(page)
    await expectWorkedExampleFr(page)
    await fillWorkedExampleFr(page, { fee: 'abc' })
    await expect(page.getByLabel('Prix payé, en euros')).toHaveAccessibleDescription(/Indiquez un montant en euros/)
  })
})
