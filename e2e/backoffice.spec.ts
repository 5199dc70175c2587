import fs from 'node:fs'
import { expect, test, type Browser, type Page } from '@playwright/test'
import { advisorParis, demoNir, expectAccessible, signInInsured, signInStaff, supervisor } from './helpers'

/**
 * The advisor back-office (issue 6 §4, §5, §8): the queue and a Vitale order walked to delivery while the insured
 * person watches it in Mes démarches; a paper care sheet paid on the next run; another caisse's file is a 404;
 * the supervisor's audit journal and its CSV export. axe on every page.
 */

const advisorLyon = 'julie.fontaine@cpam-rhone.example.fr'
const ORDER = 'CV-2026-SEEDB0FF1C'

/** A page in its own context (separate sessions; axe needs pages made by a context). */
async function newPage(browser: Browser): Promise<Page> {
  return (await browser.newContext()).newPage()
}

function parisDate(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000)
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d)
}

/** "30,00 €" as the page writes it (Intl puts a narrow or plain no-break space before the euro sign). */
function spaced(text: string): RegExp {
  return new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s')}$`)
}

async function orderStatusSeenBy(page: Page, status: string) {
  await page.goto('/compte/demarches')
  await expect(page.getByRole('article').filter({ hasText: ORDER })).toContainText(status)
}

