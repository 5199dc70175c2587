import { beforeEach, describe, expect, it } from 'vitest'
import { ZodError } from 'zod'
import { getDb } from '@/lib/db/client'
import { authenticate } from '@/lib/services/auth/authenticate'
import { createLoginLimiter } from '@/lib/services/auth/login-rate-limit'
import { createDbSignInThrottle, DEFAULT_THROTTLE_POLICY } from '@/lib/services/auth/sign-in-throttle'
import { requestPasswordReset, resetPassword, RESET_SMS_TEMPLATE } from '@/lib/services/auth/password-reset'
import { startSession } from '@/lib/services/auth/sessions'
import { userOfToken } from '@/lib/auth/session'
import { isAppError } from '@/lib/errors'
import { DEMO_INSURED_PASSWORD } from '@/prisma/seed/demo-data'

/** Issue 13 item 5: forgotten password, self-service (NIR + birth date → a 6-digit code → a new password). */
const NOW = new Date('2026-11-24T10:00:00Z')
const ctx = { ip: '198.51.100.30', userAgent: 'vitest' }
const NEW_PASSWORD = 'Canal-Saint-Martin-75'
const generous = () => createLoginLimiter({ ipPoints: 1000, accountPoints: 1000, durationSeconds: 3600 })
const signInThrottle = createDbSignInThrottle({ policy: { ...DEFAULT_THROTTLE_POLICY, addressFailures: 1000, lockAfterFailures: 1000, delaysSeconds: [0] } })
const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000)

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p
    return 'ok'
  } catch (e) {
    if (isAppError(e)) return `${e.status} ${e.code}`
    if (e instanceof ZodError) return `zod ${e.issues[0]?.message}`
    throw e
  }
}

async function person(firstNames = 'Jonathan Pierre') {
  const i = await getDb().insured.findFirstOrThrow({ where: { firstNames }, select: { id: true, nir: true, birthDate: true, phone: true, email: true, user: { select: { id: true, sessionVersion: true } } } })
  return { ...i, userId: i.user!.id, sessionVersion: i.user!.sessionVersion }
}

async function lastCode(recipient: string): Promise<string> {
  const m = await getDb().outboxMessage.findFirstOrThrow({ where: { recipient, template: RESET_SMS_TEMPLATE }, orderBy: { createdAt: 'desc' } })
  return /\b(\d{6})\b/.exec(m.body)![1]!
}

