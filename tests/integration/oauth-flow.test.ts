import { describe, expect, it } from 'vitest'
import { getDb } from '@/lib/db/client'
import { expireStale } from '@/lib/jobs/expire'
import { createOAuthApp } from '@/lib/db/repositories/oauth'
import { GET as oidcGet } from '@/app/oidc/[...path]/route'
import { GET as discovery } from '@/app/.well-known/openid-configuration/route'
import { GET as smart } from '@/app/.well-known/smart-configuration/route'
import { insuredActor } from '../support/procedures'
import { authorize, authUrl, ORIGIN, pkce, registerApprovedApp } from '../support/oauth'

/** Issue 18 §1: the authorization server (oidc-provider on our database): discovery, PKCE only, consent, tokens. */
describe('OAuth 2.0 authorization server', async () => {
  const jonathan = await insuredActor('Jonathan Pierre')
  const app = await registerApprovedApp()

  it('publishes the OpenID and SMART discovery documents (S256 only, code flow only, the SMART v2 scopes)', async () => {
    const d = (await (await discovery(new Request(`${ORIGIN}/.well-known/openid-configuration`))).json()) as Record<string, unknown>
    expect(d.issuer).toBe(`${ORIGIN}/oidc`)
    expect(d.authorization_endpoint).toBe(`${ORIGIN}/oidc/auth`)
    expect(d.code_challenge_methods_supported).toEqual(['S256'])
    expect(d.response_types_supported).toEqual(['code'])
    expect(d.scopes_supported).toEqual(expect.arrayContaining(['patient/ExplanationOfBenefit.rs', 'offline_access']))
    const s = (await smart(new Request(`${ORIGIN}/.well-known/smart-configuration`)).json()) as Record<string, unknown>
    expect(s.token_endpoint).toBe(`${ORIGIN}/oidc/token`)
    expect(s.capabilities).toContain('permission-v2')
  })

  it('refuses an authorization without PKCE, and a redirect URI that is not registered, and an app not approved', async () => {
    const noPkce = await oidcGet(new Request(authUrl(app.clientId, {})))
    expect(noPkce.status).toBe(303)
    expect(new URL(noPkce.headers.get('location')!).searchParams.get('error')).toBe('invalid_request')
    const badRedirect = await oidcGet(new Request(authUrl(app.clientId, { redirect_uri: 'https://evil.example/cb', code_challenge: pkce().challenge, code_challenge_method: 'S256' })))
    expect(badRedirect.status).toBe(400)
    expect(((await badRedirect.json()) as { error: string }).error).toBe('invalid_redirect_uri')
    const plain = await oidcGet(new Request(authUrl(app.clientId, { code_challenge: 'a'.repeat(43), code_challenge_method: 'plain' })))
    expect(new URL(plain.headers.get('location')!).searchParams.get('error')).toBe('invalid_request')
    const pending = await createOAuthApp(getDb(), { name: app.name, website: app.website, developer: app.developer, contactEmail: app.contactEmail, redirectUris: app.redirectUris, clientId: `${app.clientId}-pending`, status: 'pending' })
    const r = await oidcGet(new Request(authUrl(pending.clientId, { code_challenge: pkce().challenge, code_challenge_method: 'S256' })))
    expect(r.status).toBe(400)
    expect(((await r.json()) as { error: string }).error).toBe('invalid_client')
  })

  it('after consent, issues a one-hour opaque access token and a refresh token with the scopes asked', async () => {
    const t = await authorize(app.clientId, jonathan)
    expect(t.token_type).toBe('Bearer')
    expect(t.expires_in).toBe(3600)
    expect(t.access_token.split('.')).toHaveLength(1)
    expect(t.refresh_token).toBeTruthy()
    expect(t.scope.split(' ').sort()).toEqual(['offline_access', 'openid', 'patient/ExplanationOfBenefit.rs', 'patient/Patient.rs'])
    const consent = await getDb().oAuthConsent.findFirstOrThrow({ where: { clientId: app.clientId, insuredId: jonathan.insuredId } })
    expect(consent.scopes).not.toContain('Coverage')
    const audit = await getDb().auditEvent.count({ where: { action: 'oauth.consent.grant', targetId: app.clientId, insuredId: jonathan.insuredId } })
    expect(audit).toBe(1)
  })

  it('the hourly expiry job deletes the provider rows past their lifetime, and only those', async () => {
    const db = getDb()
    const now = new Date('2026-12-04T10:00:00Z')
    await db.oidcPayload.createMany({
      data: [
        { id: 'Session:old', type: 'Session', payload: '{}', expiresAt: new Date('2026-12-04T09:59:59Z') },
        { id: 'Session:live', type: 'Session', payload: '{}', expiresAt: new Date('2026-12-04T10:00:01Z') },
      ],
    })
    const r = await expireStale(db, now)
    expect(r.oauth).toBeGreaterThanOrEqual(1)
    expect(await db.oidcPayload.count({ where: { id: { in: ['Session:old', 'Session:live'] } } })).toBe(1)
    expect(await db.oidcPayload.findUnique({ where: { id: 'Session:live' } })).not.toBeNull()
  })
})
