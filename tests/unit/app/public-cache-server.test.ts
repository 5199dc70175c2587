import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createPublicPageCache, type TPublicPageCache } from '@/scripts/server/public-cache.mjs'

/**
 * The cache in front of a stand-in for Next's handler, over real HTTP (the real Next render is covered by
 * e2e/public-cache.spec.ts): what is stored, what is not, one render per key, the TTL.
 */
const PORT = 3551
const base = `http://127.0.0.1:${PORT}`
let clock = new Date('2026-12-04T12:00:00Z')
let renders: string[] = []
let behaviour: { status?: number; setCookie?: boolean; delayMs?: number } = {}
let cache: TPublicPageCache
let server: Server

function fakeNext(req: IncomingMessage, res: ServerResponse) {
  renders.push(`${req.method} ${req.url} ae=${req.headers['accept-encoding'] ?? '-'}`)
  const nonce = `n${renders.length}-nonce-of-this-render`
  const html = `<!DOCTYPE html><html><body><p>render ${renders.length} ${req.headers['accept-language'] ?? ''}</p><script nonce="${nonce}">self.x=${renders.length}</script></body></html>`
  return new Promise<void>((resolve) =>
    setTimeout(() => {
      res.statusCode = behaviour.status ?? 200
      res.setHeader('content-type', 'text/html; charset=utf-8')
      res.setHeader('content-security-policy', `default-src 'self'; script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`)
      res.setHeader('cache-control', 'private, no-cache, no-store, max-age=0, must-revalidate')
      res.setHeader('vary', 'rsc, Accept-Encoding')
      if (behaviour.setCookie) res.setHeader('set-cookie', 'a=b')
      res.write(html.slice(0, 20))
      res.end(req.method === 'HEAD' ? undefined : html.slice(20))
      resolve()
    }, behaviour.delayMs ?? 0),
  )
}

beforeAll(async () => {
  server = createServer((req, res) => void cache.serve(req, res, fakeNext))
  await new Promise<void>((resolve) => server.listen(PORT, '127.0.0.1', resolve))
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))
beforeEach(() => {
  clock = new Date('2026-12-04T12:00:00Z')
  renders = []
  behaviour = {}
  cache = createPublicPageCache({ seconds: 60, maxEntries: 3, now: () => clock })
})

const get = (path: string, headers: Record<string, string> = {}, method = 'GET') => fetch(`${base}${path}`, { method, headers: { 'accept-encoding': 'identity', ...headers } })

describe('public page cache in front of a handler (ADR 0013)', () => {
  it('MISS renders through the handler, then HIT from memory with a hash policy and no nonce', async () => {
    const first = await get('/simulateur')
    expect(first.headers.get('x-cache')).toBe('MISS')
    expect(first.headers.get('content-security-policy')).toContain("'nonce-n1-nonce-of-this-render'")
    expect(await first.text()).toContain('nonce="n1-nonce-of-this-render"')
    const second = await get('/simulateur')
    expect(second.headers.get('x-cache')).toBe('HIT')
    const csp = second.headers.get('content-security-policy')!
    expect(csp).toMatch(/script-src 'self' 'sha256-[A-Za-z0-9+/=]+'$/)
    expect(csp).not.toMatch(/nonce|strict-dynamic|unsafe-inline/)
    const body = await second.text()
    expect(body).toContain('render 1')
    expect(body).not.toContain('nonce')
    expect(second.headers.get('cache-control')).toBe('private, no-cache, no-store, max-age=0, must-revalidate')
    expect(second.headers.get('vary')).toBe('rsc, Accept-Encoding, Accept-Language, Cookie')
    expect(second.headers.get('set-cookie')).toBeNull()
    expect(renders).toEqual(['GET /simulateur ae=-'])
  })

  it('gzip when the browser accepts it; HEAD from memory has the headers and no body', async () => {
    await get('/')
    const zipped = await fetch(`${base}/`, { headers: { 'accept-encoding': 'gzip' } })
    expect(zipped.headers.get('content-encoding')).toBe('gzip')
    const raw = Buffer.from(await rawBody('/', { 'accept-encoding': 'gzip' }))
    expect(gunzipSync(raw).toString()).toContain('render 1')
    const head = await get('/', {}, 'HEAD')
    expect(head.headers.get('x-cache')).toBe('HIT')
    expect(Number(head.headers.get('content-length'))).toBeGreaterThan(50)
    expect(await head.text()).toBe('')
    expect(renders).toHaveLength(1)
  })

  it('one render per key when many miss at once; languages are distinct keys', async () => {
    behaviour = { delayMs: 150 }
    const answers = await Promise.all(Array.from({ length: 20 }, () => get('/connexion')))
    expect(renders).toHaveLength(1)
    expect(answers.filter((a) => a.headers.get('x-cache') === 'HIT')).toHaveLength(19)
    await get('/connexion', { 'accept-language': 'en' })
    expect(renders).toHaveLength(2)
    expect(await (await get('/connexion', { cookie: 'NEXT_LOCALE=en' })).text()).toContain('render 2 en')
    expect(await (await get('/connexion', { cookie: 'NEXT_LOCALE=fr', 'accept-language': 'en' })).text()).toContain('render 1')
  })

  it('a 404/500 or an answer with Set-Cookie is never stored; a session cookie or a query string always renders', async () => {
    behaviour = { status: 500 }
    await get('/')
    await get('/')
    behaviour = { setCookie: true }
    await get('/')
    await get('/')
    expect(renders).toHaveLength(4)
    expect(cache.size()).toBe(0)
    behaviour = {}
    await get('/')
    expect((await get('/')).headers.get('x-cache')).toBe('HIT')
    const signedIn = await get('/', { cookie: 'ameli.session=xyz' })
    expect(signedIn.headers.get('x-cache')).toBeNull()
    expect(await signedIn.text()).toContain('nonce=')
    expect((await get('/?a=1')).headers.get('x-cache')).toBeNull()
    expect(renders).toHaveLength(7)
  })

  it('expires after the TTL and on the next Paris day; at most maxEntries pages are kept', async () => {
    await get('/')
    clock = new Date(clock.getTime() + 59_000)
    expect((await get('/')).headers.get('x-cache')).toBe('HIT')
    clock = new Date(clock.getTime() + 1_000)
    expect((await get('/')).headers.get('x-cache')).toBe('MISS')
    clock = new Date('2026-12-04T23:00:00Z') // midnight in Paris
    expect((await get('/')).headers.get('x-cache')).toBe('MISS')
    for (const p of ['/simulateur', '/connexion', '/affiliation']) await get(p)
    expect(cache.size()).toBe(3)
    cache.clear()
    expect((await get('/connexion')).headers.get('x-cache')).toBe('MISS')
  })

  it('PUBLIC_PAGE_CACHE_SECONDS=0: every request renders', async () => {
    cache = createPublicPageCache({ seconds: 0, now: () => clock })
    await get('/')
    const again = await get('/')
    expect(again.headers.get('x-cache')).toBeNull()
    expect(renders).toHaveLength(2)
  })
})

async function rawBody(path: string, headers: Record<string, string>): Promise<ArrayBuffer> {
  const { request } = await import('node:http')
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => {
        const b = Buffer.concat(chunks)
        resolve(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength))
      })
    })
    req.on('error', reject)
    req.end()
  })
}
