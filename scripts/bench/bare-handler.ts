/**
 * node --conditions=react-server --import tsx scripts/bench/bare-handler.ts --port N
 *
 * The floor of bench:pages (issue 15 item 1): a plain node:http server that does the DATA work of the two signed-in
 * pages and nothing else — no Next, no React, no proxy. For each request it decodes the session cookie and checks the
 * session as the pages do (lib/auth/session-user.ts userOfToken: the JWT, then one query for the session and its user),
 * then calls the same services with the same arguments as the page:
 *   GET /compte            → getRuleSet() + getInsuredHome()      (app/(insured)/compte/page.tsx)
 *   GET /compte/paiements  → getRuleEngine() + listPayments()     (app/(insured)/compte/paiements/page.tsx)
 * and answers the result as JSON. Same database (DATABASE_URL), same Prisma client (lib/db/client.ts).
 * A page's CPU time per request divided by this handler's is bench:pages's `ratioToFloor`.
 */
import http from 'node:http'

import { sessionCookieName } from '../../lib/auth/cookie'
import { decodeSession } from '../../lib/auth/jwt'
import { userOfToken } from '../../lib/auth/session-user'
import type { CalendarDate } from '../../lib/domain/dates'
import { parisToday } from '../../lib/domain/paris-today'
import { parsePaymentFilters } from '../../lib/schemas/payments'
import { getInsuredHome } from '../../lib/services/home/get-insured-home'
import { listPayments } from '../../lib/services/payments/list-payments'
import { getRuleEngine, getRuleSet } from '../../lib/services/simulation/rule-engine'

const i = process.argv.indexOf('--port')
const port = Number(i >= 0 ? process.argv[i + 1] : 3601)

function cookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=')
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim())
  }
  return undefined
}

async function answer(req: http.IncomingMessage): Promise<{ status: number; body: unknown }> {
  const url = new URL(req.url ?? '/', 'http://localhost')
  if (url.pathname === '/health') return { status: 200, body: { ok: true } }
  const now = new Date()
  const user = await userOfToken(await decodeSession(cookie(req.headers.cookie, sessionCookieName())), now)
  if (!user || user.role !== 'insured' || !user.insuredId) return { status: 401, body: { error: 'signed out' } }
  const actor = { id: user.id, role: user.role, insuredId: user.insuredId, organisationId: user.organisationId }
  const today = parisToday(now) as CalendarDate
  if (url.pathname === '/compte') return { status: 200, body: await getInsuredHome({ actor, today, now, rules: await getRuleSet() }) }
  if (url.pathname === '/compte/paiements') {
    const { filters } = parsePaymentFilters(Object.fromEntries(url.searchParams))
    const locale = (req.headers['accept-language'] ?? '').startsWith('en') ? 'en' : 'fr'
    return { status: 200, body: await listPayments({ actor, filters, today, engine: await getRuleEngine(), locale }) }
  }
  return { status: 404, body: { error: 'not found' } }
}

http
  .createServer((req, res) => {
    answer(req).then(
      ({ status, body }) => {
        res.writeHead(status, { 'content-type': 'application/json' })
        res.end(JSON.stringify(body))
      },
      (error: unknown) => {
        res.writeHead(500, { 'content-type': 'application/json' })
        res.end(JSON.stringify({ error: error instanceof Error ? error.message : String(error) }))
      },
    )
  })
  .listen(port, '127.0.0.1', () => process.stderr.write(`bare handler on http://127.0.0.1:${port}\n`))
