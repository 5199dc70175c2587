import Database from 'better-sqlite3'
import { expect, test, type Page } from '@playwright/test'
import { formatEuros } from '../lib/domain/money'
import { expectAccessible, signInInsured } from './helpers'

/**
 * Issue 4 §2 as a user: Jonathan Martin (the Paris employee) finds last month's GP consultation of one of his
 * children, opens its explanation and reads the amounts the engine stored; a keyboard-only path through the list;
 * someone else's line is a 404; axe on every page.
 */

const eur = (cents: number) => formatEuros(cents, 'fr')
const frDate = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`

type StoredLine = { id: string; careDate: string; firstNames: string; lastName: string; feeCharged: number; base: number; rate: number; participation: number; amoPaid: number; complementary: number; patient: number; paidOn: string | null }

/** The demo database the e2e server runs on (seeded relative to today): the figures to expect come from it. */
function db() {
  return new Database('.e2e/e2e.db', { readonly: true, fileMustExist: true })
}

function lastMonth(): { from: string; to: string } {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date())
  const [y, m] = today.split('-').map(Number) as [number, number]
  const year = m === 1 ? y - 1 : y
  const month = m === 1 ? 12 : m - 1
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate()
  const mm = String(month).padStart(2, '0')
  return { from: `${year}-${mm}-01`, to: `${year}-${mm}-${String(last).padStart(2, '0')}` }
}

/** Last month's GP consultation (act G) of Léa or Hugo, as stored; the latest one before if last month had none. */
function childGpConsultation(): StoredLine {
  const { from, to } = lastMonth()
  const conn = db()
  try {
    const query = `SELECT l.id, l.careDate, b.firstNames, b.lastName, l.feeCharged, l.base, l.rate, l.participation, l.amoPaid, l.complementary, l.patient, l.paidOn
      FROM ClaimLine l JOIN Claim c ON c.id = l.claimId JOIN Beneficiary b ON b.id = c.beneficiaryId
      WHERE l.act = 'G' AND b.lastName = 'Martin' AND b.firstNames IN ('Léa', 'Hugo') AND l.careDate <= ? AND l.paidOn IS NOT NULL
      ORDER BY (l.careDate >= ?) DESC, l.careDate DESC LIMIT 1`
    return conn.prepare(query).get(to, from) as StoredLine
  } finally {
    conn.close()
  }
}

function lineOf(firstNames: string): string {
  const conn = db()
  try {
    return (conn.prepare(`SELECT l.id FROM ClaimLine l JOIN Claim c ON c.id = l.claimId JOIN Insured i ON i.id = c.insuredId WHERE i.firstNames LIKE ? LIMIT 1`).get(`${firstNames}%`) as { id: string }).id
  } finally {
    conn.close()
  }
}

async function signInJonathan(page: Page) {
  await signInInsured(page, 'jonathan')
  await expect(page).toHaveURL(/\/compte$/, { timeout: 30_000 })
}

test('Jonathan reads the explanation of last month’s GP consultation of his child, then reports it as not received', async ({ page }) => {
  const stored = childGpConsultation()
  const { from, to } = lastMonth()
  await signInJonathan(page)
  // Home: latest payments, the deduction tracker against the 50 € caps.
  await expect(page.getByRole('heading', { name: 'Derniers paiements' })).toBeVisible()
  await expect(page.getByRole('table', { name: /Participations forfaitaires et franchises médicales déduites en/ })).toBeVisible()
  await expect(page.getByTestId('deduction-tracker')).toContainText(`sur ${eur(5000)}`)
  await expectAccessible(page)

  await page.getByRole('link', { name: 'Voir tous mes paiements' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Mes paiements' })).toBeVisible()
  await expectAccessible(page)

  // Filters: the child, doctors, last month (or the month of the line when last month had none).
  const period = stored.careDate >= from ? { from, to } : { from: `${stored.careDate.slice(0, 7)}-01`, to: stored.careDate }
  await page.getByLabel('Pour', { exact: true }).selectOption({ label: `${stored.firstNames} ${stored.lastName}` })
  await page.getByLabel('Type de soins').selectOption({ label: 'Médecin' })
  await page.getByLabel('Soins du').fill(period.from)
  await page.getByLabel('au', { exact: true }).fill(period.to)
  await page.getByRole('button', { name: 'Afficher' }).click()
  await expect(page).toHaveURL(/careType=doctor/)
  const rows = page.getByTestId('payment-lines').locator('tbody tr')
  await expect(rows.first()).toContainText(`${stored.firstNames} ${stored.lastName}`)
  await expect(page.getByTestId('payment-totals')).toContainText(eur(stored.amoPaid))
  await expectAccessible(page)

  await page.getByRole('link', { name: `Détail de Consultation chez le médecin généraliste du ${frDate(stored.careDate)}` }).click()
  await expect(page).toHaveURL(new RegExp(`/compte/paiements/${stored.id}$`))
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Consultation chez le médecin généraliste du ${frDate(stored.careDate)}`)

  // The figures the engine stored: 30 € fee, base 30 € × 70 % = 21 €, no participation for a child (RULEBOOK §4),
  // the mutuelle's share and what remained.
  const figures = page.getByRole('table', { name: 'Le remboursement en chiffres' })
  const row = (label: string) => figures.getByRole('row', { name: new RegExp(`^${label}`) })
  await expect(row('Dépense')).toContainText(eur(stored.feeCharged))
  await expect(row('Base de remboursement')).toContainText(eur(stored.base))
  await expect(row('Taux de remboursement')).toContainText(`${stored.rate}`)
  await expect(row('Participation forfaitaire déduite')).toContainText(eur(stored.participation))
  await expect(row('Versé par l’Assurance Maladie|Versé par l\'Assurance Maladie')).toContainText(eur(stored.amoPaid))
  await expect(row('Demandé à votre complémentaire')).toContainText(eur(stored.complementary))
  await expect(row('Reste à votre charge')).toContainText(eur(stored.patient))
  expect(stored).toMatchObject({ feeCharged: 3000, base: 3000, rate: 70, participation: 0, amoPaid: 2100 })
  await expect(page.getByTestId('payment-summary')).toContainText(`a versé ${eur(stored.amoPaid)} le ${frDate(stored.paidOn!)}`)
  await expect(page.getByTestId('payment-summary')).toContainText(`informée de payer ${eur(stored.complementary)}`)
  // Every step in plain words with a link to the official text, no rule ids nor developer sources (issue 16 item 6).
  const steps = page.getByRole('region', { name: 'Chaque étape du calcul, expliquée' }).getByRole('listitem')
  expect(await steps.count()).toBeGreaterThanOrEqual(3)
  await expect(steps.first().getByRole('link', { name: /Lire le texte officiel/ })).toHaveAttribute('href', /^https:\/\/www\./)
  await expect(page.getByText(/act\.G\.base|RULEBOOK|SIMULATION-API/)).toHaveCount(0)
  await expectAccessible(page)

  // "Je n'ai pas reçu ces soins": one procedure, shown in Mes démarches.
  await page.getByRole('link', { name: 'Je n’ai pas reçu ces soins' }).or(page.getByRole('link', { name: "Je n'ai pas reçu ces soins" })).click()
  // Issue 17 §4: a comment is required before the report is sent.
  await page.getByLabel(/Expliquez ce qui ne correspond pas/).fill("Je n'ai pas consulté ce professionnel ce jour-là.")
  await page.getByRole('button', { name: 'Envoyer le signalement' }).click()
  await expect(page.getByText(/Votre signalement a été enregistré \(démarche DEM-/)).toBeVisible()
  await expectAccessible(page)
  await page.goto(`/compte/paiements/${stored.id}`)
  await expect(page.getByText(/Vous avez signalé ces soins comme non reçus/)).toBeVisible()
  await expect(page.getByRole('link', { name: /pas reçu ces soins/ })).toHaveCount(0)
  await page.goto('/compte/demarches')
  await expect(page.getByRole('heading', { name: "Soins non reçus (contestation d'un remboursement)" })).toHaveCount(1)
})

