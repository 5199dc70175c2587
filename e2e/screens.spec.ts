import Database from 'better-sqlite3'
import { expect, test, type Page } from '@playwright/test'
import { expectAccessible, signInInsured } from './helpers'

/**
 * Issue 17 §4 "Screens" as a user: confirmations before cancelling an appointment and reporting care not received
 * (with a required comment), no slot offered within the 24-hour cancellation delay, English pages in English (the
 * payments chart, file sizes, notifications), the simulator's own icon and logo, error messages that say what is
 * wrong, and an impossible period on Mes paiements said next to the filter.
 */

/** The demo database the e2e server runs on (seeded relative to today). */
function db() {
  return new Database('.e2e/e2e.db', { readonly: true, fileMustExist: true })
}

/** A DateTime column as SQLite holds it (epoch milliseconds or an ISO text), as an instant. */
function instant(v: unknown): Date {
  if (typeof v === 'number' || typeof v === 'bigint') return new Date(Number(v))
  const s = String(v)
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(s) ? s : `${s.replace(' ', 'T')}Z`)
}

const slotRadios = (page: Page) => page.getByRole('group', { name: /Créneau libre/ }).getByRole('radio')
const upcoming = (page: Page) => page.getByRole('region', { name: 'Mes rendez-vous à venir' }).getByTestId('appointment')

async function toEnglish(page: Page) {
  await page.getByRole('button', { name: 'Read this site in English' }).click()
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')
}

test('a: cancelling an appointment asks for confirmation; "keep" changes nothing (b: only slots 24 hours ahead are offered)', async ({ page }) => {
  await signInInsured(page, 'mei')
  await expect(page).toHaveURL(/\/compte$/, { timeout: 20_000 })
  const loadedAt = Date.now()
  await page.goto('/compte/agenda')
  await expect(page.getByRole('heading', { level: 1, name: 'Mon agenda' })).toBeVisible()

  // b. This week's slots as offered: none starts within 24 hours; the seeded open slots that do are all left out.
  const offered = await slotRadios(page).evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value))
  const conn = db()
  try {
    const point = conn.prepare(`SELECT id FROM ReceptionPoint WHERE name LIKE '%Lyon 7e%'`).get() as { id: string }
    const rows = conn.prepare(`SELECT id, startsAt FROM AppointmentSlot WHERE receptionPointId = ? AND status = 'open'`).all(point.id) as { id: string; startsAt: unknown }[]
    const startOf = new Map(rows.map((r) => [r.id, instant(r.startsAt)]))
    const dayAhead = loadedAt + 24 * 3_600_000
    for (const id of offered) expect(startOf.get(id)!.getTime(), `slot ${id}`).toBeGreaterThanOrEqual(dayAhead - 60_000)
    const tooSoon = rows.filter((r) => instant(r.startsAt).getTime() > Date.now() + 60_000 && instant(r.startsAt).getTime() < loadedAt + 24 * 3_600_000 - 60_000).map((r) => r.id)
    for (const id of tooSoon) expect(offered).not.toContain(id)
  } finally {
    conn.close()
  }

  // Book a slot of week 3 (far from the other suites' slots), then try to cancel it.
  await page.getByLabel('Semaine', { exact: true }).selectOption('3')
  await page.getByRole('button', { name: 'Afficher les créneaux' }).click()
  await expect(page).toHaveURL(/week=3/)
  await page.getByRole('radio', { name: 'Carte Vitale ou carte européenne' }).check()
  await page.getByLabel('Décrivez votre demande').fill('Je voudrais faire le point sur ma carte européenne avant un voyage.')
  await slotRadios(page).nth(2).check()
  await page.getByRole('button', { name: 'Confirmer le rendez-vous' }).click()
  await expect(page.getByText(/Rendez-vous confirmé le .* Référence RDV-/)).toBeVisible()
  const card = upcoming(page).filter({ hasText: 'faire le point sur ma carte européenne' })
  await expect(card).toHaveCount(1)

  // One click on "Annuler" only asks; "Non, garder" keeps it.
  await card.getByRole('link', { name: /Annuler le rendez-vous du/ }).click()
  const confirm = page.getByTestId('cancel-confirmation')
  await expect(confirm).toBeVisible()
  await expect(confirm).toContainText(/Annuler le rendez-vous du .* \?/)
  await expectAccessible(page)
  await confirm.getByRole('link', { name: 'Non, garder le rendez-vous' }).click()
  await expect(page.getByTestId('cancel-confirmation')).toHaveCount(0)
  await expect(upcoming(page).filter({ hasText: 'faire le point sur ma carte européenne' })).toHaveCount(1)

  // Confirmed: cancelled.
  await upcoming(page).filter({ hasText: 'faire le point sur ma carte européenne' }).getByRole('link', { name: /Annuler le rendez-vous du/ }).click()
  await page.getByRole('button', { name: 'Oui, annuler le rendez-vous' }).click()
  await expect(page.getByText('Rendez-vous annulé. Un e-mail vous a été envoyé.')).toBeVisible()
  await expect(upcoming(page).filter({ hasText: 'faire le point sur ma carte européenne' })).toHaveCount(0)

  // d. Mei reads her messages in English: on this French page, the notification history says so (and marks the language).
  await page.goto('/compte/demarches')
  const notifications = page.getByTestId('notification-list')
  await expect(notifications.getByText(/Message envoyé en anglais/).first()).toBeVisible()
  await expect(notifications.locator('p[lang="en"]').first()).toContainText(/cancel/i)
})

