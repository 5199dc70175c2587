import { describe, expect, it } from 'vitest'
import { getDb } from '@/lib/db/client'
import { unlockUserAccount } from '@/lib/services/auth/unlock-account'
import { isAppError } from '@/lib/errors'
import { staff } from '@/prisma/seed/demo-data'

const ctx = { ip: '192.0.2.10', userAgent: 'vitest' }

async function actor(email: string) {
  const u = await getDb().user.findFirstOrThrow({ where: { email } })
  return { id: u.id, role: u.role as 'advisor' | 'supervisor', organisationId: u.organisationId }
}
const email = (organisation: string, role = 'advisor') => staff.find((s) => s.organisation === organisation && s.role === role)!.email

async function codeOf(promise: Promise<unknown>) {
  try {
    await promise
    return 'ok'
  } catch (error) {
    if (isAppError(error)) return `${error.status} ${error.code}`
    throw error
  }
}

describe('unlock an account (issue 2 §4: locked until an advisor unlocks it; advisors only for their caisse)', async () => {
  const marc = await getDb().user.findFirstOrThrow({ where: { role: 'insured', lockedAt: { not: null } }, select: { id: true, insuredId: true } })

  it('an advisor of another caisse cannot see the account (404), an insured person is refused (403)', async () => {
    expect(await codeOf(unlockUserAccount({ actor: await actor(email('rhone')), userId: marc.id, ...ctx }))).toBe('404 notFound')
    const insured = await getDb().user.findFirstOrThrow({ where: { role: 'insured', lockedAt: null } })
    expect(await codeOf(unlockUserAccount({ actor: { id: insured.id, role: 'insured', organisationId: null }, userId: marc.id, ...ctx }))).toBe('403 forbidden')
    expect((await getDb().user.findUniqueOrThrow({ where: { id: marc.id } })).lockedAt).not.toBeNull()
    expect(await getDb().auditEvent.count({ where: { action: 'account.unlock' } })).toBe(0)
  })

  it('an advisor of the caisse unlocks it, resets the counter, and the person can see it in their audit trail', async () => {
    expect(await codeOf(unlockUserAccount({ actor: await actor(email('paris')), userId: marc.id, ...ctx }))).toBe('ok')
    const after = await getDb().user.findUniqueOrThrow({ where: { id: marc.id } })
    expect(after.lockedAt).toBeNull()
    expect(after.failedLoginCount).toBe(0)
    const audit = await getDb().auditEvent.findFirstOrThrow({ where: { action: 'account.unlock' } })
    expect(audit).toMatchObject({ insuredId: marc.insuredId, targetId: marc.id, ip: ctx.ip, actorRole: 'advisor' })
  })

  it('a supervisor may unlock an account of any caisse', async () => {
    await getDb().user.update({ where: { id: marc.id }, data: { lockedAt: new Date(), failedLoginCount: 10 } })
    expect(await codeOf(unlockUserAccount({ actor: await actor(email('paris', 'supervisor')), userId: marc.id, ...ctx }))).toBe('ok')
  })
})
