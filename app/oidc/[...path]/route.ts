import { runNodeHandler } from '@/lib/oauth/node-bridge'
import { getProvider, OIDC_MOUNT } from '@/lib/oauth/provider'

export const dynamic = 'force-dynamic'

/** The authorization server (oidc-provider, ADR 0012): authorization, token, revocation, JWKS, discovery. */
async function handle(request: Request): Promise<Response> {
  const url = new URL(request.url)
  const provider = getProvider(url.origin)
  const path = url.pathname.slice(OIDC_MOUNT.length) || '/'
  return runNodeHandler(provider.callback(), request, { path: `${path}${url.search}`, originalUrl: `${url.pathname}${url.search}` })
}

export const GET = handle
export const POST = handle
export const OPTIONS = handle
