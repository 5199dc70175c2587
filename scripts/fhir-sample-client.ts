// A sample app of the FHIR API (issue 18 §5): the whole OAuth 2.0 flow against a local portal, then the person's
// claims of the last 27 months with their totals, to compare with "Mes paiements".
//
//   npx tsx scripts/fhir-sample-client.ts [--base http://127.0.0.1:3000] [--client demo-mes-remboursements] [--months 27]
//
// It prints an address to open in a browser: sign in as a demo person, choose whom the app may read, "Autoriser".
// The browser comes back to http://127.0.0.1:8765/callback (this script listens there), the script exchanges the
// code (PKCE S256) for tokens and reads Patient, Coverage and ExplanationOfBenefit (following the "next" links).
// The functions are in scripts/fhir-sample-client/client.ts (the e2e test e2e/fhir.spec.ts uses them too).
import { createServer } from 'node:http'
import { codeFromCallback, DEMO_CLIENT_ID, discover, exchangeCode, monthsBefore, readClaims, searchAll, startAuthorization, summarize } from './fhir-sample-client/client'

/** Waits for the browser to come back to the redirect URI; answers it with a short page. */
function waitForCallback(redirectUri: string): Promise<string> {
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

const euros = (c: number) => `${(c / 100).toFixed(2)} €`

async function main(argv: string[]) {
  const arg = (name: string, fallback: string): string => {
    const i = argv.indexOf(name)
    return (i >= 0 ? argv[i + 1] : undefined) ?? fallback
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
  const names = patients.map((p) => (p.name as { given?: string[]; family?: string }[] | undefined)?.[0]).map((n) => `${n?.given?.join(' ') ?? ''} ${n?.family ?? ''}`.trim())
  console.log(`Persons: ${names.join(', ')}`)
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date())
  const eobs = await readClaims(base, tokens.access_token, { from: monthsBefore(today, months), to: today })
  const s = summarize(eobs)
  console.log(`Last ${months} months: ${s.claims} claims, ${s.lines} acts`)
  console.log(`  charged ${euros(s.charged)} · paid by the Assurance Maladie ${euros(s.amoPaid)} · mutuelle ${euros(s.complementary)} · left to the patient ${euros(s.patient)} · deductions ${euros(s.deductions)}`)
}

main(process.argv.slice(2)).catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e)
  process.exit(1)
})
