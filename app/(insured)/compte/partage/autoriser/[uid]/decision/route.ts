import { NextResponse } from 'next/server'
import { clientAddress, userAgentOf } from '@/lib/auth/client-address'
import { isAppError } from '@/lib/errors'
import { isSameOrigin } from '@/lib/forms/document-route'
import { routeActor } from '@/lib/forms/route-guard'
import { ZConsentDecision } from '@/lib/schemas/sharing'
import { grantConsent, refuseConsent } from '@/lib/services/oauth/grant-consent'

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')

/**
 * The consent screen's "allow" / "refuse" (issue 18 §2), a plain form post. The answer is a tiny page that goes on to
 * the authorization server by a meta refresh, not a redirect: the page's CSP (form-action 'self') would stop a form
 * submission whose redirects end at the app's address, and the provider's resume step must run exactly once.
 */
export async function POST(request: Request, { params }: { params: Promise<{ uid: string }> }): Promise<Response> {
  const { uid } = await params
  const back = new URL(`/compte/partage/autoriser/${encodeURIComponent(uid)}`, request.url)
  if (!isSameOrigin(request)) return NextResponse.json({ error: 'forbidden' }, { status: 403 })
  const actor = await routeActor()
  if (!actor) return NextResponse.redirect(new URL(`/connexion?callbackUrl=${encodeURIComponent(back.pathname)}`, request.url), 303)
  const form = await request.formData()
  const input = ZConsentDecision.safeParse({ uid, decision: form.get('decision'), beneficiaries: form.getAll('beneficiaries'), days: form.get('days') ?? undefined })
  if (!input.success) return NextResponse.redirect(back, 303)
  const get = (n: string) => request.headers.get(n)
  const ctx = { ip: clientAddress(get), userAgent: userAgentOf(get), now: new Date() }
  const origin = new URL(request.url).origin
  let target: string
  try {
    target =
      input.data.decision === 'allow'
        ? await grantConsent({ actor, origin, uid, beneficiaryIds: input.data.beneficiaries, days: input.data.days, ctx })
        : await refuseConsent({ actor, origin, uid, ctx })
  } catch (error) {
    if (!isAppError(error)) throw error
    back.searchParams.set('erreur', error.code)
    return NextResponse.redirect(back, 303)
  }
  const url = escape(target)
  return new Response(
    `<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=${url}"><title>…</title></head><body><p><a href="${url}">Continuer / Continue</a></p></body></html>`,
    { status: 200, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' } },
  )
}
