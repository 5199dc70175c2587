import 'server-only'
import { headers } from 'next/headers'

/** The origin of the current request (the issuer's when NEXTAUTH_URL is not set: development and tests). */
export async function requestOrigin(): Promise<string> {
  const h = await headers()
  const host = h.get('x-forwarded-host') ?? h.get('host') ?? 'localhost:3000'
  const proto = h.get('x-forwarded-proto') ?? 'http'
  return `${proto}://${host}`
}
