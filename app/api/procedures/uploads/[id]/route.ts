import { NextResponse } from 'next/server'
import { z } from 'zod'
import { isAppError } from '@/lib/errors'
import { attachment, routeActor } from '@/lib/forms/route-guard'
import { readUploadedFile } from '@/lib/services/procedures/upload-file'

const ZId = z.string().trim().min(1).max(64)

/** A file the person sent, for its owner (or an advisor of their caisse): 401 without a session, 404 if not theirs. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const id = ZId.safeParse((await params).id)
  const actor = await routeActor()
  if (!actor) return NextResponse.json({ error: 'unauthorized' }, { status: 401 })
  if (!id.success) return NextResponse.json({ error: 'notFound' }, { status: 404 })
  try {
    const file = await readUploadedFile({ actor, uploadId: id.data })
    return attachment(file.content, file.filename, file.mimeType)
  } catch (error) {
    if (isAppError(error)) return NextResponse.json({ error: error.code }, { status: error.status })
    throw error
  }
}
