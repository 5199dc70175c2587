import { NextResponse } from 'next/server'
import { z } from 'zod'
import { isAppError } from '@/lib/errors'
import { routeActor } from '@/lib/forms/route-guard'
import { readUploadedFile } from '@/lib/services/procedures/upload-file'

const ZId = z.string().trim().min(1).max(64)
const PREVIEWABLE = new Set(['application/pdf', 'image/jpeg', 'image/png'])
/** A refusal is never framable (next.config.ts leaves this path to the handler). */
const REFUSAL_HEADERS = { 'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'", 'X-Frame-Options': 'DENY' }
const refuse = (error: string, status: number) => NextResponse.json({ error }, { status, headers: REFUSAL_HEADERS })

/**
 * A document shown inline on the 360° file (issue 17 §7): the same guard and scope as the download route (its owner
 * or staff of their caisse; 401 / 404 otherwise), only for a PDF or an image, `inline`, and framable by this site's
 * pages only (frame-ancestors 'self', X-Frame-Options SAMEORIGIN; next.config.ts leaves this one path out of its
 * DENY). Nothing in the file runs: default-src 'none'.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const id = ZId.safeParse((await params).id)
  const actor = await routeActor()
  if (!actor) return refuse('unauthorized', 401)
  if (!id.success || actor.role === 'insured') return refuse('notFound', 404)
  try {
    const file = await readUploadedFile({ actor, uploadId: id.data })
    if (!PREVIEWABLE.has(file.mimeType)) return refuse('notFound', 404)
    return new Response(Buffer.from(file.content), {
      status: 200,
      headers: {
        'Content-Type': file.mimeType,
        'Content-Disposition': 'inline',
        'Cache-Control': 'private, no-store',
        'X-Content-Type-Options': 'nosniff',
        'X-Frame-Options': 'SAMEORIGIN',
        'Content-Security-Policy': "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'",
      },
    })
  } catch (error) {
    if (isAppError(error)) return refuse(error.code, error.status)
    throw error
  }
}
