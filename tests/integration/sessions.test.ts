import { afterEach, describe, expect, it } from 'vitest'
import { encode } from 'next-auth/jwt'
import { getDb } from '@/lib/db/client'
import { userOfToken } from '@/lib/auth/session'
import { sessionIsActive } from '@/lib/auth/session-check'
import { decodeSession, encodeSession } from '@/lib/auth/jwt'
import { sessionCookieName, sessionCookieOptions, secureCookiesEnabled } from '@/lib/auth/cookie'
import { parseEnv } from '@/lib/env'
import { startSession } from '@/lib/services/auth/sessions'
import { signOutUser } from '@/lib/services/auth/sign-out'
import { listOwnSessions } from '@/lib/services/auth/list-sessions'
import { describeUserAgent } from '@/components/auth/active-sessions'

/** Issue 13 items 4 (sign-out ends the session on the server) and 10 (cookie prefix, secret rotation). */
const NOW = new Date('2026-11-24T10:00:00Z')
const ctx = { ip: '198.51.100.4', userAgent: 'vitest' }

async function jonathan() {
  return getDb().user.findFirstOrThrow({ where: { role: 'insured', insured: { firstNames: 'Jonathan Pierre' } }, select: { id: true, sessionVersion: true } })
}

async function signIn(userId: string, sv: number, at = NOW) {
  const sid = await startSession({ userId, ip: ctx.ip, userAgent: ctx.userAgent, now: at })
  return { sub: userId, sid, sv, loginAt: Math.floor(at.getTime() / 1000) }
}

describe('server-side sessions (issue 13 item 4)', () => {
  it('attack: replaying a cookie copied before sign-out: the revoked session id is refused, by the page check and by the sliding refresh', async () => {
    const u = await jonathan()
    const token = await signIn(u.id, u.sessionVersion)
    const user = await userOfToken(token, NOW)
    expect(user).toMatchObject({ id: u.id, sessionId: token.sid })
    expect(await sessionIsActive(token.sid, NOW)).toBe(true)

    await signOutUser({ actor: user!, everywhere: false, ...ctx, now: NOW })

    // Same instance: refused at once, although "active" was just cached.
    expect(await sessionIsActive(token.sid, NOW)).toBe(false)
    expect(await userOfToken(token, new Date(NOW.getTime() + 1000))).toBeNull()
    const row = await getDb().authSession.findUniqueOrThrow({ where: { id: token.sid } })
    expect(row.revokedAt?.toISOString()).toBe(NOW.toISOString())
    const audit = await getDb().auditEvent.findFirstOrThrow({ where: { action: 'auth.logout', actorUserId: u.id } })
    expect(JSON.parse(audit.details)).toEqual({ sessionsRevoked: 1 })
  })

  it('signing out on one device leaves the other sessions open; "sign out everywhere" revokes them all', async () => {
    const u = await jonathan()
    const phone = await signIn(u.id, u.sessionVersion)
    const laptop = await signIn(u.id, u.sessionVersion)
    const tablet = await signIn(u.id, u.sessionVersion)
    await signOutUser({ actor: (await userOfToken(phone, NOW))!, everywhere: false, ...ctx, now: NOW })
    expect(await userOfToken(phone, NOW)).toBeNull()
    expect(await userOfToken(laptop, NOW)).not.toBeNull()

    await signOutUser({ actor: (await userOfToken(laptop, NOW))!, everywhere: true, ...ctx, now: NOW })
    expect(await userOfToken(laptop, NOW)).toBeNull()
    expect(await userOfToken(tablet, NOW)).toBeNull()
    // Even with the new session version copied into the token, the revoked ids stay refused.
    expect(await userOfToken({ ...tablet, sv: u.sessionVersion + 1 }, NOW)).toBeNull()
    expect(await sessionIsActive(tablet.sid, NOW)).toBe(false)
  })

  it('refuses a token without a session id (issued before server-side sessions), an unknown id, and an id of another user', async () => {
    const u = await jonathan()
    const other = await getDb().user.findFirstOrThrow({ where: { role: 'insured', id: { not: u.id } }, select: { id: true, sessionVersion: true } })
    const token = await signIn(u.id, u.sessionVersion)
    expect(await userOfToken({ sub: u.id, sv: u.sessionVersion, loginAt: token.loginAt }, NOW)).toBeNull()
    expect(await userOfToken({ ...token, sid: 'x'.repeat(32) }, NOW)).toBeNull()
    expect(await userOfToken({ ...token, sub: other.id, sv: other.sessionVersion }, NOW)).toBeNull()
    expect(await sessionIsActive('x'.repeat(32), NOW)).toBe(false)
  })

  it('the profile lists the open sessions only (revoked and expired ones are gone), with a readable device', async () => {
    const u = await jonathan()
    await getDb().authSession.deleteMany({ where: { userId: u.id } })
    const a = await signIn(u.id, u.sessionVersion, new Date(NOW.getTime() - 13 * 3600_000))
    const b = await signIn(u.id, u.sessionVersion)
    const c = await signIn(u.id, u.sessionVersion)
    await signOutUser({ actor: (await userOfToken(c, NOW))!, everywhere: false, ...ctx, now: NOW })
    const list = await listOwnSessions({ actor: { id: u.id }, now: NOW })
    expect(list.map((s) => s.id)).toEqual([b.sid])
    expect(list.map((s) => s.id)).not.toContain(a.sid)
    expect(list[0]).toMatchObject({ ip: ctx.ip, userAgent: 'vitest' })
    expect(describeUserAgent('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36')).toBe('Chrome · Linux')
    expect(describeUserAgent('vitest')).toBeNull()
  })

  it('a session ends 12 hours after sign-in on the server too', async () => {
    const u = await jonathan()
    const token = await signIn(u.id, u.sessionVersion)
    const later = new Date(NOW.getTime() + 12 * 3600_000 + 1000)
    expect(await sessionIsActive(token.sid, later)).toBe(false)
    expect(await userOfToken({ ...token, loginAt: Math.floor(later.getTime() / 1000) }, later)).toBeNull()
  })
})

