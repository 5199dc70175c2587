// The sample app's functions (issue 18 §5), used by the command scripts/fhir-sample-client.ts and by the e2e test
// e2e/fhir.spec.ts. No dependency: Node's fetch and crypto.
import { createHash, randomBytes } from 'node:crypto'

export const DEMO_CLIENT_ID = 'demo-mes-remboursements'
export const DEMO_REDIRECT_URI = 'http://127.0.0.1:8765/callback'
export const SCOPES = 'openid offline_access patient/Patient.rs patient/Coverage.rs patient/ExplanationOfBenefit.rs'

export type TSmartConfig = { authorization_endpoint: string; token_endpoint: string; [k: string]: unknown }
export type TAuth = { url: string; verifier: string; state: string; clientId: string; redirectUri: string }
export type TTokens = { access_token: string; refresh_token?: string; expires_in: number; scope: string; token_type: string }
export type TResource = { resourceType: string; id: string; [k: string]: unknown }
type TBundle = TResource & { entry?: { resource: TResource }[]; link?: { relation: string; url: string }[] }
type TMoney = { value?: number }
type TEob = TResource & { total?: { category: { coding?: { code?: string }[] }; amount?: TMoney }[]; item?: unknown[] }

/** The server's SMART configuration (endpoints). */
export async function discover(base: string): Promise<TSmartConfig> {
  const r = await fetch(`${base}/.well-known/smart-configuration`)
  if (!r.ok) throw new Error(`smart-configuration: HTTP ${r.status}`)
  return (await r.json()) as TSmartConfig
}

/** A PKCE pair (S256) and a state; the authorization address to send the person to. */
export function startAuthorization(config: TSmartConfig, { clientId = DEMO_CLIENT_ID, redirectUri = DEMO_REDIRECT_URI, scope = SCOPES } = {}): TAuth {
  const verifier = randomBytes(32).toString('base64url')
  const challenge = createHash('sha256').update(verifier).digest('base64url')
  const state = randomBytes(16).toString('base64url')
  const url = new URL(config.authorization_endpoint)
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: clientId,
    redirect_uri: redirectUri,
    scope,
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    // OpenID Connect gives a refresh token (offline_access) only when consent is asked explicitly.
    prompt: 'consent',
  }).toString()
  return { url: url.href, verifier, state, clientId, redirectUri }
}

/** The code of the callback address, after checking the state. */
export function codeFromCallback(callbackUrl: string, expectedState: string): string {
  const u = new URL(callbackUrl)
  if (u.searchParams.get('error')) throw new Error(`authorization refused: ${u.searchParams.get('error')}`)
  if (u.searchParams.get('state') !== expectedState) throw new Error('state mismatch')
  const code = u.searchParams.get('code')
  if (!code) throw new Error('no code in the callback')
  return code
}

async function tokenRequest(config: TSmartConfig, body: Record<string, string>): Promise<TTokens> {
  const r = await fetch(config.token_endpoint, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(body) })
  const json = (await r.json()) as TTokens & { error?: string; error_description?: string }
  if (!r.ok) throw new Error(`token endpoint: ${json.error ?? r.status} ${json.error_description ?? ''}`)
  return json
}

/** Exchanges the code (with the PKCE verifier) for an access token and a refresh token. */
export function exchangeCode(config: TSmartConfig, auth: TAuth, code: string): Promise<TTokens> {
  return tokenRequest(config, { grant_type: 'authorization_code', code, redirect_uri: auth.redirectUri, client_id: auth.clientId, code_verifier: auth.verifier })
}

/** A new access token from the refresh token. */
export function refresh(config: TSmartConfig, clientId: string, refreshToken: string): Promise<TTokens> {
  return tokenRequest(config, { grant_type: 'refresh_token', refresh_token: refreshToken, client_id: clientId })
}

/** GET a FHIR address with the token; throws with the OperationOutcome's text on an error. */
export async function fhirGet(url: string, accessToken: string): Promise<TBundle> {
  const r = await fetch(url, { headers: { authorization: `Bearer ${accessToken}`, accept: 'application/fhir+json' } })
  const body = (await r.json()) as TBundle & { issue?: { diagnostics?: string }[] }
  if (!r.ok) throw new Error(`${url}: HTTP ${r.status} ${body.issue?.[0]?.diagnostics ?? ''}`)
  return body
}

/** Every resource of a search, following the Bundle's "next" links. */
export async function searchAll(url: string, accessToken: string): Promise<TResource[]> {
  const out: TResource[] = []
  for (let next: string | null = url, pages = 0; next && pages < 1000; pages++) {
    const bundle = await fhirGet(next, accessToken)
    out.push(...(bundle.entry ?? []).map((e) => e.resource))
    next = bundle.link?.find((l) => l.relation === 'next')?.url ?? null
  }
  return out
}

/** The calendar day `months` months before `today` (YYYY-MM-DD), the way "Mes paiements" counts its window. */
export function monthsBefore(today: string, months: number): string {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number]
  const total = y * 12 + (m - 1) - months
  const year = Math.floor(total / 12)
  const month = (total % 12) + 1
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate()
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`
}

/** The person's claims between two dates (ExplanationOfBenefit, 50 a page). */
export function readClaims(base: string, accessToken: string, { from, to }: { from: string; to: string }): Promise<TResource[]> {
  return searchAll(`${base}/fhir/ExplanationOfBenefit?service-date=ge${from}&service-date=le${to}&_count=50`, accessToken)
}

const cents = (money: TMoney | undefined) => Math.round((money?.value ?? 0) * 100)

/** Totals of a list of ExplanationOfBenefit, in cents: lines, charged, paid by the Assurance Maladie, mutuelle, patient. */
export function summarize(resources: TResource[]) {
  const eobs = resources as TEob[]
  const total = (eob: TEob, code: string) => cents(eob.total?.find((t) => t.category.coding?.[0]?.code === code)?.amount)
  const sum = (code: string) => eobs.reduce((s, e) => s + total(e, code), 0)
  return {
    claims: eobs.length,
    lines: eobs.reduce((s, e) => s + (e.item?.length ?? 0), 0),
    charged: sum('submitted'),
    amoPaid: sum('benefit'),
    complementary: sum('complementary'),
    patient: sum('patient'),
    deductions: sum('participation') + sum('franchise'),
  }
}

