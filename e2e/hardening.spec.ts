import { expect, test, type Page } from '@playwright/test'
import { advisorParis, demoNir, signInStaff } from './helpers'
import { FAMILY_MEMBER_DOCUMENTS as FAMILY_DOCUMENTS, PDF, parisDate, smallPng } from './fixtures'

/**
 * Issue 13 items 8 and 9 on the production build, as an applicant or an attacker meets them: the upload limits
 * (shared by the browser, the action and the proxy) with the affiliation form kept, refusals that are 4xx and not
 * 500, the security headers on /favicon.ico and /robots.txt, no NIR in the back-office URLs.
 */

const TEXT_FIELDS: [string, string][] = [
  ['Nom de naissance', 'Limite'],
  ['Prénoms', 'Ada Grace'],
  ['Date de naissance', '1990-04-12'],
  ['Ville de naissance', 'Denver'],
  ['Numéro et voie', '18 rue Saint-Maur'],
  ['Code postal', '75011'],
  ['Commune', 'Paris'],
  ['Adresse e-mail', 'ada.limite@example.com'],
  ['Numéro de téléphone portable (français)', '07 12 34 56 78'],
  ['IBAN', 'FR76 3000 4008 2200 0109 8765 409'],
  ['Titulaire du compte', 'Ada Limite'],
]

async function fill(page: Page) {
  await page.getByRole('radio', { name: "Membre de la famille d'un assuré (conjoint, enfant)" }).check()
  await page.getByRole('group', { name: 'Sexe indiqué sur votre acte de naissance' }).getByRole('radio', { name: 'Féminin' }).check()
  for (const [label, value] of TEXT_FIELDS) await page.getByLabel(label, { exact: true }).fill(value)
  await page.getByLabel('Pays de naissance').selectOption('US')
  await page.getByLabel('Nationalité').selectOption('US')
  await page.getByRole('group', { name: 'Votre acte de naissance est-il rédigé en français ?' }).getByRole('radio', { name: 'Non' }).check()
  await page.getByLabel("Date d'arrivée en France").fill(parisDate(-40))
  await page.getByLabel("Numéro de sécurité sociale de l'assuré que vous rejoignez").fill(demoNir('jonathan'))
  await page.getByRole('checkbox', { name: "Je certifie l'exactitude et l'exhaustivité des informations fournies." }).check()
}

async function expectKept(page: Page) {
  for (const [label, value] of TEXT_FIELDS) await expect(page.getByLabel(label, { exact: true }), label).toHaveValue(value)
  await expect(page.getByLabel('Pays de naissance')).toHaveValue('US')
  await expect(page.getByLabel('Nationalité')).toHaveValue('US')
  await expect(page.getByLabel("Date d'arrivée en France")).toHaveValue(parisDate(-40))
  await expect(page.getByLabel("Numéro de sécurité sociale de l'assuré que vous rejoignez")).toHaveValue(demoNir('jonathan'))
  await expect(page.getByRole('radio', { name: "Membre de la famille d'un assuré (conjoint, enfant)" })).toBeChecked()
  await expect(page.getByRole('group', { name: 'Votre acte de naissance est-il rédigé en français ?' }).getByRole('radio', { name: 'Non' })).toBeChecked()
  await expect(page.getByRole('checkbox', { name: "Je certifie l'exactitude et l'exhaustivité des informations fournies." })).toBeChecked()
  for (const label of FAMILY_DOCUMENTS) await expect(page.getByLabel(label, { exact: true }), label).toHaveJSProperty('files.length', 1)
}

test('attack "3 PDFs of 3.6 MB + more" on the affiliation form: the upload limits are said before sending, every answer and file stays', async ({ page }) => {
  test.setTimeout(180_000)
  await page.goto('/affiliation')
  await fill(page)
  const small = await smallPng()
  const heavy = (i: number, size: number) => ({ name: `scan-${i}.pdf`, mimeType: 'application/pdf', buffer: Buffer.concat([PDF, Buffer.alloc(size - PDF.length, 0x20)]) })
  // One file over 5 MB: named, on its own field.
  for (const [i, label] of FAMILY_DOCUMENTS.entries()) {
    await page.getByLabel(label, { exact: true }).setInputFiles(i === 2 ? heavy(i, 6_000_000) : { name: `piece-${i}.png`, mimeType: 'image/png', buffer: small })
  }
  await page.getByRole('button', { name: 'Envoyer ma demande' }).click()
  await expect(page.getByText('« scan-2.pdf » dépasse 5 Mo').first()).toBeVisible()
  await expectKept(page)
  // Four files of 3.6 MB (14.4 MB in all): the total is refused, nothing sent, the form is still there.
  for (const i of [1, 3, 5, 7]) await page.getByLabel(FAMILY_DOCUMENTS[i]!, { exact: true }).setInputFiles(heavy(i, 3_600_000))
  await page.getByLabel(FAMILY_DOCUMENTS[2]!, { exact: true }).setInputFiles({ name: 'piece-2.png', mimeType: 'image/png', buffer: small })
  await page.getByRole('button', { name: 'Envoyer ma demande' }).click()
  await expect(page.getByRole('alert').filter({ hasText: 'Les fichiers pèsent ensemble plus de 12 Mo' })).toBeVisible()
  await expectKept(page)
  await expect(page.getByRole('status', { name: 'Votre demande a bien été envoyée' })).toHaveCount(0)
})

