import 'server-only'
import Provider, { type Configuration, type KoaContextWithOIDC } from 'oidc-provider'

import { env } from '@/lib/env'
import { log } from '@/lib/observability/log'
import { OAUTH_SCOPES, PrismaAdapter } from './adapter'
import { deriveCookieKeys, deriveSigningJwk } from './keys'

/** Where the provider is mounted (app/oidc/[...path]/route.ts). */
export const OIDC_MOUNT = '/oidc'
/** Lifetimes, seconds: short access tokens, refresh tokens for at most the consent's duration (1 year). */
export const ACCESS_TOKEN_TTL = 60 * 60
export const REFRESH_TOKEN_TTL = 365 * 24 * 60 * 60
/** The consent screen (app/(insured)/compte/partage/autoriser/[uid]). */
export const interactionPath = (uid: string) => `/compte/partage/autoriser/${uid}`

export function configuration(): Configuration {
  const e = env()
  return {
    adapter: PrismaAdapter,
    clients: [],
    scopes: [...OAUTH_SCOPES],
    claims: { openid: ['sub'] },
    responseTypes: ['code'],
    // PKCE with S256 for every client (the only method oidc-provider 9 accepts).
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      revocation: { enabled: true },
      introspection: { enabled: false },
      userinfo: { enabled: true },
      rpInitiatedLogout: { enabled: false },
    },
    clientDefaults: { id_token_signed_response_alg: 'ES256', grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'], token_endpoint_auth_method: 'none' },
    enabledJWA: { idTokenSigningAlgValues: ['ES256'] },
    formats: { customizers: {} },
    ttl: {
      AccessToken: ACCESS_TOKEN_TTL,
      AuthorizationCode: 60,
      IdToken: 3600,
      Interaction: 15 * 60,
      Session: 60 * 60,
      Grant: REFRESH_TOKEN_TTL,
      RefreshToken: REFRESH_TOKEN_TTL,
    },
    // Every authorization goes through the consent screen: a grant is reused only when that screen just made it.
    loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
      const grantId = ctx.oidc.result?.consent?.grantId
      return grantId ? ctx.oidc.provider.Grant.find(grantId) : undefined
    },
    issueRefreshToken: async (_ctx, client, code) => client.grantTypeAllowed('refresh_token') && code.scopes.has('offline_access'),
    interactions: { url: async (_ctx, interaction) => interactionPath(interaction.uid) },
    findAccount: async (_ctx, sub) => ({ accountId: sub, claims: async () => ({ sub }) }),
    cookies: { keys: deriveCookieKeys(e.SESSION_SECRETS) },
    jwks: { keys: [deriveSigningJwk(e.NEXTAUTH_SECRET)] },
    // The SMART discovery fields are served by /.well-known/smart-configuration; no HTML error pages with details.
    renderError: async (ctx, out) => {
      ctx.type = 'json'
      ctx.body = out
    },
  }
}

const g = globalThis as unknown as { __ameliOidc?: Map<string, Provider> }

/**
 * The provider for this origin (one per process; the state is in the database, so instances agree). The issuer is
 * NEXTAUTH_URL's origin when set (production), else the request's (development, tests).
 */
export function getProvider(requestOrigin: string): Provider {
  const origin = env().NEXTAUTH_URL ? new URL(env().NEXTAUTH_URL as string).origin : requestOrigin
  g.__ameliOidc ??= new Map()
  let p = g.__ameliOidc.get(origin)
  if (!p) {
    p = new Provider(`${origin}${OIDC_MOUNT}`, configuration())
    p.proxy = true
    // The provider answers "server_error" without details: the cause goes to the log.
    p.on('server_error', (_ctx: unknown, err: unknown) => log.error('oauth server error', { err }))
    g.__ameliOidc.set(origin, p)
  }
  return p
}

export function issuerFor(requestOrigin: string): string {
  return getProvider(requestOrigin).issuer
}
