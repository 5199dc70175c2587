import 'server-only'
import type { Adapter, AdapterPayload } from 'oidc-provider'

import { getDb } from '@/lib/db/client'
import {
  consumeOidcPayload,
  destroyOidcGrant,
  destroyOidcPayload,
  findOAuthApp,
  findOidcPayload,
  findOidcPayloadBy,
  upsertOidcPayload,
  type TOidcRow,
} from '@/lib/db/repositories/oauth'

/** The scopes an app may ask for (SMART on FHIR v2, read and search only). */
export const FHIR_SCOPES = ['patient/Patient.rs', 'patient/Coverage.rs', 'patient/ExplanationOfBenefit.rs'] as const
export const OAUTH_SCOPES = ['openid', 'offline_access', ...FHIR_SCOPES] as const

/** The client metadata oidc-provider sees for an approved app: public client, code + PKCE, refresh tokens. */
export function clientMetadata(app: { clientId: string; name: string; website: string; redirectUris: string[]; contactEmail: string }): AdapterPayload {
  return {
    client_id: app.clientId,
    client_name: app.name,
    client_uri: app.website,
    contacts: [app.contactEmail],
    redirect_uris: app.redirectUris,
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    token_endpoint_auth_method: 'none',
    id_token_signed_response_alg: 'ES256',
    scope: OAUTH_SCOPES.join(' '),
  }
}

function parse(row: TOidcRow | null): AdapterPayload | undefined {
  if (!row) return undefined
  if (row.expiresAt && row.expiresAt.getTime() <= Date.now()) return undefined
  const payload = JSON.parse(row.payload) as AdapterPayload
  return row.consumedAt ? { ...payload, consumed: Math.floor(row.consumedAt.getTime() / 1000) } : payload
}

/**
 * oidc-provider's storage on our database (ADR 0012): one OidcPayload row per model instance, so that every
 * instance of the portal sees the same sessions, codes, grants and tokens. Clients are not stored here: an app is a
 * client once a supervisor has approved it (OAuthApp), and its metadata is built from that row.
 */
export class PrismaAdapter implements Adapter {
  constructor(private readonly type: string) {}

  async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
    if (this.type === 'Client') return
    await upsertOidcPayload(getDb(), this.type, id, {
      payload: JSON.stringify(payload),
      grantId: payload.grantId ?? null,
      userCode: payload.userCode ?? null,
      uid: payload.uid ?? null,
      expiresAt: expiresIn ? new Date(Date.now() + expiresIn * 1000) : null,
    })
  }

  async find(id: string): Promise<AdapterPayload | undefined> {
    if (this.type === 'Client') {
      const app = await findOAuthApp(getDb(), id)
      return app && app.status === 'approved' ? clientMetadata(app) : undefined
    }
    return parse(await findOidcPayload(getDb(), this.type, id))
  }

  async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
    return parse(await findOidcPayloadBy(getDb(), this.type, { userCode }))
  }

  async findByUid(uid: string): Promise<AdapterPayload | undefined> {
    return parse(await findOidcPayloadBy(getDb(), this.type, { uid }))
  }

  async consume(id: string): Promise<void> {
    await consumeOidcPayload(getDb(), this.type, id, new Date())
  }

  async destroy(id: string): Promise<void> {
    await destroyOidcPayload(getDb(), this.type, id)
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    await destroyOidcGrant(getDb(), grantId)
  }
}
