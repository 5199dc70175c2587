import { expect, test, type Page } from '@playwright/test'
import { advisorParis, expectAccessible, signInInsured, signInStaff, supervisor } from './helpers'

/**
 * Every page × every role (issue 2 §4–§6, ARCHITECTURE convention 5): who may open what.
 * 'ok' = 200 · 'login' = sent to the sign-in page · 403 = forbidden page.
 */
type Expect = 'ok' | 'login' | 403
type Role = 'anonymous' | 'insured' | 'advisor' | 'supervisor'

const routes: { path: string; expect: Record<Role, Expect> }[] = [
  ...['/', '/connexion', '/simulateur', '/trouver-ma-cpam', '/verifier-attestation', '/affiliation', '/affiliation/suivi', '/activer-mon-compte'].map((path) => ({
    path,
    expect: { anonymous: 'ok', insured: 'ok', advisor: 'ok', supervisor: 'ok' } as Record<Role, Expect>,
  })),
  ...[
    '/compte',
    '/compte/paiements',
    '/compte/documents',
    '/compte/demarches',
    '/compte/agenda',
    '/compte/messagerie',
    '/compte/profil',
    '/compte/mes-donnees',
    // Mes démarches (issue 5)
    '/compte/demarches/carte-vitale',
    '/compte/demarches/carte-vitale/perte',
    '/compte/demarches/ceam',
    '/compte/demarches/arrets-de-travail',
    '/compte/demarches/naissance',
    '/compte/demarches/css',
    '/compte/demarches/adresse',
    '/compte/demarches/coordonnees-bancaires',
    '/compte/demarches/nom-usage',
    '/compte/demarches/medecin-traitant',
    '/compte/demarches/transport',
    '/compte/demarches/soins-etranger',
    // Account activation (issue 7): an insured person with a password is sent on to /compte (200)
    '/compte/nouveau-mot-de-passe',
  ].map((path) => ({
    path,
    expect: { anonymous: 'login', insured: 'ok', advisor: 403, supervisor: 403 } as Record<Role, Expect>,
  })),
  ...['/conseiller', '/conseiller/assures', '/conseiller/agenda', '/conseiller/messages'].map((path) => ({
    path,
    expect: { anonymous: 'login', insured: 403, advisor: 'ok', supervisor: 'ok' } as Record<Role, Expect>,
  })),
  ...['/conseiller/audit', '/conseiller/tarifs', '/conseiller/taches', '/conseiller/applications'].map((path) => ({
    path,
    expect: { anonymous: 'login', insured: 403, advisor: 403, supervisor: 'ok' } as Record<Role, Expect>,
  })),
]

async function check(page: Page, role: Role) {
  for (const route of routes) {
    // /connexion sends a signed-in user on to their space: not part of this matrix.
    if (route.path === '/connexion' && role !== 'anonymous') continue
    const response = await page.goto(route.path)
    const expected = route.expect[role]
    if (expected === 'login') {
      await expect(page, `${role} ${route.path}`).toHaveURL(new RegExp(`/connexion\\?callbackUrl=${encodeURIComponent(route.path)}$`))
    } else if (expected === 403) {
      expect(response?.status(), `${role} ${route.path}`).toBe(403)
      await expect(page.getByRole('heading', { name: 'Accès refusé' })).toBeVisible()
    } else {
      expect(response?.status(), `${role} ${route.path}`).toBe(200)
      await expect(page.getByRole('heading', { name: 'Accès refusé' })).toHaveCount(0)
    }
  }
}

test('anonymous visitor', async ({ page }) => {
  await check(page, 'anonymous')
})

test('insured person', async ({ page }) => {
  await signInInsured(page, 'mei')
  await expect(page).toHaveURL(/\/compte$/)
  await check(page, 'insured')
})

test('advisor', async ({ page }) => {
  await signInStaff(page, advisorParis.email)
  await expect(page).toHaveURL(/\/conseiller$/)
  await check(page, 'advisor')
})

test('supervisor', async ({ page }) => {
  await signInStaff(page, supervisor.email)
  await expect(page).toHaveURL(/\/conseiller$/)
  await check(page, 'supervisor')
  // The 403 page itself is accessible.
  await page.goto('/compte')
  await expectAccessible(page)
})

