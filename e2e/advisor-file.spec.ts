import { expect, test, type Browser, type Page } from '@playwright/test'
import { demoNir, expectAccessible, signInInsured, signInStaff, supervisor } from './helpers'

/**
 * Issue 17 §6 and §7 (360° file), as advisors use them: Nadia's CSS application read in euros and words (no raw
 * JSON), taken then approved with a confirmation each time; her 360° file with translated statuses, a note and a
 * call logged; on Sophie's file a document previewed and marked not compliant (the reason is required); the audit
 * journal in words ("Pièce vérifiée", "réussi"). axe on each page.
 */

const advisorLyon = 'julie.fontaine@cpam-rhone.example.fr'
const advisorParis = 'camille.roux@cpam-paris.example.fr'

async function newPage(browser: Browser): Promise<Page> {
  return (await browser.newContext()).newPage()
}

function parisToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date())
}

async function openFile(page: Page, person: string, name: RegExp) {
  await page.goto('/conseiller/assures')
  await page.getByLabel('Numéro de sécurité sociale').fill(demoNir(person))
  await page.getByRole('button', { name: 'Rechercher' }).click()
  await page.getByRole('link', { name }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name)
}

test('an advisor reads, takes and approves a CSS application; the 360° file speaks words; notes and a call are logged', async ({ browser }) => {
  // Nadia applies for the CSS with 9 000 € a year.
  const nadia = await newPage(browser)
  await signInInsured(nadia, 'nadia')
  await expect(nadia).toHaveURL(/\/compte$/, { timeout: 20_000 })
  await nadia.goto('/compte/demarches/css')
  await nadia.getByLabel('Ressources annuelles du foyer').fill('9000')
  await nadia.getByRole('button', { name: 'Calculer mon droit' }).click()
  await nadia.getByRole('button', { name: 'Envoyer ma demande' }).click()
  const sent = nadia.getByRole('status', { name: 'Votre demande de CSS est envoyée' })
  await expect(sent).toBeVisible()
  const reference = (await sent.getByTestId('reference').textContent())!.trim()
  await nadia.close()

  const advisor = await newPage(browser)
  await signInStaff(advisor, advisorLyon)
  await expect(advisor).toHaveURL(/\/conseiller$/, { timeout: 20_000 })
  await openFile(advisor, 'nadia', /Nadia .*Benali/)
  await advisor.getByRole('link', { name: reference }).click()
  await expect(advisor.getByRole('heading', { level: 1 })).toHaveText('Demande de Complémentaire santé solidaire')

  // What the person declared: euros, words, dates; never cents or JSON.
  const declared = advisor.locator('section').filter({ has: advisor.getByRole('heading', { name: "Ce que l'assuré a déclaré" }) })
  await expect(declared).toContainText(/Ressources annuelles\s*9\s000,00\s€/)
  await expect(declared).toContainText('Éligible à la CSS gratuite')
  await expect(declared).toContainText(/Début du droit\s*\d{2}\/\d{2}\/\d{4}/)
  await expect(declared).not.toContainText('900000')
  await expect(declared).not.toContainText('{')
  await expect(declared).not.toContainText('outcome')
  await expectAccessible(advisor)

  // Take, then approve: each step says what was done.
  await advisor.getByRole('button', { name: 'Prendre en charge' }).click()
  await expect(advisor.getByRole('status').filter({ hasText: `Vous avez pris en charge la demande ${reference}.` })).toBeVisible()
  await expect(advisor).toHaveURL(/\?done=start-review$/)
  await advisor.getByRole('button', { name: 'Accepter' }).click()
  await expect(advisor.getByRole('status').filter({ hasText: `La demande ${reference} est acceptée.` })).toBeVisible()
  await expectAccessible(advisor)
  // A made-up confirmation in the address is ignored.
  await advisor.goto(advisor.url().replace(/\?done=.*$/, '?done=<b>hacked</b>'))
  await expect(advisor.getByTestId('done-notice')).toHaveCount(0)

  // The 360° file: statuses and types in words.
  await advisor.getByRole('link', { name: /Nadia .*Benali/ }).click()
  const procedures = advisor.getByRole('region', { name: 'Démarches et commandes' })
  const row = procedures.getByRole('row').filter({ hasText: reference })
  await expect(row).toContainText('Demande de Complémentaire santé solidaire')
  await expect(row).toContainText('Acceptée')
  await expect(procedures).not.toContainText(/\b(approved|submitted|in-review|sick-leave|css-application)\b/)

  // A note, then a call: newest first, with the author.
  const add = advisor.getByRole('region', { name: 'Ajouter une note ou un contact' })
  await add.getByLabel('Type').selectOption({ label: 'Note interne' })
  await add.getByLabel('Date du contact').fill(parisToday())
  await add.getByRole('button', { name: 'Ajouter au dossier' }).click()
  await expect(add.getByRole('alert')).toContainText('Saisissez le contenu de la note ou le résumé du contact.')
  await add.getByLabel('Résumé').fill('Justificatif de ressources reçu au guichet')
  await add.getByRole('button', { name: 'Ajouter au dossier' }).click()
  await expect(add.getByRole('status')).toHaveText('Ajouté au dossier.')
  await add.getByLabel('Type').selectOption({ label: 'Appel reçu' })
  await add.getByLabel('Date du contact').fill(parisToday())
  await add.getByLabel('Résumé').fill('Appel : question sur la date de début de la CSS')
  await add.getByRole('button', { name: 'Ajouter au dossier' }).click()
  const history = advisor.getByTestId('file-notes')
  await expect(history.getByRole('listitem')).toHaveCount(2)
  await expect(history.getByRole('listitem').first()).toContainText('Appel reçu')
  await expect(history.getByRole('listitem').first()).toContainText('Julie Fontaine')
  await expect(history.getByRole('listitem').nth(1)).toContainText('Justificatif de ressources reçu au guichet')
  await expectAccessible(advisor)
  await advisor.close()
})

