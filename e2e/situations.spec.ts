import { expect, test, type Page } from '@playwright/test'
import { expectAccessible, signInInsured } from './helpers'
import { parisDate } from './fixtures'

/**
 * Issue 17 §3 "Situations shown as they are", as the demo persons in the browser. The demo coverage periods are fixed
 * dates (prisma/seed/demo-data.ts): Nadia's CSS (free) 01/04/2026 → 31/03/2027, whose renewal opens on 01/12/2026
 * (rule row css.renewal.earliest-months: 4 months before the end, ameli "Renouvellement de la CSS"); Sophie's
 * maternity window 20/10/2026 → 22/02/2027; Bernard's ALD 01/06/2019 → 31/05/2029. The checks that depend on a window
 * are skipped outside it, with the reason.
 */
const today = parisDate(0)
const NADIA_CSS_ENDS = '2027-03-31'
const NADIA_RENEWAL_FROM = '2026-12-01'

/** Sign in; on a cold server the first click can come before the form is hydrated (back on /connexion): once more. */
async function signIn(page: Page, key: string) {
  await signInInsured(page, key)
  try {
    await expect(page).toHaveURL(/\/compte$/, { timeout: 15_000 })
  } catch {
    await signInInsured(page, key)
    await expect(page).toHaveURL(/\/compte$/, { timeout: 15_000 })
  }
}

const situationCard = (page: Page, name = 'Ma situation') => page.getByRole('region', { name })

test.describe('Nadia (CSS free)', () => {
  test.skip(today > NADIA_CSS_ENDS, `the demo CSS of Nadia ended on ${NADIA_CSS_ENDS}`)

  test('home and profile: the CSS with its dates is her complementary; the tracker says she is exempt', async ({ page }) => {
    await signIn(page, 'nadia')
    const card = situationCard(page)
    await expect(card.getByRole('listitem').filter({ hasText: 'Complémentaire santé solidaire' })).toContainText('gratuite')
    await expect(card).toContainText('du 01/04/2026 au 31/03/2027')
    await expect(card).toContainText('Vous ne payez ni participation forfaitaire ni franchise : Complémentaire santé solidaire.')
    await expect(page.getByTestId('home-complementary')).toHaveText('Complémentaire santé solidaire gratuite, du 01/04/2026 au 31/03/2027')
    await expect(page.getByText('Aucune complémentaire déclarée')).toHaveCount(0)
    const row = page.getByTestId('deduction-tracker').getByRole('row', { name: /Nadia Benali/ })
    // Both columns say why (an amount deducted before her CSS began this year may follow).
    await expect(row.getByRole('cell').nth(0)).toContainText('Exonéré(e) : Complémentaire santé solidaire')
    await expect(row.getByRole('cell').nth(1)).toContainText('Exonéré(e) : Complémentaire santé solidaire')
    await expect(row).not.toContainText('sur 50')
    await expectAccessible(page)

    await page.goto('/compte/profil')
    await expect(page.getByTestId('profile-complementary')).toHaveText('Complémentaire santé solidaire gratuite, du 01/04/2026 au 31/03/2027')
    await expect(page.getByText('Aucune complémentaire santé déclarée.')).toHaveCount(0)
    await expect(situationCard(page)).toContainText('du 01/04/2026 au 31/03/2027')
    await expectAccessible(page)
  })

  test('the CSS page refuses a second application and says why, before any form', async ({ page }) => {
    await signIn(page, 'nadia')
    await page.goto('/compte/demarches/css')
    const blocked = page.getByRole('region', { name: /Vous bénéficiez déjà de la Complémentaire santé solidaire|Une demande est déjà en cours/ })
    if (today < NADIA_RENEWAL_FROM) {
      // Her CSS runs beyond the renewal window: its dates and the day renewal opens, no form.
      await expect(blocked).toContainText('du 01/04/2026 au 31/03/2027')
      await expect(blocked).toContainText('à partir du 01/12/2026')
      await expect(page.getByRole('button', { name: 'Calculer mon droit' })).toHaveCount(0)
      await expectAccessible(page)
      return
    }
    // Inside the renewal window: the form says it is the renewal; once sent, a second application is refused.
    if ((await blocked.count()) === 0) {
      await expect(page.getByTestId('css-renewal')).toContainText('prend fin le 31/03/2027')
      await page.getByLabel('Ressources annuelles du foyer').fill('5000')
      await page.getByRole('button', { name: 'Calculer mon droit' }).click()
      await page.getByRole('button', { name: 'Envoyer ma demande' }).click()
      await expect(page.getByRole('status', { name: 'Votre demande de CSS est envoyée' })).toBeVisible()
      await page.goto('/compte/demarches/css')
    }
    // Refused before any form: her renewal is running, or (an advisor approved it in an earlier spec, as
    // advisor-file.spec.ts does) the renewed CSS runs beyond the renewal window.
    await expect(blocked).toBeVisible()
    await expect(page.getByRole('button', { name: 'Calculer mon droit' })).toHaveCount(0)
    await expectAccessible(page)
    const running = page.getByRole('region', { name: 'Une demande est déjà en cours' })
    if ((await running.count()) === 0) {
      await expect(blocked).toContainText('au 31/03/2028')
      await expect(blocked).toContainText('une seconde demande n\'est pas possible')
      return
    }
    await expect(running).toContainText(/Votre demande de Complémentaire santé solidaire \(référence [A-Z0-9-]+\) est en cours de traitement/)
    await running.getByRole('link', { name: 'Suivre ma demande dans « Mes démarches »' }).click()
    await expect(page).toHaveURL(/\/compte\/demarches$/)
    await expect(page.getByRole('article').filter({ hasText: 'Demande de Complémentaire santé solidaire' }).first()).toBeVisible()
  })

  test('in English: the situation card, the complementary and the exemption', async ({ page, context }) => {
    await signIn(page, 'nadia')
    await context.addCookies([{ name: 'NEXT_LOCALE', value: 'en', url: page.url() }])
    await page.reload()
    const card = situationCard(page, 'My situation')
    await expect(card).toContainText('from 1 Apr 2026 to 31 Mar 2027')
    await expect(page.getByTestId('home-complementary')).toHaveText('Complémentaire santé solidaire (free), from 1 Apr 2026 to 31 Mar 2027')
    await expect(page.getByTestId('deduction-tracker').getByRole('row', { name: /Nadia Benali/ })).toContainText('Exempt: Complémentaire santé solidaire (CSS)')
    await expectAccessible(page)
  })
})

