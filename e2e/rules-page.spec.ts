import { expect, test, type Page } from '@playwright/test'
import { expectAccessible } from './helpers'

/**
 * The public rules page (issue 16 item 7): every parameter in force on a chosen date, with its history and source.
 * RULEBOOK §4: participation forfaitaire 1 €, 2 € from 15/05/2024; RULEBOOK §1: GP consultation 26.50 € from
 * 01/11/2023, 30 € from 22/12/2024.
 */

const euros = (text: string) => new RegExp(text.replace(/ /g, '[\\s\\u00a0\\u202f]').replace(/\./g, '\\.'))
const participation = (page: Page) => page.getByRole('row', { name: /^Participation forfaitaire \(par consultation ou acte médical\)/ })
const gp = (page: Page) => page.getByRole('row', { name: /^Consultation chez le médecin généraliste : tarif de base/ })

async function noHorizontalOverflow(page: Page) {
  const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }))
  expect(scroll, 'the page scrolls sideways').toBeLessThanOrEqual(client)
}

test('at 15/01/2024 the participation forfaitaire is 1 € and the GP base 26,50 €; today 2 € and 30 €; each with its history and official link', async ({ page }) => {
  test.setTimeout(120_000) // axe over some 160 rules with their histories, on a shared machine
  const response = await page.goto('/regles?date=2024-01-15')
  expect(response?.status()).toBe(200)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Les règles de remboursement, date par date')
  await expect(page.getByRole('heading', { name: 'Règles en vigueur le 15/01/2024' })).toBeVisible()
  await expect(participation(page)).toContainText(euros('1,00 €'))
  await expect(gp(page)).toContainText(euros('26,50 €'))
  await expect(page.getByLabel('Date', { exact: true })).toHaveValue('2024-01-15')

  // The history of the participation: 1 € then 2 € from 15/05/2024, still to come on 15/01/2024.
  const section = page.getByRole('region', { name: 'Participations, franchises et plafonds' })
  await section.getByRole('rowgroup').filter({ has: participation(page) }).getByText('Historique (2 valeurs)').click()
  const history = section.getByRole('table', { name: /Historique : Participation forfaitaire \(par consultation/ })
  await expect(history.getByRole('row', { name: /^Depuis le 15\/05\/2024/ })).toContainText(euros('2,00 €'))
  await expect(history.getByRole('row', { name: /^Depuis le 15\/05\/2024/ })).toContainText('À venir')
  await expect(history.getByRole('row', { name: /^Du 01\/01\/2005 au 14\/05\/2024/ })).toContainText(euros('1,00 €'))
  await expect(section.getByRole('link', { name: /Lire le texte officiel/ }).first()).toHaveAttribute('href', /^https:\/\//)
  await expectAccessible(page)

  // Back to today (Paris), from the date picker's link.
  await page.getByRole('link', { name: 'Revenir à aujourd’hui' }).click()
  await expect(participation(page)).toContainText(euros('2,00 €'))
  await expect(gp(page)).toContainText(euros('30,00 €'))

  // The date picker sends a GET form.
  await page.getByLabel('Date', { exact: true }).fill('2024-05-15')
  await page.getByRole('button', { name: 'Afficher les règles' }).click()
  await expect(page).toHaveURL(/\/regles\?date=2024-05-15/)
  await expect(participation(page)).toContainText(euros('2,00 €'))
  await expect(gp(page)).toContainText(euros('26,50 €'))

  // A date that does not exist: said next to the field and in an alert, no empty page.
  await page.goto('/regles?date=2024-02-30')
  await expect(page.getByRole('alert').filter({ hasText: 'Impossible d’afficher les règles' })).toContainText('« 2024-02-30 » n’est pas une date valide.')
  await expectAccessible(page)
})

test.describe('without JavaScript, on a phone', () => {
  test.use({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } })

  test('the form works, a bad date is said clearly, and nothing scrolls sideways', async ({ page }) => {
    await page.goto('/')
    await page.getByRole('link', { name: 'Voir les règles en vigueur' }).click()
    await expect(page).toHaveURL(/\/regles$/)
    await expect(participation(page)).toContainText(euros('2,00 €'))
    await noHorizontalOverflow(page)
    await page.getByLabel('Date', { exact: true }).fill('2024-01-15')
    await page.getByRole('button', { name: 'Afficher les règles' }).click()
    await expect(page.getByRole('heading', { name: 'Règles en vigueur le 15/01/2024' })).toBeVisible()
    await expect(participation(page)).toContainText(euros('1,00 €'))
    await expect(gp(page)).toContainText(euros('26,50 €'))
    // <details> opens without script.
    await page.getByRole('rowgroup').filter({ has: participation(page) }).getByText('Historique (2 valeurs)').click()
    await expect(page.getByRole('table', { name: /Historique : Participation forfaitaire/ })).toBeVisible()
    await noHorizontalOverflow(page)
    // (axe runs in the pages' own script context, so its passes are in the tests with JavaScript.)

    expect((await page.goto('/regles?date=2024-02-30'))?.status()).toBe(400)
    await expect(page.getByRole('alert')).toContainText('« 2024-02-30 » n’est pas une date valide.')
    await expect(page.getByLabel('Date', { exact: true })).toHaveAttribute('aria-invalid', 'true')
    await expect(page.getByRole('table')).toHaveCount(0)
    expect((await page.goto('/regles?date=1990-01-01'))?.status()).toBe(400)
    await expect(page.getByRole('alert')).toContainText('Choisissez une date entre le 01/01/2000 et le 31/12/2099.')
  })
})

test.describe('in English', () => {
  test.use({ locale: 'en-GB' })

  test('the same figures, worded in English', async ({ page }) => {
    await page.goto('/regles?date=2024-01-15')
    await expect(page.getByRole('heading', { name: 'Rules in force on 15 Jan 2024' })).toBeVisible()
    await expect(page.getByRole('row', { name: /^Flat contribution \(participation forfaitaire, per consultation/ })).toContainText('€1.00')
    await expect(page.getByRole('row', { name: /^GP consultation \(médecin généraliste\): base tariff/ })).toContainText('€26.50')
    await expectAccessible(page)
  })
})
