import 'server-only'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { Readable, Writable } from 'node:stream'

/**
 * Runs a Node `(req, res)` handler (oidc-provider's Koa app) from a route handler: the Web Request becomes a
 * readable request, the response is collected and returned as a Web Response (ADR 0012). `path` is the path the
 * handler sees (the mount prefix removed), `originalUrl` the full one, so that the provider builds its links with
 * the mount path.
 */
export async function runNodeHandler(
  handler: (req: IncomingMessage, res: ServerResponse) => unknown,
  request: Request,
  { path, originalUrl, remoteAddress }: { path: string; originalUrl: string; remoteAddress?: string },
): Promise<Response> {
  const url = new URL(request.url)
  const body = request.method === 'GET' || request.method === 'HEAD' ? Buffer.alloc(0) : Buffer.from(await request.arrayBuffer())
  const headers: Record<string, string> = {}
  request.headers.forEach((value, key) => {
    headers[key] = value
  })
  headers.host ??= url.host
  if (body.length > 0) headers['content-length'] = String(body.length)
  const socket = { encrypted: url.protocol === 'https:', remoteAddress: remoteAddress ?? '127.0.0.1', writable: true }
  const req = Object.assign(Readable.from(body.length > 0 ? [body] : []), {
    method: request.method,
    url: path,
    originalUrl,
    headers,
    httpVersion: '1.1',
    httpVersionMajor: 1,
    httpVersionMinor: 1,
    socket,
    connection: socket,
  })

  return new Promise<Response>((resolve, reject) => {
    const chunks: Buffer[] = []
    const out = new Map<string, number | string | string[]>()
    let sent = false
    const res = new Writable({
      write(chunk: Buffer | string, _enc, cb) {
        sent = true
        chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk))
        cb()
      },
    })
    Object.assign(res, {
      statusCode: 200,
      statusMessage: '',
      req,
      setHeader(name: string, value: number | string | string[]) {
        out.set(name.toLowerCase(), value)
        return res
      },
      getHeader: (name: string) => out.get(name.toLowerCase()),
      getHeaders: () => Object.fromEntries(out),
      getHeaderNames: () => [...out.keys()],
      hasHeader: (name: string) => out.has(name.toLowerCase()),
      removeHeader: (name: string) => void out.delete(name.toLowerCase()),
      writeHead(status: number, ...rest: unknown[]) {
        ;(res as unknown as { statusCode: number }).statusCode = status
        const h = rest.find((r) => r && typeof r === 'object') as Record<string, string> | undefined
        if (h) for (const [k, v] of Object.entries(h)) out.set(k.toLowerCase(), v)
        sent = true
        return res
      },
      flushHeaders: () => undefined,
    })
    Object.defineProperty(res, 'headersSent', { get: () => sent })
    res.on('finish', () => {
      const status = (res as unknown as { statusCode: number }).statusCode
      const h = new Headers()
      for (const [k, v] of out) {
        if (k === 'content-length' || k === 'connection' || k === 'transfer-encoding') continue
        if (Array.isArray(v)) for (const one of v) h.append(k, one)
        else h.set(k, String(v))
      }
      const noBody = status === 204 || status === 304 || request.method === 'HEAD'
      resolve(new Response(noBody ? null : Buffer.concat(chunks), { status, headers: h }))
    })
    res.on('error', reject)
    try {
      const r = handler(req as unknown as IncomingMessage, res as unknown as ServerResponse)
      if (r && typeof (r as Promise<unknown>).catch === 'function') (r as Promise<unknown>).catch(reject)
    } catch (e) {
      reject(e)
    }
  })
}
