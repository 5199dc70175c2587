import { expect, test, type Page } from '@playwright/test'
import { expectAccessible, signInStaff, supervisor } from './helpers'
import { staff } from '../prisma/seed/demo-data'

/**
 * Rules are data (ARCHITECTURE §3; issue "The reimbursement engine" §1), and money-safe (issue 17 §5): a supervisor
 * proposes a future-dated tariff on /conseiller/tarifs; a value far from the one in force asks for a confirmation;
 * a second supervisor approves it (four eyes) and only then does the public simulator apply it, from that day on.
 * Dates are computed from today (the suite passes on any day).
 */
const secondSupervisor = staff.find((s) => s.role === 'supervisor' && s.email !== supervisor.email)!

function parisDatePlusYears(years: number, days = 0): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date())
  const d = new Date(`${today}T12:00:00Z`)
  d.setUTCFullYear(d.getUTCFullYear() + years)
  d.setUTCMonth(d.getUTCMonth(), 1) // the first of the month, two years ahead: a plausible start date
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

async function proposeKine(page: Page, value: string, from: string) {
  await page.getByLabel('Règle', { exact: true }).selectOption('act.KINE.base')
  await page.getByRole('textbox', { name: 'Nouvelle valeur' }).fill(value)
  await page.getByLabel('À partir du').fill(from)
  await page.getByLabel('Source', { exact: true }).fill('Avenant kinésithérapeutes (test e2e)')
  await page.getByRole('button', { name: 'Ajouter la valeur' }).click()
}

test('a supervisor proposes a future physiotherapy tariff, a second one approves it; the simulator applies it from that date only', async ({ page, browser }) => {
  test.setTimeout(180_000) // two sign-ins, a dozen pages
  const from = parisDatePlusYears(2)
  const dayBefore = parisDatePlusYears(2, -1)
  const fr = (iso: string) => iso.split('-').reverse().join('/')

  // The public simulator before: the base of the day before and of the start date are the same.
  const anonymous = await browser.newContext()
  const pub = await anonymous.newPage()
  const base = async (date: string) => {
    await pub.goto(`/simulateur?act=KINE&careDate=${date}&birthDate=1980-01-01&quantity=1`)
    return (await pub.getByRole('region', { name: 'Résultat' }).getByRole('row', { name: /Base de remboursement \(BR\)/ }).textContent()) ?? ''
  }
  const before = await base(dayBefore)
  expect(await base(from)).toBe(before)

  await signInStaff(page, supervisor.email)
  await expect(page).toHaveURL(/\/conseiller$/)
  await page.goto('/conseiller/tarifs')
  await expect(page.getByRole('heading', { level: 1, name: 'Tarifs et règles datés' })).toBeVisible()
  await expect(page.getByRole('table', { name: 'Règle act.G.base', exact: true })).toContainText("En vigueur aujourd'hui")
  await expectAccessible(page)

  // Refusals first: a date in the past, explained next to the field; then 1650 typed for 16,50 € asks to confirm.
  await proposeKine(page, '16,50', '2024-01-01')
  await expect(page.getByRole('alert').filter({ hasText: 'La valeur n' })).toContainText('La date doit être postérieure à aujourd')
  await proposeKine(page, '1650', from)
  await expect(page.getByRole('alert').filter({ hasText: 'La valeur n' })).toContainText('Écart de plus de 50 %')
  await expect(page.getByText(/s'écarte de plus de 50 %/)).toContainText('1 650,00')
  // Every field is kept; the supervisor corrects the value instead of confirming.
  await expect(page.getByLabel('Règle', { exact: true })).toHaveValue('act.KINE.base')
  await expect(page.getByLabel('À partir du')).toHaveValue(from)
  await proposeKine(page, '16,50', from)
  await expect(page.getByRole('status')).toContainText(fr(from))
  await expect(page.getByRole('status')).toContainText('en attente')
  await page.getByLabel('Filtrer les règles').fill('act.KINE')
  await page.getByRole('button', { name: 'Filtrer' }).click()
  const table = page.getByRole('table', { name: 'Règle act.KINE.base', exact: true })
  await expect(table).toContainText('Isabelle Moreau')
  await expect(table).toContainText("En attente d'un second superviseur")
  // The author has no "approve" button for their own row.
  await expect(table.getByRole('button', { name: /^Approuver/ })).toHaveCount(0)

  // Pending: the simulator does not apply it yet.
  expect(await base(from)).toBe(before)

  // The second supervisor approves it.
  const other = await browser.newContext()
  const second = await other.newPage()
  await signInStaff(second, secondSupervisor.email)
  await expect(second).toHaveURL(/\/conseiller$/)
  await second.goto('/conseiller/tarifs?q=act.KINE')
  await second.getByRole('button', { name: `Approuver la valeur de act.KINE.base au ${fr(from)}` }).click()
  await expect(second.getByRole('status')).toContainText('La valeur est approuvée')
  await expect(second.getByRole('table', { name: 'Règle act.KINE.base', exact: true })).toContainText(`Approuvée par ${secondSupervisor.displayName}`)
  await other.close()

  // The public simulator: unchanged the day before, 16,50 € from the start date.
  expect(await base(dayBefore)).toBe(before)
  expect(await base(from)).toMatch(/16,50/)
  await anonymous.close()
})
