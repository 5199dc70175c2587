import { expect, test, type Page } from '@playwright/test'
import { demoNir, expectAccessible } from './helpers'
import { FAMILY_MEMBER_DOCUMENTS as FAMILY_DOCUMENTS, PDF, parisDate, smallPng as png } from './fixtures'

/**
 * The public affiliation request (issue 7, applicant side): an American spouse of the demo "jonathan" (Sarah Miller,
 * born in Denver; not the seed's "emily", who is already insured) applies with small generated files, gets her
 * request number and follows the request; the document list follows the situation; without JavaScript every
 * document field shows. Each page passes axe.
 */



async function fillSarah(page: Page) {
  await page.getByRole('radio', { name: "Membre de la famille d'un assuré (conjoint, enfant)" }).check()
  await page.getByRole('group', { name: 'Sexe indiqué sur votre acte de naissance' }).getByRole('radio', { name: 'Féminin' }).check()
  await page.getByLabel('Nom de naissance').fill('Miller')
  await page.getByLabel('Prénoms').fill('Sarah Jane')
  await page.getByLabel('Date de naissance', { exact: true }).fill('1990-04-12')
  await page.getByLabel('Ville de naissance').fill('Denver')
  await page.getByLabel('Pays de naissance').selectOption('US')
  await page.getByLabel('Nationalité').selectOption('US')
  await page.getByRole('group', { name: 'Votre acte de naissance est-il rédigé en français ?' }).getByRole('radio', { name: 'Non' }).check()
  await page.getByLabel('Numéro et voie').fill('18 rue Saint-Maur')
  await page.getByLabel('Code postal').fill('75011')
  await page.getByLabel('Commune').fill('Paris')
  await page.getByLabel("Date d'arrivée en France").fill(parisDate(-40))
  await page.getByLabel('Adresse e-mail').fill('sarah.miller@example.com')
  await page.getByLabel('Numéro de téléphone portable (français)').fill('07 12 34 56 78')
  await page.getByRole('radio', { name: 'English (anglais)' }).check()
  await page.getByLabel('IBAN').fill('FR76 3000 4008 2200 0109 8765 409')
  await page.getByLabel('Titulaire du compte').fill('Sarah Miller')
  await page.getByLabel("Numéro de sécurité sociale de l'assuré que vous rejoignez").fill(demoNir('jonathan'))
}

