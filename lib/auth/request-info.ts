import 'server-only'
import { headers } from 'next/headers'

/** Client IP and user agent of the current request, for the audit trail. */
export async function requestInfo(): Promise<{ ip: string | null; userAgent: string | null }> {
  const h = await headers()
  const ip = h.get('x-forwarded-for')?.split(',')[0]?.trim() || h.get('x-real-ip') || null
  return { ip, userAgent: h.get('user-agent') }
}
