import { NextResponse } from 'next/server'
import { clientAddress } from '@/lib/auth/client-address'
import { apiLocale, unexpectedReply, type ApiReply } from '@/lib/services/simulation/simulate-api'
import { contractApiRequest, contractMethodNotAllowed } from '@/lib/services/simulation/contract-api'

/**
 * SIMULATION-API.md "Daily allowances and CSS" as a JSON API: one request, or `{ requests }` up to 1 000. Public,
 * rate-limited per address. English unless Accept-Language prefers French.
 */
function respond(reply: ApiReply) {
  return NextResponse.json(reply.body, { status: reply.status, headers: { 'Cache-Control': 'no-store', ...reply.headers } })
}

export async function POST(request: Request) {
  const locale = apiLocale(request.headers.get('accept-language'))
  try {
    const address = clientAddress((name) => request.headers.get(name))
    return respond(await contractApiRequest('allowances', request, { locale, address }))
  } catch (error) {
    console.error('POST /api/v1/daily-allowances failed', error)
    return respond(unexpectedReply(locale))
  }
}

function notAllowed(request: Request) {
  return respond(contractMethodNotAllowed('allowances', apiLocale(request.headers.get('accept-language'))))
}

export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE }

export function OPTIONS() {
  return new Response(null, { status: 204, headers: { Allow: 'OPTIONS, POST' } })
}
