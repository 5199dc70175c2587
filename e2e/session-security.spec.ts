import { expect, test, type Page } from '@playwright/test'
import { DEMO_RECOVERY_CODES } from '../prisma/seed/demo-data'
import { recoveryCodeMatches } from '../lib/auth/totp'
import { e2eDb } from './fixtures'
import { advisorParis, demoNir, demoTotp, expectAccessible, signInInsured, signInStaff } from './helpers'

/** Issue 13: sign-out ends the session on the server (item 4), forgotten password (item 5), staff TOTP (item 6). */

// Several sign-ins (argon2) and pages per test on a shared 2-core machine.
test.describe.configure({ timeout: 90_000 })

test('attack: replaying a session cookie copied before "Se déconnecter": /compte sends it to the sign-in page, and the cookie is not renewed', async ({ page, browser }) => {
  await signInInsured(page, 'nadia')
  await expect(page).toHaveURL(/\/compte$/, { timeout: 20_000 })
  const copied = (await page.context().cookies()).find((c) => c.name === 'ameli.session')
  expect(copied?.value).toBeTruthy()
  // The profile lists the open sessions, this one marked.
  await page.goto('/compte/profil')
  await expect(page.getByRole('heading', { name: 'Appareils connectés' })).toBeVisible()
  await expect(page.getByTestId('active-session').filter({ hasText: '(cet appareil)' })).toHaveCount(1)

  await page.getByRole('button', { name: 'Se déconnecter', exact: true }).click()
  await expect(page).toHaveURL(/\/connexion\?status=signed-out/)

  const attacker = await browser.newContext()
  await attacker.addCookies([copied!])
  const replay = await attacker.newPage()
  await replay.goto('/compte')
  await expect(replay).toHaveURL(/\/connexion/)
  // The sliding refresh cleared it instead of re-issuing it.
  expect((await attacker.cookies()).find((c) => c.name === 'ameli.session' && c.value)).toBeUndefined()
  await attacker.close()
})

/** The 6-digit code of the latest forgotten-password SMS to Pierre Girard (the outbox), or null. */
function lastResetCode(): string | null {
  const conn = e2eDb()
  try {
    const row = conn
      .prepare(`SELECT o.body FROM OutboxMessage o JOIN Insured i ON i.id = o.insuredId WHERE o.template = 'security.messages.resetSms' AND i.firstNames = 'Pierre' ORDER BY o.createdAt DESC LIMIT 1`)
      .get() as { body: string } | undefined
    return row ? (/\b(\d{6})\b/.exec(row.body)?.[1] ?? null) : null
  } finally {
    conn.close()
  }
}

test('forgotten password, end to end: NIR + birth date → code by SMS → new password; the old password and the other session stop working', async ({ page, browser }) => {
  const NEW_PASSWORD = `Quai-de-Seine-${test.info().retry}7`
  const other = await browser.newPage()
  await signInInsured(other, 'pierre')
  await expect(other).toHaveURL(/\/compte$/, { timeout: 20_000 })

  await page.goto('/connexion')
  await page.getByRole('link', { name: 'Mot de passe oublié ?' }).click()
  await expect(page).toHaveURL(/\/mot-de-passe-oublie$/)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mot de passe oublié')
  await expectAccessible(page)

  // An unknown number gets the same answer as a real one.
  await page.getByLabel('Numéro de sécurité sociale').fill('1 99 01 75 999 999')
  await page.getByLabel('Date de naissance').fill('1990-01-01')
  await page.getByRole('button', { name: 'Recevoir un code' }).click()
  const sent = page.getByTestId('reset-sent')
  await expect(sent).toContainText('Si ces informations correspondent à un compte ameli, un code à 6 chiffres vient')
  const unknownAnswer = await sent.textContent()

  await page.goto('/mot-de-passe-oublie')
  const before = lastResetCode()
  await page.getByLabel('Numéro de sécurité sociale').fill(demoNir('pierre'))
  await page.getByLabel('Date de naissance').fill('1971-06-25')
  await page.getByRole('button', { name: 'Recevoir un code' }).click()
  await expect(sent).toHaveText(unknownAnswer!)
  await expectAccessible(page)
  await expect.poll(() => lastResetCode()).not.toBe(before)
  const code = lastResetCode()!

  const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0')
  await page.getByLabel('Code reçu (6 chiffres)').fill(wrong)
  await page.getByLabel('Nouveau mot de passe', { exact: true }).fill(NEW_PASSWORD)
  await page.getByLabel('Confirmez le nouveau mot de passe').fill(NEW_PASSWORD)
  await page.getByRole('button', { name: 'Changer mon mot de passe' }).click()
  await expect(page.getByText('Code incorrect ou expiré.').first()).toBeVisible()
  await expectAccessible(page)

  await page.getByLabel('Code reçu (6 chiffres)').fill(code)
  await page.getByLabel('Nouveau mot de passe', { exact: true }).fill(NEW_PASSWORD)
  await page.getByLabel('Confirmez le nouveau mot de passe').fill(NEW_PASSWORD)
  await page.getByRole('button', { name: 'Changer mon mot de passe' }).click()
  await expect(page).toHaveURL(/\/connexion\?status=password-reset/)
  await expect(page.getByText('Votre mot de passe a été changé.')).toBeVisible()

  // The session opened before the reset has ended.
  await other.goto('/compte')
  await expect(other).toHaveURL(/\/connexion/)
  await other.close()

  await signInInsured(page, 'pierre')
  await expect(page.getByRole('alert').filter({ hasText: 'Connexion impossible' })).toContainText('Identifiant ou mot de passe incorrect.')
  await signInInsured(page, 'pierre', NEW_PASSWORD)
  await expect(page).toHaveURL(/\/compte$/)
})

