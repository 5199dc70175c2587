import { createHash, randomBytes } from 'node:crypto'
import { expect } from 'vitest'
import { getDb } from '@/lib/db/client'
import { createOAuthApp } from '@/lib/db/repositories/oauth'
import { grantConsent } from '@/lib/services/oauth/grant-consent'
import { GET as oidcGet, POST as oidcPost } from '@/app/oidc/[...path]/route'
import { ctx, insuredActor } from './procedures'

export const ORIGIN = 'http://localhost:3000'
export const REDIRECT = 'http://127.0.0.1:8765/callback'

/** A tiny cookie jar for the provider's cookies. */
export function jar() {
  const cookies = new Map<string, string>()
  return {
    take(res: Response) {
      for (const c of res.headers.getSetCookie()) {
        const [pair] = c.split(';')
        const i = pair!.indexOf('=')
        cookies.set(pair!.slice(0, i), pair!.slice(i + 1))
      }
    },
    header: () => [...cookies].map(([k, v]) => `${k}=${v}`).join('; '),
  }
}

export function pkce() {
  const verifier = randomBytes(32).toString('base64url')
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') }
}

export async function registerApprovedApp(clientId = `app-${randomBytes(4).toString('hex')}`, rateLimitPerMinute = 1000) {
  return createOAuthApp(getDb(), {
    clientId,
    name: 'Mon Suivi Santé',
    website: 'https://suivi.example',
    developer: 'Exemple SAS',
    contactEmail: 'dev@suivi.example',
    redirectUris: [REDIRECT],
    status: 'approved',
    rateLimitPerMinute,
  })
}

export const authUrl = (clientId: string, p: Record<string, string>) =>
  `${ORIGIN}/oidc/auth?${new URLSearchParams({ client_id: clientId, response_type: 'code', redirect_uri: REDIRECT, scope: 'openid offline_access patient/Patient.rs patient/ExplanationOfBenefit.rs', state: 'st4te', prompt: 'consent', ...p })}`

/** The whole authorization code flow with PKCE, the consent given through the service; returns the token response. */
export async function authorize(clientId: string, actor: Awaited<ReturnType<typeof insuredActor>>, beneficiaryIds: string[] = [], scope?: string) {
  const { verifier, challenge } = pkce()
  const cookies = jar()
  const r1 = await oidcGet(new Request(authUrl(clientId, { code_challenge: challenge, code_challenge_method: 'S256', ...(scope ? { scope } : {}) })))
  expect(r1.status).toBe(303)
  cookies.take(r1)
  const interaction = new URL(r1.headers.get('location')!, ORIGIN)
  const uid = interaction.pathname.split('/').pop()!
  const resume = await grantConsent({ actor, origin: ORIGIN, uid, beneficiaryIds, days: 90, ctx: { ...ctx, now: new Date() } })
  const r2 = await oidcGet(new Request(new URL(resume, ORIGIN), { headers: { cookie: cookies.header() } }))
  expect(r2.status).toBe(303)
  const back = new URL(r2.headers.get('location')!)
  expect(`${back.origin}${back.pathname}`).toBe(REDIRECT)
  expect(back.searchParams.get('state')).toBe('st4te')
  const code = back.searchParams.get('code')!
  const r3 = await oidcPost(
    new Request(`${ORIGIN}/oidc/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT, client_id: clientId, code_verifier: verifier }),
    }),
  )
  const body = (await r3.json()) as { access_token: string; refresh_token?: string; scope: string; expires_in: number; token_type: string; error?: string }
  expect(r3.status, JSON.stringify(body)).toBe(200)
  return body
}

