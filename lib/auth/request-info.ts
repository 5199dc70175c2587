import 'server-only'
import { headers } from 'next/headers'
import { clientAddress, userAgentOf } from './client-address'

/**
 * Client IP and user agent of the current request, for the audit trail, and the request's clock reading: services
 * never read the clock themselves (they take `now` from their caller), so the request boundary reads it once here.
 */
export async function requestInfo(): Promise<{ ip: string | null; userAgent: string | null; now: Date }> {
  const h = await headers()
  const get = (name: string) => h.get(name)
  return { ip: clientAddress(get), userAgent: userAgentOf(get), now: new Date() }
}
