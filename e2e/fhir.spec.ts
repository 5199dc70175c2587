import { expect, test } from '@playwright/test'
import { formatEuros } from '../lib/domain/money'
import { codeFromCallback, discover, exchangeCode, fhirGet, monthsBefore, readClaims, refresh, startAuthorization, summarize } from '../scripts/fhir-sample-client/client'
import { demoNir, DEMO_INSURED_PASSWORD, expectAccessible, signInStaff, supervisor } from './helpers'

/**
 * Issue 18 as a person and an app: the sample client sends Jonathan to the portal, he signs in, reads the consent
 * screen, chooses his two children and allows; the app gets its tokens (PKCE), reads his last 27 months of claims
 * and finds the same totals as "Mes paiements"; Mes données lists the app and its reads; "revoke" stops the token.
 */
test('the sample client reads the last 27 months of claims with the amounts of Mes paiements; revoke stops it', async ({ page, baseURL }) => {
  test.setTimeout(120_000)
  const base = baseURL!.replace(/\/$/, '')
  const config = await discover(base)
  const auth = startAuthorization(config)

  // The app's callback address: nothing listens there in the test, the browser's request is caught.
  let callback: string | null = null
  await page.route('http://127.0.0.1:8765/**', async (route) => {
    callback = route.request().url()
    await route.fulfill({ status: 200, contentType: 'text/plain', body: 'ok' })
  })

  // Not signed in: the portal asks to sign in first, then shows the consent screen.
  await page.goto(auth.url)
  await expect(page).toHaveURL(/\/connexion/)
  await page.getByLabel('Numéro de sécurité sociale').fill(demoNir('jonathan'))
  await page.getByLabel('Mot de passe', { exact: true }).fill(DEMO_INSURED_PASSWORD)
  await page.getByRole('button', { name: 'Je me connecte' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Autoriser une application à lire vos données' })).toBeVisible()
  await expect(page.getByText('Mes remboursements (exemple)')).toBeVisible()
  await expect(page.getByText('Enregistrée par')).toBeVisible()
  await expect(page.getByText(/Vos remboursements : soins, professionnels/)).toBeVisible()
  await expectAccessible(page)
  for (const box of await page.getByRole('checkbox', { name: /Martin, né\(e\) le/ }).all()) await box.check()
  await page.getByRole('radio', { name: '3 mois' }).check()
  await page.getByRole('button', { name: 'Autoriser' }).click()
  await expect.poll(() => callback).not.toBeNull()

  const tokens = await exchangeCode(config, auth, codeFromCallback(callback!, auth.state))
  expect(tokens.expires_in).toBe(3600)
  expect(tokens.refresh_token).toBeTruthy()

  // The last 27 months, as "Mes paiements" counts them (today in Paris).
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date())
  const eobs = await readClaims(base, tokens.access_token, { from: monthsBefore(today, 27), to: today })
  const s = summarize(eobs)
  expect(s.lines).toBeGreaterThan(50)
  await page.goto('/compte/paiements')
  const totals = page.getByTestId('payment-totals')
  const figure = (label: string) => totals.locator('div').filter({ has: page.getByText(label, { exact: true }) }).locator('dd')
  const eur = (cents: number) => formatEuros(cents, 'fr')
  await expect(figure('Actes')).toHaveText(String(s.lines))
  await expect(figure('Dépenses')).toHaveText(eur(s.charged))
  await expect(figure("Remboursé par l'Assurance Maladie")).toHaveText(eur(s.amoPaid))
  await expect(figure('Part de la complémentaire')).toHaveText(eur(s.complementary))
  await expect(figure('Reste à votre charge')).toHaveText(eur(s.patient))

  // A refreshed token works too; another person's claim is not found.
  const again = await refresh(config, auth.clientId, tokens.refresh_token!)
  const patients = await fhirGet(`${base}/fhir/Patient`, again.access_token)
  expect((patients.entry as unknown[]).length).toBe(3)

  // Mes données: the app, what it read; "who looked at my file" names it; revoke.
  await page.goto('/compte/mes-donnees')
  const apps = page.locator('#applications')
  await expect(apps.getByRole('heading', { name: 'Mes remboursements (exemple)' })).toBeVisible()
  await expect(apps.getByText(/Remboursements le/).first()).toBeVisible()
  await expect(page.getByRole('cell', { name: /Mes remboursements \(exemple\)/ }).first()).toBeVisible()
  await expectAccessible(page)
  await apps.getByRole('button', { name: "Retirer l'accès à Mes remboursements (exemple)" }).click()
  await expect(page.getByText("L'accès de l'application a été retiré.")).toBeVisible()
  const refused = await fetch(`${base}/fhir/Patient`, { headers: { authorization: `Bearer ${again.access_token}` } })
  expect(refused.status).toBe(401)
  expect(refused.headers.get('www-authenticate')).toContain('invalid_token')
})

test('refusing on the consent screen sends the app access_denied and gives it nothing', async ({ page, baseURL }) => {
  const config = await discover(baseURL!.replace(/\/$/, ''))
  const auth = startAuthorization(config)
  let callback: string | null = null
  await page.route('http://127.0.0.1:8765/**', async (route) => {
    callback = route.request().url()
    await route.fulfill({ status: 200, contentType: 'text/plain', body: 'ok' })
  })
  await page.goto(auth.url)
  await page.getByLabel('Numéro de sécurité sociale').fill(demoNir('jonathan'))
  await page.getByLabel('Mot de passe', { exact: true }).fill(DEMO_INSURED_PASSWORD)
  await page.getByRole('button', { name: 'Je me connecte' }).click()
  await page.getByRole('button', { name: 'Refuser' }).click()
  await expect.poll(() => callback).not.toBeNull()
  expect(new URL(callback!).searchParams.get('error')).toBe('access_denied')
  expect(() => codeFromCallback(callback!, auth.state)).toThrow('access_denied')
})

test('a developer registers an app; it waits until a supervisor approves it in the back-office', async ({ page, browser, baseURL }) => {
  await page.goto('/developpeurs')
  await expect(page.getByRole('heading', { level: 1, name: 'Développeurs : enregistrer une application' })).toBeVisible()
  await page.getByLabel("Nom de l'application").fill('Carnet Famille')
  await page.getByLabel("Site de l'application").fill('https://carnet-famille.example')
  await page.getByLabel('Développeur ou entreprise').fill('Carnet SAS')
  await page.getByLabel('Adresse e-mail de contact').fill('dev@carnet-famille.example')
  await page.getByLabel(/Adresses de retour/).fill('http://carnet-famille.example/cb')
  await page.getByRole('button', { name: "Enregistrer l'application" }).click()
  await expect(page.getByText(/Chaque adresse de retour doit être en https/)).toBeVisible()
  await expect(page.getByLabel("Nom de l'application")).toHaveValue('Carnet Famille')
  await page.getByLabel(/Adresses de retour/).fill('http://127.0.0.1:8765/callback')
  await page.getByRole('button', { name: "Enregistrer l'application" }).click()
  const done = page.getByText(/Son identifiant client \(client_id\) est /)
  await expect(done).toBeVisible()
  const clientId = /est (\S+)\./.exec((await done.textContent()) ?? '')![1]!
  await expectAccessible(page)

  // Not approved yet: an authorization for it is refused.
  const config = await discover(baseURL!.replace(/\/$/, ''))
  const pending = await fetch(startAuthorization(config, { clientId }).url, { redirect: 'manual' })
  expect(pending.status).toBe(400)

  const staffContext = await browser.newContext()
  const staff = await staffContext.newPage()
  await signInStaff(staff, supervisor.email)
  await staff.getByRole('link', { name: 'Applications (API)' }).click()
  await expect(staff.getByRole('heading', { level: 1, name: "Applications de l'API FHIR" })).toBeVisible()
  await expectAccessible(staff)
  await staff.getByRole('button', { name: 'Approuver Carnet Famille' }).click()
  await expect(staff.getByText('Décision enregistrée.')).toBeVisible()
  await expect(staff.getByRole('button', { name: 'Approuver Carnet Famille' })).toHaveCount(0)
  const approved = await fetch(startAuthorization(config, { clientId }).url, { redirect: 'manual' })
  expect(approved.status).toBe(303)
  await staffContext.close()
})
