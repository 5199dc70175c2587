import { issuerFor } from '@/lib/oauth/provider'
import { smartConfiguration } from '@/lib/oauth/smart-configuration'

export const dynamic = 'force-dynamic'

export function GET(request: Request): Response {
  return Response.json(smartConfiguration(issuerFor(new URL(request.url).origin)), { headers: { 'cache-control': 'public, max-age=300' } })
}