test('a: "I did not receive this care" asks for a comment, required by the server too; h: an impossible period is said next to the filter', async ({ page }) => {
  await signInInsured(page, 'jonathan')
  await expect(page).toHaveURL(/\/compte$/)

  // h. An end before the start: said next to the end date, the dates kept in the form, the list not emptied.
  await page.goto('/compte/paiements?from=2026-10-01&to=2026-09-01&careType=doctor')
  await expect(page.getByTestId('f-to-error')).toHaveText('la date de fin est antérieure à la date de début : la période a été ignorée')
  await expect(page.locator('#f-to')).toHaveValue('2026-09-01')
  await expect(page.locator('#f-to')).toHaveAttribute('aria-invalid', 'true')
  await expect(page.locator('#f-from')).toHaveValue('2026-10-01')
  await expect(page.locator('#f-care')).toHaveValue('doctor')
  // A day that does not exist: said next to the start date.
  await page.goto('/compte/paiements?from=2026-02-30')
  await expect(page.getByTestId('f-from-error')).toHaveText("cette date n'existe pas ou n'est pas au format jj/mm/aaaa")
  await expectAccessible(page)

  // a. The report: a link first, then the comment form.
  await page.goto('/compte/paiements')
  const firstLine = page.getByRole('link', { name: /^Détail de / }).first()
  await firstLine.click()
  await expect(page).toHaveURL(/\/compte\/paiements\/[^/?]+$/)
  const report = page.getByRole('link', { name: /pas reçu ces soins/ })
  await expect(report).toBeVisible()
  await expect(page.getByRole('button', { name: 'Envoyer le signalement' })).toHaveCount(0)
  await report.click()
  const comment = page.getByLabel(/Expliquez ce qui ne correspond pas/)
  await expect(comment).toHaveAttribute('required', '')
  await expectAccessible(page)
  // The browser's check bypassed: the server refuses too, and says why.
  await page.getByTestId('dispute-form').evaluate((f) => ((f as HTMLFormElement).noValidate = true))
  await page.getByRole('button', { name: 'Envoyer le signalement' }).click()
  await expect(page.getByText(/le commentaire est obligatoire/)).toBeVisible()
  await expect(page.getByText(/Votre signalement a été enregistré/)).toHaveCount(0)
  // "Annuler" leaves the page as it was.
  await page.getByRole('link', { name: 'Annuler', exact: true }).click()
  await expect(page.getByRole('link', { name: /pas reçu ces soins/ })).toBeVisible()
})