async function staffAttempt(page: Page, email: string, otp: string) {
  await signInStaff(page, email, undefined, otp)
}

/** A demo recovery code still unused for this staff member (read from the hashes: retries spend codes). */
function unusedRecoveryCode(email: string): string {
  const conn = e2eDb()
  try {
    const rows = conn.prepare(`SELECT r.codeHash FROM RecoveryCode r JOIN User u ON u.id = r.userId WHERE u.email = ? AND r.usedAt IS NULL`).all(email) as { codeHash: string }[]
    const code = DEMO_RECOVERY_CODES.find((c) => rows.some((r) => recoveryCodeMatches(r.codeHash, c)))
    if (!code) throw new Error(`no unused recovery code left for ${email}`)
    return code
  } finally {
    conn.close()
  }
}

test('attack: a staff password alone (phished or reused) does not open the back-office: a wrong code is refused, the right TOTP code and a recovery code (once) are accepted', async ({ page }) => {
  // Karim Benaïssa (Paris advisor) is used by no other spec: his recovery codes are this test's.
  const karim = 'karim.benaissa@cpam-paris.example.fr'
  await page.goto('/connexion')
  await page.getByText('Conseiller CPAM').click()
  await expect(page.getByLabel('Code de vérification')).toBeVisible()
  await expectAccessible(page)

  const right = await demoTotp()
  await staffAttempt(page, advisorParis.email, String((Number(right) + 500_000) % 1_000_000).padStart(6, '0'))
  await expect(page.getByRole('alert').filter({ hasText: 'Connexion impossible' })).toContainText('Code de vérification incorrect ou expiré.')
  await staffAttempt(page, advisorParis.email, '')
  await expect(page.getByRole('alert').filter({ hasText: 'Connexion impossible' })).toContainText('Saisissez le code de vérification')

  await signInStaff(page, advisorParis.email)
  await expect(page).toHaveURL(/\/conseiller$/)
  await page.goto('/conseiller/double-authentification')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Double authentification')
  await expect(page.getByText(/Codes de secours non utilisés/)).toBeVisible()
  await expectAccessible(page)

  const recovery = unusedRecoveryCode(karim)
  const other = await page.context().browser()!.newPage()
  await staffAttempt(other, karim, recovery)
  await expect(other).toHaveURL(/\/conseiller$/)
  await other.getByRole('button', { name: 'Se déconnecter', exact: true }).click()
  await expect(other).toHaveURL(/\/connexion\?status=signed-out/)
  await staffAttempt(other, karim, recovery)
  await expect(other.getByRole('alert').filter({ hasText: 'Connexion impossible' })).toContainText('Code de vérification incorrect ou expiré.')
  await other.close()
})
