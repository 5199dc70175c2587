import { beforeEach, describe, expect, it } from 'vitest'
import { getDb } from '@/lib/db/client'
import { authenticate, LOCK_AFTER_FAILURES } from '@/lib/services/auth/authenticate'
import { createLoginLimiter } from '@/lib/services/auth/login-rate-limit'
import { unlockUserAccount } from '@/lib/services/auth/unlock-account'
import { signOutUser } from '@/lib/services/auth/sign-out'
import { findSessionUser } from '@/lib/db/repositories/users'
import { DEMO_INSURED_PASSWORD, DEMO_STAFF_PASSWORD, DEMO_STAFF_TOTP_SECRET, insured, staff } from '@/prisma/seed/demo-data'
import { totpCode } from '@/lib/auth/totp'
import { nirOf } from '@/prisma/seed/seed-demo'
import { isAppError } from '@/lib/errors'

const generous = () => createLoginLimiter({ ipPoints: 1000, accountPoints: 1000, durationSeconds: 900 })
const person = (key: string) => insured.find((p) => p.key === key)!
const nir15 = (key: string) => {
  const n = nirOf(person(key))
  return `${n.nir}${n.key}`
}
const ctx = { ip: '203.0.113.7', userAgent: 'vitest' }

async function failure(promise: Promise<unknown>): Promise<{ code: string; status: number }> {
  try {
    await promise
  } catch (error) {
    if (isAppError(error)) return { code: error.code, status: error.status }
    throw error
  }
  throw new Error('expected a failure')
}

