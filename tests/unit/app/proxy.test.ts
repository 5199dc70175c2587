import { NextRequest } from 'next/server'
import { decode, encode } from 'next-auth/jwt'
import { describe, expect, it, vi } from 'vitest'
import { proxy } from '@/proxy'
import { env } from '@/lib/env'
import { sessionCookieName } from '@/lib/auth/cookie'

// No database in unit tests: the server-side session lookup (tests/integration/sessions.test.ts covers it) says
// "active" for the sid 'active-session-id-0001' only.
// The sid 'db-down-session-id-0003' stands for a database that does not answer.
vi.mock('@/lib/auth/session-check', () => ({
  sessionIsActive: async (sid: unknown) => {
    if (sid === 'db-down-session-id-0003') throw new Error('connect ECONNREFUSED 127.0.0.1:5432')
    return sid === 'active-session-id-0001'
  },
}))
const SESSION_COOKIE = sessionCookieName(false)
const sid = 'active-session-id-0001'

const secret = env().NEXTAUTH_SECRET
const now = () => Math.floor(Date.now() / 1000)

async function requestWith(token?: string) {
  return new NextRequest('http://127.0.0.1:3000/compte', { headers: token ? { cookie: `${SESSION_COOKIE}=${token}` } : {} })
}

describe('proxy.ts (issue 2 §4: sessions expire after 30 minutes idle; §5: CSP on every page)', () => {
  it('re-issues a valid session cookie with a fresh 30-minute expiry (sliding idle timeout)', async () => {
    const loginAt = now() - 600 // read once: a second may pass before the assertions on a loaded machine
    const token = await encode({ token: { sub: 'user-1', loginAt, sv: 0, sid }, secret, maxAge: 60 })
    const response = await proxy(await requestWith(token))
    const cookie = response.cookies.get(SESSION_COOKIE)
    expect(cookie?.maxAge).toBe(30 * 60)
    expect(cookie?.httpOnly).toBe(true)
    const refreshed = await decode({ token: cookie!.value, secret })
    expect(refreshed?.sub).toBe('user-1')
    expect(refreshed?.loginAt).toBe(loginAt)
    expect(Number(refreshed?.exp)).toBeGreaterThanOrEqual(now() + 30 * 60 - 5)
  })

  it('clears a session that has been idle longer than its expiry', async () => {
    const expired = await encode({ token: { sub: 'user-1', loginAt: now() - 3600, sid }, secret, maxAge: -60 })
    const response = await proxy(await requestWith(expired))
    expect(response.cookies.get(SESSION_COOKIE)?.value).toBe('')
    expect(response.cookies.get(SESSION_COOKIE)?.maxAge).toBe(0)
  })

  it('does not extend a session beyond 12 hours after sign-in, however active', async () => {
    const old = await encode({ token: { sub: 'user-1', loginAt: now() - 13 * 3600, sid }, secret, maxAge: 1800 })
    const response = await proxy(await requestWith(old))
    expect(response.cookies.get(SESSION_COOKIE)?.maxAge).toBe(0)
  })

  it('rejects a forged cookie', async () => {
    const forged = await encode({ token: { sub: 'user-1', loginAt: now(), sid }, secret: 'another-secret-another-secret-another-secret', maxAge: 1800 })
    const response = await proxy(await requestWith(forged))
    expect(response.cookies.get(SESSION_COOKIE)?.maxAge).toBe(0)
  })

  it('clears, never renews, a cookie whose server-side session was revoked (attack: replaying a cookie copied before sign-out, issue 13 item 4)', async () => {
    const revoked = await encode({ token: { sub: 'user-1', loginAt: now() - 60, sv: 0, sid: 'revoked-session-id-0002' }, secret, maxAge: 1800 })
    const response = await proxy(await requestWith(revoked))
    expect(response.cookies.get(SESSION_COOKIE)?.value).toBe('')
    expect(response.cookies.get(SESSION_COOKIE)?.maxAge).toBe(0)
  })

  it('leaves the cookie alone (neither renewed nor cleared) when the session store does not answer: an outage signs nobody out', async () => {
    const token = await encode({ token: { sub: 'user-1', loginAt: now() - 60, sv: 0, sid: 'db-down-session-id-0003' }, secret, maxAge: 1800 })
    const response = await proxy(await requestWith(token))
    expect(response.cookies.get(SESSION_COOKIE)).toBeUndefined()
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'")
  })

  it('sets no cookie for an anonymous visitor, and a CSP with a fresh nonce on each request', async () => {
    const a = await proxy(await requestWith())
    const b = await proxy(await requestWith())
    expect(a.cookies.get(SESSION_COOKIE)).toBeUndefined()
    const cspA = a.headers.get('content-security-policy') ?? ''
    const cspB = b.headers.get('content-security-policy') ?? ''
    expect(cspA).toContain("frame-ancestors 'none'")
    expect(cspA).toMatch(/'nonce-[^']+'/)
    expect(cspA.match(/'nonce-([^']+)'/)?.[1]).not.toBe(cspB.match(/'nonce-([^']+)'/)?.[1])
  })
})
