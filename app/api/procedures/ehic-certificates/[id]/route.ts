import { NextResponse } from 'next/server'
import { z } from 'zod'
import { isAppError } from '@/lib/errors'
import { attachment, routeActor } from '@/lib/forms/route-guard'
import { getProvisionalEhicCertificatePdf } from '@/lib/services/procedures/issue-provisional-ehic-certificate'

const ZId = z.string().trim().min(1).max(64)

/** The EHIC provisional replacement certificate (PDF), for its owner only: 401 without a session, 403 staff, 404 not theirs. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const id = ZId.safeParse((await params).id)
  const actor = await routeActor()
  if (!actor) return NextResponse.json({ error: 'unauthorized' }, { status: 401 })
  if (!id.success) return NextResponse.json({ error: 'notFound' }, { status: 404 })
  try {
    const { filename, pdf } = await getProvisionalEhicCertificatePdf({ actor, documentId: id.data })
    return attachment(pdf, filename, 'application/pdf')
  } catch (error) {
    if (isAppError(error)) return NextResponse.json({ error: error.code }, { status: error.status })
    throw error
  }
}
