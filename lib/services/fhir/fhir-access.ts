import 'server-only'
import type { RateLimiterAbstract } from 'rate-limiter-flexible'
import { getDb } from '@/lib/db/client'
import { findOAuthApp, findOAuthConsentByGrant } from '@/lib/db/repositories/oauth'
import type { TIssueCode } from '@/lib/fhir/bundle'
import { getProvider } from '@/lib/oauth/provider'
import { createRateLimiter } from '@/lib/services/system/rate-limiters'

/** An error of the FHIR API: its HTTP status, the OperationOutcome issue code, and the WWW-Authenticate challenge. */
export class FhirError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 429,
    readonly issue: TIssueCode,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message)
    this.name = 'FhirError'
  }
}

const challenge = (error: 'invalid_token' | 'insufficient_scope', description: string, scope?: string) =>
  `Bearer realm="fhir", error="${error}", error_description="${description}"${scope ? `, scope="${scope}"` : ''}`

/** What a valid token lets the app read: whose file, which persons (null: the insured person), which scopes. */
export type TFhirAccess = {
  clientId: string
  appName: string
  userId: string
  insuredId: string
  /** The persons the consent covers: null is the insured person themself, the others are beneficiary ids. */
  persons: (string | null)[]
  scopes: ReadonlySet<string>
  consentId: string
}

const limiters = new Map<number, RateLimiterAbstract>()
function limiterFor(perMinute: number): RateLimiterAbstract {
  let l = limiters.get(perMinute)
  if (!l) {
    l = createRateLimiter({ keyPrefix: `fhir-app-${perMinute}`, points: perMinute, duration: 60 })
    limiters.set(perMinute, l)
  }
  return l
}

/**
 * The bearer token of a FHIR request (issue 18 rules): an access token the provider issued and that has not expired,
 * under a consent that is neither revoked nor over, for an app that is still approved; then the app's rate limit.
 * Anything else is 401 with a WWW-Authenticate challenge, or 429.
 */
export async function authenticateFhir({ authorization, origin, now }: { authorization: string | null; origin: string; now: Date }): Promise<TFhirAccess> {
  const m = /^Bearer ([A-Za-z0-9\-._~+/]+=*)$/.exec(authorization ?? '')
  if (!m) throw new FhirError(401, 'login', 'A bearer access token is required.', { 'WWW-Authenticate': 'Bearer realm="fhir"' })
  const invalid = (why: string) => new FhirError(401, 'login', why, { 'WWW-Authenticate': challenge('invalid_token', why) })
  const provider = getProvider(origin)
  const token = await provider.AccessToken.find(m[1]!)
  if (!token || token.isExpired || !token.grantId || !token.accountId) throw invalid('The access token is unknown, expired or revoked.')
  const db = getDb()
  const [consent, app] = await Promise.all([findOAuthConsentByGrant(db, token.grantId), findOAuthApp(db, token.clientId ?? '')])
  if (!consent || consent.revokedAt || consent.expiresAt <= now || consent.userId !== token.accountId || consent.clientId !== token.clientId) {
    throw invalid('The consent behind this token was revoked or is over.')
  }
  if (!app || app.status !== 'approved') throw invalid('The app is no longer approved.')
  try {
    await limiterFor(app.rateLimitPerMinute).consume(app.clientId)
  } catch (e) {
    if (e instanceof Error) throw e
    const ms = (e as { msBeforeNext?: number }).msBeforeNext ?? 60_000
    throw new FhirError(429, 'throttled', `Too many requests for this app: at most ${app.rateLimitPerMinute} a minute.`, { 'Retry-After': String(Math.ceil(ms / 1000)) })
  }
  const granted = new Set(String(token.scope ?? '').split(' ').filter((s) => consent.scopes.includes(s)))
  return {
    clientId: app.clientId,
    appName: app.name,
    userId: consent.userId,
    insuredId: consent.insuredId,
    persons: [null, ...consent.beneficiaryIds],
    scopes: granted,
    consentId: consent.id,
  }
}

/** 403 unless the token carries the SMART v2 read/search scope of this resource type. */
export function requireScope(access: TFhirAccess, resourceType: string): void {
  const scope = `patient/${resourceType}.rs`
  if (!access.scopes.has(scope)) {
    throw new FhirError(403, 'forbidden', `This token does not carry the scope ${scope}.`, { 'WWW-Authenticate': challenge('insufficient_scope', `The scope ${scope} is required.`, scope) })
  }
}
