import { beforeEach, describe, expect, it } from 'vitest'
import { getDb } from '@/lib/db/client'
import { authenticate } from '@/lib/services/auth/authenticate'
import { createDbSignInThrottle, DEFAULT_THROTTLE_POLICY } from '@/lib/services/auth/sign-in-throttle'
import { confirmTotpEnrolment, getTotpEnrolment } from '@/lib/services/auth/totp-enrolment'
import { totpCode } from '@/lib/auth/totp'
import { isAppError } from '@/lib/errors'
import { DEMO_RECOVERY_CODES, DEMO_STAFF_PASSWORD, DEMO_STAFF_TOTP_SECRET } from '@/prisma/seed/demo-data'
import { staffActor } from '../support/procedures'

/** Issue 13 item 6: two-factor sign-in for staff (TOTP, RFC 6238, otplib), recovery codes, enrolment. */
const NOW = new Date('2026-11-24T10:00:00Z')
const ctx = { ip: '198.51.100.9', userAgent: 'vitest' }
const ADVISOR = 'camille.roux@cpam-paris.example.fr'
const generous = () => createDbSignInThrottle({ policy: { ...DEFAULT_THROTTLE_POLICY, addressFailures: 1000, lockAfterFailures: 1000, delaysSeconds: [0] } })

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p
    return 'ok'
  } catch (e) {
    if (isAppError(e)) return `${e.status} ${e.code}`
    throw e
  }
}

