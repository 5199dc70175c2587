import AxeBuilder from '@axe-core/playwright'
import { expect, type Page } from '@playwright/test'
import { insured, staff, DEMO_INSURED_PASSWORD, DEMO_STAFF_PASSWORD, DEMO_STAFF_TOTP_SECRET } from '../prisma/seed/demo-data'
import { totpCode } from '../lib/auth/totp'
import { nirOf } from '../prisma/seed/demo-nir'

/** The demo person's NIR as a user would type it: 13 digits then the key. */
export function demoNir(key: string): string {
  const person = insured.find((p) => p.key === key)
  if (!person) throw new Error(`no demo person ${key}`)
  const { nir, key: nirKey } = nirOf(person)
  return `${nir}${nirKey}`
}

export const advisorParis = staff.find((s) => s.role === 'advisor' && s.organisation === 'paris')!
export const supervisor = staff.find((s) => s.role === 'supervisor')!
export { DEMO_INSURED_PASSWORD, DEMO_STAFF_PASSWORD }

export async function signInInsured(page: Page, personKey: string, password = DEMO_INSURED_PASSWORD) {
  await page.goto('/connexion')
  await page.getByLabel('Numéro de sécurité sociale').fill(demoNir(personKey))
  await page.getByLabel('Mot de passe', { exact: true }).fill(password)
  await page.getByRole('button', { name: 'Je me connecte' }).click()
}

/** The current two-factor code of a demo staff member (they all share the documented demo TOTP secret). */
export function demoTotp(): Promise<string> {
  return totpCode(DEMO_STAFF_TOTP_SECRET, new Date())
}

/** Staff sign-in: e-mail, password and the verification code (computed with otplib unless given). */
export async function signInStaff(page: Page, email: string, password = DEMO_STAFF_PASSWORD, otp?: string) {
  await page.goto('/connexion')
  await page.getByText('Conseiller CPAM').click()
  await page.getByLabel('Adresse e-mail professionnelle').fill(email)
  await page.getByLabel('Mot de passe', { exact: true }).fill(password)
  await page.getByLabel('Code de vérification').fill(otp ?? (await demoTotp()))
  await page.getByRole('button', { name: 'Je me connecte' }).click()
}

/** WCAG 2.2 A/AA automated checks (axe-core) on the current page. */
export async function expectAccessible(page: Page) {
  // Metadata (the <title>) is streamed after client-side navigations: wait for it rather than race it.
  await expect(page).toHaveTitle(/\S/)
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa']).analyze()
  const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`)
  expect(summary, `axe violations on ${page.url()}`).toEqual([])
}
