import 'server-only'
import { forbidden } from 'next/navigation'
import { getCurrentUser, mustSetPassword } from '@/lib/auth/session'
import { isStaff } from '@/lib/auth/permissions'
import type { TActor } from '@/lib/services/procedures/common'

/**
 * The actor of a route handler's request, or null (no session: 401). A person who signed in with a temporary access
 * code and has not chosen a password yet is refused (403) by every route handler until they do; so are staff who have
 * not set up two-factor sign-in yet (issue 13 item 6).
 */
export async function routeActor(): Promise<TActor | null> {
  const user = await getCurrentUser()
  if (user && mustSetPassword(user)) forbidden()
  if (user && isStaff(user.role) && user.totpEnabled === false) forbidden()
  return user ? { id: user.id, role: user.role, insuredId: user.insuredId, organisationId: user.organisationId } : null
}

/** A file answered as a download (never shown inline: the browser does not render what a user sent). */
export function attachment(content: Uint8Array, filename: string, mimeType: string): Response {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_')
  return new Response(Buffer.from(content), {
    status: 200,
    headers: {
      'Content-Type': mimeType,
      'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  })
}