async function openJonathanFile(page: Page) {
  await page.goto('/conseiller/assures')
  await page.getByLabel('Numéro de sécurité sociale').fill(demoNir('jonathan'))
  await page.getByRole('button', { name: 'Rechercher' }).click()
  // Attack "NIR in the query string (proxy logs, history, Referer)": the result page's URL holds a sealed token only.
  await expect(page).toHaveURL(/\/conseiller\/assures\?q=[A-Za-z0-9_-]+$/)
  expect(page.url()).not.toContain(demoNir('jonathan').slice(0, 13))
  await page.getByRole('link', { name: 'Jonathan Pierre Martin' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Jonathan Pierre Martin')
}

test('an advisor at CPAM Paris takes a Vitale order from the queue to delivery; Sophie sees each step in Mes démarches', async ({ browser }) => {
  const advisor = await newPage(browser)
  await signInStaff(advisor, advisorParis.email)
  await expect(advisor).toHaveURL(/\/conseiller$/)
  await expect(advisor.getByRole('heading', { name: 'File des demandes' })).toBeVisible()
  await expectAccessible(advisor)
  await advisor.getByLabel('Type de demande').selectOption('vitale-order')
  await advisor.getByRole('button', { name: 'Filtrer' }).click()
  await expect(advisor).toHaveURL(/type=vitale-order/)
  await advisor.getByRole('link', { name: ORDER }).click()
  await expect(advisor.getByRole('heading', { level: 1 })).toHaveText('Commande de carte Vitale')
  await expect(advisor.getByRole('img', { name: /Photo d'identité envoyée pour la carte de Sophie Durand/ })).toBeVisible()
  await expectAccessible(advisor)

  const sophie = await newPage(browser)
  await signInInsured(sophie, 'sophie')
  await expect(sophie).toHaveURL(/\/compte$/)
  await orderStatusSeenBy(sophie, 'Commande enregistrée')

  for (const [button, status] of [
    ["Valider la photo et la pièce d'identité", 'Photo vérifiée'],
    ['Lancer la fabrication', 'En fabrication'],
    ['Marquer comme envoyée', 'Envoyée'],
    ['Marquer comme livrée', 'Livrée'],
  ] as const) {
    await advisor.getByRole('button', { name: button }).click()
    await expect(advisor.getByTestId('order-status')).toHaveText(status)
    await orderStatusSeenBy(sophie, status)
  }
  await expect(advisor.getByText('Cette demande est close')).toBeVisible()
  await expectAccessible(advisor)
  await sophie.close()
  await advisor.close()
})

test('an advisor enters a paper care sheet: the engine computes it, the payment is scheduled and the person sees it', async ({ browser }) => {
  const advisor = await newPage(browser)
  await signInStaff(advisor, advisorParis.email)
  await expect(advisor).toHaveURL(/\/conseiller$/)
  await advisor.goto('/conseiller/assures')
  await expectAccessible(advisor)
  // Bad input: a translated message next to the field.
  await advisor.getByLabel('Numéro de sécurité sociale').fill('12345')
  await advisor.getByRole('button', { name: 'Rechercher' }).click()
  await expect(advisor.getByText('Le numéro de sécurité sociale compte 13 caractères, ou 15 avec la clé.')).toBeVisible()
  await openJonathanFile(advisor)
  await expect(advisor.getByText('Votre consultation de ce dossier est enregistrée')).toBeVisible()
  await expectAccessible(advisor)

  const form = advisor.getByRole('region', { name: 'Saisir une feuille de soins papier' }).or(advisor.locator('form').filter({ has: advisor.getByRole('button', { name: 'Calculer et enregistrer' }) }))
  await form.getByRole('button', { name: 'Calculer et enregistrer' }).click()
  await expect(advisor.getByRole('alert').filter({ hasText: 'Le formulaire contient des erreurs' })).toBeVisible()
  const careDate = parisDate(-2)
  const careDateShown = careDate.split('-').reverse().join('/')
  await advisor.getByLabel('Date des soins').fill(careDate)
  await advisor.getByLabel('Numéro RPPS du professionnel').fill('10003456789')
  const line = advisor.getByRole('group', { name: 'Acte 1' })
  await line.getByLabel('Acte', { exact: true }).selectOption('G')
  await line.getByLabel('Prix par unité').fill('30')
  // Preview first (issue 17 §5): the amounts, nothing saved, every field kept for the save.
  await advisor.getByRole('button', { name: 'Prévisualiser (rien n’est enregistré)' }).click()
  const preview = advisor.getByTestId('care-sheet-preview')
  await expect(preview).toContainText('Aperçu : 19,00 € seraient versés par l’Assurance Maladie le')
  await expect(preview.getByRole('table')).toContainText('G × 1')
  await expect(line.getByLabel('Prix par unité')).toHaveValue('30')
  await expect(advisor.getByLabel('Date des soins')).toHaveValue(careDate)
  await advisor.getByRole('button', { name: 'Calculer et enregistrer' }).click()
  const done = advisor.getByRole('status').filter({ hasText: 'seront versés le' })
  await expect(done).toBeVisible()
  const text = (await done.locator('p').first().textContent())!
  const [, amount, date] = /: (.+?) seront versés le (\d{2}\/\d{2}\/\d{4})/.exec(text)!
  await expect(advisor.getByTestId('file-payments')).toContainText(date!)
  await expect(advisor.getByTestId('file-payments')).toContainText('programmé')
  await expectAccessible(advisor)

  // Another caisse: the same file is a 404.
  const fileUrl = advisor.url()
  const lyon = await newPage(browser)
  await signInStaff(lyon, advisorLyon)
  await expect(lyon).toHaveURL(/\/conseiller$/)
  const response = await lyon.goto(fileUrl)
  expect(response?.status()).toBe(404)
  await expect(lyon.getByRole('heading', { name: 'Page introuvable' })).toBeVisible()
  await lyon.close()
  await advisor.close()

  // The insured person sees the scheduled payment on their home page…
  const jonathan = await newPage(browser)
  await signInInsured(jonathan, 'jonathan')
  await expect(jonathan).toHaveURL(/\/compte$/)
  await expect(jonathan.getByTestId('latest-payments')).toContainText(`Prévu le ${date}`)
  expect(amount!.replace(/\s/g, ' ').trim()).toBe('19,00 €')
  await expectAccessible(jonathan)

  // …finds the line in Mes paiements, marked as scheduled (not "versé")…
  await jonathan.getByRole('link', { name: 'Voir tous mes paiements' }).click()
  await expect(jonathan.getByRole('heading', { level: 1 })).toHaveText('Mes paiements')
  // (.first(): a retry of this test against the same database adds a second sheet to the same payment run.)
  const row = jonathan.getByTestId('payment-lines').getByRole('row').filter({ hasText: `paiement prévu le ${date}` }).first()
  await expect(row).toContainText(careDateShown)
  await expect(row).toContainText('Dr Anne Morel')
  await expectAccessible(jonathan)

  // …and reads in its explanation the amounts the engine computed (prisma/rules: G = 30 € from 22/12/2024, doctor
  // rate 70 %, participation forfaitaire 2 € from 15/05/2024, his 2026 participations far under the 50 € cap;
  // his mutuelle covers the ticket modérateur, never the participation).
  await row.getByRole('link', { name: `Détail de Consultation chez le médecin généraliste du ${careDateShown}` }).click()
  await expect(jonathan.getByRole('heading', { level: 1 })).toContainText('Consultation chez le médecin généraliste')
  await expect(jonathan.getByTestId('payment-summary')).toContainText(new RegExp(`Paiement prévu le ${date} : l'Assurance Maladie versera 19,00\\s€`))
  const figures = jonathan.getByTestId('line-figures')
  for (const [label, value] of [
    ['Dépense (honoraires ou prix facturé)', '30,00 €'],
    ['Base de remboursement', '30,00 €'],
    ['Taux de remboursement', '70 %'],
    ['Remboursement avant déductions', '21,00 €'],
    ['Participation forfaitaire déduite', '− 2,00 €'],
    ["Versé par l'Assurance Maladie", '19,00 €'],
    ['Demandé à votre complémentaire', '9,00 €'],
    ['Reste à votre charge', '2,00 €'],
  ] as const) {
    await expect(figures.getByRole('row', { name: label, exact: false }).first().getByRole('cell')).toHaveText(spaced(value))
  }
  await expect(jonathan.getByRole('region', { name: 'Les soins' })).toContainText(/FSP-.+ · papier/)
  await expectAccessible(jonathan)
  await jonathan.close()
})

test('the supervisor filters the audit journal and exports it as CSV', async ({ page }) => {
  await signInStaff(page, supervisor.email)
  await expect(page).toHaveURL(/\/conseiller$/)
  // A request page of the queue for a supervisor: the reassignment form.
  await page.getByRole('link', { name: /^AFF-|^DEM-/ }).first().click()
  await expect(page.getByRole('heading', { name: 'Confier la demande à un conseiller' })).toBeVisible()
  await expectAccessible(page)
  await page.goto('/conseiller/audit')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText("Journal d'audit")
  await expectAccessible(page)
  await page.getByLabel('Action', { exact: true }).fill('insured.file.open')
  await page.getByRole('button', { name: 'Filtrer' }).click()
  // The filters travel sealed (issue 13 item 9): ?q=<token>, nothing readable.
  await expect(page).toHaveURL(/\/conseiller\/audit\?q=[A-Za-z0-9_-]+$/)
  await expect(page.getByRole('table')).toContainText('insured.file.open')
  await expectAccessible(page)
  const download = page.waitForEvent('download')
  await page.getByRole('link', { name: 'Exporter en CSV (filtres appliqués)' }).click()
  const file = await (await download).path()
  const csv = fs.readFileSync(file!, 'utf8')
  expect(csv.charCodeAt(0)).toBe(0xfeff)
  const lines = csv.slice(1).trimEnd().split('\r\n')
  expect(lines[0]).toBe('at_utc;actor;actor_email;actor_role;action;outcome;target_type;target_id;insured;insured_nir;ip;details')
  expect(lines.length).toBeGreaterThan(1)
  expect(lines.slice(1).every((l) => l.includes(';insured.file.open;'))).toBe(true)
})