describe('authenticate (issue 2 §4: login)', () => {
  let limiter = generous()
  beforeEach(() => {
    limiter = generous()
  })

  it('signs an insured person in with NIR + key, and with the 13 digits only; audits with IP and user agent', async () => {
    const a = await authenticate({ kind: 'insured', credentials: { nir: nir15('jonathan'), password: DEMO_INSURED_PASSWORD }, ...ctx, limiter })
    expect(a.role).toBe('insured')
    expect(a.name).toBe('Jonathan Martin')
    const b = await authenticate({ kind: 'insured', credentials: { nir: nir15('jonathan').slice(0, 13), password: DEMO_INSURED_PASSWORD }, ...ctx, limiter })
    expect(b.id).toBe(a.id)
    const events = await getDb().auditEvent.findMany({ where: { actorUserId: a.id, action: 'auth.login.success' } })
    expect(events).toHaveLength(2)
    expect(events[0]).toMatchObject({ ip: '203.0.113.7', userAgent: 'vitest', outcome: 'success' })
    expect(events[0]?.insuredId).not.toBeNull()
  })

  it('signs an advisor in by e-mail, case-insensitively', async () => {
    const advisor = staff[0]!
    // Demo staff have two-factor sign-in on (issue 13 item 6): the code of the documented demo secret at `now`.
    const now = new Date('2026-11-24T10:00:00Z')
    const otp = await totpCode(DEMO_STAFF_TOTP_SECRET, now)
    const a = await authenticate({ kind: 'staff', credentials: { email: `  ${advisor.email.toUpperCase()} `, password: DEMO_STAFF_PASSWORD, otp }, ...ctx, now, limiter })
    expect(a.role).toBe('advisor')
  })

  it('gives one generic error for an unknown account and for a wrong password, and audits both', async () => {
    const unknown = await failure(authenticate({ kind: 'insured', credentials: { nir: '1990175999999', password: 'x' }, ...ctx, limiter }))
    const wrong = await failure(authenticate({ kind: 'insured', credentials: { nir: nir15('mei'), password: 'wrong' }, ...ctx, limiter }))
    expect(unknown).toEqual({ code: 'auth.invalidCredentials', status: 401 })
    expect(wrong).toEqual(unknown)
    const failures = await getDb().auditEvent.findMany({ where: { action: 'auth.login.failure' }, select: { details: true, ip: true } })
    expect(failures.map((f) => JSON.parse(f.details).reason).sort()).toEqual(['unknown-account', 'wrong-password'])
    expect(failures.every((f) => f.ip === ctx.ip)).toBe(true)
    // The audit never stores the full identifier.
    expect(failures.map((f) => f.details).join()).not.toContain(nir15('mei').slice(0, 13))
  })

  it('validates input with zod: bad key, wrong length, empty password, bad e-mail → 400 with the i18n code', async () => {
    const nir = nir15('jonathan')
    const badKey = nir.slice(0, 13) + String((Number(nir.slice(13)) % 97) + 1).padStart(2, '0')
    expect(await failure(authenticate({ kind: 'insured', credentials: { nir: badKey, password: 'x' }, ...ctx, limiter }))).toEqual({ code: 'nir.key', status: 400 })
    expect(await failure(authenticate({ kind: 'insured', credentials: { nir: '12345', password: 'x' }, ...ctx, limiter }))).toEqual({ code: 'nir.length', status: 400 })
    expect(await failure(authenticate({ kind: 'insured', credentials: { nir, password: '' }, ...ctx, limiter }))).toEqual({ code: 'auth.passwordRequired', status: 400 })
    expect(await failure(authenticate({ kind: 'staff', credentials: { email: 'not-an-email', password: 'x' }, ...ctx, limiter }))).toEqual({ code: 'auth.emailInvalid', status: 400 })
    expect(await failure(authenticate({ kind: 'insured', credentials: {}, ...ctx, limiter }))).toEqual({ code: 'nir.required', status: 400 })
  })

  it('refuses a temporary number (7/8) with its own message', async () => {
    expect(await failure(authenticate({ kind: 'insured', credentials: { nir: nir15('emily'), password: 'anything' }, ...ctx, limiter }))).toEqual({ code: 'auth.temporaryNumber', status: 403 })
  })

  it(`locks the account after ${LOCK_AFTER_FAILURES} consecutive failures; even the right password is then refused until an advisor unlocks it`, async () => {
    const credentials = { nir: nir15('claire'), password: 'wrong' }
    for (let i = 1; i < LOCK_AFTER_FAILURES; i++) {
      expect((await failure(authenticate({ kind: 'insured', credentials, ...ctx, limiter }))).code).toBe('auth.invalidCredentials')
    }
    expect(await failure(authenticate({ kind: 'insured', credentials, ...ctx, limiter }))).toEqual({ code: 'auth.locked', status: 423 })
    const right = { nir: nir15('claire'), password: DEMO_INSURED_PASSWORD }
    expect((await failure(authenticate({ kind: 'insured', credentials: right, ...ctx, limiter }))).code).toBe('auth.locked')
    expect(await getDb().auditEvent.count({ where: { action: 'auth.account.locked' } })).toBe(1)

    const advisor = await getDb().user.findFirstOrThrow({ where: { email: staff.find((s) => s.organisation === 'bas-rhin')!.email } })
    const user = await getDb().user.findFirstOrThrow({ where: { insured: { nir: right.nir.slice(0, 13) } } })
    await unlockUserAccount({ actor: { id: advisor.id, role: 'advisor', organisationId: advisor.organisationId }, userId: user.id, ...ctx })
    expect((await authenticate({ kind: 'insured', credentials: right, ...ctx, limiter })).id).toBe(user.id)
  })

  it('a success resets the failure counter', async () => {
    const wrong = { nir: nir15('bernard'), password: 'wrong' }
    for (let i = 0; i < LOCK_AFTER_FAILURES - 1; i++) await failure(authenticate({ kind: 'insured', credentials: wrong, ...ctx, limiter }))
    await authenticate({ kind: 'insured', credentials: { ...wrong, password: DEMO_INSURED_PASSWORD }, ...ctx, limiter })
    expect((await failure(authenticate({ kind: 'insured', credentials: wrong, ...ctx, limiter }))).code).toBe('auth.invalidCredentials')
  })

  it('rate-limits per account and per IP, and audits the refusal', async () => {
    const tight = createLoginLimiter({ ipPoints: 100, accountPoints: 3, durationSeconds: 900 })
    const credentials = { nir: nir15('pierre'), password: 'wrong' }
    for (let i = 0; i < 3; i++) await failure(authenticate({ kind: 'insured', credentials, ...ctx, limiter: tight }))
    expect(await failure(authenticate({ kind: 'insured', credentials, ...ctx, limiter: tight }))).toEqual({ code: 'auth.rateLimited', status: 429 })
    // Rate-limited attempts do not count towards the lock (the password was not even checked).
    const user = await getDb().user.findFirstOrThrow({ where: { insured: { nir: credentials.nir.slice(0, 13) } } })
    expect(user.failedLoginCount).toBe(3)

    const byIp = createLoginLimiter({ ipPoints: 2, accountPoints: 100, durationSeconds: 900 })
    await failure(authenticate({ kind: 'insured', credentials: { nir: nir15('nadia'), password: 'x' }, ...ctx, limiter: byIp }))
    await failure(authenticate({ kind: 'insured', credentials: { nir: nir15('sophie'), password: 'x' }, ...ctx, limiter: byIp }))
    expect((await failure(authenticate({ kind: 'insured', credentials: { nir: nir15('mei'), password: 'x' }, ...ctx, limiter: byIp }))).code).toBe('auth.rateLimited')
    expect((await failure(authenticate({ kind: 'insured', credentials: { nir: nir15('mei'), password: 'x' }, ip: '198.51.100.1', userAgent: 'other', limiter: byIp }))).code).toBe('auth.invalidCredentials')
    expect(await getDb().auditEvent.count({ where: { action: 'auth.login.failure', outcome: 'denied' } })).toBeGreaterThanOrEqual(2)
  })

  it('sign out everywhere invalidates the session version', async () => {
    const a = await authenticate({ kind: 'insured', credentials: { nir: nir15('sophie'), password: DEMO_INSURED_PASSWORD }, ...ctx, limiter })
    const before = await findSessionUser(getDb(), a.id)
    expect(before?.sessionVersion).toBe(a.sessionVersion)
    await signOutUser({ actor: before!, everywhere: true, ...ctx })
    const after = await findSessionUser(getDb(), a.id)
    expect(after?.sessionVersion).toBe(a.sessionVersion + 1)
    expect(await getDb().auditEvent.count({ where: { action: 'auth.logout.everywhere', actorUserId: a.id } })).toBe(1)
  })
})
