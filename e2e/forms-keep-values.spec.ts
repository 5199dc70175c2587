import { expect, test, type Page } from '@playwright/test'
import { advisorParis, signInInsured, signInStaff } from './helpers'
import { PDF, e2eDb, parisDate } from './fixtures'
import { expectFieldsKept, fillFields, type TFieldFill } from './form-fields'

/**
 * Issue 19, point 1: "what is submitted is exactly what is on screen". React 19 resets a form after its action, and a
 * reset puts a <select> back on its first option (its default is not the rendered `defaultValue`): after "Estimer",
 * the care-abroad request was filed as Jonathan / Germany / GP visit / EUR instead of Hugo / USA / hospital / USD.
 * Each test fills every field with a non-default value, gets an answer of the server (estimate or error), checks
 * every field, submits, and reads the stored request field by field in the database.
 */

async function signIn(page: Page, key: string) {
  await signInInsured(page, key)
  await expect(page).toHaveURL(/\/compte$/)
}

async function attach(page: Page, label: string, file: { name: string; mimeType: string; buffer: Buffer }) {
  await page.getByLabel(label, { exact: true }).setInputFiles(file)
  await expect(page.getByText(`« ${file.name} » a bien été envoyé.`)).toBeVisible()
}

type TStored = { id: string; type: string; payload: string; firstNames: string | null }
function storedProcedure(reference: string): TStored {
  const db = e2eDb()
  try {
    return db
      .prepare('SELECT p.id, p.type, p.payload, b.firstNames FROM Procedure p LEFT JOIN Beneficiary b ON b.id = p.beneficiaryId WHERE p.reference = ?')
      .get(reference) as TStored
  } finally {
    db.close()
  }
}