test('keyboard only: Tab to the search, submit with Enter, Tab to a line, Enter opens its explanation', async ({ page }) => {
  await signInJonathan(page)
  await page.goto('/compte/paiements')
  const focusedId = () => page.evaluate(() => document.activeElement?.id ?? '')
  for (let i = 0; i < 60 && (await focusedId()) !== 'f-q'; i++) await page.keyboard.press('Tab')
  expect(await focusedId()).toBe('f-q')
  await page.keyboard.type('généraliste')
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(/q=g%C3%A9n%C3%A9raliste/)
  const inTable = () => page.evaluate(() => Boolean(document.activeElement?.closest('[data-testid="payment-lines"]')))
  for (let i = 0; i < 60 && !(await inTable()); i++) await page.keyboard.press('Tab')
  expect(await inTable()).toBe(true)
  const name = await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '')
  expect(name).toMatch(/^Détail de Consultation chez le médecin généraliste du /)
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(/\/compte\/paiements\/[A-Za-z0-9_-]+$/)
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Consultation chez le médecin généraliste')
})

test('on a phone: the lines are one table shown as cards, each amount labelled, nothing rendered twice (issue 15)', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 })
  await signInJonathan(page)
  await page.goto('/compte/paiements')
  // The same table as on a wide screen (its rows are laid out as cards by CSS), still a table for assistive technologies.
  const table = page.getByRole('table', { name: /^\d+ soins affichés sur \d+, du plus récent au plus ancien$/ })
  await expect(table).toBeVisible()
  await expect(table).toHaveAttribute('data-testid', 'payment-lines')
  const shown = Number((await table.locator('caption').textContent())!.match(/^(\d+)/)![1])
  expect(shown).toBeGreaterThan(1)
  const lines = table.locator('tbody tr')
  await expect(lines).toHaveCount(shown)
  await expect(table.getByRole('row')).toHaveCount(shown + 1)
  await expect(table.getByRole('columnheader', { name: 'Dépense' })).toHaveCount(1)
  // Each line once in the page: one explanation link per row, no second (hidden) copy.
  await expect(page.locator('a[href^="/compte/paiements/"]')).toHaveCount(shown)
  const first = lines.first()
  await expect(first.getByRole('link', { name: /^Détail de .+ du \d\d\/\d\d\/\d{4}$/ })).toBeVisible()
  // A card: date · person on one line, the amounts each with its column's name on the left.
  const labels = await first.locator('td').evaluateAll((cells) => cells.slice(4).map((c) => getComputedStyle(c, '::before').content))
  expect(labels).toEqual(['"Dépense"', '"Remboursé"', '"Complémentaire"', '"Reste à charge"'])
  const [date, person] = await Promise.all([first.locator('td').nth(0).boundingBox(), first.locator('td').nth(2).boundingBox()])
  expect(Math.abs(date!.y - person!.y)).toBeLessThan(2)
  await expect(first.locator('td').nth(5)).toContainText(/(versé le|paiement prévu le) \d\d\/\d\d\/\d{4}|en cours de traitement|non versé/)
  // The column headers are out of sight, the page does not scroll sideways.
  await expect(table.locator('thead')).toHaveCSS('position', 'absolute')
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
  await expectAccessible(page)
})

