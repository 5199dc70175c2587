import { expect, test } from '@playwright/test'
import { advisorParis, expectAccessible, signInInsured, signInStaff } from './helpers'

/** Issue 6 §3, §7: an insured person writes to the caisse, a Paris advisor answers, the person sees it (unread count). */
test('Jonathan writes with an attachment, Camille Roux answers, Jonathan sees the answer and the unread count', async ({ browser }) => {
  const subject = `Remboursement de ma consultation ${Date.now()}`
  const insured = await (await browser.newContext()).newPage()
  await signInInsured(insured, 'jonathan')
  await expect(insured).toHaveURL(/\/compte$/)
  await insured.goto('/compte/messagerie')
  await expect(insured.getByRole('heading', { level: 1, name: 'Ma messagerie' })).toBeVisible()
  await expectAccessible(insured)

  // A too short subject is refused next to its field.
  await insured.getByLabel('Thème').selectOption('reimbursement')
  await insured.getByLabel('Objet').fill('ab')
  await insured.getByLabel('Votre message').fill('Bonjour, je ne vois pas le remboursement de ma consultation du 3 novembre.')
  await insured.getByRole('button', { name: 'Envoyer' }).click()
  await expect(insured.getByRole('alert').filter({ hasText: "L'objet compte de 3 à 150 caractères." })).toBeVisible()
  await expectAccessible(insured)

  await insured.getByLabel('Objet').fill(subject)
  await insured.getByLabel('Pièce jointe').setInputFiles({ name: 'facture.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n') })
  await insured.getByRole('button', { name: 'Envoyer' }).click()
  await expect(insured.getByText('Votre message est envoyé à votre caisse.')).toBeVisible()
  await expect(insured.getByRole('heading', { level: 1, name: subject })).toBeVisible()
  await expect(insured.getByRole('link', { name: 'Télécharger facture.pdf' })).toBeVisible()
  const threadUrl = insured.url().replace(/\?.*$/, '')
  await expectAccessible(insured)

  // Camille (CPAM de Paris) finds it among the open threads, takes it and answers.
  const advisor = await (await browser.newContext()).newPage()
  await signInStaff(advisor, advisorParis.email)
  await expect(advisor).toHaveURL(/\/conseiller$/)
  await advisor.goto('/conseiller/messages')
  await expectAccessible(advisor)
  await advisor.getByRole('link', { name: subject }).click()
  await expect(advisor.getByRole('heading', { level: 1, name: subject })).toBeVisible()
  await advisor.getByRole('button', { name: `Prendre le fil « ${subject} »` }).click()
  await expect(advisor.getByText('Vous avez pris ce fil.')).toBeVisible()
  await expectAccessible(advisor)
  await advisor.getByLabel('Votre réponse').fill('Bonjour, votre remboursement a été versé le 20 novembre. Cordialement.')
  await advisor.getByRole('button', { name: 'Envoyer la réponse' }).click()
  await expect(advisor.getByText("Réponse envoyée : l'assuré est prévenu par e-mail.")).toBeVisible()
  await advisor.goto('/conseiller/messages?status=answered')
  await expect(advisor.getByRole('link', { name: subject })).toBeVisible()
  await advisor.close()

  // Jonathan: 1 unread in the navigation, the answer in the thread, then nothing unread.
  await insured.goto('/compte')
  const nav = insured.getByRole('navigation', { name: 'Navigation principale' }).first()
  await expect(nav.getByRole('link', { name: /Ma messagerie.*1 non lu/ })).toBeVisible()
  await insured.goto('/compte/messagerie')
  await expect(insured.getByText('1 message non lu').first()).toBeVisible()
  await insured.getByRole('link', { name: subject }).click()
  await expect(insured.getByTestId('message').last()).toContainText('votre remboursement a été versé le 20 novembre')
  await expect(insured.getByTestId('message').last()).toContainText('Camille Roux')
  await insured.goto('/compte/messagerie')
  await expect(insured.getByTestId('nav-badge')).toHaveCount(0)
  await expectAccessible(insured)
  await insured.close()

  // Another person and an advisor of another caisse: 404.
  const mei = await (await browser.newContext()).newPage()
  await signInInsured(mei, 'mei')
  await expect(mei).toHaveURL(/\/compte$/)
  expect((await mei.goto(threadUrl))?.status()).toBe(404)
  await mei.close()
  const lyon = await (await browser.newContext()).newPage()
  await signInStaff(lyon, 'julie.fontaine@cpam-rhone.example.fr')
  await expect(lyon).toHaveURL(/\/conseiller$/)
  expect((await lyon.goto(threadUrl.replace('/compte/messagerie/', '/conseiller/messages/')))?.status()).toBe(404)
  await lyon.close()
})
