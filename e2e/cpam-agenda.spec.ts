import fs from 'node:fs'
import { expect, test, type Page } from '@playwright/test'
import { expectAccessible, signInInsured, signInStaff } from './helpers'

/** Issue 6 §1–2, §6: Trouver ma CPAM (public), Mon agenda (book, ICS, move, cancel; keyboard only), the office agenda. */

test('Trouver ma CPAM: the Rhône caisse and all its offices by postal code, without JavaScript; unknown and invalid codes', async ({ browser }) => {
  // Without JavaScript: the GET form.
  const noJs = await browser.newContext({ javaScriptEnabled: false })
  const plain = await noJs.newPage()
  await plain.goto('/trouver-ma-cpam')
  await plain.getByRole('textbox', { name: 'Code postal' }).fill('69007')
  await plain.getByRole('button', { name: 'Rechercher' }).click()
  await expect(plain).toHaveURL(/cp=69007/)
  await expect(plain.getByRole('heading', { name: 'CPAM du Rhône' })).toBeVisible()
  await noJs.close()

  const context = await browser.newContext()
  const page = await context.newPage()
  await page.goto('/trouver-ma-cpam')
  await expectAccessible(page)
  await page.getByRole('textbox', { name: 'Code postal' }).fill('69007')
  await page.getByRole('button', { name: 'Rechercher' }).click()
  await expect(page).toHaveURL(/cp=69007/)
  await expect(page.getByRole('heading', { name: 'CPAM du Rhône' })).toBeVisible()
  await expect(page.getByText('Accueil Lyon 7e – Jean Macé', { exact: true })).toBeVisible()
  await expect(page.getByText('Accueil Villeurbanne – Émile Zola', { exact: true })).toBeVisible()
  await expect(page.getByText(/3646 \(service gratuit/).first()).toBeVisible()
  await expect(page.getByText(/09 74 75 36 46/).first()).toBeVisible()
  await expect(page.getByRole('table', { name: 'Horaires de l’accueil Accueil Lyon 7e – Jean Macé' }).or(page.getByRole('table', { name: "Horaires de l'accueil Accueil Lyon 7e – Jean Macé" }))).toContainText('08:30 – 12:30 et 13:30 – 16:30')
  await expectAccessible(page)

  await page.getByRole('textbox', { name: 'Code postal' }).fill('20000')
  await page.getByRole('button', { name: 'Rechercher' }).click()
  // Issue 17 §2: every caisse of France exists; those outside the demo have no office in the simulator (said so).
  await expect(page.getByRole('heading', { name: 'CPAM de la Corse-du-Sud' })).toBeVisible()
  await expect(page.getByText(/Les accueils de cette caisse ne sont pas encore dans ce simulateur/)).toBeVisible()
  await page.goto('/trouver-ma-cpam?cp=69a')
  await expect(page.getByRole('textbox', { name: 'Code postal' })).toHaveAttribute('aria-invalid', 'true')
  await expect(page.getByText(/« 69a » n'est pas un code postal/).first()).toBeVisible()
  await expectAccessible(page)
  await context.close()
})

/** The slot radios of the booking form (the last one is the latest slot of the week: well beyond 24 hours). */
const upcoming = (page: Page) => page.getByRole('region', { name: 'Mes rendez-vous à venir' }).getByTestId('appointment')
const slots = (page: Page) => page.getByRole('group', { name: /Créneau libre/ }).getByRole('radio')

async function showNextWeek(page: Page) {
  await page.getByLabel('Semaine', { exact: true }).selectOption('1')
  await page.getByRole('button', { name: 'Afficher les créneaux' }).click()
  await expect(page).toHaveURL(/week=1/)
}

test('Mei books an appointment about her card, downloads the ICS, moves then cancels it', async ({ page }) => {
  await signInInsured(page, 'mei')
  await expect(page).toHaveURL(/\/compte$/)
  await page.goto('/compte/agenda')
  await expect(page.getByRole('heading', { level: 1, name: 'Mon agenda' })).toBeVisible()
  await expectAccessible(page)
  await showNextWeek(page)

  // A missing description is refused next to its field, nothing booked.
  await page.getByRole('radio', { name: 'Carte Vitale ou carte européenne' }).check()
  await slots(page).last().check()
  await page.getByRole('button', { name: 'Confirmer le rendez-vous' }).click()
  await expect(page.getByRole('alert').filter({ hasText: 'Décrivez votre demande en 10 à 500 caractères' })).toBeVisible()
  await expectAccessible(page)

  await page.getByLabel('Décrivez votre demande').fill('Ma carte Vitale est en production depuis le 10 novembre ; je voudrais savoir quand je la recevrai.')
  await slots(page).last().check()
  const chosen = (await slots(page).last().getAttribute('value'))!
  expect(chosen).toBeTruthy()
  await page.getByRole('button', { name: 'Confirmer le rendez-vous' }).click()
  await expect(page.getByText(/Rendez-vous confirmé le .* Référence RDV-/)).toBeVisible()
  const card = upcoming(page)
  await expect(card).toHaveCount(1)
  await expect(card).toContainText('Carte Vitale ou carte européenne')
  await expect(card).toContainText('Accueil Lyon 7e')
  await expectAccessible(page)

  // The calendar file.
  const link = page.getByRole('link', { name: /Ajouter à mon calendrier le rendez-vous/ })
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()])
  expect(download.suggestedFilename()).toMatch(/^rendez-vous-RDV-2026-[0-9A-F]+\.ics$/)
  const ics = fs.readFileSync((await download.path())!, 'utf8')
  expect(ics).toContain('BEGIN:VEVENT')
  expect(ics).toMatch(/DTSTART:\d{8}T\d{6}Z/)
  expect(ics).toMatch(/SUMMARY:Rendez-vous CPAM du Rhône : Carte Vitale ou carte européenne/)
  expect(ics).toMatch(/LOCATION:Accueil Lyon 7e – Jean Macé\\, 12 avenue Jean Jaurès\\, 69007 Lyon/)

  // Move it to another slot of the same week.
  await page.getByRole('link', { name: /Déplacer le rendez-vous du/ }).click()
  await expect(page.getByRole('heading', { name: /Déplacer mon rendez-vous du/ })).toBeVisible()
  await showNextWeek(page)
  await expectAccessible(page)
  const target = slots(page).first()
  const targetName = (await target.getAttribute('value'))!
  expect(targetName).not.toBe(chosen)
  await target.check()
  await page.getByRole('button', { name: 'Déplacer le rendez-vous' }).click()
  await expect(page.getByText(/Rendez-vous déplacé au/)).toBeVisible()
  await expect(upcoming(page)).toHaveCount(1)

  // Cancel it: the button asks for confirmation first (issue 17 §4); "keep" changes nothing.
  await page.getByRole('link', { name: /Annuler le rendez-vous du/ }).click()
  await expect(page.getByTestId('cancel-confirmation')).toContainText('Le créneau sera libéré')
  await expect(upcoming(page)).toHaveCount(1)
  await page.getByRole('button', { name: 'Oui, annuler le rendez-vous' }).click()
  await expect(page.getByText('Rendez-vous annulé. Un e-mail vous a été envoyé.')).toBeVisible()
  await expect(page.getByText("Vous n'avez aucun rendez-vous à venir.")).toBeVisible()
  await expect(page.getByRole('region', { name: 'Rendez-vous passés ou annulés' }).getByTestId('appointment').filter({ hasText: 'Ma carte Vitale est en production' }).getByText('Annulé', { exact: true })).toBeVisible()
  await expectAccessible(page)

})

test('keyboard only: reason, description, slot and confirmation without a mouse, with a visible focus', async ({ page }) => {
  await signInInsured(page, 'mei')
  await expect(page).toHaveURL(/\/compte$/)
  await page.goto('/compte/agenda?week=2')
  const activeName = () => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name ?? '')
  for (let i = 0; i < 80 && (await activeName()) !== 'reason'; i++) await page.keyboard.press('Tab')
  expect(await activeName()).toBe('reason')
  // Arrow keys move within the reasons: the 7th is "card".
  for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowDown')
  await expect(page.getByRole('radio', { name: 'Carte Vitale ou carte européenne' })).toBeChecked()
  await page.keyboard.press('Tab')
  expect(await activeName()).toBe('description')
  await page.keyboard.type('Je souhaite une attestation pour ma carte européenne.')
  await page.keyboard.press('Tab')
  expect(await activeName()).toBe('slotId')
  await page.keyboard.press('ArrowRight')
  await page.keyboard.press('ArrowRight')
  const focused = await page.evaluate(() => {
    const el = document.activeElement as HTMLInputElement
    const style = getComputedStyle(el.closest('label')!)
    return { checked: el.checked, outline: style.outlineStyle, width: style.outlineWidth }
  })
  expect(focused.checked).toBe(true)
  expect(focused.outline).not.toBe('none')
  expect(focused.width).not.toBe('0px')
  await page.keyboard.press('Tab')
  expect(await page.evaluate(() => document.activeElement?.textContent)).toContain('Confirmer le rendez-vous')
  await page.keyboard.press('Enter')
  await expect(page.getByText(/Rendez-vous confirmé le .* Référence RDV-/)).toBeVisible()
  await expect(upcoming(page).filter({ hasText: 'Je souhaite une attestation' })).toContainText('Je souhaite une attestation pour ma carte européenne.')
})

test('the Lyon advisor sees the booking in the office agenda with its reason and description', async ({ page }) => {
  await signInStaff(page, 'julie.fontaine@cpam-rhone.example.fr')
  await expect(page).toHaveURL(/\/conseiller$/)
  await page.goto('/conseiller/agenda')
  await expect(page.getByRole('heading', { level: 1, name: "Agenda de l'accueil" })).toBeVisible()
  await expect(page.getByLabel('Accueil', { exact: true })).toHaveValue(/.+/)
  await expect(page.getByRole('table', { name: /Horaires de l.accueil Accueil Lyon 7e/ })).toBeVisible()
  await expectAccessible(page)
  // Go through the next days until the keyboard booking of Mei shows up (week + 2).
  let found = false
  for (let i = 1; i < 24 && !found; i++) {
    await page.goto(`/conseiller/agenda?day=${new Date(Date.now() + i * 86_400_000).toISOString().slice(0, 10)}`)
    found = (await page.getByText('Je souhaite une attestation pour ma carte européenne.').count()) > 0
  }
  expect(found).toBe(true)
  await expect(page.getByRole('table', { name: /Accueil Lyon 7e – Jean Macé, .* 2026/ })).toContainText('Mei Chen')
  await expectAccessible(page)
})