test('attack "oversized form posted without JavaScript": 413 with a translated page and the security headers, at once', async ({ request }) => {
  const started = Date.now()
  const reply = await request.post('/affiliation', {
    headers: { 'content-type': 'multipart/form-data; boundary=x', accept: 'text/html', 'accept-language': 'fr-FR' },
    data: Buffer.alloc(13_000_000, 0x41),
  })
  expect(reply.status()).toBe(413)
  expect(await reply.text()).toContain('Votre envoi dépasse 12 Mo au total')
  expect(reply.headers()['content-security-policy']).toContain("frame-ancestors 'none'")
  expect(Date.now() - started).toBeLessThan(15_000)
})

test('attack "bogus or foreign server-action requests": 4xx, never 500', async ({ request }) => {
  const cases: { path: string; headers: Record<string, string>; data: string }[] = [
    { path: '/', headers: { 'next-action': 'bogus', 'content-type': 'text/plain;charset=UTF-8' }, data: '[]' },
    { path: '/', headers: { 'next-action': 'a'.repeat(42), 'content-type': 'text/plain;charset=UTF-8' }, data: '[]' },
    { path: '/affiliation', headers: { 'next-action': 'bogus', 'content-type': 'application/json' }, data: '{}' },
    { path: '/connexion', headers: { 'content-type': 'multipart/form-data' }, data: 'garbage' },
    { path: '/affiliation', headers: { 'content-type': 'multipart/form-data; boundary=xx' }, data: '--xx\r\nbroken' },
  ]
  for (const c of cases) {
    const reply = await request.post(c.path, { headers: c.headers, data: c.data })
    expect(reply.status(), JSON.stringify(c)).toBeGreaterThanOrEqual(400)
    expect(reply.status(), JSON.stringify(c)).toBeLessThan(500)
  }
})

test('attack "bad next-auth callbackUrl": 4xx or a redirect that stays on this site, never 500', async ({ request }) => {
  for (const query of ['callbackUrl=https://evil.example', 'callbackUrl=//evil.example', 'callbackUrl=%FF', 'callbackUrl=javascript:alert(1)']) {
    for (const path of ['/api/auth/signin', '/api/auth/csrf', '/api/auth/session']) {
      const reply = await request.get(`${path}?${query}`, { maxRedirects: 0 })
      expect(reply.status(), `${path}?${query}`).toBeLessThan(500)
      const location = reply.headers()['location'] ?? ''
      expect(location, `${path}?${query}`).not.toMatch(/evil\.example|^\/\/|^javascript:/)
    }
  }
  expect((await request.get('/api/auth/error?error=%E0%A4%A', { maxRedirects: 0 })).status()).toBe(400)
})

test('/favicon.ico and /robots.txt carry the security headers of every page', async ({ request }) => {
  for (const path of ['/favicon.ico', '/robots.txt']) {
    const reply = await request.get(path)
    const h = reply.headers()
    expect(h['content-security-policy'], path).toContain("frame-ancestors 'none'")
    expect(h['content-security-policy'], path).toContain("default-src 'self'")
    expect(h['x-frame-options'], path).toBe('DENY')
    expect(h['x-content-type-options'], path).toBe('nosniff')
    expect(h['referrer-policy'], path).toBe('strict-origin-when-cross-origin')
  }
  const robots = await request.get('/robots.txt')
  expect(robots.status()).toBe(200)
  expect(await robots.text()).toContain('Disallow: /conseiller')
})

test('attack "NIR in the back-office URL" (proxy logs, history, Referer): the search result page has a sealed token only, paging and back work', async ({ page }) => {
  await signInStaff(page, advisorParis.email)
  await expect(page).toHaveURL(/\/conseiller$/)
  await page.goto('/conseiller/assures')
  const nir = demoNir('jonathan')
  await page.getByLabel('Numéro de sécurité sociale').fill(nir)
  await page.getByLabel('Nom', { exact: true }).fill('Martin')
  await page.getByRole('button', { name: 'Rechercher' }).click()
  await expect(page.getByRole('link', { name: 'Jonathan Pierre Martin' })).toBeVisible()
  const url = page.url()
  expect(url).toMatch(/\/conseiller\/assures\?q=[A-Za-z0-9_-]+$/)
  expect(url).not.toContain(nir.slice(0, 13))
  expect(decodeURIComponent(url)).not.toMatch(/martin|nir=|name=/i)
  // The criteria are shown again in the form, and the back button returns to the results.
  await expect(page.getByLabel('Numéro de sécurité sociale')).toHaveValue(nir)
  await page.getByRole('link', { name: 'Jonathan Pierre Martin' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Jonathan Pierre Martin')
  await page.goBack()
  await expect(page.getByRole('link', { name: 'Jonathan Pierre Martin' })).toBeVisible()
  // Old-style links with the NIR in clear are not honoured.
  await page.goto(`/conseiller/assures?nir=${nir}`)
  await expect(page.getByRole('link', { name: 'Jonathan Pierre Martin' })).toHaveCount(0)
})
