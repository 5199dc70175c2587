import 'server-only'
import { NextResponse } from 'next/server'
import { requestInfo } from '@/lib/auth/request-info'
import { env } from '@/lib/env'
import { isAppError } from '@/lib/errors'
import { attachment, routeActor } from './route-guard'
import type { TActor, TRequestContext } from '@/lib/services/procedures/common'

const noStore = { 'Cache-Control': 'no-store' }

/**
 * A document download for the signed-in user: 401 without a session, then the service (which checks the owner:
 * another person's document → 404) and its typed errors as JSON statuses; the file as an attachment.
 */
export async function documentDownload(
  produce: (actor: TActor, ctx: TRequestContext) => Promise<{ filename: string; pdf: Uint8Array; ms?: number }>,
): Promise<Response> {
  const actor = await routeActor()
  if (!actor) return NextResponse.json({ error: 'unauthorized' }, { status: 401, headers: noStore })
  try {
    const { filename, pdf, ms } = await produce(actor, await requestInfo())
    const res = attachment(pdf, filename, 'application/pdf')
    if (ms !== undefined) res.headers.set('Server-Timing', `pdf;dur=${ms.toFixed(1)}`)
    return res
  } catch (error) {
    if (isAppError(error)) return NextResponse.json({ error: error.code }, { status: error.status, headers: noStore })
    throw error
  }
}

/** The public address printed in QR codes: NEXTAUTH_URL when set (behind a proxy), else the request's origin. */
export function publicBaseUrl(request: Request): string {
  return env().NEXTAUTH_URL ?? new URL(request.url).origin
}

/** Same-origin guard for form posts to route handlers (cookies are SameSite=Lax; this is the second lock). */
export function isSameOrigin(request: Request): boolean {
  const origin = request.headers.get('origin')
  if (!origin) return true
  return origin === new URL(request.url).origin || origin === `${request.headers.get('x-forwarded-proto') ?? 'http'}://${request.headers.get('host')}`
}
