import { execFileSync } from 'node:child_process'
import { expect, test, type Page } from '@playwright/test'
import { advisorParis, demoNir, expectAccessible, signInStaff } from './helpers'
import { FAMILY_MEMBER_DOCUMENTS as DOCUMENTS, PDF, identityPhoto, lastActivationCodeSentTo, parisDate, smallPng } from './fixtures'

/**
 * Issue 7, the whole path of seed 003 (an American spouse of a French insured person), across the three sides:
 *  1. Ashley applies for the opening of her rights (family member, spouse = the demo "marc") with her documents;
 *  2. the Paris advisor confirms receipt and asks for a better proof of residence (3 consecutive months);
 *  3. Ashley sees what is asked and why on her follow-up page, adds it;
 *  4. the advisor registers her with a temporary number (8 …), she sees it;
 *  5. the advisor gives the permanent number (2 89 02 99 404 …) and the attestation de droits, which she downloads;
 *  6. she asks for her ameli account, reads the SMS code (outbox), signs in with NIR + code, chooses a password;
 *  7. her home invites her to order her first carte Vitale; she orders it; her follow-up timeline shows every step done.
 */

const CONFIRM_WITHDRAW = 'Cochez la case pour confirmer le retrait de votre demande.'
/** Letters unique per test attempt: a retry must not meet the first attempt's request or file for the same identity. */
const attemptTag = () => Array.from({ length: 5 }, () => 'abcdefghijklmnopqrstuvwxyz'[Math.floor(Math.random() * 26)]).join('')
const ASHLEY = { firstNames: `Ashley ${attemptTag()}`, birthDate: '1989-02-08', postalCode: '75011', phone: '07 98 76 54 32', password: 'Chicago-Paris-2026' }


async function openRequestAsAdvisor(advisor: Page, reference: string) {
  await advisor.goto('/conseiller?type=affiliation&status=all')
  await advisor.getByRole('table').getByRole('link', { name: reference }).click()
  await expect(advisor.getByRole('heading', { level: 1 })).toHaveText(`Demande d'affiliation — ${ASHLEY.firstNames} Brooks`)
}