test('Bernard (ALD): the affection, its dates and the 100 % for related care; participations still counted', async ({ page }) => {
  await signIn(page, 'bernard')
  const ald = situationCard(page).getByRole('listitem').filter({ hasText: 'Affection de longue durée (ALD)' })
  await expect(ald).toContainText('Diabète de type 2 (ALD 8)')
  await expect(ald).toContainText('du 01/06/2019 au 31/05/2029')
  await expect(ald).toContainText('Soins liés remboursés à 100 %.')
  await expect(page.getByTestId('home-complementary')).toHaveText('Harmonie Bourgogne · AMC 21567890')
  // ALD does not exempt from participations and franchises (RULEBOOK §2): the gauges stay.
  await expect(page.getByTestId('deduction-tracker').getByRole('row', { name: /Bernard Lefèvre/ })).toContainText(/sur 50,00\s€/)
  await page.goto('/compte/profil')
  await expect(situationCard(page)).toContainText('Diabète de type 2 (ALD 8)')
})

test('Sophie (maternity): the window with its dates, 100 % without participation; the tracker says exempt', async ({ page }) => {
  test.skip(today < '2026-10-20' || today > '2027-02-22', 'outside the demo maternity window of Sophie')
  await signIn(page, 'sophie')
  const maternity = situationCard(page).getByRole('listitem').filter({ hasText: 'Maternité' })
  await expect(maternity).toContainText('du 20/10/2026 au 22/02/2027')
  await expect(maternity).toContainText('100 % à partir du 6e mois, sans participation forfaitaire ni franchise.')
  await expect(page.getByTestId('deduction-tracker').getByRole('row', { name: /Sophie Durand/ })).toContainText('Exonéré(e) : maternité (à partir du 6e mois)')
  await expectAccessible(page)
})
