import { log } from '@/lib/observability/log'
import { NextResponse } from 'next/server'
import { clientAddress } from '@/lib/auth/client-address'
import { apiLocale, unexpectedReply, type ApiReply } from '@/lib/services/simulation/simulate-api'
import { contractApiRequest, contractMethodNotAllowed } from '@/lib/services/simulation/contract-api'

/**
 * The route handlers of a SIMULATION-API.md "Daily allowances and CSS" contract (one request, or `{ requests }` up
 * to 1 000; public, rate-limited per client address; English unless Accept-Language prefers French), shared by
 * /api/v1/daily-allowances and /api/v1/css-eligibility. An unexpected failure is logged and answered with a clean 500
 * body, never a stack trace.
 */
export function contractRouteHandlers(kind: 'allowances' | 'css', path: string) {
  const respond = (reply: ApiReply) => NextResponse.json(reply.body, { status: reply.status, headers: { 'Cache-Control': 'no-store', ...reply.headers } })
  async function POST(request: Request) {
    const locale = apiLocale(request.headers.get('accept-language'))
    try {
      const address = clientAddress((name) => request.headers.get(name))
      return respond(await contractApiRequest(kind, request, { locale, address }))
    } catch (error) {
      log.error(`POST ${path} failed`, { err: error })
      return respond(unexpectedReply(locale))
    }
  }
  const notAllowed = (request: Request) => respond(contractMethodNotAllowed(kind, apiLocale(request.headers.get('accept-language'))))
  const OPTIONS = () => new Response(null, { status: 204, headers: { Allow: 'OPTIONS, POST' } })
  return { POST, notAllowed, OPTIONS }
}
