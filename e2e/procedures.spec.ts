import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { expect, test, type Page } from '@playwright/test'
import { expectAccessible, signInInsured } from './helpers'
import { PDF, identityPhoto as photo, parisDate } from './fixtures'

/**
 * Mes démarches as a user (issue 5, e2e part): Vitale order with a photo, card stolen then reordered, EHIC 10 days
 * before departure with the provisional certificate, birth, CSS, sick-leave allowances. Each page passes axe.
 * The tests share one seeded database and run in order; each uses a person the others do not touch.
 */


async function signIn(page: Page, key: string) {
  await signInInsured(page, key)
  await expect(page).toHaveURL(/\/compte$/)
}

async function attach(page: Page, label: string, file: { name: string; mimeType: string; buffer: Buffer }) {
  await page.getByLabel(label, { exact: true }).setInputFiles(file)
  await expect(page.getByText(`« ${file.name} » a bien été envoyé.`)).toBeVisible()
}

test('order a Vitale card for a child with a photo; it appears in the tracking list', async ({ page }) => {
  await signIn(page, 'jonathan')
  await page.goto('/compte/demarches')
  await expect(page.getByRole('heading', { level: 1, name: 'Mes démarches' })).toBeVisible()
  await expectAccessible(page)
  await page.getByRole('link', { name: 'Commander une carte Vitale' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Commander une carte Vitale' })).toBeVisible()
  await expectAccessible(page)

  // Submitting empty: errors next to the fields and in the summary, nothing created.
  await page.getByRole('button', { name: 'Commander la carte' }).click()
  const summary = page.getByRole('alert').filter({ hasText: 'Le formulaire contient des erreurs' })
  await expect(summary).toBeVisible()
  await expect(summary.getByRole('link', { name: "Ajoutez une photo d'identité." })).toBeVisible()
  await expect(page.getByLabel("Photo d'identité", { exact: true })).toHaveAttribute('aria-invalid', 'true')
  await expectAccessible(page)

  await page.getByRole('radio', { name: 'Léa Martin' }).check()
  await page.getByRole('checkbox', { name: 'Je confirme que la carte doit être envoyée à cette adresse' }).check()
  await attach(page, "Photo d'identité", { name: 'lea.jpg', mimeType: 'image/jpeg', buffer: await photo() })
  await attach(page, "Pièce d'identité", { name: 'passeport.pdf', mimeType: 'application/pdf', buffer: PDF })
  await page.getByRole('button', { name: 'Commander la carte' }).click()
  const done = page.getByRole('status', { name: 'Votre commande de carte Vitale est enregistrée' })
  await expect(done).toBeVisible()
  const reference = (await done.getByTestId('reference').textContent())!.trim()
  expect(reference).toMatch(/^CV-\d{4}-[0-9A-F]{10}$/)
  await expect(done.getByTestId('estimated-date')).toHaveText(/\d{2}\/\d{2}\/\d{4}/)
  await expectAccessible(page)

  await done.getByRole('link', { name: 'Suivre mes démarches' }).click()
  const entry = page.getByRole('article').filter({ hasText: reference })
  await expect(entry.getByRole('heading', { name: 'Commande de carte Vitale' })).toBeVisible()
  await expect(entry).toContainText('Léa Martin')
  await expect(entry).toContainText('Commande enregistrée')
  await expect(page.getByTestId('notification-list')).toContainText(reference)

  // A second order for Léa is refused with the explanation; nothing changes.
  await page.goto('/compte/demarches/carte-vitale')
  await page.getByRole('radio', { name: 'Léa Martin' }).check()
  await page.getByRole('checkbox', { name: 'Je confirme que la carte doit être envoyée à cette adresse' }).check()
  await attach(page, "Photo d'identité", { name: 'lea2.jpg', mimeType: 'image/jpeg', buffer: await photo() })
  await attach(page, "Pièce d'identité", { name: 'passeport2.pdf', mimeType: 'application/pdf', buffer: PDF })
  await page.getByRole('button', { name: 'Commander la carte' }).click()
  await expect(page.getByRole('alert', { name: 'Votre demande ne peut pas être enregistrée' })).toContainText('Une commande de carte Vitale est déjà en cours pour cette personne.')
  await page.goto('/compte/demarches')
  await expect(page.getByRole('article').filter({ hasText: 'Léa Martin' }).filter({ hasText: 'Commande de carte Vitale' })).toHaveCount(1)
})

test('declare the Vitale card stolen and order the new one at once', async ({ page }) => {
  await signIn(page, 'jonathan')
  await page.goto('/compte/demarches/carte-vitale/perte')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Déclarer une carte Vitale perdue, volée ou abîmée')
  await expectAccessible(page)
  await page.getByRole('radio', { name: 'Carte Vitale de Jonathan Pierre Martin' }).check()
  await page.getByRole('radio', { name: 'Volée' }).check()
  await page.getByRole('radio', { name: 'Oui, je commande maintenant' }).check()
  await page.getByRole('checkbox', { name: 'Je confirme que la carte doit être envoyée à cette adresse' }).check()
  await attach(page, "Photo d'identité", { name: 'jonathan.jpg', mimeType: 'image/jpeg', buffer: await photo() })
  await attach(page, "Pièce d'identité", { name: 'cni.pdf', mimeType: 'application/pdf', buffer: PDF })
  await page.getByRole('button', { name: 'Bloquer la carte' }).click()
  const done = page.getByRole('status', { name: 'Votre carte est bloquée' })
  await expect(done).toBeVisible()
  await expect(done).toContainText('Votre nouvelle carte est commandée.')
  const orderRef = (await done.getByTestId('order-reference').textContent())!.trim()
  await expectAccessible(page)

  await page.goto('/compte/demarches')
  await expect(page.getByRole('article').filter({ hasText: 'Déclaration de perte, vol ou casse de carte Vitale' })).toContainText('Volée')
  await expect(page.getByRole('article').filter({ hasText: orderRef })).toContainText('Commande enregistrée')
  // The blocked card can no longer be declared.
  await page.goto('/compte/demarches/carte-vitale/perte')
  await expect(page.getByText('Aucune carte Vitale active', { exact: true })).toBeVisible()
})

test('a card declared lost without reordering: a new order is refused until the wait is over', async ({ page }) => {
  await signIn(page, 'claire')
  await page.goto('/compte/demarches/carte-vitale/perte')
  await page.getByRole('radio', { name: 'Perdue' }).check()
  await page.getByRole('radio', { name: 'Non, plus tard' }).check()
  await page.getByRole('button', { name: 'Bloquer la carte' }).click()
  const done = page.getByRole('status', { name: 'Votre carte est bloquée' })
  await expect(done.getByTestId('reorder-opens-on')).toHaveText(/Vous pourrez commander une nouvelle carte à partir du \d{2}\/\d{2}\/\d{4}\./)

  await page.goto('/compte/demarches/carte-vitale')
  await page.getByRole('checkbox', { name: 'Je confirme que la carte doit être envoyée à cette adresse' }).check()
  await attach(page, "Photo d'identité", { name: 'claire.jpg', mimeType: 'image/jpeg', buffer: await photo() })
  await attach(page, "Pièce d'identité", { name: 'cni.pdf', mimeType: 'application/pdf', buffer: PDF })
  await page.getByRole('button', { name: 'Commander la carte' }).click()
  await expect(page.getByRole('alert', { name: 'Votre demande ne peut pas être enregistrée' })).toContainText('Votre carte a été bloquée récemment : vous pourrez commander une nouvelle carte à partir du')
  await expect(page.getByRole('alert', { name: 'Votre demande ne peut pas être enregistrée' })).toContainText("Rien n'a été modifié dans votre dossier.")
  await expectAccessible(page)
})

test('order an EHIC 10 days before departure, download the provisional certificate and verify its code as a stranger would', async ({ page, browser }) => {
  await signIn(page, 'jonathan')
  await page.goto('/compte/demarches/ceam')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText("Commander une carte européenne d'assurance maladie (CEAM)")
  await expectAccessible(page)
  await page.getByRole('checkbox', { name: 'Jonathan Pierre Martin (moi)' }).check()
  await page.getByLabel('Date de départ').fill(parisDate(10))
  await page.getByRole('button', { name: 'Commander la CEAM' }).click()
  const done = page.getByRole('status', { name: 'Votre commande de CEAM est enregistrée' })
  await expect(done).toBeVisible()
  await expect(done).toContainText("La carte n'arrivera pas avant votre départ")
  await expectAccessible(page)
  await done.getByRole('button', { name: 'Obtenir le certificat provisoire de Jonathan Pierre Martin' }).click()
  const link = done.getByRole('link', { name: 'Télécharger le certificat provisoire de Jonathan Pierre Martin (PDF)' })
  await expect(link).toBeVisible()
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()])
  // Issue 17 item 1: the verification alphabet (no 0/O, 1/I/L), so the printed code passes the public check.
  expect(download.suggestedFilename()).toMatch(/^certificat-provisoire-ceam-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{12}\.pdf$/)
  const file = await download.path()
  expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-')
  const text = execFileSync('pdftotext', [file, '-']).toString()
  expect(text).toMatch(/MARTIN/i)
  expect(text).toMatch(/Jonathan/)
  const printed = text.match(/[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{4}-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{4}-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{4}/)?.[0]
  expect(printed, 'the code printed on the certificate').toBeTruthy()
  const stranger = await browser.newContext()
  const s = await stranger.newPage()
  await s.goto('/verifier-attestation')
  await s.getByLabel('Code de vérification').fill(printed!)
  await s.getByRole('button', { name: 'Vérifier' }).click()
  await expect(s.getByText('Attestation authentique et valable')).toBeVisible()
  await expect(s.getByText('Certificat provisoire de remplacement de la carte européenne d’assurance maladie (CEAM)')).toBeVisible()
  await expect(s.getByText('J. M., né(e) en 1985')).toBeVisible()
  await stranger.close()
})

test('declare a birth with the birth certificate', async ({ page }) => {
  await signIn(page, 'sophie')
  await page.goto('/compte/demarches')
  await page.getByRole('link', { name: 'Déclarer une naissance' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Déclarer une naissance')
  await expectAccessible(page)
  await page.getByLabel('Prénom(s)').fill('Inès Marie')
  await page.getByLabel('Nom', { exact: true }).fill('Durand')
  await page.getByLabel('Date de naissance').fill(parisDate(-3))
  await page.getByRole('radio', { name: 'Fille' }).check()
  await attach(page, 'Acte de naissance', { name: 'acte-naissance.pdf', mimeType: 'application/pdf', buffer: PDF })
  await page.getByRole('button', { name: 'Déclarer la naissance' }).click()
  const done = page.getByRole('status', { name: 'La naissance est déclarée' })
  await expect(done).toBeVisible()
  const reference = (await done.getByTestId('reference').textContent())!.trim()
  await expect(done.getByTestId('estimated-date')).toHaveText(/\d{2}\/\d{2}\/\d{4}/)
  await expectAccessible(page)
  await page.goto('/compte/demarches')
  await expect(page.getByRole('article').filter({ hasText: reference })).toContainText('Déclaration de naissance')
  await expect(page.getByRole('article').filter({ hasText: reference })).toContainText('Reçue')
})

test('apply for the CSS: the assessment with its figures first, then the application', async ({ page }) => {
  await signIn(page, 'mei')
  await page.goto('/compte/demarches/css')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Demander la Complémentaire santé solidaire')
  await expectAccessible(page)
  // Above the ceiling: the explanation, and no way to apply.
  await page.getByLabel('Ressources annuelles du foyer').fill('60000')
  await page.getByRole('button', { name: 'Calculer mon droit' }).click()
  await expect(page.getByRole('heading', { name: 'Vos ressources dépassent le plafond' })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Envoyer ma demande' })).toHaveCount(0)
  // With participation: the monthly amount per person is shown before applying.
  await page.getByLabel('Ressources annuelles du foyer').fill('12000')
  await page.getByRole('button', { name: 'Recalculer' }).click()
  const assessment = page.getByTestId('css-assessment')
  await expect(assessment.getByRole('heading', { name: /Vous pouvez bénéficier de la CSS/ })).toBeVisible()
  await expect(assessment).toContainText('Plafond pour la CSS gratuite')
  await expect(assessment).toContainText(/\d+,\d{2}\s€/)
  await expectAccessible(page)
  await page.getByRole('button', { name: 'Envoyer ma demande' }).click()
  const done = page.getByRole('status', { name: 'Votre demande de CSS est envoyée' })
  await expect(done).toBeVisible()
  const reference = (await done.getByTestId('reference').textContent())!.trim()
  await page.goto('/compte/demarches')
  await expect(page.getByRole('article').filter({ hasText: reference })).toContainText('Demande de Complémentaire santé solidaire')
})

test("see a sick leave's daily allowances and how they were computed", async ({ page }) => {
  await signIn(page, 'jonathan')
  await page.goto('/compte/demarches')
  await page.getByRole('link', { name: 'Mes arrêts de travail' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mes arrêts de travail')
  await expectAccessible(page)
  // Before 1 April 2025: cap 1.8 SMIC; after: 1.4 SMIC (RULEBOOK §6).
  const before = page.getByRole('region', { name: 'Arrêt du 10/03/2025 au 19/03/2025' })
  await expect(before).toContainText('3 jours non indemnisés')
  await expect(before.getByTestId('smic-cap')).toContainText('1,8 fois le SMIC')
  await expect(before.getByTestId('daily-gross')).toHaveText(/\d+,\d{2}\s€/)
  const after = page.getByRole('region', { name: 'Arrêt du 12/10/2026 au 04/12/2026' })
  await expect(after.getByTestId('smic-cap')).toContainText('1,4 fois le SMIC')
  await expect(after.getByRole('table')).toContainText('Net versé')
  await expect(after.getByTestId('next-payment')).toContainText('Prochain paiement')
})

test('the other procedure pages are labelled and pass axe; a wrong IBAN is explained next to the field', async ({ page }) => {
  await signIn(page, 'nadia')
  for (const [path, title] of [
    ['/compte/demarches/adresse', "Changer d'adresse"],
    ['/compte/demarches/coordonnees-bancaires', 'Changer de coordonnées bancaires'],
    ['/compte/demarches/nom-usage', "Changer de nom d'usage"],
    ['/compte/demarches/medecin-traitant?q=Paris', 'Déclarer un médecin traitant'],
    ['/compte/demarches/transport', 'Remboursement de frais de transport'],
    ['/compte/demarches/soins-etranger', "Remboursement de soins reçus à l'étranger"],
  ] as const) {
    await page.goto(path)
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(title)
    await expectAccessible(page)
  }
  await page.goto('/compte/demarches/coordonnees-bancaires')
  await page.getByLabel('IBAN', { exact: true }).fill('FR76 3000 6000 0112 3456 7890 188')
  await page.getByLabel('Titulaire du compte').fill('Nadia Benali')
  await page.getByRole('button', { name: 'Enregistrer le nouveau compte' }).click()
  await expect(page.getByRole('alert', { name: 'Le formulaire contient des erreurs' })).toContainText('Cet IBAN est incorrect (clé de contrôle)')
  await expect(page.getByLabel('IBAN', { exact: true })).toHaveAttribute('aria-invalid', 'true')
  await expect(page.getByLabel('IBAN', { exact: true })).toHaveValue('FR76 3000 6000 0112 3456 7890 188')
  await expectAccessible(page)
})
