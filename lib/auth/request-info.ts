import 'server-only'
import { headers } from 'next/headers'
import { clientAddress, userAgentOf } from './client-address'

/** Client IP and user agent of the current request, for the audit trail. */
export async function requestInfo(): Promise<{ ip: string | null; userAgent: string | null }> {
  const h = await headers()
  const get = (name: string) => h.get(name)
  return { ip: clientAddress(get), userAgent: userAgentOf(get) }
}
