import { expect, test, type Page } from '@playwright/test'
import { advisorParis, expectAccessible, signInStaff, supervisor } from './helpers'

/**
 * The work queue (issue 17 §7), on the demo queue (prisma/seed/seed-queue.ts, dated relative to the seed day):
 * Camille Roux (CPAM de Paris) reads each request's age and its state against the expected date, takes two requests
 * in one go, finds them in "my cases", saves that filter and applies it again; Isabelle Moreau (supervisor) sees the
 * caisse column and the figures per caisse, and gives a request to Karim Benaïssa. axe on each state.
 */

const NAME_CHANGE = 'DEM-2026-Q0EUE00001' // Marc Petit, 26 days, 30-day delay: due soon
const ADDRESS = 'DEM-2026-Q0EUE00002' // Marc Petit, 20 days, a document asked: waiting for the person, late
const DOCTOR = 'DEM-2026-Q0EUE00003' // Marc Petit, today: on time

const queueRow = (page: Page, reference: string) => page.getByRole('table', { name: /Demandes de la file/ }).getByRole('row').filter({ hasText: reference })

test('Camille sees ages and SLA states, takes two requests at once, finds them in her cases and saves that filter', async ({ page }) => {
  await signInStaff(page, advisorParis.email)
  await expect(page).toHaveURL(/\/conseiller$/, { timeout: 30_000 })
  await expect(page.getByRole('heading', { name: 'File des demandes' })).toBeVisible()
  // Age and state against the expected date, in words (not colour alone).
  await expect(queueRow(page, ADDRESS)).toContainText('20 jours')
  await expect(queueRow(page, ADDRESS)).toContainText('En retard')
  await expect(queueRow(page, ADDRESS)).toContainText('En attente de la personne')
  await expect(queueRow(page, NAME_CHANGE)).toContainText('Bientôt dû')
  await expect(queueRow(page, DOCTOR)).toContainText("Aujourd'hui")
  await expect(queueRow(page, DOCTOR)).toContainText('Dans les temps')
  // Most urgent first: the late request comes before the one due soon.
  const rows = await page.getByRole('table', { name: /Demandes de la file/ }).getByRole('row').allTextContents()
  expect(rows.findIndex((r) => r.includes(ADDRESS))).toBeLessThan(rows.findIndex((r) => r.includes(NAME_CHANGE)))
  await expectAccessible(page)

  // "Waiting for the person" apart.
  await page.getByRole('link', { name: /^En attente de la personne \(\d+\)$/ }).click()
  await expect(page).toHaveURL(/status=person/)
  await expect(queueRow(page, ADDRESS)).toBeVisible()
  await expect(queueRow(page, NAME_CHANGE)).toHaveCount(0)
  await page.getByRole('link', { name: /^Toutes les demandes ouvertes/ }).click()

  // Two requests taken at once.
  await page.getByRole('checkbox', { name: `Sélectionner ${NAME_CHANGE}` }).check()
  await page.getByRole('checkbox', { name: `Sélectionner ${DOCTOR}` }).check()
  await page.getByRole('button', { name: "M'attribuer la sélection" }).click()
  await expect(page.getByRole('status').filter({ hasText: '2 demandes prises.' })).toBeVisible()
  await expect(queueRow(page, NAME_CHANGE)).toContainText('Camille Roux')
  await expect(queueRow(page, DOCTOR)).toContainText('Camille Roux')
  await expectAccessible(page)

  // My cases.
  await page.getByRole('navigation', { name: 'Où en sont les demandes' }).getByRole('link', { name: 'Mes dossiers' }).click()
  await expect(page).toHaveURL(/assignee=me/)
  await expect(queueRow(page, NAME_CHANGE)).toBeVisible()
  await expect(queueRow(page, DOCTOR)).toBeVisible()
  await expect(queueRow(page, ADDRESS)).toHaveCount(0)

  // Saved under a name, then applied again from the plain queue.
  await page.getByText('Filtres enregistrés').click()
  await page.getByLabel('Nom du filtre').fill('Mes dossiers')
  await page.getByRole('button', { name: 'Enregistrer ces filtres' }).click()
  await expect(page.getByText('Filtre « Mes dossiers » enregistré.')).toBeVisible()
  await page.goto('/conseiller')
  await expect(queueRow(page, ADDRESS)).toBeVisible()
  // The saved filters are shown open once there is one.
  await page.getByRole('link', { name: 'Appliquer « Mes dossiers »' }).click()
  await expect(page).toHaveURL(/assignee=me/)
  await expect(queueRow(page, DOCTOR)).toBeVisible()
  await expect(queueRow(page, ADDRESS)).toHaveCount(0)
  await expect(page.getByLabel('Suivi')).toHaveValue('me')
  await expectAccessible(page)
})

test('Isabelle sees the caisse column and the figures per caisse, and gives a request to Karim', async ({ page }) => {
  await signInStaff(page, supervisor.email)
  await expect(page).toHaveURL(/\/conseiller$/, { timeout: 30_000 })
  const figures = page.getByRole('table', { name: /Demandes par caisse/ })
  await expect(figures.getByRole('columnheader', { name: 'En retard' })).toBeVisible()
  await expect(figures.getByRole('row').filter({ hasText: 'CPAM du Rhône' })).toBeVisible()
  await expect(figures.getByRole('row').filter({ hasText: 'Paris' })).toBeVisible()
  const queue = page.getByRole('table', { name: /Demandes de la file/ })
  await expect(queue.getByRole('columnheader', { name: 'Caisse' })).toBeVisible()
  await expect(queueRow(page, 'DEM-2026-Q0EUE00007')).toContainText('CPAM du Rhône')
  await expectAccessible(page)

  await page.getByRole('checkbox', { name: `Sélectionner ${ADDRESS}` }).check()
  await page.getByLabel('Confier à').selectOption({ label: 'Karim Benaïssa' })
  await page.getByRole('button', { name: 'Confier la sélection' }).click()
  await expect(page.getByRole('status').filter({ hasText: '1 demande confiée à Karim Benaïssa.' })).toBeVisible()
  await expect(queueRow(page, ADDRESS)).toContainText('Karim Benaïssa')
  await expectAccessible(page)
})

test('without JavaScript: the filter form and the row "assign to me" button are plain posts (Karim)', async ({ browser }) => {
  // The sign-in page's staff tab needs JavaScript: sign in with it, then browse without it in the same session.
  const signing = await browser.newContext()
  const first = await signing.newPage()
  await signInStaff(first, 'karim.benaissa@cpam-paris.example.fr')
  await expect(first).toHaveURL(/\/conseiller$/, { timeout: 30_000 })
  const context = await browser.newContext({ javaScriptEnabled: false, storageState: await signing.storageState() })
  await signing.close()
  const page = await context.newPage()
  await page.goto('/conseiller')
  await page.getByLabel('Type de demande').selectOption('affiliation')
  await page.getByRole('button', { name: 'Filtrer' }).click()
  await expect(page).toHaveURL(/type=affiliation/)
  await page.getByRole('button', { name: 'Me l\'attribuer : AFF-2026-000412' }).click()
  await expect(page.getByRole('status').filter({ hasText: '1 demande prise.' })).toBeVisible()
  await page.goto('/conseiller?assignee=me')
  await expect(queueRow(page, 'AFF-2026-000412')).toContainText('Karim Benaïssa')
  await context.close()
})
