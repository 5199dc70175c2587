import 'server-only'
import { RateLimiterRes } from 'rate-limiter-flexible'
import { createRateLimiter } from '@/lib/services/system/rate-limiters'
import { isLocale, type Locale } from '@/lib/i18n/config'
import { translatorFor } from '@/lib/i18n/translator'
import { getRuleEngine } from './rule-engine'
import { simulateRequest, type MessageError } from './simulate-lines'
import { simulateOnWorker } from './simulate-pool'

/**
 * The transport around the reimbursement use-case for POST /api/v1/simulations (SIMULATION-API.md): the reply
 * language, a per-address rate limit, a size-limited JSON body, and the error replies of the API. Every reply has
 * the contract's error shape `{ errors: [{ path, message }] }`; nothing here ever exposes a stack trace.
 */

export const MAX_BODY_BYTES = 2 * 1024 * 1024
export const ALLOWED_METHODS = 'OPTIONS, POST'
/** Lines per request (SIMULATION-API.md); also the most a request can cost. */
export const MAX_LINES = 1000
/**
 * Batches up to this many lines are computed on the request thread (a worker round trip costs more).
 * SIMULATION_API_MAIN_THREAD_MAX_LINES changes it (scripts/bench/api-flood.mjs sets 1000 to measure the old way).
 */
export const MAIN_THREAD_MAX_LINES = ((n) => (Number.isInteger(n) && n >= 0 ? n : 20))(Number(process.env.SIMULATION_API_MAIN_THREAD_MAX_LINES ?? 20))

export interface ApiReply {
  status: number
  body: unknown
  headers?: Record<string, string>
}

/**
 * The API answers in English unless the client prefers French (SIMULATION-API.md), unlike the portal whose
 * default is French. The highest-q supported language wins; q=0 means "not acceptable".
 */
export function apiLocale(header: string | null | undefined): Locale {
  if (!header) return 'en'
  const tags = header
    .split(',')
    .map((part, order) => {
      const [tag = '', ...params] = part.trim().split(';')
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='))
      const weight = q === undefined ? 1 : Number(q.slice(2))
      return { base: tag.trim().toLowerCase().split('-')[0], q: Number.isFinite(weight) ? weight : 0, order }
    })
    .filter((t) => t.q > 0)
    .sort((a, b) => b.q - a.q || a.order - b.order)
  for (const { base } of tags) if (isLocale(base)) return base
  return 'en'
}

/**
 * Messages of the transport (not of a line). TODO(lead): move to lib/i18n/messages/{en,fr}/simulation.json under
 * `simulation.errors.request` (ARCHITECTURE convention 9); same ICU syntax (a literal brace is quoted: '{…}'), so the
 * keys move verbatim.
 */
type RequestMessage = 'malformed' | 'tooLarge' | 'rateLimited' | 'methodNotAllowed' | 'unsupportedMediaType'

function requestMessage(locale: Locale, key: RequestMessage, values?: Record<string, string | number>): string {
  return translatorFor(locale, 'simulation.errors.request')(key, values)
}

function errorReply(status: number, message: string, headers?: Record<string, string>): ApiReply {
  const errors: MessageError[] = [{ path: '', message }]
  return headers ? { status, body: { errors }, headers } : { status, body: { errors } }
}

export function methodNotAllowedReply(locale: Locale): ApiReply {
  return errorReply(405, requestMessage(locale, 'methodNotAllowed'), { Allow: ALLOWED_METHODS })
}

/** For an unexpected failure: a generic sentence (the cause is logged on the server, never sent). */
export function unexpectedReply(locale: Locale): ApiReply {
  return errorReply(500, translatorFor(locale, 'errors')('unexpected'))
}

// ---------------------------------------------------------------- rate limit

/**
 * The limit is on cost, not on requests (issue 13 item 7): a line of a batch costs one point, a request at least
 * one; an address has `points` lines per `durationSeconds`. 120 requests/min of 1 000 lines each froze the portal;
 * 2 000 lines/min lets an address run two full batches a minute, or 2 000 single lines.
 */
export type TApiLimiter = {
  /** True when the address has nothing left (checked before reading the body, so a blocked client costs nothing). */
  exhausted(address: string): Promise<number | null>
  /** Consumes `cost` points for this address; returns the seconds to wait when the limit is passed, else null. */
  consume(address: string, cost?: number): Promise<number | null>
}

export function createApiLimiter(options: { points: number; durationSeconds: number }): TApiLimiter {
  const limiter = createRateLimiter({ keyPrefix: 'simulation-api', points: options.points, duration: options.durationSeconds })
  const waitOf = (res: RateLimiterRes) => Math.max(1, Math.ceil(res.msBeforeNext / 1000))
  return {
    async exhausted(address) {
      const res = await limiter.get(address)
      return res && res.remainingPoints <= 0 ? waitOf(res) : null
    },
    async consume(address, cost = 1) {
      try {
        await limiter.consume(address, Math.max(1, cost))
        return null
      } catch (error) {
        if (error instanceof RateLimiterRes) return waitOf(error)
        throw error
      }
    },
  }
}