test('paging, a bad filter and someone else’s line', async ({ page }) => {
  await signInJonathan(page)
  await page.goto('/compte/paiements?from=pas-une-date')
  await expect(page.getByText('Certains filtres n’ont pas été compris et ont été ignorés :').or(page.getByText("Certains filtres n'ont pas été compris et ont été ignorés :"))).toBeVisible()
  const firstPage = await page.getByTestId('payment-lines').locator('tbody tr').first().textContent()
  await page.getByRole('link', { name: 'Page suivante' }).click()
  await expect(page).toHaveURL(/after=/)
  await expect(page.getByTestId('payment-lines').locator('tbody tr').first()).not.toHaveText(firstPage!)
  await expectAccessible(page)
  await page.getByRole('link', { name: 'Page précédente' }).click()
  await expect(page.getByTestId('payment-lines').locator('tbody tr').first()).toHaveText(firstPage!)

  // Every transfer of the period, daily allowances included (the newest by default, all one link away).
  await page.goto('/compte/paiements')
  await page.getByText('Voir les virements').click()
  await page.getByRole('link', { name: /Afficher les \d+ virements de la période/ }).click()
  await expect(page).toHaveURL(/virements=tous/)
  await expect(page.getByRole('table', { name: /Virements reçus sur la période/ })).toContainText('Indemnités journalières')
  await expectAccessible(page)

  // Bernard's line, asked by Jonathan: not found (never another person's data).
  const response = await page.goto(`/compte/paiements/${lineOf('Bernard')}`)
  expect(response?.status()).toBe(404)
  await expect(page.getByRole('heading', { name: 'Page introuvable' })).toBeVisible()
  await expectAccessible(page)
  expect((await page.goto('/compte/paiements/..%2F..%2Fetc'))?.status()).toBe(404)
})

test.describe('the monthly chart, drawn on the server (issue 15)', () => {
  test('one SVG image in the HTML with its summary, a euro axis from 0, a bar per series and month, each with its amount; then in English', async ({ page }) => {
    await signInJonathan(page)
    // In the server's HTML (no chart script): the SVG and its bars are there before any JavaScript runs.
    const html = await (await page.request.get('/compte/paiements')).text()
    expect(html).toMatch(/<svg[^>]*role="img"[^>]*data-testid="monthly-chart"/)
    await page.goto('/compte/paiements')
    const chart = page.getByRole('img', { name: /Dépenses, Assurance Maladie, Complémentaire/ })
    await expect(chart).toBeVisible()
    // The 27-month window spans 28 calendar months when it starts mid-month.
    await expect(chart).toHaveAccessibleDescription(/^2[78] mois : les montants de chaque mois sont dans le tableau/)
    const months = await page.getByRole('table', { name: 'Dépenses et remboursements par mois (en euros)', includeHidden: true }).locator('tbody tr').count()
    await expect(chart.locator('text').first()).toHaveText(/^0\s€$/)
    expect(months).toBeGreaterThanOrEqual(27)
    await expect(chart.locator('rect')).toHaveCount(months * 3)
    await expect(chart.locator('rect title').first()).toHaveText(/^[a-zéû]+\.? \d\d · Dépenses\s: \d+,\d\d\s€$/)
    await expect(page.getByRole('list').filter({ hasText: 'Complémentaire' })).toContainText('Assurance Maladie')

    await page.context().addCookies([{ name: 'NEXT_LOCALE', value: 'en', url: page.url() }])
    await page.reload()
    const en = page.getByTestId('monthly-chart')
    await expect(en.locator('text').first()).toHaveText('€0')
    await expect(en.locator('rect title').first()).toHaveText(/^[A-Z][a-z]+ \d\d · Spending: €\d+\.\d\d$/)
    await expectAccessible(page)
  })
})