test('the JSON API health and readiness routes answer without a session', async ({ request }) => {
  const response = await request.get('/api/v1/health')
  expect(response.status()).toBe(200)
  expect(await response.json()).toEqual({ status: 'ok' })
  const ready = await request.get('/api/v1/ready')
  expect(ready.status()).toBe(200)
  expect(await ready.json()).toMatchObject({ status: 'ready', database: { ok: true, provider: 'sqlite' }, redis: { configured: false } })
})

test("files and certificates of Mes démarches are served to their owner only", async ({ browser }) => {
  // Mei sends a file and gets an EHIC provisional certificate.
  const mei = await browser.newPage()
  await signInInsured(mei, 'mei')
  await expect(mei).toHaveURL(/\/compte$/)
  const upload = await mei.request.post('/api/procedures/uploads', {
    multipart: { kind: 'identity', file: { name: 'id.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') } },
  })
  expect(upload.status()).toBe(201)
  const uploadUrl = `/api/procedures/uploads/${(await upload.json()).id as string}`
  expect((await mei.request.get(uploadUrl)).status()).toBe(200)
  await mei.goto('/compte/demarches/ceam')
  await mei.getByRole('button', { name: 'Obtenir le certificat provisoire de Mei Chen' }).click()
  const certificateUrl = (await mei.getByRole('link', { name: /Télécharger le certificat provisoire de Mei Chen/ }).getAttribute('href'))!
  const own = await mei.request.get(certificateUrl)
  expect(own.status()).toBe(200)
  expect(own.headers()['content-disposition']).toMatch(/^attachment;/)
  expect(own.headers()['content-type']).toBe('application/pdf')
  await mei.close()

  // Anonymous: 401. Another insured person: 404 (not theirs). Staff: the certificate is the owner's only (403);
  // an advisor of another caisse does not see the file (404).
  const anonymous = await browser.newPage()
  for (const url of [uploadUrl, certificateUrl]) expect((await anonymous.request.get(url)).status(), url).toBe(401)
  expect((await anonymous.request.post('/api/procedures/uploads', { multipart: { kind: 'photo', file: { name: 'a.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('x') } } })).status()).toBe(401)
  await anonymous.close()

  const jonathan = await browser.newPage()
  await signInInsured(jonathan, 'jonathan')
  await expect(jonathan).toHaveURL(/\/compte$/)
  for (const url of [uploadUrl, certificateUrl]) expect((await jonathan.request.get(url)).status(), url).toBe(404)
  await jonathan.close()

  const advisor = await browser.newPage()
  await signInStaff(advisor, advisorParis.email)
  await expect(advisor).toHaveURL(/\/conseiller$/)
  expect((await advisor.request.get(uploadUrl)).status()).toBe(404)
  expect((await advisor.request.get(certificateUrl)).status()).toBe(403)
  await advisor.close()
})

test('a payment line explanation (/compte/paiements/[lineId]) is its household’s only', async ({ browser }) => {
  // Mei opens one of her own lines from her list.
  const mei = await browser.newPage()
  await signInInsured(mei, 'mei')
  await expect(mei).toHaveURL(/\/compte$/)
  await mei.goto('/compte/paiements')
  const href = (await mei.getByTestId('payment-lines').getByRole('link').first().getAttribute('href'))!
  expect(href).toMatch(/^\/compte\/paiements\/[A-Za-z0-9_-]+$/)
  expect((await mei.goto(href))?.status()).toBe(200)
  await mei.close()

  const anonymous = await browser.newPage()
  await anonymous.goto(href)
  await expect(anonymous).toHaveURL(/\/connexion\?callbackUrl=/)
  await anonymous.close()

  const jonathan = await browser.newPage()
  await signInInsured(jonathan, 'jonathan')
  await expect(jonathan).toHaveURL(/\/compte$/)
  expect((await jonathan.goto(href))?.status()).toBe(404)
  await jonathan.close()

  const advisor = await browser.newPage()
  await signInStaff(advisor, advisorParis.email)
  await expect(advisor).toHaveURL(/\/conseiller$/)
  expect((await advisor.goto(href))?.status()).toBe(403)
  await advisor.close()
})

test('documents, statements and the data export are served to their owner only (issue 4)', async ({ browser }) => {
  const jonathan = await browser.newPage()
  await signInInsured(jonathan, 'jonathan')
  await expect(jonathan).toHaveURL(/\/compte$/)
  expect((await jonathan.request.post('/api/documents/attestations', { form: { scope: 'with-beneficiaries' } })).status()).toBe(200)
  await jonathan.goto('/compte/documents')
  const attestation = (await jonathan.getByRole('link', { name: /Télécharger à nouveau/ }).first().getAttribute('href'))!
  const own = ['/api/documents/releves/2026-10', '/api/documents/attestation-fiscale/2025', '/api/mes-donnees', attestation]
  for (const url of own) expect((await jonathan.request.get(url)).status(), url).toBe(200)
  await jonathan.close()

  const anonymous = await browser.newPage()
  for (const url of own) expect((await anonymous.request.get(url)).status(), url).toBe(401)
  expect((await anonymous.request.post('/api/documents/attestations', { form: { scope: 'insured' } })).status()).toBe(401)
  await anonymous.close()

  const mei = await browser.newPage()
  await signInInsured(mei, 'mei')
  await expect(mei).toHaveURL(/\/compte$/)
  expect((await mei.request.get(attestation)).status()).toBe(404)
  await mei.close()

  const advisor = await browser.newPage()
  await signInStaff(advisor, advisorParis.email)
  await expect(advisor).toHaveURL(/\/conseiller$/)
  expect((await advisor.request.get(attestation)).status()).toBe(404)
  expect((await advisor.request.get('/api/mes-donnees')).status()).toBe(403)
  expect((await advisor.request.post('/api/documents/attestations', { form: { scope: 'insured' } })).status()).toBe(403)
  await advisor.close()
})

test('appointments and messages (issue 6): calendar files and threads are their owner’s only; advisor pages refuse insured persons', async ({ browser }) => {
  // Mei books an appointment (the first free slot of next week) and gets its calendar file.
  const mei = await (await browser.newContext()).newPage()
  await signInInsured(mei, 'mei')
  await expect(mei).toHaveURL(/\/compte$/)
  await mei.goto('/compte/agenda?week=3')
  await mei.getByRole('radio', { name: 'Autre demande' }).check()
  await mei.getByLabel('Décrivez votre demande').fill('Question sur mes droits pour la matrice.')
  await mei.getByRole('group', { name: /Créneau libre/ }).getByRole('radio').first().check()
  await mei.getByRole('button', { name: 'Confirmer le rendez-vous' }).click()
  const icsUrl = (await mei.getByRole('link', { name: /Ajouter à mon calendrier le rendez-vous/ }).first().getAttribute('href'))!
  expect((await mei.request.get(icsUrl)).status()).toBe(200)

  const anonymous = await (await browser.newContext()).newPage()
  expect((await anonymous.request.get(icsUrl)).status()).toBe(401)
  await anonymous.goto('/compte/messagerie/x1')
  await expect(anonymous).toHaveURL(/\/connexion\?callbackUrl=%2Fcompte%2Fmessagerie%2Fx1$/)
  await anonymous.goto('/conseiller/messages/x1')
  await expect(anonymous).toHaveURL(/\/connexion\?callbackUrl=%2Fconseiller%2Fmessages%2Fx1$/)
  await anonymous.close()

  const jonathan = await (await browser.newContext()).newPage()
  await signInInsured(jonathan, 'jonathan')
  await expect(jonathan).toHaveURL(/\/compte$/)
  expect((await jonathan.request.get(icsUrl)).status()).toBe(404)
  expect((await jonathan.goto('/compte/messagerie/unknown-thread'))?.status()).toBe(404)
  expect((await jonathan.goto('/conseiller/messages/unknown-thread'))?.status()).toBe(403)
  await jonathan.close()

  const advisor = await (await browser.newContext()).newPage()
  await signInStaff(advisor, advisorParis.email)
  await expect(advisor).toHaveURL(/\/conseiller$/)
  expect((await advisor.request.get(icsUrl)).status()).toBe(403)
  expect((await advisor.goto('/compte/messagerie/unknown-thread'))?.status()).toBe(403)
  expect((await advisor.goto('/conseiller/messages/unknown-thread'))?.status()).toBe(404)
  await advisor.close()

  // Mei cancels it (her agenda stays free for the other suites).
  await mei.goto('/compte/agenda')
  await mei.getByRole('link', { name: /Annuler le rendez-vous du/ }).first().click()
  await mei.getByRole('button', { name: 'Oui, annuler le rendez-vous' }).click()
  await expect(mei.getByText('Rendez-vous annulé. Un e-mail vous a été envoyé.')).toBeVisible()
  await mei.close()
})

test('back-office request pages, insured files and the audit CSV export (issue 6): who may open them', async ({ browser }) => {
  // The seeded Vitale order of Sophie Durand (CPAM Paris) and the file of Jonathan Martin (Paris), found as a supervisor.
  const sup = await browser.newPage()
  await signInStaff(sup, supervisor.email)
  await expect(sup).toHaveURL(/\/conseiller$/)
  await sup.goto('/conseiller?type=vitale-order&status=all')
  const orderUrl = (await sup.getByRole('link', { name: 'CV-2026-SEEDB0FF1C' }).getAttribute('href'))!
  await sup.goto('/conseiller/assures')
  await sup.getByLabel('Nom', { exact: true }).fill('Martin')
  await sup.getByRole('button', { name: 'Rechercher' }).click()
  const fileUrl = (await sup.getByRole('link', { name: 'Jonathan Pierre Martin' }).getAttribute('href'))!
  const exportUrl = '/conseiller/audit/export?action=auth.'
  for (const url of [orderUrl, fileUrl]) expect((await sup.goto(url))?.status(), url).toBe(200)
  const csv = await sup.request.get(exportUrl)
  expect(csv.status()).toBe(200)
  expect(csv.headers()['content-type']).toMatch(/^text\/csv/)
  expect(csv.headers()['content-disposition']).toMatch(/^attachment;/)
  await sup.close()

  const anonymous = await browser.newPage()
  for (const url of [orderUrl, fileUrl, '/conseiller/demandes/procedure/unknown']) {
    await anonymous.goto(url)
    await expect(anonymous, url).toHaveURL(/\/connexion\?callbackUrl=/)
  }
  expect((await anonymous.request.get(exportUrl)).status()).toBe(401)
  await anonymous.close()

  const mei = await browser.newPage()
  await signInInsured(mei, 'mei')
  await expect(mei).toHaveURL(/\/compte$/)
  for (const url of [orderUrl, fileUrl, '/conseiller/demandes/procedure/unknown']) expect((await mei.goto(url))?.status(), url).toBe(403)
  expect((await mei.request.get(exportUrl)).status()).toBe(403)
  await mei.close()

  const paris = await browser.newPage()
  await signInStaff(paris, advisorParis.email)
  await expect(paris).toHaveURL(/\/conseiller$/)
  for (const url of [orderUrl, fileUrl]) expect((await paris.goto(url))?.status(), url).toBe(200)
  expect((await paris.goto('/conseiller/demandes/carte/unknown'))?.status()).toBe(404)
  expect((await paris.request.get(exportUrl)).status()).toBe(403)
  await paris.close()

  // Another caisse: the Paris request and file do not exist for a Lyon advisor.
  const lyon = await browser.newPage()
  await signInStaff(lyon, 'julie.fontaine@cpam-rhone.example.fr')
  await expect(lyon).toHaveURL(/\/conseiller$/)
  for (const url of [orderUrl, fileUrl]) expect((await lyon.goto(url))?.status(), url).toBe(404)
  await lyon.close()
})

test('a beneficiary page (/compte/beneficiaires/[id]) is its household’s only', async ({ browser }) => {
  // Jonathan opens Léa from his profile.
  const jonathan = await browser.newPage()
  await signInInsured(jonathan, 'jonathan')
  await expect(jonathan).toHaveURL(/\/compte$/)
  await jonathan.goto('/compte/profil')
  const href = (await jonathan.getByRole('link', { name: 'Léa Martin' }).getAttribute('href'))!
  expect(href).toMatch(/^\/compte\/beneficiaires\/[A-Za-z0-9_-]+$/)
  expect((await jonathan.goto(href))?.status()).toBe(200)
  await expect(jonathan.getByRole('heading', { level: 1 })).toHaveText('Léa Martin')
  // A malformed or unknown id: not found either.
  expect((await jonathan.goto('/compte/beneficiaires/unknown-id'))?.status()).toBe(404)
  await jonathan.close()

  const anonymous = await browser.newPage()
  await anonymous.goto(href)
  await expect(anonymous).toHaveURL(/\/connexion\?callbackUrl=/)
  await anonymous.close()

  // Another household: 404, with no hint that the beneficiary exists.
  const mei = await browser.newPage()
  await signInInsured(mei, 'mei')
  await expect(mei).toHaveURL(/\/compte$/)
  expect((await mei.goto(href))?.status()).toBe(404)
  await expect(mei.getByRole('heading', { name: 'Page introuvable' })).toBeVisible()
  await expect(mei.getByText('Léa')).toHaveCount(0)
  await mei.close()

  const advisor = await browser.newPage()
  await signInStaff(advisor, advisorParis.email)
  await expect(advisor).toHaveURL(/\/conseiller$/)
  expect((await advisor.goto(href))?.status()).toBe(403)
  await advisor.close()
})

test('affiliation request pages of the back-office (issue 7): who may open them and their documents', async ({ browser }) => {
  const sup = await browser.newPage()
  await signInStaff(sup, supervisor.email)
  await expect(sup).toHaveURL(/\/conseiller$/)
  await sup.goto('/conseiller?type=affiliation&status=all')
  const requestUrl = (await sup.getByRole('table', { name: /Demandes de la file/ }).getByRole('link', { name: 'AFF-2026-000412' }).getAttribute('href'))!
  expect(requestUrl).toMatch(/^\/conseiller\/demandes\/affiliation\/[A-Za-z0-9_-]+$/)
  expect((await sup.goto(requestUrl))?.status()).toBe(200)
  const documentUrl = (await sup.getByRole('link', { name: /Ouvrir passeport\.pdf/ }).getAttribute('href'))!
  expect(documentUrl.startsWith(`${requestUrl}/pieces/`)).toBe(true)
  const file = await sup.request.get(documentUrl)
  expect(file.status()).toBe(200)
  expect(file.headers()['content-disposition']).toMatch(/^attachment;/)
  await sup.close()

  const anonymous = await browser.newPage()
  await anonymous.goto(requestUrl)
  await expect(anonymous).toHaveURL(/\/connexion\?callbackUrl=/)
  expect((await anonymous.request.get(documentUrl)).status()).toBe(401)
  await anonymous.close()

  const mei = await browser.newPage()
  await signInInsured(mei, 'mei')
  await expect(mei).toHaveURL(/\/compte$/)
  expect((await mei.goto(requestUrl))?.status()).toBe(403)
  expect((await mei.request.get(documentUrl)).status()).toBe(403)
  await mei.close()

  const paris = await browser.newPage()
  await signInStaff(paris, advisorParis.email)
  await expect(paris).toHaveURL(/\/conseiller$/)
  expect((await paris.goto(requestUrl))?.status()).toBe(200)
  expect((await paris.request.get(documentUrl)).status()).toBe(200)
  expect((await paris.goto('/conseiller/demandes/affiliation/unknown'))?.status()).toBe(404)
  await paris.close()

  // Another caisse: neither the request nor its documents exist for a Lyon advisor.
  const lyon = await browser.newPage()
  await signInStaff(lyon, 'julie.fontaine@cpam-rhone.example.fr')
  await expect(lyon).toHaveURL(/\/conseiller$/)
  expect((await lyon.goto(requestUrl))?.status()).toBe(404)
  expect((await lyon.request.get(documentUrl)).status()).toBe(404)
  await lyon.close()
})

test('the affiliation follow-up is scoped by its signed cookie, not by a session (issue 7)', async ({ browser }) => {
  // Without the follow-up cookie the attestation route answers 401, whoever asks; a forged cookie is ignored.
  const anonymous = await browser.newPage()
  expect((await anonymous.request.get('/affiliation/suivi/attestation')).status()).toBe(401)
  expect((await anonymous.request.get('/affiliation/suivi/attestation', { headers: { cookie: 'ameli.affiliation=someid.9999999999.forged' } })).status()).toBe(401)
  await anonymous.close()
  const jonathan = await browser.newPage()
  await signInInsured(jonathan, 'jonathan')
  await expect(jonathan).toHaveURL(/\/compte$/)
  expect((await jonathan.request.get('/affiliation/suivi/attestation')).status()).toBe(401)
  await jonathan.close()
  const advisor = await browser.newPage()
  await signInStaff(advisor, advisorParis.email)
  await expect(advisor).toHaveURL(/\/conseiller$/)
  expect((await advisor.request.get('/affiliation/suivi/attestation')).status()).toBe(401)
  await advisor.close()
})
