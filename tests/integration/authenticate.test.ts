import { beforeEach, describe, expect, it } from 'vitest'
import { getDb } from '@/lib/db/client'
import { authenticate } from '@/lib/services/auth/authenticate'
import { createDbSignInThrottle, DEFAULT_THROTTLE_POLICY, type TSignInThrottle } from '@/lib/services/auth/sign-in-throttle'
import { unlockUserAccount } from '@/lib/services/auth/unlock-account'
import { signOutUser } from '@/lib/services/auth/sign-out'
import { findSessionUser } from '@/lib/db/repositories/users'
import { DEMO_INSURED_PASSWORD, DEMO_STAFF_PASSWORD, DEMO_STAFF_TOTP_SECRET, insured, staff } from '@/prisma/seed/demo-data'
import { totpCode } from '@/lib/auth/totp'
import { nirOf } from '@/prisma/seed/seed-demo'
import { isAppError } from '@/lib/errors'

/** High limits, no delays: for the tests that are not about throttling (the counters are in the file's database). */
const generous = () => createDbSignInThrottle({ policy: { ...DEFAULT_THROTTLE_POLICY, addressFailures: 1000, lockAfterFailures: 1000, delaysSeconds: [0] } })
/** The production policy: 30 failures per address and 15 min; delays after the 3rd and 4th failure; lock at the 5th. */
const production = (): TSignInThrottle => createDbSignInThrottle()
const T0 = new Date('2026-03-10T09:00:00Z')
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000)
const person = (key: string) => insured.find((p) => p.key === key)!
const nir15 = (key: string) => {
  const n = nirOf(person(key))
  return `${n.nir}${n.key}`
}
const ctx = { ip: '203.0.113.7', userAgent: 'vitest', now: new Date('2026-11-24T10:00:00Z') }

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

  it('attack: whoever knows a NIR types wrong passwords → progressive delays, a 15-min temporary lock at the 5th failure with an e-mail and an SMS to the person, never a permanent lock', async () => {
    const limiter = production()
    const ctx = { ip: '192.0.2.1', userAgent: 'vitest' } // an address of its own: the counters persist in the file's database
    const wrong = { nir: nir15('claire'), password: 'wrong' }
    const right = { nir: nir15('claire'), password: DEMO_INSURED_PASSWORD }
    const attempt = (credentials: typeof wrong, seconds: number) => failure(authenticate({ kind: 'insured', credentials, ...ctx, now: at(seconds), limiter }))
    expect(await attempt(wrong, 0)).toEqual({ code: 'auth.invalidCredentials', status: 401 })
    expect(await attempt(wrong, 1)).toEqual({ code: 'auth.invalidCredentials', status: 401 })
    expect(await attempt(wrong, 2)).toEqual({ code: 'auth.invalidCredentials', status: 401 })
    // After the 3rd failure, 5 s before the next try is even checked; after the 4th, 30 s.
    expect(await attempt(right, 3)).toEqual({ code: 'auth.slowDown', status: 429 })
    expect(await attempt(wrong, 8)).toEqual({ code: 'auth.invalidCredentials', status: 401 })
    expect(await attempt(wrong, 20)).toEqual({ code: 'auth.slowDown', status: 429 })
    expect(await attempt(wrong, 40)).toEqual({ code: 'auth.temporarilyLocked', status: 429 })
    // Locked for 15 minutes: even the right password waits.
    expect(await attempt(right, 40 + 14 * 60)).toEqual({ code: 'auth.temporarilyLocked', status: 429 })

    const user = await getDb().user.findFirstOrThrow({ where: { insured: { nir: right.nir.slice(0, 13) } }, select: { id: true, lockedAt: true, insuredId: true, insured: { select: { email: true, phone: true } } } })
    expect(user.lockedAt).toBeNull()
    const locked = await getDb().auditEvent.findMany({ where: { action: 'auth.account.locked', targetId: user.id } })
    expect(locked).toHaveLength(1)
    expect(JSON.parse(locked[0]!.details)).toMatchObject({ temporary: true, minutes: 15, failures: 5, until: at(40 + 15 * 60).toISOString() })
    const outbox = await getDb().outboxMessage.findMany({ where: { userId: user.id, template: 'signInLock' }, orderBy: { channel: 'asc' } })
    expect(outbox.map((m) => [m.channel, m.recipient])).toEqual([
      ['email', user.insured!.email],
      ['sms', user.insured!.phone],
    ])
    expect(outbox[0]!.body).toContain('15 minutes')

    // The lock ends by itself: the right password works, with no advisor.
    expect((await authenticate({ kind: 'insured', credentials: right, ...ctx, now: at(40 + 15 * 60 + 1), limiter })).id).toBe(user.id)
  })

  it('each further temporary lock lasts twice as long (15, 30, 60 min); a success forgets them; wrong passwords alone never lock for good', async () => {
    const limiter = production()
    const ctx = { ip: '192.0.2.2', userAgent: 'vitest' } // an address of its own: the counters persist in the file's database
    const wrong = { nir: nir15('bernard'), password: 'wrong' }
    let t = 0
    /** Five failures, each after the previous one's delay: the last one starts a lock. */
    async function fiveFailures(): Promise<{ code: string; status: number }> {
      let last = { code: '', status: 0 }
      for (let i = 0; i < 5; i++) {
        t += 31
        last = await failure(authenticate({ kind: 'insured', credentials: wrong, ...ctx, now: at(t), limiter }))
      }
      return last
    }
    const userId = (await getDb().user.findFirstOrThrow({ where: { insured: { nir: wrong.nir.slice(0, 13) } } })).id
    const minutesOfLastLock = async () => {
      const events = await getDb().auditEvent.findMany({ where: { action: 'auth.account.locked', targetId: userId } })
      const details = events.map((e) => JSON.parse(e.details) as { minutes: number; until: string }).sort((x, y) => x.until.localeCompare(y.until))
      return details.at(-1)!.minutes
    }
    for (const minutes of [15, 30, 60]) {
      expect(await fiveFailures()).toEqual({ code: 'auth.temporarilyLocked', status: 429 })
      expect(await minutesOfLastLock()).toBe(minutes)
      // One second before the end: still locked; the lock is over at its end.
      expect((await failure(authenticate({ kind: 'insured', credentials: wrong, ...ctx, now: at(t + minutes * 60 - 1), limiter }))).code).toBe('auth.temporarilyLocked')
      t += minutes * 60
    }
    const user = await getDb().user.findFirstOrThrow({ where: { insured: { nir: wrong.nir.slice(0, 13) } } })
    expect(user.lockedAt).toBeNull()
    expect(user.failedLoginCount).toBe(15)
    await authenticate({ kind: 'insured', credentials: { ...wrong, password: DEMO_INSURED_PASSWORD }, ...ctx, now: at(t), limiter })
    expect((await getDb().user.findUniqueOrThrow({ where: { id: user.id } })).failedLoginCount).toBe(0)
    // The success forgot the past locks: the next one is 15 minutes again.
    expect(await fiveFailures()).toEqual({ code: 'auth.temporarilyLocked', status: 429 })
    expect(await minutesOfLastLock()).toBe(15)
  })

  it('a success resets the run of failures (4 wrong, right, 4 wrong: no lock)', async () => {
    const limiter = production()
    const ctx = { ip: '192.0.2.3', userAgent: 'vitest' } // an address of its own: the counters persist in the file's database
    const wrong = { nir: nir15('nadia'), password: 'wrong' }
    let t = 0
    for (let i = 0; i < 4; i++) expect((await failure(authenticate({ kind: 'insured', credentials: wrong, ...ctx, now: at((t += 31)), limiter }))).code).toBe('auth.invalidCredentials')
    await authenticate({ kind: 'insured', credentials: { ...wrong, password: DEMO_INSURED_PASSWORD }, ...ctx, now: at((t += 31)), limiter })
    for (let i = 0; i < 4; i++) expect((await failure(authenticate({ kind: 'insured', credentials: wrong, ...ctx, now: at((t += 31)), limiter }))).code).toBe('auth.invalidCredentials')
  })

  it('an office or mobile network behind one address: 40 successful sign-ins in a few minutes are never throttled (only failures count per address)', async () => {
    const limiter = production()
    const office = { ip: '192.0.2.200', userAgent: 'office' }
    for (let i = 0; i < 40; i++) {
      const who = i % 2 === 0 ? 'jonathan' : 'sophie'
      const a = await authenticate({ kind: 'insured', credentials: { nir: nir15(who), password: DEMO_INSURED_PASSWORD }, ...office, now: at(i * 5), limiter })
      expect(a.role).toBe('insured')
    }
  })

  it('attack: password spraying from one address (one try per account) → after 30 failures the address waits for the end of its 15-minute window; other addresses are not affected; audited', async () => {
    const limiter = production()
    const attacker = { ip: '198.51.100.66', userAgent: 'spray' }
    const unknownNir = (i: number) => `1990175999${String(i + 1).padStart(3, '0')}`
    for (let i = 0; i < DEFAULT_THROTTLE_POLICY.addressFailures; i++) {
      expect((await failure(authenticate({ kind: 'insured', credentials: { nir: unknownNir(i), password: 'x' }, ...attacker, now: at(i), limiter }))).code).toBe('auth.invalidCredentials')
    }
    const refused = authenticate({ kind: 'insured', credentials: { nir: unknownNir(99), password: 'x' }, ...attacker, now: at(60), limiter })
    await expect(refused).rejects.toMatchObject({ code: 'auth.rateLimited', status: 429, details: { retryAfterSeconds: 15 * 60 - 60 } })
    // Throttled attempts are not checked and not counted against the account.
    const pierre = { nir: nir15('pierre'), password: 'wrong' }
    expect((await failure(authenticate({ kind: 'insured', credentials: pierre, ...attacker, now: at(61), limiter }))).code).toBe('auth.rateLimited')
    expect((await getDb().user.findFirstOrThrow({ where: { insured: { nir: pierre.nir.slice(0, 13) } } })).failedLoginCount).toBe(0)
    expect(await getDb().auditEvent.count({ where: { action: 'auth.login.failure', outcome: 'denied', ip: attacker.ip } })).toBe(2)
    // Another address is not held back; the attacker's address is free again when its window ends.
    expect((await authenticate({ kind: 'insured', credentials: { nir: nir15('jonathan'), password: DEMO_INSURED_PASSWORD }, ip: '203.0.113.99', userAgent: 'other', now: at(62), limiter })).role).toBe('insured')
    expect((await failure(authenticate({ kind: 'insured', credentials: { nir: unknownNir(100), password: 'x' }, ...attacker, now: at(15 * 60), limiter }))).code).toBe('auth.invalidCredentials')
  })

  it('the counters survive a restart: a new throttle (a new process) still sees the failures and the lock', async () => {
    const before = production()
    const ctx = { ip: '192.0.2.99', userAgent: 'vitest' }
    const wrong = { nir: nir15('sophie'), password: 'wrong' }
    let t = 10_000
    for (let i = 0; i < 5; i++) await failure(authenticate({ kind: 'insured', credentials: wrong, ...ctx, now: at((t += 31)), limiter: before }))
    const afterRestart = production()
    expect(await failure(authenticate({ kind: 'insured', credentials: { ...wrong, password: DEMO_INSURED_PASSWORD }, ...ctx, now: at(t + 60), limiter: afterRestart }))).toEqual({ code: 'auth.temporarilyLocked', status: 429 })
    expect(await getDb().loginThrottle.count()).toBeGreaterThan(0)
  })

  it('an advisor-locked account stays locked whatever the password, until an advisor unlocks it', async () => {
    const right = { nir: nir15('mei'), password: DEMO_INSURED_PASSWORD }
    const user = await getDb().user.findFirstOrThrow({ where: { insured: { nir: right.nir.slice(0, 13) } } })
    await getDb().user.update({ where: { id: user.id }, data: { lockedAt: T0, lockedReason: 'advisor' } })
    expect(await failure(authenticate({ kind: 'insured', credentials: right, ...ctx, limiter }))).toEqual({ code: 'auth.locked', status: 423 })
    const advisor = await getDb().user.findFirstOrThrow({ where: { email: staff.find((s) => s.organisation === person('mei').organisation && s.role === 'advisor')!.email } })
    await unlockUserAccount({ actor: { id: advisor.id, role: 'advisor', organisationId: advisor.organisationId }, userId: user.id, ...ctx })
    expect((await authenticate({ kind: 'insured', credentials: right, ...ctx, limiter })).id).toBe(user.id)
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
