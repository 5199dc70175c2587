import { NextResponse } from 'next/server'
import { requestInfo } from '@/lib/auth/request-info'
import { getDb } from '@/lib/db/client'
import { isAppError } from '@/lib/errors'
import { isSameOrigin, publicBaseUrl } from '@/lib/forms/document-route'
import { attachment, routeActor } from '@/lib/forms/route-guard'
import { ZAttestationRequest } from '@/lib/schemas/documents'
import { issueAttestation } from '@/lib/services/documents/issue-attestation'

/**
 * Issue an attestation de droits (form post from Mes documents: `scope` = insured | with-beneficiaries) and answer
 * the PDF. The signed-in insured person only (staff use the service from the back-office). A refusal goes back
 * to the documents page with the error code (a browser form post, not a script); 401 without a session.
 */
export async function POST(request: Request) {
  if (!isSameOrigin(request)) return NextResponse.json({ error: 'forbidden' }, { status: 403 })
  const actor = await routeActor()
  if (!actor) return NextResponse.json({ error: 'unauthorized' }, { status: 401 })
  if (actor.role !== 'insured') return NextResponse.json({ error: 'forbidden' }, { status: 403 })
  const back = (code: string) => NextResponse.redirect(new URL(`/compte/documents?error=${encodeURIComponent(code)}`, request.url), 303)
  const form = await request.formData().catch(() => null)
  const parsed = ZAttestationRequest.safeParse({ scope: form?.get('scope') })
  if (!parsed.success) return back('documents.errors.scope')
  try {
    const a = await issueAttestation(getDb(), { actor, scope: parsed.data.scope, verifyBaseUrl: publicBaseUrl(request), ...(await requestInfo()) })
    const res = attachment(a.pdf, a.filename, 'application/pdf')
    res.headers.set('Server-Timing', `pdf;dur=${a.ms.toFixed(1)}`)
    return res
  } catch (error) {
    if (isAppError(error)) return error.status === 422 ? back(error.code) : NextResponse.json({ error: error.code }, { status: error.status })
    throw error
  }
}
