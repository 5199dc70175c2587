import { NextResponse } from 'next/server'
import { requestInfo } from '@/lib/auth/request-info'
import { isAppError } from '@/lib/errors'
import { followedRequestId } from '@/lib/forms/affiliation-access'
import { attachment } from '@/lib/forms/route-guard'
import { downloadAffiliationAttestation } from '@/lib/services/affiliation/download-affiliation-attestation'

const noStore = { 'Cache-Control': 'no-store' }

/**
 * The attestation de droits of the person an affiliation request created, for whoever holds that request's signed
 * follow-up cookie (401 without it; 404 while no attestation was issued). Audited by the service.
 */
export async function GET(): Promise<Response> {
  const procedureId = await followedRequestId()
  if (!procedureId) return NextResponse.json({ error: 'unauthorized' }, { status: 401, headers: noStore })
  try {
    const { filename, pdf } = await downloadAffiliationAttestation({ procedureId, ...(await requestInfo()) })
    return attachment(pdf, filename, 'application/pdf')
  } catch (error) {
    if (isAppError(error)) return NextResponse.json({ error: error.code }, { status: error.status, headers: noStore })
    throw error
  }
}
