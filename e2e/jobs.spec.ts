import { expect, test } from '@playwright/test'
import { expectAccessible, signInStaff, supervisor } from './helpers'
import { e2eDb } from './fixtures'

/**
 * Issue 14 item 3 (ADR 0011): the supervisor page of the scheduled jobs lists each job's last run, next run,
 * duration and failures, and starts one by hand, audited. (The e2e server runs without the scheduler: JOBS=off.)
 */
test('a supervisor sees the five jobs and runs the clean-up by hand; the run is recorded and audited', async ({ page }) => {
  await signInStaff(page, supervisor.email)
  await page.getByRole('link', { name: 'Tâches planifiées' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Tâches planifiées' })).toBeVisible()
  const table = page.getByRole('table', { name: /Tâches planifiées/ })
  for (const name of ['Virements', 'Rappels de rendez-vous', 'Envoi des e-mails et SMS', 'Purge des codes expirés', 'Sauvegarde de la base']) {
    await expect(table.getByRole('rowheader', { name: new RegExp(name) })).toBeVisible()
  }
  const row = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /Purge des codes expirés/ }) })
  await expect(row).toContainText('Chaque heure')
  await expect(row).toContainText('Jamais exécutée')
  await expectAccessible(page)

  await row.getByRole('button', { name: 'Lancer maintenant : Purge des codes expirés' }).click()
  await expect(page.getByRole('status')).toContainText('« Purge des codes expirés » exécutée')
  const after = page.getByRole('table', { name: /Tâches planifiées/ }).getByRole('row').filter({ has: page.getByRole('rowheader', { name: /Purge des codes expirés/ }) })
  await expect(after).toContainText('Réussie')
  await expect(after).toContainText('lancée à la main')
  await expect(after).not.toContainText('Jamais exécutée')

  const db = e2eDb()
  try {
    const run = db.prepare(`SELECT trigger, status, actorUserId FROM JobRun WHERE job = 'expiry' ORDER BY startedAt DESC LIMIT 1`).get() as { trigger: string; status: string; actorUserId: string }
    expect(run).toMatchObject({ trigger: 'manual', status: 'succeeded' })
    const audit = db.prepare(`SELECT outcome, targetId FROM AuditEvent WHERE action = 'job.run' AND actorUserId = ? ORDER BY at DESC LIMIT 1`).get(run.actorUserId) as { outcome: string; targetId: string }
    expect(audit).toEqual({ outcome: 'success', targetId: 'expiry' })
  } finally {
    db.close()
  }
})
