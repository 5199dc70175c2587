import { NextResponse } from 'next/server'
import { z } from 'zod'
import { requestInfo } from '@/lib/auth/request-info'
import { getDb } from '@/lib/db/client'
import { isAppError } from '@/lib/errors'
import { isSameOrigin, publicBaseUrl } from '@/lib/forms/document-route'
import { attachment, routeActor } from '@/lib/forms/route-guard'
import { ZAttestationRequest } from '@/lib/schemas/documents'
import { issueAttestation } from '@/lib/services/documents/issue-attestation'

const ZParams = z.object({ id: z.string().trim().min(1).max(64) })

/**
 * Issue 6 §5: an advisor (their caisse) or a supervisor issues an attestation de droits on the person's behalf (form
 * post from the insured file: `scope` = insured | with-beneficiaries) and gets the PDF to print or send. The service
 * stores it with `issuedById`, writes the audit event in the same transaction, and the person sees it in Mes documents
 * and in "who looked at my file". 401 without a session, 403 for an insured person, 404 for another caisse's file;
 * a refusal (no rights) goes back to the file with its message.
 */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  if (!isSameOrigin(request)) return NextResponse.json({ error: 'forbidden' }, { status: 403 })
  const actor = await routeActor()
  if (!actor) return NextResponse.json({ error: 'unauthorized' }, { status: 401 })
  if (actor.role !== 'advisor' && actor.role !== 'supervisor') return NextResponse.json({ error: 'forbidden' }, { status: 403 })
  const p = ZParams.safeParse(await params)
  if (!p.success) return NextResponse.json({ error: 'notFound' }, { status: 404 })
  const fileUrl = `/conseiller/assures/${encodeURIComponent(p.data.id)}`
  const back = (code: string) => NextResponse.redirect(new URL(`${fileUrl}?attestationError=${encodeURIComponent(code)}#attestation`, request.url), 303)
  const form = await request.formData().catch(() => null)
  const parsed = ZAttestationRequest.safeParse({ scope: form?.get('scope') })
  if (!parsed.success) return back('documents.errors.scope')
  try {
    const a = await issueAttestation(getDb(), {
      actor,
      insuredId: p.data.id,
      scope: parsed.data.scope,
      verifyBaseUrl: publicBaseUrl(request),
      ...(await requestInfo()),
    })
    return attachment(a.pdf, a.filename, 'application/pdf')
  } catch (error) {
    if (isAppError(error)) return error.status === 422 ? back(error.code) : NextResponse.json({ error: error.code }, { status: error.status })
    throw error
  }
}
