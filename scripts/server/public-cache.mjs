// The public page cache (issue 15 target 2, ADR 0013). Plain JavaScript: the production server runs it with node.
//
// Six public pages, asked for anonymously and without a query string, are the same HTML for everybody who has the
// same language on the same day (Europe/Paris). The production server (scripts/server.mjs) lets Next render such a
// page once, keeps the answer a short while (PUBLIC_PAGE_CACHE_SECONDS, 60 by default, 0 turns the cache off) and
// answers the next visitors from memory without running React.
//
// Content-Security-Policy: Next's answer carries a per-request nonce (proxy.ts), which must never be replayed to
// everybody. The stored copy loses its nonce attributes, and its policy lists the SHA-256 hash of each inline
// <script> of the stored HTML instead ('self' still covers Next's own /_next/static scripts; no 'strict-dynamic',
// no nonce, no 'unsafe-inline'). A page whose policy or HTML does not look as expected is not stored (fail-safe).
//
// Anything that may depend on the visitor goes through Next as before: another method, another path, a query
// string, Next's router headers (RSC, Next-Router-*, Next-Action), an Authorization header, or any cookie other than
// the language choice and next-auth's anonymous CSRF/callback cookies (so the session cookie always bypasses).
import { createHash, randomUUID } from 'node:crypto'
import { constants as zlibConstants, deflateRawSync, gzipSync } from 'node:zlib'

/** The pages served from the cache (exact paths, no trailing slash). */
export const PUBLIC_CACHE_PATHS = Object.freeze(['/', '/simulateur', '/trouver-ma-cpam', '/verifier-attestation', '/connexion', '/affiliation'])
const PATHS = new Set(PUBLIC_CACHE_PATHS)

// lib/i18n/config.ts, duplicated here because the server runs plain JavaScript before Next loads the application;
// tests/unit/app/public-cache.test.ts checks that both give the same locale for any cookie / Accept-Language.
const LOCALES = ['fr', 'en']
const DEFAULT_LOCALE = 'fr'
export const LOCALE_COOKIE = 'NEXT_LOCALE'

/** The cookies an anonymous visitor may carry and still get the shared page: none of them changes the HTML. */
const ANONYMOUS_COOKIES = new Set([
  LOCALE_COOKIE,
  'next-auth.csrf-token',
  '__Host-next-auth.csrf-token',
  'next-auth.callback-url',
  '__Secure-next-auth.callback-url',
])

/** Same rule as localeFromAcceptLanguage in lib/i18n/config.ts (first match by quality, French otherwise). */
export function localeFromAcceptLanguage(header) {
  if (!header) return DEFAULT_LOCALE
  const tags = String(header)
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';')
      const q = params.find((p) => p.trim().startsWith('q='))
      return { tag: tag.toLowerCase(), q: q ? Number(q.trim().slice(2)) || 0 : 1 }
    })
    .filter(({ q }) => q > 0)
    .sort((a, b) => b.q - a.q)
  for (const { tag } of tags) {
    const base = tag.split('-')[0]
    if (LOCALES.includes(base)) return base
  }
  return DEFAULT_LOCALE
}

/** The calendar day in Europe/Paris, "YYYY-MM-DD" (lib/domain/paris-today.ts). */
const PARIS_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' })
export function parisDate(now) {
  return PARIS_DAY.format(now)
}

/** Cookie header → [name, value] pairs (null when a name appears twice: which one the app reads is not our guess). */
function parseCookies(header) {
  const pairs = new Map()
  if (!header) return pairs
  for (const part of String(header).split(';')) {
    const trimmed = part.trim()
    if (!trimmed) continue
    const eq = trimmed.indexOf('=')
    const name = (eq < 0 ? trimmed : trimmed.slice(0, eq)).trim()
    if (pairs.has(name)) return null
    let value = eq < 0 ? '' : trimmed.slice(eq + 1).trim()
    try {
      value = decodeURIComponent(value)
    } catch {
      // kept as sent
    }
    pairs.set(name, value)
  }
  return pairs
}

/** True for the request headers with which Next answers something else than the page's HTML (RSC payload, action). */
function isRouterHeader(name) {
  return name === 'rsc' || name.startsWith('next-') || name.startsWith('x-nextjs') || name.startsWith('x-middleware')
}

/**
 * The cache key of a request — path, language, Paris date — or null when the request must go through Next
 * (see the list at the top of this file). `req` needs method, url and (lower-case) headers, as node:http gives them.
 */
