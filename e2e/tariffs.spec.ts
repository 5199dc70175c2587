import { expect, test } from '@playwright/test'
import { expectAccessible, signInStaff, supervisor } from './helpers'

/**
 * Rules are data (ARCHITECTURE §3; issue "The reimbursement engine" §1): a supervisor adds a future-dated tariff
 * on /conseiller/tarifs and the public simulator applies it from that day on — no code change, no restart.
 */
test('a supervisor adds a future physiotherapy tariff; the simulator applies it from that date only', async ({ page, browser }) => {
  await signInStaff(page, supervisor.email)
  await expect(page).toHaveURL(/\/conseiller$/)
  await page.goto('/conseiller/tarifs')
  await expect(page.getByRole('heading', { level: 1, name: 'Tarifs et règles datés' })).toBeVisible()
  await expect(page.getByRole('table', { name: 'Règle act.G.base', exact: true })).toContainText("En vigueur aujourd'hui")
  await expectAccessible(page)

  // A refusal first: a date in the past, explained next to the field.
  await page.getByLabel('Règle', { exact: true }).selectOption('act.KINE.base')
  await page.getByLabel('Nouvelle valeur').fill('16,50')
  await page.getByLabel('À partir du').fill('2024-01-01')
  await page.getByLabel('Source', { exact: true }).fill('Avenant kinésithérapeutes (test e2e)')
  await page.getByRole('button', { name: 'Ajouter la valeur' }).click()
  await expect(page.getByRole('alert').filter({ hasText: 'La valeur n' })).toContainText('La date doit être postérieure à aujourd')

  await page.getByLabel('À partir du').fill('2030-01-01')
  await page.getByRole('button', { name: 'Ajouter la valeur' }).click()
  await expect(page.getByRole('status')).toContainText('01/01/2030')
  await page.getByLabel('Filtrer les règles').fill('act.KINE')
  await page.getByRole('button', { name: 'Filtrer' }).click()
  await expect(page.getByRole('table', { name: 'Règle act.KINE.base', exact: true })).toContainText('Isabelle Moreau')

  // The public simulator, in a fresh anonymous context: 17,90 € the day before (AMK 8.1 since 01/01/2026, RULEBOOK C3), 16,50 € from 1 January 2030.
  const anonymous = await browser.newContext()
  const pub = await anonymous.newPage()
  const base = async (date: string) => {
    await pub.goto(`/simulateur?act=KINE&careDate=${date}&birthDate=1980-01-01&quantity=1`)
    return pub.getByRole('region', { name: 'Résultat' }).getByRole('row', { name: /Base de remboursement \(BR\)/ }).textContent()
  }
  expect(await base('2029-12-31')).toMatch(/17,90/)
  expect(await base('2030-01-01')).toMatch(/16,50/)
  await anonymous.close()
})