describe('forgotten password (issue 13 item 5)', () => {
  let limiter = generous()
  beforeEach(async () => {
    limiter = generous()
    // Each test starts without earlier codes (the per-account limit counts them).
    await getDb().passwordResetCode.deleteMany({})
  })
  const request = (input: unknown, now = NOW, ip = ctx.ip) => requestPasswordReset({ input, ...ctx, ip, now, limiter })
  const reset = (input: unknown, now = NOW) => resetPassword({ input, ...ctx, now, limiter })

  it('attack: account enumeration: an unknown NIR, a wrong birth date and a real one get the same answer; only the real one gets a code (hashed at rest), all audited', async () => {
    const p = await person()
    const before = await getDb().outboxMessage.count()
    expect(await request({ nir: '1990175999999', birthDate: '1990-01-01' })).toEqual({ sent: true })
    expect(await request({ nir: p.nir, birthDate: '1901-01-01' })).toEqual({ sent: true })
    expect(await getDb().outboxMessage.count()).toBe(before)
    expect(await request({ nir: p.nir, birthDate: p.birthDate })).toEqual({ sent: true })
    const code = await lastCode(p.phone!)
    expect(code).toMatch(/^\d{6}$/)
    const stored = await getDb().passwordResetCode.findFirstOrThrow({ where: { userId: p.userId } })
    expect(stored.codeHash).not.toContain(code)
    expect(stored.expiresAt.toISOString()).toBe(at(15).toISOString())
    const audit = await getDb().auditEvent.findMany({ where: { action: 'auth.password-reset.request' }, orderBy: { at: 'asc' }, select: { details: true, ip: true } })
    expect(audit.map((a) => JSON.parse(a.details).outcome)).toEqual(['unknown-nir', 'identity-mismatch', 'code-sent'])
    expect(audit.every((a) => a.ip === ctx.ip)).toBe(true)
  })

  it('the right code sets the new password; every other session ends; the old password no longer works; the code is single use', async () => {
    const p = await person()
    const sid = await startSession({ userId: p.userId, ip: null, userAgent: null, now: NOW })
    const stolen = { sub: p.userId, sid, sv: p.sessionVersion, loginAt: Math.floor(NOW.getTime() / 1000) }
    expect(await userOfToken(stolen, NOW)).not.toBeNull()

    await request({ nir: p.nir, birthDate: p.birthDate })
    const code = await lastCode(p.phone!)
    // A weak password is refused without spending the code.
    expect(await codeOf(reset({ nir: p.nir, code, password: 'short', confirmation: 'short' }, at(1)))).toBe('zod activation.errors.passwordTooShort')
    expect(await reset({ nir: p.nir, code, password: NEW_PASSWORD, confirmation: NEW_PASSWORD }, at(2))).toEqual({ sessionsRevoked: 1 })

    expect(await userOfToken(stolen, at(3))).toBeNull()
    expect(await getDb().authSession.findUniqueOrThrow({ where: { id: sid } })).toMatchObject({ revokedAt: at(2) })
    const user = await getDb().user.findUniqueOrThrow({ where: { id: p.userId } })
    expect(user.sessionVersion).toBe(p.sessionVersion + 1)
    expect(await codeOf(authenticate({ kind: 'insured', credentials: { nir: p.nir, password: DEMO_INSURED_PASSWORD }, ...ctx, now: at(3), limiter: signInThrottle }))).toBe('401 auth.invalidCredentials')
    expect((await authenticate({ kind: 'insured', credentials: { nir: p.nir, password: NEW_PASSWORD }, ...ctx, now: at(3), limiter: signInThrottle })).id).toBe(p.userId)

    // attack: replaying the code.
    expect(await codeOf(reset({ nir: p.nir, code, password: 'Another-Password-99', confirmation: 'Another-Password-99' }, at(4)))).toBe('422 security.errors.codeInvalid')
    expect(await getDb().auditEvent.count({ where: { action: 'auth.password-reset.done', targetId: p.userId } })).toBe(1)
    if (p.email) expect(await getDb().outboxMessage.count({ where: { recipient: p.email, template: 'security.messages.changedEmail' } })).toBe(1)
  })

  it('expiry: the code works until 15 minutes, not at 15 minutes', async () => {
    const p = await person()
    await request({ nir: p.nir, birthDate: p.birthDate })
    const code = await lastCode(p.phone!)
    expect(await codeOf(reset({ nir: p.nir, code, password: NEW_PASSWORD, confirmation: NEW_PASSWORD }, at(15)))).toBe('422 security.errors.codeInvalid')
    await request({ nir: p.nir, birthDate: p.birthDate }, at(20))
    const second = await lastCode(p.phone!)
    expect(await codeOf(reset({ nir: p.nir, code: second, password: NEW_PASSWORD, confirmation: NEW_PASSWORD }, new Date(at(35).getTime() - 1000)))).toBe('ok')
  })

  it('attack: guessing the code: 5 wrong tries spend it (the right code is then refused); a new request voids the previous code', async () => {
    const p = await person()
    await request({ nir: p.nir, birthDate: p.birthDate })
    const code = await lastCode(p.phone!)
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0')
    for (let i = 0; i < 5; i++) expect(await codeOf(reset({ nir: p.nir, code: wrong, password: NEW_PASSWORD, confirmation: NEW_PASSWORD }, at(1)))).toBe('422 security.errors.codeInvalid')
    expect(await codeOf(reset({ nir: p.nir, code, password: NEW_PASSWORD, confirmation: NEW_PASSWORD }, at(1)))).toBe('422 security.errors.codeInvalid')

    await request({ nir: p.nir, birthDate: p.birthDate }, at(2))
    const a = await lastCode(p.phone!)
    await request({ nir: p.nir, birthDate: p.birthDate }, at(3))
    const b = await lastCode(p.phone!)
    if (a !== b) expect(await codeOf(reset({ nir: p.nir, code: a, password: NEW_PASSWORD, confirmation: NEW_PASSWORD }, at(4)))).toBe('422 security.errors.codeInvalid')
    expect(await codeOf(reset({ nir: p.nir, code: b, password: NEW_PASSWORD, confirmation: NEW_PASSWORD }, at(4)))).toBe('ok')
  })

  it('attack: SMS flooding / code farming: at most 3 codes per account an hour (silently), 5 requests per NIR and 20 per address an hour (429)', async () => {
    const p = await person()
    const sms = () => getDb().outboxMessage.count({ where: { recipient: p.phone!, template: RESET_SMS_TEMPLATE } })
    const smsBefore = await sms()
    for (let i = 0; i < 5; i++) expect(await request({ nir: p.nir, birthDate: p.birthDate }, at(i))).toEqual({ sent: true })
    expect(await getDb().passwordResetCode.count({ where: { userId: p.userId } })).toBe(3)
    expect((await sms()) - smsBefore).toBe(3)
    // An hour after the first code, a new one can be sent again.
    await request({ nir: p.nir, birthDate: p.birthDate }, at(61))
    expect(await getDb().passwordResetCode.count({ where: { userId: p.userId } })).toBe(4)

    const strict = createLoginLimiter({ prefix: 't', ipPoints: 20, accountPoints: 5, durationSeconds: 3600 })
    const ask = (nir: string, ip: string) => requestPasswordReset({ input: { nir, birthDate: '1990-01-01' }, ip, userAgent: 'vitest', now: NOW, limiter: strict })
    for (let i = 0; i < 5; i++) await ask('1990175999999', '203.0.113.1')
    expect(await codeOf(ask('1990175999999', '203.0.113.1'))).toBe('429 security.errors.rateLimited')
    // Per address: other NIRs from the same address, 20 in all.
    for (let i = 0; i < 14; i++) await ask(`19901759990${String(10 + i)}`, '203.0.113.1')
    expect(await codeOf(ask('1990175999950', '203.0.113.1'))).toBe('429 security.errors.rateLimited')
    expect(await codeOf(ask('1990175999951', '203.0.113.2'))).toBe('ok')
    expect(await getDb().auditEvent.count({ where: { action: 'auth.password-reset.request', outcome: 'denied' } })).toBe(2)
  })

  it('refuses bad input with field codes (400-style zod issues), never a crash', async () => {
    expect(await codeOf(request({ nir: '123', birthDate: '1990-01-01' }))).toBe('zod errors.nir.length')
    expect(await codeOf(request({ nir: '1850575115423', birthDate: 'yesterday' }))).toBe('zod activation.errors.birthDate')
    expect(await codeOf(reset({ nir: '1850575115423', code: '12ab56', password: 'x', confirmation: 'x' }))).toBe('zod security.errors.codeFormat')
  })
})