export function publicCacheKey(req, now = new Date()) {
  if (req.method !== 'GET' && req.method !== 'HEAD') return null
  const url = req.url ?? ''
  if (!PATHS.has(url)) return null // also refuses any "?…" and any other path
  const headers = req.headers ?? {}
  if (headers.authorization !== undefined) return null
  for (const name of Object.keys(headers)) if (isRouterHeader(name)) return null
  const cookies = parseCookies(headers.cookie)
  if (cookies === null) return null
  for (const name of cookies.keys()) if (!ANONYMOUS_COOKIES.has(name)) return null
  const chosen = cookies.get(LOCALE_COOKIE)
  const locale = LOCALES.includes(chosen) ? chosen : localeFromAcceptLanguage(headers['accept-language'])
  return `${url}|${locale}|${parisDate(now)}`
}

/** PUBLIC_PAGE_CACHE_SECONDS: a whole number of seconds, 0 = off; 60 when unset or unreadable. */
export function publicCacheSeconds(value = process.env.PUBLIC_PAGE_CACHE_SECONDS) {
  if (value === undefined || String(value).trim() === '') return 60
  const n = Number(value)
  return Number.isInteger(n) && n >= 0 && n <= 3600 ? n : 60
}

const sha256 = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`

/**
 * A value the page renders fresh for each visitor and that must stay so in the shared copy: the idempotency key of
 * the affiliation form (a second click on "send" returns the first request; two applicants must never share one).
 * The cache replaces it with a new UUID in every answer (in the form field and in React's payload alike).
 */
const PER_VISITOR_VALUES = [/name="idempotencyKey" value="([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})"/]

/**
 * Turns Next's answer into what the cache may replay: `{ ok: true, template }` or `{ ok: false, reason }`.
 *  - the nonce of `csp` is removed wherever it appears (tags, React's payload), and the emptied nonce="" attributes;
 *  - `script-src` loses its nonce and 'strict-dynamic' and lists the hash of each inline script instead; a policy
 *    without a script-src, or one allowing 'unsafe-inline' scripts, is refused;
 *  - a per-visitor value (PER_VISITOR_VALUES) is cut out of the HTML, to be filled in on each answer.
 */
export function prepareCachedHtml(html, csp) {
  if (typeof html !== 'string' || typeof csp !== 'string') return { ok: false, reason: 'no html or no policy' }
  const directives = csp.split(';').map((d) => d.trim()).filter(Boolean)
  const scriptIndex = directives.findIndex((d) => d.split(/\s+/)[0].toLowerCase() === 'script-src')
  if (scriptIndex < 0) return { ok: false, reason: 'no script-src' }
  const sources = directives[scriptIndex].split(/\s+/).slice(1)
  if (sources.some((s) => s.toLowerCase() === "'unsafe-inline'")) return { ok: false, reason: "'unsafe-inline' scripts" }
  const nonces = sources.filter((s) => /^'nonce-/i.test(s)).map((s) => s.slice(7, -1))
  const kept = sources.filter((s) => !/^'nonce-/i.test(s) && s.toLowerCase() !== "'strict-dynamic'")
  if (!kept.includes("'self'")) return { ok: false, reason: "script-src without 'self'" }

  // The nonce is in the tags (nonce="…") and in React's payload (the stylesheet hints: {"nonce":"…"}): it is removed
  // everywhere (a 64-character random value cannot be anything else), then the emptied attributes.
  let body = html
  for (const nonce of nonces) {
    if (nonce.length < 16) return { ok: false, reason: 'a nonce too short to remove safely' }
    body = body.split(nonce).join('')
  }
  body = body.replace(/<[a-zA-Z][^>]*\snonce=""[^>]*>/g, (tag) => tag.replace(/\snonce=""/g, ''))
  if (/<[a-zA-Z][^>]*\snonce=/.test(body.replace(/(<script\b[^>]*>)[\s\S]*?<\/script>/gi, '$1</script>'))) return { ok: false, reason: 'a nonce attribute left' }

  let token = null
  for (const pattern of PER_VISITOR_VALUES) {
    const m = pattern.exec(body)
    if (m) {
      token = m[1]
      break
    }
  }
  const scripts = []
  for (const m of body.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    if (/\ssrc\s*=/i.test(` ${m[1]}`)) continue
    // The HTML parser turns CR LF and CR into LF before the browser hashes the text.
    const text = m[2].replace(/\r\n?/g, '\n')
    if (text.length === 0) continue
    scripts.push(token && text.includes(token) ? { parts: text.split(token) } : { hash: sha256(text) })
  }
  return {
    ok: true,
    template: {
      parts: token ? body.split(token) : [body],
      scripts,
      directives,
      scriptIndex,
      kept,
    },
  }
}

/** The HTML and policy of one answer from a template, as strings: the reference that renderCompiled must equal. */
export function renderCachedHtml(template, fresh = randomUUID) {
  const value = template.parts.length > 1 ? fresh() : ''
  const html = template.parts.join(value)
  return { html, csp: policy(template, template.scripts.map((s) => s.hash ?? sha256(s.parts.join(value)))) }
}

/**
 * The template made fast to replay (built once when a page is stored). A page without a per-visitor value is one
 * buffer, compressed once. With one (the affiliation form), each answer must not cost a render: the pieces around
 * the value are kept as buffers; the hash of an inline script that contains it restarts from the state after the
 * piece before it; and the compressed body is assembled from pieces compressed once: each piece is raw deflate
 * ending on a full flush (no back-reference crosses it), the value goes in as a stored block, and the zlib trailer's
 * Adler-32 is combined from the pieces' (Content-Encoding: deflate, the zlib format of RFC 1950).
 */
export function compileTemplate(template) {
  const parts = template.parts.map((p) => Buffer.from(p, 'utf8'))
  const scripts = template.scripts.map((s) => {
    if (s.hash) return { hash: s.hash }
    const bufs = s.parts.map((p) => Buffer.from(p, 'utf8'))
    return { prefix: createHash('sha256').update(bufs[0]), rest: bufs.slice(1) }
  })
  const single = parts.length === 1
  return {
    template,
    parts,
    scripts,
    gzip: single ? gzipSync(parts[0]) : null,
    deflated: single ? null : parts.map((p, i) => deflateRawSync(p, i === parts.length - 1 ? {} : { finishFlush: zlibConstants.Z_FULL_FLUSH })),
    adlers: single ? null : parts.map((p) => adler32(p)),
    length: parts.reduce((n, p) => n + p.length, 0),
  }
}

/** One answer from a compiled template: the body, its policy, and (per-visitor pages) its deflate encoding. */
export function renderCompiled(compiled, fresh = randomUUID) {
  const { template, parts } = compiled
  if (parts.length === 1) return { body: parts[0], csp: policy(template, compiled.scripts.map((s) => s.hash)), deflate: null }
  const value = Buffer.from(fresh(), 'utf8')
  const pieces = []
  for (let i = 0; i < parts.length; i++) {
    if (i > 0) pieces.push(value)
    pieces.push(parts[i])
  }
  const hashes = compiled.scripts.map((s) => {
    if (s.hash) return s.hash
    const h = s.prefix.copy()
    for (const r of s.rest) h.update(value).update(r)
    return `'sha256-${h.digest('base64')}'`
  })
  return {
    body: Buffer.concat(pieces),
    csp: policy(template, hashes),
    deflate: () => {
      const stored = Buffer.alloc(5)
      stored.writeUInt16LE(value.length, 1)
      stored.writeUInt16LE(~value.length & 0xffff, 3)
      const out = [Buffer.from([0x78, 0x01])]
      let adler = 1
      const valueAdler = adler32(value)
      for (let i = 0; i < parts.length; i++) {
        if (i > 0) {
          out.push(stored, value)
          adler = adler32Combine(adler, valueAdler, value.length)
        }
        out.push(compiled.deflated[i])
        adler = adler32Combine(adler, compiled.adlers[i], parts[i].length)
      }
      const trailer = Buffer.alloc(4)
      trailer.writeUInt32BE(adler >>> 0)
      out.push(trailer)
      return Buffer.concat(out)
    },
  }
}

function policy(template, hashes) {
  const directives = [...template.directives]
  directives[template.scriptIndex] = ['script-src', ...template.kept, ...new Set(hashes)].join(' ')
  return directives.join('; ')
}

const ADLER_BASE = 65521
export function adler32(buf) {
  let a = 1
  let b = 0
  for (let i = 0; i < buf.length; ) {
    const end = Math.min(buf.length, i + 3800) // no overflow before the modulo
    for (; i < end; i++) {
      a += buf[i]
      b += a
    }
    a %= ADLER_BASE
    b %= ADLER_BASE
  }
  return ((b << 16) | a) >>> 0
}

/** adler32(A ‖ B) from adler32(A), adler32(B) and B's length (zlib's adler32_combine). */
export function adler32Combine(adler1, adler2, len2) {
  const rem = len2 % ADLER_BASE
  let sum1 = adler1 & 0xffff
  let sum2 = (rem * sum1) % ADLER_BASE
  sum1 += (adler2 & 0xffff) + ADLER_BASE - 1
  sum2 += ((adler1 >>> 16) & 0xffff) + ((adler2 >>> 16) & 0xffff) + ADLER_BASE - rem
  if (sum1 >= ADLER_BASE) sum1 -= ADLER_BASE
  if (sum1 >= ADLER_BASE) sum1 -= ADLER_BASE
  if (sum2 >= ADLER_BASE * 2) sum2 -= ADLER_BASE * 2
  if (sum2 >= ADLER_BASE) sum2 -= ADLER_BASE
  return ((sum2 << 16) | sum1) >>> 0
}

/** Response headers that belong to one answer or one connection, never replayed. */
const NOT_REPLAYED = new Set(['set-cookie', 'content-length', 'content-encoding', 'transfer-encoding', 'connection', 'keep-alive', 'date', 'x-request-id', 'content-security-policy', 'x-cache', 'etag'])

function accepts(header, wanted) {
  if (!header) return false
  return String(header)
    .split(',')
    .some((part) => {
      const [coding = '', ...params] = part.trim().toLowerCase().split(';')
      if (coding.trim() !== wanted && coding.trim() !== '*') return false
      const q = params.find((p) => p.trim().startsWith('q='))
      return !q || Number(q.trim().slice(2)) > 0
    })
}

/**
 * The cache: `serve(req, res, next)` answers a cacheable request from memory, or lets `next(req, res)` (Next's
 * handler) render it — storing the answer when it may be replayed — and passes everything else straight to `next`.
 * One render per key when many visitors miss at once (the others wait for it). At most `maxEntries` pages are kept
 * (6 paths × 2 languages, plus yesterday's for a moment after midnight).
 */
export function createPublicPageCache({ seconds = publicCacheSeconds(), maxEntries = 32, now = () => new Date(), maxBytes = 4 * 1024 * 1024, onStoreRefused = () => {} } = {}) {
  const entries = new Map()
  const filling = new Map()
  const counts = { hit: 0, miss: 0, bypass: 0, stored: 0, refused: 0 }

  function lookup(key, at) {
    const entry = entries.get(key)
    if (!entry) return undefined
    if (entry.expiresAt <= at) {
      entries.delete(key)
      return undefined
    }
    return entry
  }

  function store(key, entry, at) {
    entries.delete(key)
    if (entries.size >= maxEntries) for (const [k, e] of entries) if (e.expiresAt <= at) entries.delete(k)
    while (entries.size >= maxEntries) entries.delete(entries.keys().next().value)
    entries.set(key, entry)
  }

  function reply(entry, req, res) {
    counts.hit++
    const { compiled } = entry
    const { body: plain, csp, deflate } = renderCompiled(compiled)
    const acceptEncoding = req.headers['accept-encoding']
    let body = plain
    let coding = null
    if (compiled.gzip && accepts(acceptEncoding, 'gzip')) [body, coding] = [compiled.gzip, 'gzip']
    else if (deflate && accepts(acceptEncoding, 'deflate')) [body, coding] = [deflate(), 'deflate']
    else if (deflate && accepts(acceptEncoding, 'gzip')) [body, coding] = [gzipSync(plain, { level: 1 }), 'gzip']
    for (const [name, value] of Object.entries(entry.headers)) res.setHeader(name, value)
    res.setHeader('content-security-policy', csp)
    if (coding) res.setHeader('content-encoding', coding)
    res.setHeader('content-length', body.length)
    res.setHeader('x-cache', 'HIT')
    res.writeHead(200)
    res.end(req.method === 'HEAD' ? undefined : body)
  }

  /** Lets Next render the page for this visitor while keeping a copy of what it sends. */
  function renderAndKeep(key, req, res, next) {
    // Uncompressed from Next (the copy is compressed once here); the visitor of the miss gets it uncompressed.
    delete req.headers['accept-encoding']
    if (Array.isArray(req.rawHeaders)) {
      for (let i = req.rawHeaders.length - 2; i >= 0; i -= 2) if (String(req.rawHeaders[i]).toLowerCase() === 'accept-encoding') req.rawHeaders.splice(i, 2)
    }
    const chunks = []
    let size = 0
    let keep = true
    let headArgs = {}
    const add = (chunk, encoding) => {
      if (!keep || chunk === undefined || chunk === null || typeof chunk === 'function') return
      const buf = typeof chunk === 'string' ? Buffer.from(chunk, typeof encoding === 'string' ? encoding : 'utf8') : Buffer.from(chunk.buffer ? new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength) : chunk)
      size += buf.length
      if (size > maxBytes) {
        keep = false
        chunks.length = 0
      } else chunks.push(buf)
    }
    const { writeHead, write, end } = res
    res.writeHead = function (status, ...rest) {
      const h = rest.find((r) => r && typeof r === 'object')
      if (h) headArgs = Array.isArray(h) ? {} : h
      if (Array.isArray(h)) keep = false // raw header arrays: not worth parsing, not stored
      return writeHead.call(this, status, ...rest)
    }
    res.write = function (chunk, encoding, cb) {
      add(chunk, encoding)
      return write.call(this, chunk, encoding, cb)
    }
    let settle
    const done = new Promise((resolve) => (settle = resolve))
    res.end = function (chunk, encoding, cb) {
      add(chunk, encoding)
      const result = end.call(this, chunk, encoding, cb)
      settle()
      return result
    }
    res.once('close', () => settle())
    res.setHeader('x-cache', 'MISS')
    const rendered = Promise.resolve()
      .then(() => next(req, res))
      .then(() => done)
    const filled = rendered
      .then(() => {
        if (!keep || !res.writableEnded) return refuse('answer not complete')
        const headers = { ...lowerKeys(res.getHeaders()), ...lowerKeys(headArgs) }
        if (res.statusCode !== 200) return refuse(`status ${res.statusCode}`)
        if (headers['set-cookie'] !== undefined) return refuse('Set-Cookie')
        const coding = headers['content-encoding']
        if (coding !== undefined && String(coding).toLowerCase() !== 'identity') return refuse(`content-encoding ${coding}`)
        if (!/^text\/html\b/i.test(String(headers['content-type'] ?? ''))) return refuse('not HTML')
        const prepared = prepareCachedHtml(Buffer.concat(chunks).toString('utf8'), headers['content-security-policy'])
        if (!prepared.ok) return refuse(prepared.reason)
        const kept = {}
        for (const [name, value] of Object.entries(headers)) if (!NOT_REPLAYED.has(name)) kept[name] = value
        kept.vary = mergeVary(kept.vary, ['Accept-Language', 'Cookie'])
        store(key, { compiled: compileTemplate(prepared.template), headers: kept, expiresAt: now().getTime() + seconds * 1000 }, now().getTime())
        counts.stored++
      })
      .catch(() => refuse('render failed'))
      .finally(() => filling.delete(key))
    filling.set(key, filled)
    return rendered

    function refuse(reason) {
      counts.refused++
      onStoreRefused(key, reason)
    }
  }

  async function serve(req, res, next) {
    if (seconds <= 0) return next(req, res)
    const at = now()
    const key = publicCacheKey(req, at)
    if (key === null) {
      counts.bypass++
      return next(req, res)
    }
    const entry = lookup(key, at.getTime())
    if (entry) return reply(entry, req, res)
    const pending = filling.get(key)
    if (pending) {
      await pending
      const filled = lookup(key, now().getTime())
      if (filled) return reply(filled, req, res)
    }
    counts.miss++
    // HEAD: Next answers without a body, nothing to keep.
    if (req.method === 'HEAD' || filling.has(key)) {
      res.setHeader('x-cache', 'MISS')
      return next(req, res)
    }
    return renderAndKeep(key, req, res, next)
  }

  return {
    serve,
    clear: () => entries.clear(),
    size: () => entries.size,
    counts: () => ({ ...counts }),
    seconds,
  }
}

function lowerKeys(object) {
  const out = {}
  for (const [k, v] of Object.entries(object ?? {})) if (v !== undefined) out[k.toLowerCase()] = v
  return out
}

function mergeVary(current, extra) {
  const names = String(current ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
  for (const e of extra) if (!names.some((n) => n.toLowerCase() === e.toLowerCase())) names.push(e)
  return names.join(', ')
}

/** Where the application finds the cache to empty it (a supervisor's new rule row: lib/services/simulation). */
export const PUBLIC_CACHE_GLOBAL = Symbol.for('ameli.publicPageCache')