test('an American spouse applies with her documents, gets her request number and follows it', async ({ page }) => {
  await page.goto('/affiliation')
  await expect(page.getByRole('heading', { level: 1, name: "Demander l'ouverture de vos droits à l'assurance maladie" })).toBeVisible()
  await expectAccessible(page)

  await fillSarah(page)
  // The document list follows the situation, nationality and language chosen: 8 documents for her.
  await expect(page.getByText('8 justificatifs sont demandés pour votre situation.')).toBeVisible()
  await expect(page.locator('input[type=file]')).toHaveCount(FAMILY_DOCUMENTS.length)
  const small = await png()
  for (const [i, label] of FAMILY_DOCUMENTS.entries()) {
    await page.getByLabel(label, { exact: true }).setInputFiles(i % 2 ? { name: `piece-${i}.pdf`, mimeType: 'application/pdf', buffer: PDF } : { name: `piece-${i}.png`, mimeType: 'image/png', buffer: small })
  }

  // Without the declaration ticked: refused, the summary links to the box, the chosen files stay chosen.
  await page.getByRole('button', { name: 'Envoyer ma demande' }).click()
  const summary = page.getByRole('alert').filter({ hasText: 'Le formulaire contient des erreurs' })
  await expect(summary.getByRole('link', { name: 'Cochez la case pour certifier' })).toBeVisible()
  await expectAccessible(page)
  await expect(page.getByLabel(FAMILY_DOCUMENTS[0]!, { exact: true })).toHaveJSProperty('files.length', 1)

  await page.getByRole('checkbox', { name: "Je certifie l'exactitude et l'exhaustivité des informations fournies." }).check()
  await page.getByRole('button', { name: 'Envoyer ma demande' }).click()
  const done = page.getByRole('status', { name: 'Votre demande a bien été envoyée' })
  await expect(done).toBeVisible({ timeout: 15_000 })
  const reference = (await page.getByTestId('affiliation-reference').textContent())!.trim()
  expect(reference).toMatch(/^AFF-\d{4}-[0-9A-F]{10}$/)
  await expect(done).toContainText('Assurance Maladie de Paris')
  await expectAccessible(page)

  // Following it: a wrong birth date is "not found"; the right pair opens the request (keyboard only).
  await done.getByRole('link', { name: 'Suivre ma demande' }).click()
  await expect(page.getByRole('heading', { level: 1, name: "Suivre ma demande d'affiliation" })).toBeVisible()
  await expectAccessible(page)
  await page.getByLabel('Numéro de demande').fill(reference)
  await page.getByLabel('Votre date de naissance').fill('1990-04-13')
  await page.getByRole('button', { name: 'Suivre ma demande' }).click()
  await expect(page.getByRole('alert').filter({ hasText: 'Aucune demande' })).toContainText('Aucune demande ne correspond à ce numéro et à cette date de naissance.')

  await page.getByLabel('Numéro de demande').focus()
  await page.keyboard.press('Control+A')
  await page.keyboard.type(reference.toLowerCase())
  await page.keyboard.press('Tab')
  await expect(page.getByLabel('Votre date de naissance')).toBeFocused()
  await page.getByLabel('Votre date de naissance').fill('1990-04-12')
  // Tab leaves the date field (day, month, year segments) for the button.
  const button = page.getByRole('button', { name: 'Suivre ma demande' })
  for (let i = 0; i < 4 && !(await button.evaluate((b) => b === document.activeElement)); i++) await page.keyboard.press('Tab')
  await expect(button).toBeFocused()
  await page.keyboard.press('Enter')

  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Demande ${reference}`)
  await expect(page.getByText('Envoyée', { exact: true }).first()).toBeVisible()
  const timeline = page.getByTestId('affiliation-timeline')
  await expect(timeline.getByRole('listitem')).toHaveCount(7)
  await expect(timeline.locator('[aria-current="step"]')).toContainText('Accusé de réception de votre dossier')
  await expect(page.getByTestId('affiliation-documents').getByRole('listitem')).toHaveCount(FAMILY_DOCUMENTS.length)
  await expectAccessible(page)

  // The attestation route answers only with the cookie, and only once an attestation exists.
  expect((await page.request.get('/affiliation/suivi/attestation')).status()).toBe(404)

  await page.getByRole('button', { name: 'Quitter le suivi de cette demande' }).click()
  await expect(page.getByLabel('Numéro de demande')).toBeVisible()
  expect((await page.request.get('/affiliation/suivi/attestation')).status()).toBe(401)
})

test('the document list and the situation field follow the situation chosen', async ({ page }) => {
  await page.goto('/affiliation')
  await expect(page.getByText('Choisissez votre situation ci-dessus')).toBeVisible()
  await page.getByRole('radio', { name: 'Salarié(e) en France' }).check()
  await page.getByLabel('Nationalité').selectOption('DE')
  await expect(page.getByLabel('Nom de votre employeur')).toBeVisible()
  await expect(page.getByLabel("Numéro de sécurité sociale de l'assuré que vous rejoignez")).toHaveCount(0)
  await expect(page.getByLabel('Contrat de travail ou bulletins de salaire', { exact: true })).toBeVisible()
  await expect(page.getByLabel('Titre de séjour ou visa en cours de validité', { exact: true })).toHaveCount(0)
  await page.getByLabel('Nationalité').selectOption('US')
  await expect(page.getByLabel('Titre de séjour ou visa en cours de validité', { exact: true })).toBeVisible()
  await page.getByRole('radio', { name: 'Étudiant(e)' }).check()
  await expect(page.getByLabel('Nom de votre employeur')).toHaveCount(0)
  await expect(page.getByLabel("Certificat de scolarité de l'établissement d'enseignement", { exact: true })).toBeVisible()
  await expectAccessible(page)
})

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false })

  test('every document field shows with who must send it; the server checks', async ({ page }) => {
    await page.goto('/affiliation')
    await expect(page.getByText('Seuls certains de ces justificatifs vous concernent')).toBeVisible()
    await expect(page.locator('input[type=file]')).toHaveCount(12)
    await expect(page.getByText('Demandé si vous êtes : Salarié(e) en France.')).toBeVisible()
    await page.getByRole('radio', { name: 'Étudiant(e)' }).check()
    await page.getByRole('button', { name: 'Envoyer ma demande' }).click()
    // The page comes back with the errors (axe needs JavaScript: the same page is checked with it above).
    await expect(page.getByRole('alert').filter({ hasText: 'Le formulaire contient des erreurs' })).toBeVisible()
    await expect(page.getByText('les fichiers choisis ne sont pas conservés après une erreur')).toBeVisible()
  })
})

test.describe('in English (newcomers: the browser asks for English)', () => {
  test.use({ locale: 'en-GB' })

  test('the request form, the follow-up and the activation page speak English; the document list follows the situation', async ({ page }) => {
    await page.goto('/affiliation')
    await expect(page.getByRole('heading', { level: 1, name: 'Apply for health insurance cover' })).toBeVisible()
    await page.getByRole('radio', { name: 'Student' }).check()
    await page.getByLabel('Nationality').selectOption('CN')
    await page.getByRole('group', { name: 'Is your birth certificate written in French?' }).getByRole('radio', { name: 'No' }).check()
    for (const label of ['Enrolment certificate from your school or university', 'Translation of the birth certificate by a sworn translator', 'Valid residence permit or visa (titre de séjour)']) {
      await expect(page.getByLabel(label, { exact: true })).toBeVisible()
    }
    await expect(page.getByLabel('Proof of residence over 3 consecutive months (rent receipts, electricity bills…)', { exact: true })).toHaveCount(0)
    await expectAccessible(page)

    await page.goto('/affiliation/suivi')
    await expect(page.getByRole('heading', { level: 1, name: 'Follow my affiliation request' })).toBeVisible()
    await expectAccessible(page)

    await page.goto('/activer-mon-compte')
    await expect(page.getByRole('heading', { level: 1, name: 'Activate my ameli account' })).toBeVisible()
    await expectAccessible(page)
  })
})