const globalForLimiter = globalThis as unknown as { simulationApiLimiter?: TApiLimiter }

/** Lines per minute and address: 2 000 unless SIMULATION_API_LINES_PER_MINUTE says otherwise. */
export function linesPerMinuteFromEnv(value = process.env.SIMULATION_API_LINES_PER_MINUTE): number {
  const n = Number(value)
  return Number.isInteger(n) && n > 0 ? n : 2000
}

/** The process-wide limiter (lines per minute per address). */
export function simulationApiLimiter(): TApiLimiter {
  globalForLimiter.simulationApiLimiter ??= createApiLimiter({ points: linesPerMinuteFromEnv(), durationSeconds: 60 })
  return globalForLimiter.simulationApiLimiter
}

/** Replaces the process-wide limiter (tests); without options, the next request builds the default one again. */
export function configureSimulationApiLimiter(options?: { points: number; durationSeconds: number }): void {
  globalForLimiter.simulationApiLimiter = options ? createApiLimiter(options) : undefined
}

/** What a body costs: its number of lines (at most the batch maximum: lines beyond it are refused, not computed), at least 1. */
export function requestCost(body: unknown): number {
  if (typeof body === 'object' && body !== null && 'lines' in body && Array.isArray((body as { lines: unknown }).lines)) {
    return Math.min(MAX_LINES, Math.max(1, (body as { lines: unknown[] }).lines.length))
  }
  return 1
}

// ---------------------------------------------------------------- body

type BodyRead = { ok: true; value: unknown } | { ok: false; reason: 'tooLarge' | 'malformed' }

/** Reads at most `limit` bytes of the body (whatever Content-Length claims) and parses them as UTF-8 JSON. */
export async function readJsonBody(request: Request, limit = MAX_BODY_BYTES): Promise<BodyRead> {
  const declared = Number(request.headers.get('content-length') ?? Number.NaN)
  if (Number.isFinite(declared) && declared > limit) return { ok: false, reason: 'tooLarge' }
  const chunks: Uint8Array[] = []
  let size = 0
  if (request.body) {
    const reader = request.body.getReader()
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      size += value.byteLength
      if (size > limit) {
        await reader.cancel().catch(() => undefined)
        return { ok: false, reason: 'tooLarge' }
      }
      chunks.push(value)
    }
  }
  const bytes = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  try {
    return { ok: true, value: JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as unknown }
  } catch {
    return { ok: false, reason: 'malformed' }
  }
}

// ---------------------------------------------------------------- the request

/** `application/json`, with or without parameters (charset=utf-8); anything else is refused with 415. */
export function isJsonContentType(header: string | null): boolean {
  return (header ?? '').split(';')[0]!.trim().toLowerCase() === 'application/json'
}

/**
 * POST /api/v1/simulations: an address with no points left → 429 without reading the body → content type
 * application/json (else 415) → body (≤ 2 MB, JSON) → its cost in lines against the address's points (429 with
 * Retry-After) → the contract's use-case with the engine of the rules in the database, explanation sentences
 * included; batches of more than MAIN_THREAD_MAX_LINES lines on a worker thread.
 */
export async function simulateApiRequest(request: Request, input: { locale: Locale; address: string | null }): Promise<ApiReply> {
  const { locale } = input
  const address = input.address ?? 'unknown'
  const limiter = simulationApiLimiter()
  const limited = (wait: number) => errorReply(429, requestMessage(locale, 'rateLimited', { seconds: wait }), { 'Retry-After': String(wait) })
  const blocked = await limiter.exhausted(address)
  if (blocked !== null) return limited(blocked)
  if (!isJsonContentType(request.headers.get('content-type'))) {
    await request.body?.cancel().catch(() => undefined)
    return errorReply(415, requestMessage(locale, 'unsupportedMediaType'), { Accept: 'application/json' })
  }

  const body = await readJsonBody(request)
  if (!body.ok) {
    await limiter.consume(address, 1)
    return body.reason === 'tooLarge'
      ? errorReply(413, requestMessage(locale, 'tooLarge', { megabytes: MAX_BODY_BYTES / 1024 / 1024 }))
      : errorReply(400, requestMessage(locale, 'malformed'))
  }
  const cost = requestCost(body.value)
  const wait = await limiter.consume(address, cost)
  if (wait !== null) return limited(wait)
  if (cost > MAIN_THREAD_MAX_LINES) return simulateOnWorker(body.value, locale)
  return simulateRequest(body.value, await getRuleEngine(), locale, { explain: true })
}
