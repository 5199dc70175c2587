import { runNodeHandler } from '@/lib/oauth/node-bridge'
import { getProvider, OIDC_MOUNT } from '@/lib/oauth/provider'

export const dynamic = 'force-dynamic'

/** The discovery document at the origin's root too (the issuer's own is under /oidc/.well-known/…). */
export async function GET(request: Request): Promise<Response> {
  const provider = getProvider(new URL(request.url).origin)
  const path = '/.well-known/openid-configuration'
  return runNodeHandler(provider.callback(), request, { path, originalUrl: `${OIDC_MOUNT}${path}` })
}