test("a document of Sophie's file is previewed and marked not compliant with its reason; the audit journal says it in words", async ({ browser }) => {
  const advisor = await newPage(browser)
  await signInStaff(advisor, advisorParis)
  await expect(advisor).toHaveURL(/\/conseiller$/, { timeout: 20_000 })
  await openFile(advisor, 'sophie', /Sophie .*Durand/)
  const photo = advisor.getByTestId('file-document').filter({ hasText: 'photo-sophie.jpg' })
  const preview = photo.getByRole('img', { name: 'Aperçu de photo-sophie.jpg' })
  await expect(preview).toBeVisible()
  expect(await preview.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0)
  // The PDF: an inline frame of this site (the preview route may be framed by our pages only).
  const pdf = advisor.getByTestId('file-document').filter({ hasText: 'carte-identite.pdf' })
  const frame = pdf.locator('iframe[title="Aperçu de carte-identite.pdf"]')
  await expect(frame).toHaveCount(1)
  const src = await frame.getAttribute('src')
  const reply = await advisor.request.get(src!)
  expect(reply.status()).toBe(200)
  expect(reply.headers()['content-type']).toBe('application/pdf')
  expect(reply.headers()['content-disposition']).toBe('inline')
  expect(reply.headers()['content-security-policy']).toContain("frame-ancestors 'self'")
  expect(reply.headers()['x-frame-options']).toBe('SAMEORIGIN')

  await expect(photo.getByTestId('document-verdict')).toHaveText('Pas encore vérifiée')
  await photo.getByRole('radio', { name: 'Non conforme' }).check()
  await photo.getByRole('button', { name: 'Enregistrer la vérification' }).click()
  await expect(photo).toContainText("Indiquez pourquoi la pièce n'est pas conforme")
  await photo.getByLabel('Motif (si non conforme)').fill('Photo floue : visage non reconnaissable')
  await photo.getByRole('button', { name: 'Enregistrer la vérification' }).click()
  await expect(photo.getByTestId('document-verdict')).toContainText('Non conforme : Photo floue : visage non reconnaissable · vérifiée par Camille Roux le')
  await expectAccessible(advisor)
  await advisor.close()

  const boss = await newPage(browser)
  await signInStaff(boss, supervisor.email)
  await expect(boss).toHaveURL(/\/conseiller$/, { timeout: 20_000 })
  await boss.goto('/conseiller/audit')
  await boss.getByLabel('Action', { exact: true }).fill('upload.verdict')
  await boss.getByRole('button', { name: 'Filtrer' }).click()
  const first = boss.getByRole('table').getByRole('row').nth(1)
  await expect(first).toContainText('Pièce vérifiée')
  await expect(first).toContainText('pièce jointe')
  await expect(first).toContainText('réussi')
  await expect(first).toContainText('Camille Roux')
  await expect(boss.getByRole('table')).not.toContainText('success')
  await expectAccessible(boss)
  await boss.close()
})
