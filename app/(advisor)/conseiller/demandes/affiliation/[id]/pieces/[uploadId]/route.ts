import { NextResponse } from 'next/server'
import { requestInfo } from '@/lib/auth/request-info'
import { isAppError } from '@/lib/errors'
import { attachment, routeActor } from '@/lib/forms/route-guard'
import { readAffiliationDocument } from '@/lib/services/affiliation/read-affiliation-document'

/**
 * A supporting document of an affiliation request, for an advisor of its caisse (supervisors: any), as a download
 * (never rendered inline), audited. 401 without a session, 403 for an insured person, 404 for another caisse's
 * request, another request's file or an unknown one.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string; uploadId: string }> }) {
  const actor = await routeActor()
  if (!actor) return NextResponse.json({ error: 'unauthorized' }, { status: 401 })
  const p = await params
  try {
    const file = await readAffiliationDocument({ actor, input: { procedureId: p.id, uploadId: p.uploadId }, ...(await requestInfo()) })
    return attachment(file.content, file.filename, file.mimeType)
  } catch (error) {
    if (isAppError(error)) return NextResponse.json({ error: error.code }, { status: error.status })
    throw error
  }
}