async function followRequest(page: Page, reference: string) {
  await page.goto('/affiliation/suivi')
  if (await page.getByLabel('Numéro de demande').isVisible()) {
    await page.getByLabel('Numéro de demande').fill(reference)
    await page.getByLabel('Votre date de naissance').fill(ASHLEY.birthDate)
    await page.getByRole('button', { name: 'Suivre ma demande' }).click()
  }
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Demande ${reference}`)
}

test('seed 003 end to end: request, missing proof, temporary then permanent number, account with the SMS code, first carte Vitale', async ({ page, browser }) => {
  test.setTimeout(180_000)

  // 1. The request, with the 8 documents her situation requires.
  await page.goto('/affiliation')
  await page.getByRole('radio', { name: "Membre de la famille d'un assuré (conjoint, enfant)" }).check()
  await page.getByRole('group', { name: 'Sexe indiqué sur votre acte de naissance' }).getByRole('radio', { name: 'Féminin' }).check()
  await page.getByLabel('Nom de naissance').fill('Brooks')
  await page.getByLabel('Prénoms').fill(ASHLEY.firstNames)
  await page.getByLabel('Date de naissance', { exact: true }).fill(ASHLEY.birthDate)
  await page.getByLabel('Ville de naissance').fill('Chicago')
  await page.getByLabel('Pays de naissance').selectOption('US')
  await page.getByLabel('Nationalité').selectOption('US')
  await page.getByRole('group', { name: 'Votre acte de naissance est-il rédigé en français ?' }).getByRole('radio', { name: 'Non' }).check()
  await page.getByLabel('Numéro et voie').fill('7 rue Oberkampf')
  await page.getByLabel('Code postal').fill(ASHLEY.postalCode)
  await page.getByLabel('Commune').fill('Paris')
  await page.getByLabel("Date d'arrivée en France").fill(parisDate(-20))
  await page.getByLabel('Adresse e-mail').fill('ashley.brooks@example.com')
  await page.getByLabel('Numéro de téléphone portable (français)').fill(ASHLEY.phone)
  await page.getByLabel('IBAN').fill('FR76 3000 4008 2200 0109 8765 409')
  await page.getByLabel('Titulaire du compte').fill('Ashley Brooks')
  await page.getByLabel("Numéro de sécurité sociale de l'assuré que vous rejoignez").fill(demoNir('marc'))
  await expect(page.getByText('8 justificatifs sont demandés pour votre situation.')).toBeVisible()
  const png = await smallPng()
  for (const [i, label] of DOCUMENTS.entries()) {
    await page.getByLabel(label, { exact: true }).setInputFiles(i % 2 ? { name: `piece-${i}.pdf`, mimeType: 'application/pdf', buffer: PDF } : { name: `piece-${i}.png`, mimeType: 'image/png', buffer: png })
  }
  await page.getByRole('checkbox', { name: "Je certifie l'exactitude et l'exhaustivité des informations fournies." }).check()
  await page.getByRole('button', { name: 'Envoyer ma demande' }).click()
  await expect(page.getByRole('status', { name: 'Votre demande a bien été envoyée' })).toBeVisible({ timeout: 15_000 })
  const reference = (await page.getByTestId('affiliation-reference').textContent())!.trim()
  expect(reference).toMatch(/^AFF-\d{4}-[0-9A-F]{10}$/)

  // 2. The advisor confirms receipt, then asks for 3 consecutive months of proof of residence.
  const advisorContext = await browser.newContext()
  const advisor = await advisorContext.newPage()
  await signInStaff(advisor, advisorParis.email)
  await expect(advisor).toHaveURL(/\/conseiller$/)
  await openRequestAsAdvisor(advisor, reference)
  await expect(advisor.getByRole('note').filter({ hasText: 'Toutes les pièces exigées sont jointes' })).toBeVisible()
  await advisor.getByRole('button', { name: 'Accuser réception' }).click()
  await expect(advisor.getByRole('status').filter({ hasText: 'Réception confirmée' })).toBeVisible()
  const ask = advisor.locator('#form-document')
  await ask.getByLabel('Pièce demandée').selectOption('proof-of-residence')
  await ask.getByLabel('Motif (montré à la personne)').fill('Vos quittances ne couvrent que 2 mois : ajoutez une facture du troisième mois.')
  await ask.getByRole('button', { name: 'Demander la pièce' }).click()
  await expect(advisor.getByRole('status').filter({ hasText: 'Pièce demandée' })).toBeVisible()

  // 3. Ashley sees what is asked and why, and adds it.
  await followRequest(page, reference)
  await expect(page.getByText('Pièce demandée', { exact: true }).first()).toBeVisible()
  await expect(page.getByText("Votre caisse vous demande : Justificatifs de résidence sur 3 mois consécutifs (quittances de loyer, factures d'électricité…).")).toBeVisible()
  await expect(page.getByText('Vos quittances ne couvrent que 2 mois')).toBeVisible()
  await expectAccessible(page)
  await page.getByLabel(/^Fichier : Justificatifs de résidence/).setInputFiles({ name: 'facture-edf.pdf', mimeType: 'application/pdf', buffer: PDF })
  await page.getByRole('button', { name: 'Envoyer ce justificatif' }).click()
  await expect(page.getByText("Merci : votre justificatif a été envoyé. Votre demande est de nouveau à l'étude.")).toBeVisible()
  await expect(page.getByText("En cours d'étude", { exact: true }).first()).toBeVisible()

  // 4. The temporary number (8 = a woman; 99 404 = born in the United States).
  await openRequestAsAdvisor(advisor, reference)
  await expect(advisor.getByRole('textbox', { name: 'Code pays INSEE' })).toHaveValue('404')
  await advisor.getByRole('button', { name: 'Attribuer le numéro provisoire' }).click()
  await expect(advisor.getByRole('status')).toContainText('Numéro provisoire 8 89 02 99 404')
  await followRequest(page, reference)
  await expect(page.getByText('Numéro provisoire', { exact: true })).toBeVisible()
  await expect(page.getByText(/8 89 02 99 404 \d{3} \d{2}/)).toBeVisible()
  await expect(page.getByRole('link', { name: 'Activer votre compte ameli' })).toHaveCount(0)

  // 5. The permanent number and the attestation de droits.
  await openRequestAsAdvisor(advisor, reference)
  await advisor.getByRole('button', { name: 'Attribuer le numéro définitif' }).click()
  await expect(advisor.getByRole('status')).toContainText('Numéro définitif 2 89 02 99 404')
  const permanent = (await advisor.getByTestId('permanent-nir').textContent())!.match(/2 89 02 99 404 \d{3} \d{2}/)![0]
  await advisorContext.close()

  await followRequest(page, reference)
  await expect(page.getByText(permanent)).toBeVisible()
  const download = page.waitForEvent('download')
  await page.getByRole('link', { name: 'Télécharger mon attestation de droits (PDF)' }).click()
  const pdf = execFileSync('pdftotext', ['-layout', (await (await download).path())!, '-']).toString()
  expect(pdf).toContain('BROOKS')
  expect(pdf.replace(/\s+/g, '')).toContain(permanent.replace(/\s+/g, ''))
  await expectAccessible(page)

  // 6. The account: a code by SMS, the first sign-in with NIR + code, a new password.
  await page.getByRole('link', { name: 'Activer votre compte ameli' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Activer mon compte ameli' })).toBeVisible()
  await page.getByLabel('Numéro de sécurité sociale (avec la clé)').fill(permanent)
  await page.getByLabel('Date de naissance').fill(ASHLEY.birthDate)
  await page.getByLabel('Code postal de votre adresse').fill(ASHLEY.postalCode)
  await page.getByRole('button', { name: 'Recevoir mon code provisoire' }).click()
  await expect(page.getByTestId('activation-sent')).toBeVisible()
  const code = lastActivationCodeSentTo(ASHLEY.phone)
  expect(code).toMatch(/^\d{4}$/)

  await page.goto('/connexion')
  await page.getByLabel('Numéro de sécurité sociale').fill(permanent)
  await page.getByLabel('Mot de passe', { exact: true }).fill(code!)
  await page.getByRole('button', { name: 'Je me connecte' }).click()
  await expect(page).toHaveURL(/\/compte\/nouveau-mot-de-passe$/)
  await page.getByLabel('Nouveau mot de passe').fill(ASHLEY.password)
  await page.getByLabel('Confirmez le mot de passe').fill(ASHLEY.password)
  await page.getByRole('button', { name: 'Enregistrer mon mot de passe' }).click()
  await expect(page).toHaveURL(/\/compte$/)

  // 7. The first carte Vitale, from the invitation on her home.
  const invitation = page.getByTestId('first-vitale')
  await expect(invitation.getByRole('heading', { name: 'Commandez votre première carte Vitale' })).toBeVisible()
  await invitation.getByRole('link', { name: 'Commander ma carte Vitale' }).click()
  await page.getByRole('checkbox', { name: 'Je confirme que la carte doit être envoyée à cette adresse' }).check()
  await page.getByLabel("Photo d'identité", { exact: true }).setInputFiles({ name: 'ashley.jpg', mimeType: 'image/jpeg', buffer: await identityPhoto() })
  await expect(page.getByText('« ashley.jpg » a bien été envoyé.')).toBeVisible()
  await page.getByLabel("Pièce d'identité", { exact: true }).setInputFiles({ name: 'passport.pdf', mimeType: 'application/pdf', buffer: PDF })
  await expect(page.getByText('« passport.pdf » a bien été envoyé.')).toBeVisible()
  await page.getByRole('button', { name: 'Commander la carte' }).click()
  await expect(page.getByRole('status', { name: 'Votre commande de carte Vitale est enregistrée' })).toBeVisible()

  // The follow-up timeline: every step up to the card order is done, with its date.
  await followRequest(page, reference)
  const timeline = page.getByTestId('affiliation-timeline')
  for (const step of ['Demande envoyée', 'Accusé de réception de votre dossier', 'Numéro de sécurité sociale provisoire', 'Numéro de sécurité sociale définitif', 'Activation de votre compte ameli', 'Commande de votre première carte Vitale']) {
    await expect(timeline.getByRole('listitem').filter({ hasText: step }).first()).toContainText('Fait')
  }
  await expect(timeline.locator('[aria-current="step"]')).toContainText('Réception de votre carte Vitale')
  await expectAccessible(page)
})

/** A student's request (6 documents: identity, birth certificate and its translation, permit, enrolment, RIB). */
async function submitStudent(page: Page, person: { firstNames: string; birthName: string; birthDate: string; email: string }): Promise<string> {
  await page.goto('/affiliation')
  await page.getByRole('radio', { name: 'Étudiant(e)' }).check()
  await page.getByRole('group', { name: 'Sexe indiqué sur votre acte de naissance' }).getByRole('radio', { name: 'Masculin' }).check()
  await page.getByLabel('Nom de naissance').fill(person.birthName)
  await page.getByLabel('Prénoms').fill(person.firstNames)
  await page.getByLabel('Date de naissance', { exact: true }).fill(person.birthDate)
  await page.getByLabel('Ville de naissance').fill('Séoul')
  await page.getByLabel('Pays de naissance').selectOption('KR')
  await page.getByLabel('Nationalité').selectOption('KR')
  await page.getByRole('group', { name: 'Votre acte de naissance est-il rédigé en français ?' }).getByRole('radio', { name: 'Non' }).check()
  await page.getByLabel('Numéro et voie').fill('3 rue des Écoles')
  await page.getByLabel('Code postal').fill('75005')
  await page.getByLabel('Commune').fill('Paris')
  await page.getByLabel("Date d'arrivée en France").fill(parisDate(-10))
  await page.getByLabel('Adresse e-mail').fill(person.email)
  await page.getByLabel('Numéro de téléphone portable (français)').fill('07 11 22 33 44')
  await page.getByLabel('IBAN').fill('FR76 3000 4008 2200 0109 8765 409')
  await page.getByLabel('Titulaire du compte').fill(`${person.firstNames} ${person.birthName}`)
  const documents = page.locator('input[type=file]')
  await expect(documents).toHaveCount(6)
  for (let i = 0; i < 6; i++) await documents.nth(i).setInputFiles({ name: `piece-${i}.pdf`, mimeType: 'application/pdf', buffer: PDF })
  await page.getByRole('checkbox', { name: "Je certifie l'exactitude et l'exhaustivité des informations fournies." }).check()
  await page.getByRole('button', { name: 'Envoyer ma demande' }).click()
  await expect(page.getByRole('status', { name: 'Votre demande a bien été envoyée' })).toBeVisible({ timeout: 15_000 })
  return (await page.getByTestId('affiliation-reference').textContent())!.trim()
}

test('a refused request shows the advisor’s reason to the applicant; a withdrawn one can no longer be processed', async ({ page, browser }) => {
  // Two requests and an advisor: longer than the default 30 s on a busy CI machine. Names unique per attempt, so a
  // retry does not meet the first attempt's request still open for the same identity.
  test.setTimeout(120_000)
  const tag = attemptTag()
  // Refusal: the advisor gives a reason (required); the applicant reads it on the follow-up page.
  const refused = await submitStudent(page, { firstNames: `Minjun ${tag}`, birthName: 'Park', birthDate: '2002-05-20', email: 'minjun.park@example.com' })
  const advisorContext = await browser.newContext()
  const advisor = await advisorContext.newPage()
  await signInStaff(advisor, advisorParis.email)
  await expect(advisor).toHaveURL(/\/conseiller$/)
  await advisor.goto('/conseiller?type=affiliation&status=all')
  await advisor.getByRole('table').getByRole('link', { name: refused }).click()
  const reject = advisor.locator('#form-reject')
  await reject.getByRole('button', { name: 'Refuser la demande' }).click()
  await expect(reject.getByRole('alert')).toContainText('Indiquez un motif')
  await reject.getByLabel('Motif du refus (montré à la personne)').fill("Votre établissement n'est pas reconnu : vous relevez de l'assurance de votre pays (formulaire S1).")
  await reject.getByRole('button', { name: 'Refuser la demande' }).click()
  await expect(advisor.getByRole('status').filter({ hasText: 'refusée' })).toBeVisible()

  await page.goto('/affiliation/suivi')
  await page.getByLabel('Numéro de demande').fill(refused)
  await page.getByLabel('Votre date de naissance').fill('2002-05-20')
  await page.getByRole('button', { name: 'Suivre ma demande' }).click()
  await expect(page.getByText('Votre demande a été refusée')).toBeVisible()
  await expect(page.getByText("Votre établissement n'est pas reconnu").first()).toBeVisible()
  await expect(page.getByTestId('affiliation-timeline').getByRole('listitem').filter({ hasText: 'Demande refusée' })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Retirer ma demande' })).toHaveCount(0)
  await expectAccessible(page)
  await page.getByRole('button', { name: 'Quitter le suivi de cette demande' }).click()
  await expect(page.getByLabel('Numéro de demande')).toBeVisible()

  // Withdrawal: the applicant confirms; the advisor then has no step left on it.
  const withdrawn = await submitStudent(page, { firstNames: `Seo-yeon ${tag}`, birthName: 'Kim', birthDate: '2003-09-01', email: 'seoyeon.kim@example.com' })
  await page.goto('/affiliation/suivi')
  await page.getByLabel('Numéro de demande').fill(withdrawn)
  await page.getByLabel('Votre date de naissance').fill('2003-09-01')
  await page.getByRole('button', { name: 'Suivre ma demande' }).click()
  // Without the confirmation ticked, nothing is withdrawn.
  await page.getByRole('button', { name: 'Retirer ma demande' }).click()
  await expect(page.getByText(CONFIRM_WITHDRAW)).toBeVisible()
  await expect(page.getByRole('checkbox', { name: `Je confirme retirer ma demande ${withdrawn}.` })).toHaveAttribute('aria-invalid', 'true')
  await expect(page.getByText('Envoyée', { exact: true }).first()).toBeVisible()
  await page.getByRole('checkbox', { name: `Je confirme retirer ma demande ${withdrawn}.` }).check()
  await page.getByRole('button', { name: 'Retirer ma demande' }).click()
  await expect(page.getByText('Votre demande a été retirée.')).toBeVisible()
  await expect(page.getByText('Retirée', { exact: true }).first()).toBeVisible()
  await expect(page.getByRole('button', { name: 'Retirer ma demande' })).toHaveCount(0)

  await advisor.goto('/conseiller?type=affiliation&status=all')
  await advisor.getByRole('table').getByRole('link', { name: withdrawn }).click()
  await expect(advisor.getByText("Aucune action n'est possible sur cette demande dans son état actuel.")).toBeVisible()
  await advisorContext.close()
})
