import { log } from '@/lib/observability/log'
import { NextResponse } from 'next/server'
import { requestInfo } from '@/lib/auth/request-info'
import { isAppError } from '@/lib/errors'
import { translateCode } from '@/lib/forms/procedure-action'
import { routeActor } from '@/lib/forms/route-guard'
import { uploadFile } from '@/lib/services/procedures/upload-file'

const json = (body: unknown, status: number) => NextResponse.json(body, { status, headers: { 'Cache-Control': 'no-store' } })

/**
 * A file sent with a procedure (the forms' upload with a progress bar): multipart `kind` + `file`. The signed-in
 * insured person only, same origin only; checked and stored by uploadFile. 201 `{ id, filename, mimeType, size }`,
 * or `{ error }` translated with 400 (bad file), 401, 403.
 */
export async function POST(request: Request) {
  const origin = request.headers.get('origin')
  if (origin && origin !== new URL(request.url).origin && origin !== `${request.headers.get('x-forwarded-proto') ?? 'http'}://${request.headers.get('host')}`) {
    return json({ error: await translateCode('forbidden') }, 403)
  }
  const actor = await routeActor()
  if (!actor) return json({ error: await translateCode('forbidden') }, 401)
  if (actor.role !== 'insured') return json({ error: await translateCode('forbidden') }, 403)
  let form: FormData
  try {
    form = await request.formData()
  } catch {
    return json({ error: await translateCode('procedureErrors.upload.empty') }, 400)
  }
  const file = form.get('file')
  const kind = form.get('kind')
  if (!(file instanceof File)) return json({ error: await translateCode('procedureErrors.upload.empty') }, 400)
  try {
    const meta = await uploadFile({ actor, kind: typeof kind === 'string' ? kind : '', filename: file.name, bytes: new Uint8Array(await file.arrayBuffer()), ...(await requestInfo()) })
    return json({ id: meta.id, filename: meta.filename, mimeType: meta.mimeType, size: meta.size }, 201)
  } catch (error) {
    if (isAppError(error)) return json({ error: await translateCode(error.code, error.details) }, error.status)
    log.error('POST /api/procedures/uploads failed', { err: error })
    return json({ error: await translateCode('unexpected') }, 500)
  }
}