test('b: the server refuses a slot starting within 24 hours, with a clear message', async ({ page }) => {
  // A slot within 24 hours is never offered; a forged booking form posting one is refused. Found in the seed.
  const conn = db()
  let soon: string | undefined
  try {
    const point = conn.prepare(`SELECT id FROM ReceptionPoint WHERE name LIKE '%Lyon 7e%'`).get() as { id: string }
    const rows = conn.prepare(`SELECT id, startsAt FROM AppointmentSlot WHERE receptionPointId = ? AND status = 'open' AND bookedCount < capacity`).all(point.id) as { id: string; startsAt: unknown }[]
    soon = rows.find((r) => {
      const t = instant(r.startsAt).getTime()
      return t > Date.now() + 2 * 3_600_000 && t < Date.now() + 20 * 3_600_000
    })?.id
  } finally {
    conn.close()
  }
  test.skip(!soon, 'no open slot of the seed starts in the next 2 to 20 hours (a week-end or a night)')
  await signInInsured(page, 'mei')
  await expect(page).toHaveURL(/\/compte$/)
  await page.goto('/compte/agenda?week=1')
  await expect(slotRadios(page).first()).toBeVisible()
  await expect(page.locator(`input[name="slotId"][value="${soon}"]`)).toHaveCount(0)
  // The form as a forger would send it: the first radio's value replaced by the too-soon slot.
  await page.getByRole('radio', { name: 'Carte Vitale ou carte européenne' }).check()
  await page.getByLabel('Décrivez votre demande').fill('Un rendez-vous demain matin, pour ma carte Vitale.')
  await slotRadios(page).first().evaluate((el, id) => ((el as HTMLInputElement).value = id), soon!)
  await slotRadios(page).first().check()
  await page.getByRole('button', { name: 'Confirmer le rendez-vous' }).click()
  await expect(page.getByRole('alert').filter({ hasText: 'Ce créneau commence dans moins de 24 heures' })).toBeVisible()
  await expect(upcoming(page).filter({ hasText: 'Un rendez-vous demain matin' })).toHaveCount(0)
})

