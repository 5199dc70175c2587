import { NextResponse } from 'next/server'
import { requestInfo } from '@/lib/auth/request-info'
import { isAppError } from '@/lib/errors'
import { attachment, routeActor } from '@/lib/forms/route-guard'
import { getAffiliationAttestation } from '@/lib/services/affiliation/get-affiliation-attestation'

/**
 * The attestation de droits issued with the permanent number, downloaded again from the request page (same
 * verification code; audited). 401 without a session, 403 for an insured person, 404 for another caisse's request.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string; documentId: string }> }) {
  const actor = await routeActor()
  if (!actor) return NextResponse.json({ error: 'unauthorized' }, { status: 401 })
  const p = await params
  try {
    const a = await getAffiliationAttestation({ actor, input: { procedureId: p.id, documentId: p.documentId }, ...(await requestInfo()) })
    return attachment(a.pdf, a.filename, 'application/pdf')
  } catch (error) {
    if (isAppError(error)) return NextResponse.json({ error: error.code }, { status: error.status })
    throw error
  }
}