describe('cookies and secrets (issue 13 item 10)', () => {
  const saved = process.env.NEXTAUTH_URL
  afterEach(() => {
    if (saved === undefined) delete process.env.NEXTAUTH_URL
    else process.env.NEXTAUTH_URL = saved
  })

  it('attack: a sibling sub-domain or plain-http page planting a session cookie: over https the cookie is __Host- and Secure, path /', () => {
    process.env.NEXTAUTH_URL = 'https://ameli.example.fr'
    expect(secureCookiesEnabled()).toBe(true)
    expect(sessionCookieName()).toBe('__Host-ameli.session')
    expect(sessionCookieOptions(true)).toEqual({ httpOnly: true, sameSite: 'lax', path: '/', secure: true })
    process.env.NEXTAUTH_URL = 'http://127.0.0.1:3000'
    expect(sessionCookieName()).toBe('ameli.session')
  })

  const A = 'new-secret-new-secret-new-secret-0001'
  const B = 'old-secret-old-secret-old-secret-0002'
  const C = 'evil-secret-evil-secret-evil-secret-03'

  it('parses NEXTAUTH_SECRET_PREVIOUS (comma-separated) after NEXTAUTH_SECRET; a short entry is refused', () => {
    expect(parseEnv({ NEXTAUTH_SECRET: A, NEXTAUTH_SECRET_PREVIOUS: ` ${B} , ` }).SESSION_SECRETS).toEqual([A, B])
    expect(parseEnv({ NEXTAUTH_SECRET: A }).SESSION_SECRETS).toEqual([A])
    expect(() => parseEnv({ NEXTAUTH_SECRET: A, NEXTAUTH_SECRET_PREVIOUS: 'short' })).toThrow(/NEXTAUTH_SECRET_PREVIOUS/)
  })

  it('rotation: a token signed with the previous secret is still accepted, re-signed with the new one; a token signed with an unknown secret is refused', async () => {
    const secrets = parseEnv({ NEXTAUTH_SECRET: A, NEXTAUTH_SECRET_PREVIOUS: B }).SESSION_SECRETS
    const fromBefore = await encode({ token: { sub: 'u1', sid: 's'.repeat(32) }, secret: B, maxAge: 600 })
    expect((await decodeSession(fromBefore, secrets))?.sub).toBe('u1')
    const forged = await encode({ token: { sub: 'u1', sid: 's'.repeat(32) }, secret: C, maxAge: 600 })
    expect(await decodeSession(forged, secrets)).toBeNull()
    const fresh = await encodeSession({ sub: 'u2' }, 600, secrets)
    expect((await decodeSession(fresh, [A]))?.sub).toBe('u2')
    expect(await decodeSession(fresh, [B])).toBeNull()
    // Once the old secret is dropped from the list, its tokens stop working.
    expect(await decodeSession(fromBefore, [A])).toBeNull()
  })
})