test('care abroad: Hugo, USA, hospitalisation, 1 500 USD, urgent — kept after an estimate and errors, converted at the ECB rate, stored as chosen', async ({ page }) => {
  await signIn(page, 'jonathan')
  await page.goto('/compte/demarches/soins-etranger')
  // A day of the shipped ECB table (issue 19 §4): 12/03/2026, 1.1547 USD per euro.
  const careDate = '2026-03-12'
  const fields: TFieldFill[] = [
    { label: 'Pour qui ?', kind: 'select', option: 'Hugo' },
    { label: 'Pays', kind: 'select', option: 'États-Unis' },
    { label: 'Date des soins', kind: 'text', value: careDate },
    { label: 'Type de soins', kind: 'select', option: 'Hospitalisation' },
    { label: 'Montant payé', kind: 'text', value: 'mille cinq cents' },
    { label: 'Devise', kind: 'select', option: 'GBP' },
    { label: 'Les soins étaient urgents ou imprévus', kind: 'check', checked: true },
  ]
  let kept = await fillFields(page, fields)
  const estimate = page.getByRole('button', { name: 'Estimer le remboursement' })
  const submit = page.getByRole('button', { name: 'Envoyer la demande' })
  // Not a number: "enter an amount in GBP"; every field kept, the submit button there.
  await estimate.click()
  await expect(page.getByText('Saisissez le montant payé en GBP, en chiffres (par ex. 150 ou 150,50).').first()).toBeVisible()
  await expectFieldsKept(page, fields, kept)
  await expect(submit).toBeVisible()
  // Pounds in the USA: the confirmation is asked, with the explanation; every field kept.
  fields[4] = { label: 'Montant payé', kind: 'text', value: '1500' }
  kept = await fillFields(page, [fields[4]!]).then((k) => kept.map((v, i) => (i === 4 ? k[0]! : v)))
  await estimate.click()
  await expect(page.getByText(/La devise GBP n’est pas celle du pays choisi \(USD\)/).first()).toBeVisible()
  await expectFieldsKept(page, fields, kept)
  // In dollars: the estimate states the conversion at the ECB rate of the day of care, then the refund.
  fields[5] = { label: 'Devise', kind: 'select', option: 'USD' }
  kept = await fillFields(page, [fields[5]!]).then((k) => kept.map((v, i) => (i === 5 ? k[0]! : v)))
  await estimate.click()
  await expect(page.getByTestId('refund-estimate')).toBeVisible()
  await expect(page.getByTestId('refund-conversion')).toContainText(/1\s500,00 USD à 1,1547 USD pour 1 € \(BCE, 12\/03\/2026\) = 1\s299,04\s€/)
  await expect(page.getByTestId('refund-explanation')).toContainText(/base 1\s299,04\s€ × \d+ %/)
  await expectFieldsKept(page, fields, kept)
  await expect(page.getByLabel('J’ai payé dans une autre devise que celle du pays')).not.toBeChecked()
  // A field error (no receipt) keeps them too.
  await submit.click()
  await expect(page.getByRole('alert').filter({ hasText: /facture|justificatif/i })).toBeVisible()
  await expectFieldsKept(page, fields, kept)
  await estimate.click()
  await attach(page, 'Facture acquittée', { name: 'facture-usa.pdf', mimeType: 'application/pdf', buffer: PDF })
  await expectFieldsKept(page, fields, kept)
  await submit.click()
  const done = page.getByRole('status', { name: "Votre demande de remboursement de soins à l'étranger est envoyée" })
  await expect(done).toBeVisible()
  const reference = (await done.getByTestId('reference').textContent())!.trim()
  const stored = storedProcedure(reference)
  expect(stored.type).toBe('abroad-refund')
  expect(stored.firstNames).toBe('Hugo')
  const payload = JSON.parse(stored.payload) as Record<string, unknown>
  expect(payload.country).toBe('US')
  expect(payload.careDate).toBe(careDate)
  expect(payload.careKind).toBe('hospital')
  expect(payload.amount).toBe(150_000)
  expect(payload.currency).toBe('USD')
  expect(payload.urgent).toBe(true)
  expect(payload.otherCurrency).toBe(false)
  expect(payload.rate).toBe(1.1547)
  expect(payload.rateDate).toBe(careDate)
  expect(payload.euroAmount).toBe(129_904)
  // Tracking (issue 19 §6): the card says what was claimed, in dollars and in euros, and the estimate.
  await page.goto('/compte/demarches')
  const card = page.locator('article').filter({ hasText: reference })
  await expect(card.getByTestId('refund-claimed')).toContainText(/Hospitalisation du 12\/03\/2026, 1\s500,00\s\$US soit 1\s299,04\s€ au taux BCE du 12\/03\/2026 \(États-Unis\)/)
  await expect(card.getByTestId('refund-estimate')).toHaveText(/\d,\d\d\s€/)
})

