#!/usr/bin/env node
// A sample app of the FHIR API (issue 18 §5): the whole OAuth 2.0 flow against a local portal, then the person's
// claims of the last 27 months with their totals, to compare with "Mes paiements".
//
//   node scripts/fhir-sample-client.mjs [--base http://127.0.0.1:3000] [--client demo-mes-remboursements] [--months 27]
//
// It prints an address to open in a browser: sign in as a demo person, choose whom the app may read, "Autoriser".
// The browser comes back to http://127.0.0.1:8765/callback (this script listens there), the script exchanges the
// code (PKCE S256) for tokens and reads Patient, Coverage and ExplanationOfBenefit (following the "next" links).
// The same functions drive the e2e test (e2e/fhir.spec.ts). No dependency: Node 20's fetch and crypto.
import { createHash, randomBytes } from 'node:crypto'
import { createServer } from 'node:http'
import { pathToFileURL } from 'node:url'

export const DEMO_CLIENT_ID = 'demo-mes-remboursements'
export const DEMO_REDIRECT_URI = 'http://127.0.0.1:8765/callback'
export const SCOPES = 'openid offline_access patient/Patient.rs patient/Coverage.rs patient/ExplanationOfBenefit.rs'

/** The server's SMART configuration (endpoints). */
export async function discover(base) {
  const r = await fetch(`${base}/.well-known/smart-configuration`)
  if (!r.ok) throw new Error(`smart-configuration: HTTP ${r.status}`)
  return r.json()
}

/** A PKCE pair (S256) and a state; the authorization address to send the person to. */
export function startAuthorization(config, { clientId = DEMO_CLIENT_ID, redirectUri = DEMO_REDIRECT_URI, scope = SCOPES } = {}) {
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
export function codeFromCallback(callbackUrl, expectedState) {
  const u = new URL(callbackUrl)
  if (u.searchParams.get('error')) throw new Error(`authorization refused: ${u.searchParams.get('error')}`)
  if (u.searchParams.get('state') !== expectedState) throw new Error('state mismatch')
  const code = u.searchParams.get('code')
  if (!code) throw new Error('no code in the callback')
  return code
}

async function tokenRequest(config, body) {
  const r = await fetch(config.token_endpoint, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(body) })
  const json = await r.json()
  if (!r.ok) throw new Error(`token endpoint: ${json.error ?? r.status} ${json.error_description ?? ''}`)
  return json
}

/** Exchanges the code (with the PKCE verifier) for an access token and a refresh token. */
export function exchangeCode(config, auth, code) {
  return tokenRequest(config, { grant_type: 'authorization_code', code, redirect_uri: auth.redirectUri, client_id: auth.clientId, code_verifier: auth.verifier })
}

/** A new access token from the refresh token. */
export function refresh(config, clientId, refreshToken) {
  return tokenRequest(config, { grant_type: 'refresh_token', refresh_token: refreshToken, client_id: clientId })
}

/** GET a FHIR address with the token; throws with the OperationOutcome's text on an error. */
export async function fhirGet(url, accessToken) {
  const r = await fetch(url, { headers: { authorization: `Bearer ${accessToken}`, accept: 'application/fhir+json' } })
  const body = await r.json()
  if (!r.ok) {
    const e = new Error(`${url}: HTTP ${r.status} ${body.issue?.[0]?.diagnostics ?? ''}`)
    e.status = r.status
    throw e
  }
  return body
}

/** Every resource of a search, following the Bundle's "next" links. */
export async function searchAll(url, accessToken) {
  const out = []
  for (let next = url, pages = 0; next && pages < 1000; pages++) {
    const bundle = await fhirGet(next, accessToken)
    out.push(...(bundle.entry ?? []).map((e) => e.resource))
    next = bundle.link?.find((l) => l.relation === 'next')?.url ?? null
  }
  return out
}

/** The calendar day `months` months before `today` (YYYY-MM-DD), the way "Mes paiements" counts its window. */
export function monthsBefore(today, months) {
  const [y, m, d] = today.split('-').map(Number)
  const total = y * 12 + (m - 1) - months
  const year = Math.floor(total / 12)
  const month = (total % 12) + 1
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate()
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`
}

/** The person's claims between two dates (ExplanationOfBenefit, 50 a page). */
export function readClaims(base, accessToken, { from, to }) {
  return searchAll(`${base}/fhir/ExplanationOfBenefit?service-date=ge${from}&service-date=le${to}&_count=50`, accessToken)
}

const cents = (money) => Math.round((money?.value ?? 0) * 100)

/** Totals of a list of ExplanationOfBenefit, in cents: lines, charged, paid by the Assurance Maladie, mutuelle, patient. */
export function summarize(eobs) {
  const total = (eob, code) => cents(eob.total?.find((t) => t.category.coding?.[0]?.code === code)?.amount)
  const sum = (code) => eobs.reduce((s, e) => s + total(e, code), 0)
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

/** Waits for the browser to come back to the redirect URI; answers it with a short page. */
function waitForCallback(redirectUri) {
  const u = new URL(redirectUri)
  return new Promise((resolve, reject) => {
    const server = createServer((req, res) => {
      const full = new URL(req.url ?? '/', `${u.protocol}//${u.host}`)
      if (full.pathname !== u.pathname) {
        res.writeHead(404).end()
        return
      }
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end('Merci ! Vous pouvez revenir au terminal. / Thank you, you can go back to the terminal.')
      server.close()
      resolve(full.href)
    })
    server.on('error', reject)
    server.listen(Number(u.port), u.hostname)
  })
}

const euros = (c) => `${(c / 100).toFixed(2)} €`

async function main(argv) {
  const arg = (name, fallback) => {
    const i = argv.indexOf(name)
    return i >= 0 ? argv[i + 1] : fallback
  }
  const base = arg('--base', 'http://127.0.0.1:3000').replace(/\/$/, '')
  const clientId = arg('--client', DEMO_CLIENT_ID)
  const months = Number(arg('--months', '27'))
  const config = await discover(base)
  const auth = startAuthorization(config, { clientId })
  console.log(`Open this address in your browser, sign in as a demo person and allow the app:\n\n  ${auth.url}\n`)
  const code = codeFromCallback(await waitForCallback(auth.redirectUri), auth.state)
  const tokens = await exchangeCode(config, auth, code)
  console.log(`Access token for ${tokens.expires_in} s, scopes: ${tokens.scope}${tokens.refresh_token ? ' (with a refresh token)' : ''}`)
  const patients = await searchAll(`${base}/fhir/Patient`, tokens.access_token)
  console.log(`Persons: ${patients.map((p) => `${p.name?.[0]?.given?.join(' ')} ${p.name?.[0]?.family}`).join(', ')}`)
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date())
  const eobs = await readClaims(base, tokens.access_token, { from: monthsBefore(today, months), to: today })
  const s = summarize(eobs)
  console.log(`Last ${months} months: ${s.claims} claims, ${s.lines} acts`)
  console.log(`  charged ${euros(s.charged)} · paid by the Assurance Maladie ${euros(s.amoPaid)} · mutuelle ${euros(s.complementary)} · left to the patient ${euros(s.patient)} · deductions ${euros(s.deductions)}`)
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).catch((e) => {
    console.error(e.message)
    process.exit(1)
  })
}
