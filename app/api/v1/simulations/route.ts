import { log } from '@/lib/observability/log'
import { NextResponse } from 'next/server'
import { clientAddress } from '@/lib/auth/client-address'
import { ALLOWED_METHODS, apiLocale, methodNotAllowedReply, simulateApiRequest, unexpectedReply, type ApiReply } from '@/lib/services/simulation/simulate-api'

/**
 * The reimbursement contract as a JSON API (SIMULATION-API.md): one line, or `{ lines }` up to 1 000. Public (the
 * simulator needs no login), rate-limited per address. English unless Accept-Language prefers French.
 */
function respond(reply: ApiReply) {
  return NextResponse.json(reply.body, { status: reply.status, headers: { 'Cache-Control': 'no-store', ...reply.headers } })
}

export async function POST(request: Request) {
  const locale = apiLocale(request.headers.get('accept-language'))
  try {
    const address = clientAddress((name) => request.headers.get(name))
    return respond(await simulateApiRequest(request, { locale, address }))
  } catch (error) {
    log.error('POST /api/v1/simulations failed', { err: error })
    return respond(unexpectedReply(locale))
  }
}

/** Other methods: 405 with the Allow header (Next's automatic 405 has none) and a readable message. */
function notAllowed(request: Request) {
  return respond(methodNotAllowedReply(apiLocale(request.headers.get('accept-language'))))
}

export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE }

/** Next would list every exported method (GET, PUT… above) in its automatic OPTIONS reply. */
export function OPTIONS() {
  return new Response(null, { status: 204, headers: { Allow: ALLOWED_METHODS } })
}