test('personal transport: Léa, convocation — kept after an estimate and a field error, stored as chosen; accepted at the estimate and paid', async ({ page, browser }) => {
  test.setTimeout(90_000)
  await signIn(page, 'jonathan')
  await page.goto('/compte/demarches/transport')
  const tripDate = parisDate(-10)
  const prescriptionDate = parisDate(-15)
  const fields: TFieldFill[] = [
    { label: 'Pour qui ?', kind: 'select', option: 'Léa' },
    { label: 'Date du trajet', kind: 'text', value: tripDate },
    { label: 'Date de la prescription', kind: 'text', value: prescriptionDate },
    { label: 'Kilomètres parcourus (véhicule personnel)', kind: 'text', value: '99999' },
    { label: 'Motif du transport', kind: 'select', option: 'Convocation' },
  ]
  const kept = await fillFields(page, fields)
  // Too many km: a field error; nothing is reset.
  await page.getByRole('button', { name: 'Estimer le remboursement' }).click()
  await expect(page.getByRole('alert').filter({ hasText: 'Saisissez la distance en kilomètres, en nombre entier (par ex. 42), 5 000 km au plus.' }).first()).toBeVisible()
  await expectFieldsKept(page, fields, kept)
  // Issue 19 §5: the submit button stays after an error.
  await expect(page.getByRole('button', { name: 'Envoyer la demande' })).toBeVisible()
  await page.getByLabel('Kilomètres parcourus (véhicule personnel)', { exact: true }).fill('42')
  kept[3] = '42'
  await page.getByRole('button', { name: 'Estimer le remboursement' }).click()
  await expect(page.getByTestId('refund-estimate')).toBeVisible()
  // Issue 19 §5: the estimate said in words (RULEBOOK §9: 0.30 €/km at 55 %; no franchise on a personal car).
  await expect(page.getByTestId('refund-explanation')).toHaveText('42 km × 0,30 € × 55 % = 6,93 € ; pas de franchise pour un véhicule personnel')
  await expectFieldsKept(page, fields, kept)
  await attach(page, 'Prescription médicale de transport', { name: 'prescription-lea.pdf', mimeType: 'application/pdf', buffer: PDF })
  await page.getByRole('button', { name: 'Envoyer la demande' }).click()
  const done = page.getByRole('status', { name: 'Votre demande de remboursement de transport est envoyée' })
  await expect(done).toBeVisible()
  const reference = (await done.getByTestId('reference').textContent())!.trim()
  const stored = storedProcedure(reference)
  expect(stored.type).toBe('transport-refund')
  expect(stored.firstNames).toBe('Léa')
  expect(JSON.parse(stored.payload)).toMatchObject({ tripDate, prescriptionDate, km: 42, reason: 'convocation' })

  // Issue 19 §6: the card says what was claimed and the estimate; §2: accepted with the amount left empty, then
  // closed, the estimate is paid and the transfer names the request in Mes paiements.
  await page.goto('/compte/demarches')
  const card = page.getByRole('article').filter({ hasText: reference })
  await expect(card.getByTestId('refund-claimed')).toHaveText(/, 42 km \(Convocation/)
  await expect(card.getByTestId('refund-estimate')).toHaveText('6,93 €')
  await expect(card.getByRole('button', { name: `Retirer la demande ${reference}` })).toBeVisible()
  const advisor = await browser.newPage({ locale: 'fr-FR', timezoneId: 'Europe/Paris' })
  await signInStaff(advisor, advisorParis.email)
  await expect(advisor).toHaveURL(/\/conseiller$/)
  await advisor.goto(`/conseiller/demandes/procedure/${stored.id}`)
  await advisor.getByRole('button', { name: 'Accepter', exact: true }).click()
  await expect(advisor.getByRole('button', { name: 'Clôturer (terminée)' })).toBeVisible()
  await advisor.getByRole('button', { name: 'Clôturer (terminée)' }).click()
  await expect(advisor.getByText('Cette demande est close')).toBeVisible()
  await advisor.close()
  await page.reload()
  await expect(card.getByTestId('refund-paid')).toHaveText(/^6,93\s€ le \d{2}\/\d{2}\/\d{4}$/)
  await page.goto('/compte/paiements')
  await expect(page.getByTestId('transfer-request').filter({ hasText: reference })).toHaveText(`pour la demande ${reference}`)
})

/** The transport form by taxi with a toll (issue 19 §3; issue 16 §5): every field, the radio of the mode included. */
function taxiFields(tripDate: string, prescriptionDate: string): TFieldFill[] {
  return [
    { label: 'Pour qui ?', kind: 'select', option: 'Léa' },
    { label: 'Taxi conventionné', kind: 'check', checked: true },
    { label: 'Date du trajet', kind: 'text', value: tripDate },
    { label: 'Date de la prescription', kind: 'text', value: prescriptionDate },
    { label: 'Montant payé sur la facture (ambulance, VSL, taxi)', kind: 'text', value: '63,20' },
    { label: 'Aller et retour sur la même facture (ambulance, VSL, taxi)', kind: 'check', checked: true },
    { label: 'Motif du transport', kind: 'select', option: 'Transport allongé ou sous surveillance' },
  ]
}

test('transport by taxi conventionné with a toll: Léa, lying down — kept after an estimate and a missing invoice, stored field by field with its files', async ({ page }) => {
  test.setTimeout(90_000)
  await signIn(page, 'jonathan')
  await page.goto('/compte/demarches/transport')
  const tripDate = parisDate(-12)
  const prescriptionDate = parisDate(-20)
  const fields: TFieldFill[] = [...taxiFields(tripDate, prescriptionDate), { label: 'Péages (facultatif)', kind: 'text', value: '7,40' }]
  const kept = await fillFields(page, fields)
  await page.getByRole('button', { name: 'Estimer le remboursement' }).click()
  await expect(page.getByTestId('refund-estimate')).toBeVisible()
  // Issue 19 §5: each line in words. Léa is under 18 on 1 January: no transport franchise (RULEBOOK §4), said so.
  // There and back on one invoice: two trips of 31,60 €.
  await expect(page.getByTestId('refund-explanation').getByRole('listitem')).toHaveText([
    'taxi conventionné : facture 31,60 € × 55 % = 17,38 € ; pas de franchise : moins de 18 ans au 1er janvier ; votre mutuelle peut compléter',
    'taxi conventionné : facture 31,60 € × 55 % = 17,38 € ; pas de franchise : moins de 18 ans au 1er janvier ; votre mutuelle peut compléter',
    'péages 7,40 € × 55 % = 4,07 € ; sans franchise',
  ])
  await expect(page.getByTestId('refund-estimate')).toContainText('38,83')
  await expectFieldsKept(page, fields, kept)
  // Sent without the invoice and the toll receipt: field errors, nothing reset, the submit button stays.
  await attach(page, 'Prescription médicale de transport', { name: 'prescription-taxi.pdf', mimeType: 'application/pdf', buffer: PDF })
  await page.getByRole('button', { name: 'Envoyer la demande' }).click()
  await expect(page.getByRole('alert').filter({ hasText: 'Ajoutez la facture acquittée de l’ambulance, du VSL ou du taxi.' }).first()).toBeVisible()
  await expect(page.getByRole('alert').filter({ hasText: 'Ajoutez les justificatifs de péage ou de stationnement.' }).first()).toBeVisible()
  await expectFieldsKept(page, fields, kept)
  await expect(page.getByRole('button', { name: 'Envoyer la demande' })).toBeVisible()
  await attach(page, 'Facture acquittée du transport (ambulance, VSL, taxi)', { name: 'facture-taxi.pdf', mimeType: 'application/pdf', buffer: PDF })
  await attach(page, 'Justificatifs de péage et de stationnement', { name: 'ticket-peage.pdf', mimeType: 'application/pdf', buffer: PDF })
  await expectFieldsKept(page, fields, kept)
  await page.getByRole('button', { name: 'Envoyer la demande' }).click()
  const done = page.getByRole('status', { name: 'Votre demande de remboursement de transport est envoyée' })
  await expect(done).toBeVisible()
  const reference = (await done.getByTestId('reference').textContent())!.trim()
  const stored = storedProcedure(reference)
  expect(stored.type).toBe('transport-refund')
  expect(stored.firstNames).toBe('Léa')
  const payload = JSON.parse(stored.payload) as Record<string, unknown>
  expect(payload).toMatchObject({ mode: 'taxi', tripDate, prescriptionDate, km: null, amount: 6320, tolls: 740, parking: null, returnTrip: true, reason: 'lying-or-monitored', estimate: { amoCents: 3883 } })
  const db = e2eDb()
  try {
    const files = db.prepare('SELECT filename FROM Upload WHERE procedureId = ? ORDER BY filename').all(stored.id) as { filename: string }[]
    expect(files.map((f) => f.filename)).toEqual(['facture-taxi.pdf', 'prescription-taxi.pdf', 'ticket-peage.pdf'])
  } finally {
    db.close()
  }
  // Issue 19 §6: the card says what was claimed.
  await page.goto('/compte/demarches')
  const card = page.getByRole('article').filter({ hasText: reference })
  await expect(card.getByTestId('refund-claimed')).toHaveText(/en Taxi conventionné, facture de 63,20\s€ \(Transport allongé/)
  await expect(card.getByTestId('refund-tolls')).toHaveText(/^7,40\s€$/)
  await expect(card.getByTestId('refund-estimate')).toHaveText(/^38,83\s€$/)
})

test('without JavaScript: the transport form by taxi with a toll is rendered again with every value after an estimate', async ({ page, browser }) => {
  await signIn(page, 'jonathan')
  const noJs = await browser.newContext({ javaScriptEnabled: false, storageState: await page.context().storageState(), locale: 'fr-FR', timezoneId: 'Europe/Paris' })
  try {
    const p = await noJs.newPage()
    await p.goto('/compte/demarches/transport')
    const fields: TFieldFill[] = [...taxiFields(parisDate(-40), parisDate(-45)), { label: 'Péages (facultatif)', kind: 'text', value: '7,40' }, { label: 'Stationnement (facultatif)', kind: 'text', value: '3' }]
    const kept = await fillFields(p, fields)
    await p.getByRole('button', { name: 'Estimer le remboursement' }).click()
    await expect(p.getByTestId('refund-estimate')).toBeVisible()
    await expect(p.getByTestId('refund-explanation').getByRole('listitem')).toHaveCount(4)
    await expectFieldsKept(p, fields, kept)
  } finally {
    await noJs.close()
  }
})

test('CSS: a household member (spouse) and the income kept after the assessment, stored as chosen', async ({ page }) => {
  await signIn(page, 'claire')
  await page.goto('/compte/demarches/css')
  const fields: TFieldFill[] = [
    { label: 'Prénom(s)', kind: 'text', value: 'Antoine' },
    { label: 'Nom', kind: 'text', value: 'Durand' },
    { label: 'Date de naissance', kind: 'text', value: '1980-06-12' },
    { label: 'Lien avec vous', kind: 'select', option: 'Conjoint' },
    { label: 'Ressources annuelles du foyer', kind: 'text', value: '12000' },
  ]
  // The first household row (Personne 2) only: its labels repeat in the other rows.
  const row = page.getByRole('group', { name: 'Personne 2' })
  const scoped = { ...page, getByLabel: row.getByLabel.bind(row) } as unknown as Page
  const kept = [...(await fillFields(scoped, fields.slice(0, 4))), ...(await fillFields(page, fields.slice(4)))]
  await page.getByRole('button', { name: 'Calculer mon droit' }).click()
  await expect(page.getByTestId('css-assessment')).toBeVisible()
  await expectFieldsKept(scoped, fields.slice(0, 4), kept.slice(0, 4))
  await expectFieldsKept(page, fields.slice(4), kept.slice(4))
  const apply = page.getByRole('button', { name: 'Envoyer ma demande' })
  if ((await apply.count()) === 0) return // not eligible for this person: the kept fields were the point
  await apply.click()
  const done = page.getByRole('status', { name: 'Votre demande de CSS est envoyée' })
  await expect(done).toBeVisible()
  const stored = storedProcedure((await done.getByTestId('reference').textContent())!.trim())
  expect(stored.type).toBe('css')
  expect(JSON.parse(stored.payload)).toMatchObject({ members: [{ firstNames: 'Antoine', lastName: 'Durand', birthDate: '1980-06-12', relationship: 'spouse' }], yearlyIncome: 1_200_000 })
})

test('messages: the chosen topic and the subject are kept after a field error, and the thread is stored with them', async ({ page }) => {
  await signIn(page, 'mei')
  await page.goto('/compte/messagerie')
  const subject = `Question remboursement ${Date.now()}`
  const fields: TFieldFill[] = [
    { label: 'Thème', kind: 'select', option: 'Arrêt de travail' },
    { label: 'Objet', kind: 'text', value: subject },
  ]
  const kept = await fillFields(page, fields)
  // No message body: a field error.
  await page.getByRole('button', { name: 'Envoyer', exact: true }).click()
  await expect(page.getByRole('alert').filter({ hasText: 'Le message compte de 2 à 5 000 caractères.' })).toBeVisible()
  await expectFieldsKept(page, fields, kept)
  await page.getByLabel('Votre message').fill('Où en est mon indemnité journalière ?')
  await page.getByRole('button', { name: 'Envoyer', exact: true }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(subject)
  const db = e2eDb()
  try {
    const row = db.prepare('SELECT topic FROM MessageThread WHERE subject = ?').get(subject) as { topic: string }
    expect(row.topic).toBe('sick-leave')
  } finally {
    db.close()
  }
})

test('without JavaScript: the server renders the form again with every submitted value (care abroad estimate)', async ({ page, browser }) => {
  await signIn(page, 'jonathan')
  const noJs = await browser.newContext({ javaScriptEnabled: false, storageState: await page.context().storageState(), locale: 'fr-FR', timezoneId: 'Europe/Paris' })
  try {
    const p = await noJs.newPage()
    await p.goto('/compte/demarches/soins-etranger')
    const fields: TFieldFill[] = [
      { label: 'Pour qui ?', kind: 'select', option: 'Léa' },
      { label: 'Pays', kind: 'select', option: 'Espagne' },
      { label: 'Date des soins', kind: 'text', value: '2026-03-12' },
      { label: 'Type de soins', kind: 'select', option: 'spécialiste' },
      { label: 'Montant payé', kind: 'text', value: '80' },
      { label: 'Devise', kind: 'select', option: 'GBP' },
      { label: 'Les soins étaient urgents ou imprévus', kind: 'check', checked: true },
    ]
    const kept = await fillFields(p, fields)
    // Pounds in Spain without the confirmation: asked for, every field kept (issue 19 §4).
    await p.getByRole('button', { name: 'Estimer le remboursement' }).click()
    await expect(p.getByText(/La devise GBP n’est pas celle du pays choisi \(EUR\)/).first()).toBeVisible()
    await expectFieldsKept(p, fields, kept)
    const confirm: TFieldFill[] = [{ label: 'J’ai payé dans une autre devise que celle du pays', kind: 'check', checked: true }]
    const confirmed = await fillFields(p, confirm)
    await p.getByRole('button', { name: 'Estimer le remboursement' }).click()
    await expect(p.getByTestId('refund-estimate')).toBeVisible()
    // 80,00 GBP at 0.86243 GBP per € (ECB, 12/03/2026) = 92,76 €.
    await expect(p.getByTestId('refund-conversion')).toContainText(/80,00 GBP à 0,86243 GBP pour 1 € \(BCE, 12\/03\/2026\) = 92,76\s€/)
    await expectFieldsKept(p, fields, kept)
    await expectFieldsKept(p, confirm, confirmed)
  } finally {
    await noJs.close()
  }
})

test('back-office sick leave: the kind, the prescription, the dates and the salaries are kept after a field error', async ({ page }) => {
  test.setTimeout(90_000)
  await signInStaff(page, advisorParis.email)
  await expect(page).toHaveURL(/\/conseiller$/)
  const db = e2eDb()
  const insured = (() => {
    try {
      return db.prepare("SELECT id FROM Insured WHERE firstNames = 'Jonathan Pierre'").get() as { id: string }
    } finally {
      db.close()
    }
  })()
  await page.goto(`/conseiller/assures/${insured.id}`)
  const form = page.locator('#form-sick-leave')
  const scoped = { ...page, getByLabel: form.getByLabel.bind(form) } as unknown as Page
  const fields: TFieldFill[] = [
    { label: "Nature de l'arrêt", kind: 'select', option: 'Accident du travail' },
    { label: 'Prescription', kind: 'select', option: 'Prolongation' },
    { label: "Premier jour d'arrêt", kind: 'text', value: parisDate(-5) },
    { label: "Dernier jour d'arrêt", kind: 'text', value: parisDate(5) },
    { label: 'Salaire brut du mois 1', kind: 'text', value: '2500' },
    { label: 'Salaire brut du mois 2', kind: 'text', value: 'pas un montant' },
    { label: 'Salaire brut du mois 3', kind: 'text', value: '2500' },
  ]
  const kept = await fillFields(scoped, fields)
  // A salary that is not an amount: a field error; every field, the two drop-downs included, keeps its value.
  await form.getByRole('button', { name: "Enregistrer l'arrêt" }).click()
  await expect(form.getByRole('alert')).toBeVisible()
  await expectFieldsKept(scoped, fields, kept)
  // A second error in a row (the old keys on the status only helped the first one).
  await form.getByRole('button', { name: "Enregistrer l'arrêt" }).click()
  await expect(form.getByRole('alert')).toBeVisible()
  await expectFieldsKept(scoped, fields, kept)
})