test('g: error messages say what is wrong (an amount, a file format, a NIR key)', async ({ page }) => {
  await signInInsured(page, 'jonathan')
  await expect(page).toHaveURL(/\/compte$/)

  // "abc" as the household's income: an amount in euros is expected (not "required").
  await page.goto('/compte/demarches/css')
  await page.getByLabel(/Ressources annuelles du foyer/).fill('abc')
  await page.getByRole('button', { name: 'Calculer mon droit' }).click()
  await expect(page.getByText('Saisissez un montant en euros, en chiffres (par ex. 16,50).').first()).toBeVisible()
  await expect(page.getByText('Ce champ est obligatoire.')).toHaveCount(0)

  // A text file as a birth certificate: PDF, JPEG or PNG (not "a photo must be…").
  await page.goto('/compte/demarches/naissance')
  await page.getByLabel('Acte de naissance').setInputFiles({ name: 'acte.txt', mimeType: 'text/plain', buffer: Buffer.from('Ceci est un acte de naissance.') })
  await expect(page.getByText('Format non accepté : envoyez un fichier PDF, JPEG ou PNG.').first()).toBeVisible()
  await expect(page.getByText(/une photo doit/)).toHaveCount(0)

  // The other parent's NIR with a wrong key: the key does not match (not "not found").
  await page.getByLabel('Prénom(s)').fill('Inès')
  await page.getByLabel('Nom', { exact: true }).fill('Martin')
  const threeDaysAgo = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(Date.now() - 3 * 86_400_000))
  await page.getByLabel('Date de naissance').fill(threeDaysAgo)
  await page.getByRole('radio', { name: 'Fille' }).or(page.getByRole('radio', { name: 'Une fille' })).first().check()
  await page.getByLabel(/Numéro de sécurité sociale de l'autre parent/).fill('2 95 10 99 126 111 94')
  await page.getByLabel('Acte de naissance').setInputFiles([])
  await page.getByRole('button', { name: 'Déclarer la naissance' }).click()
  await expect(page.getByText('La clé (les 2 derniers chiffres) ne correspond pas au numéro : vérifiez le numéro de l\'autre parent.').first()).toBeVisible()
  await expect(page.getByText(/n'a pas été trouvé/)).toHaveCount(0)
})

test('d: English pages are in English: the payments chart axis and file sizes', async ({ page }) => {
  await signInInsured(page, 'jonathan')
  await expect(page).toHaveURL(/\/compte$/)
  // An attachment, sent in French.
  await page.goto('/compte/messagerie')
  await page.getByLabel('Thème').selectOption('reimbursement')
  await page.getByLabel('Objet').fill(`Taille des pièces ${Date.now()}`)
  await page.getByLabel('Votre message').fill('Bonjour, voici la facture de ma consultation du 3 novembre.')
  await page.getByLabel('Pièce jointe').setInputFiles({ name: 'facture.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n') })
  await page.getByRole('button', { name: 'Envoyer' }).click()
  await expect(page.getByText('Votre message est envoyé à votre caisse.')).toBeVisible()
  await expect(page.getByText('(1 Ko)')).toBeVisible()

  await toEnglish(page)
  try {
    await expect(page.getByText('(1 kB)')).toBeVisible()
    await expect(page.getByText(/\bKo\b/)).toHaveCount(0)

    await page.goto('/compte/paiements')
    const ticks = page.getByTestId('monthly-chart').locator('text')
    await expect(ticks.first()).toBeVisible()
    const texts = await ticks.allTextContents()
    const months = texts.filter((s) => /[A-Za-zéû]/.test(s))
    expect(months.length).toBeGreaterThan(0)
    for (const m of months) expect(m).toMatch(/^(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec) \d{2}$/)
    const amounts = texts.filter((s) => /\d/.test(s) && !/[A-Za-z]/.test(s))
    expect(amounts.length).toBeGreaterThan(0)
    for (const a of amounts) expect(a).toMatch(/^€[\d,]+$/)

  } finally {
    await page.getByRole('button', { name: 'Lire ce site en français' }).click()
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr')
  }
})

test('f: the simulator has its own favicon and logo; e: the home example is computed for today', async ({ page, request }) => {
  const ico = await request.get('/favicon.ico')
  expect(ico.status()).toBe(200)
  expect(ico.headers()['content-type']).toMatch(/image\/(x-icon|vnd\.microsoft\.icon)/)
  expect(ico.headers()['x-content-type-options']).toBe('nosniff')
  await page.goto('/')
  const iconHref = await page.locator('link[rel="icon"][type="image/svg+xml"]').getAttribute('href')
  expect(iconHref).toMatch(/^\/icon\.svg/)
  const svg = await request.get(iconHref!)
  expect(svg.status()).toBe(200)
  expect(await svg.text()).toContain('<svg')
  expect((await request.get((await page.locator('link[rel="apple-touch-icon"]').getAttribute('href'))!)).status()).toBe(200)
  const banner = page.getByRole('banner')
  await expect(banner.getByTestId('site-logo')).toBeVisible()
  await expect(banner.getByRole('link', { name: /ameli.*simulateur du compte/ })).toBeVisible()

  // The worked example: the engine's figures with the rules of today (the date shown), no 2023 tariff.
  const today = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date())
  const example = page.getByTestId('home-example')
  await expect(example).toContainText(`règles en vigueur le ${today}`)
  await expect(example).toContainText(/30,00\s€/)
  await expect(example).toContainText(/participation forfaitaire de 2,00\s€/)
  await expect(example).not.toContainText('2023')
  await expectAccessible(page)
})