describe('staff two-factor sign-in (issue 13 item 6)', () => {
  let limiter = generous()
  beforeEach(() => {
    limiter = generous()
  })
  const signIn = (otp: string | undefined, now = NOW) =>
    authenticate({ kind: 'staff', credentials: { email: ADVISOR, password: DEMO_STAFF_PASSWORD, ...(otp === undefined ? {} : { otp }) }, ...ctx, now, limiter })

  it('attack: a stolen or phished staff password alone does not open the back-office (no code, wrong code, a code from 2 minutes ago)', async () => {
    expect(await codeOf(signIn(undefined))).toBe('401 auth.otpRequired')
    const right = await totpCode(DEMO_STAFF_TOTP_SECRET, NOW)
    const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, '0')
    expect(await codeOf(signIn(wrong))).toBe('401 auth.otpInvalid')
    expect(await codeOf(signIn(await totpCode(DEMO_STAFF_TOTP_SECRET, new Date(NOW.getTime() - 120_000))))).toBe('401 auth.otpInvalid')
    const user = await getDb().user.findFirstOrThrow({ where: { email: ADVISOR } })
    const failures = await getDb().auditEvent.findMany({ where: { actorUserId: user.id, action: 'auth.totp.failure' }, select: { details: true, ip: true } })
    expect(failures.map((f) => JSON.parse(f.details).reason)).toEqual(['missing', 'wrong-code', 'wrong-code'])
    expect(failures[0]?.ip).toBe(ctx.ip)
    expect(await getDb().auditEvent.count({ where: { actorUserId: user.id, action: 'auth.login.success' } })).toBe(0)
  })

  it('the current code (and the one of the previous 30-second step, for a slow phone) signs in, audited', async () => {
    expect((await signIn(await totpCode(DEMO_STAFF_TOTP_SECRET, NOW))).role).toBe('advisor')
    expect((await signIn(await totpCode(DEMO_STAFF_TOTP_SECRET, new Date(NOW.getTime() - 30_000)))).role).toBe('advisor')
    const user = await getDb().user.findFirstOrThrow({ where: { email: ADVISOR } })
    expect(await getDb().auditEvent.count({ where: { actorUserId: user.id, action: 'auth.totp.success' } })).toBe(2)
  })

  it('attack: replaying a recovery code: each one works once (dashes and case do not matter), then is refused', async () => {
    const code = DEMO_RECOVERY_CODES[0]!
    expect((await signIn(code.toLowerCase())).role).toBe('advisor')
    expect(await codeOf(signIn(code))).toBe('401 auth.otpInvalid')
    expect((await signIn(DEMO_RECOVERY_CODES[1]!.replace(/-/g, ''))).role).toBe('advisor')
    const user = await getDb().user.findFirstOrThrow({ where: { email: ADVISOR } })
    expect(await getDb().recoveryCode.count({ where: { userId: user.id, usedAt: null } })).toBe(8)
    const used = await getDb().auditEvent.findMany({ where: { actorUserId: user.id, action: 'auth.recovery-code.used' }, select: { details: true } })
    expect(used.map((u) => JSON.parse(u.details).remaining)).toEqual([9, 8])
    // Stored hashed: no code in clear in the table.
    const stored = await getDb().recoveryCode.findMany({ where: { userId: user.id }, select: { codeHash: true } })
    expect(stored.some((s) => DEMO_RECOVERY_CODES.some((c) => s.codeHash.includes(c) || s.codeHash.includes(c.replace(/-/g, ''))))).toBe(false)
  })

  it('enrolment: a new secret shown as a QR code, a wrong first code refused, the right one turns it on with 10 recovery codes that sign in', async () => {
    const actor = await staffActor(ADVISOR)
    await getDb().user.update({ where: { id: actor.id }, data: { totpSecret: null, totpEnabledAt: null } })
    await getDb().recoveryCode.deleteMany({ where: { userId: actor.id } })
    // Not enrolled: the password alone signs in (the back-office then sends them to enrol, lib/auth/session.ts).
    expect((await signIn(undefined)).role).toBe('advisor')

    const view = await getTotpEnrolment({ actor })
    if (view.enabled) throw new Error('expected a pending enrolment')
    expect(view.uri).toMatch(/^otpauth:\/\/totp\/ameli%20simulateur:camille\.roux%40cpam-paris\.example\.fr\?secret=[A-Z2-7]+/)
    expect(view.qrSvg).toContain('<svg')
    expect(view.secret).not.toBe(DEMO_STAFF_TOTP_SECRET)
    // Same pending secret on reload (the QR code scanned first stays valid).
    expect((await getTotpEnrolment({ actor })) as { secret: string }).toMatchObject({ secret: view.secret })

    const first = await totpCode(view.secret, NOW)
    const wrongFirst = String((Number(first) + 500_000) % 1_000_000).padStart(6, '0')
    expect(await codeOf(confirmTotpEnrolment({ actor, input: { code: wrongFirst }, ...ctx, now: NOW }))).toBe('422 auth.otpInvalid')
    const { recoveryCodes } = await confirmTotpEnrolment({ actor, input: { code: await totpCode(view.secret, NOW) }, ...ctx, now: NOW })
    expect(recoveryCodes).toHaveLength(10)
    expect(new Set(recoveryCodes).size).toBe(10)
    for (const c of recoveryCodes) expect(c).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/)
    expect(await getDb().auditEvent.count({ where: { actorUserId: actor.id, action: 'auth.totp.enrolled' } })).toBe(1)
    expect(await codeOf(confirmTotpEnrolment({ actor, input: { code: await totpCode(view.secret, NOW) }, ...ctx, now: NOW }))).toBe('409 auth.otpAlreadyEnabled')

    // From now on: the password alone is refused, the new secret's code and a new recovery code work; the demo secret does not.
    expect(await codeOf(signIn(undefined))).toBe('401 auth.otpRequired')
    // (A random secret gives the demo secret's code with a chance of about 3 in a million.)
    expect(await codeOf(signIn(await totpCode(DEMO_STAFF_TOTP_SECRET, NOW)))).toBe('401 auth.otpInvalid')
    expect((await signIn(await totpCode(view.secret, NOW))).role).toBe('advisor')
    expect((await signIn(recoveryCodes[3]!)).role).toBe('advisor')
    expect(await codeOf(signIn(DEMO_RECOVERY_CODES[2]!))).toBe('401 auth.otpInvalid')
  })

  it('insured persons cannot enrol (403)', async () => {
    const u = await getDb().user.findFirstOrThrow({ where: { role: 'insured', passwordHash: { not: null } }, select: { id: true, insuredId: true } })
    expect(await codeOf(getTotpEnrolment({ actor: { id: u.id, role: 'insured', insuredId: u.insuredId, organisationId: null } }))).toBe('403 forbidden')
  })
})
