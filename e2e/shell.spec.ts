import { expect, test } from '@playwright/test'
import { expectAccessible, signInInsured } from './helpers'

test.describe('shell: keyboard and phone', () => {
  test('the first Tab reaches a visible "skip to content" link that moves focus to the main content', async ({ page }) => {
    await page.goto('/')
    await page.keyboard.press('Tab')
    const skip = page.getByRole('link', { name: 'Aller au contenu' })
    await expect(skip).toBeFocused()
    await expect(skip).toBeVisible()
    await page.keyboard.press('Enter')
    await expect(page).toHaveURL(/#contenu$/)
  })

  test('on a phone, the navigation is a menu that opens from the keyboard and shows the current section', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 })
    await signInInsured(page, 'jonathan')
    await expect(page).toHaveURL(/\/compte$/)
    const menu = page.locator('summary')
    await expect(menu).toContainText('Menu · Accueil')
    await menu.focus()
    await page.keyboard.press('Enter')
    const nav = page.getByRole('navigation', { name: 'Navigation principale' })
    await expect(nav.getByRole('link', { name: 'Accueil' })).toHaveAttribute('aria-current', 'page')
    await nav.getByRole('link', { name: 'Mes documents' }).click()
    await expect(page).toHaveURL(/\/compte\/documents$/)
    await expect(page.locator('summary')).toContainText('Mes documents')
    await expectAccessible(page)
  })
})
