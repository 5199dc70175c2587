import 'server-only'
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible'
import { isLocale, type Locale } from '@/lib/i18n/config'
import { translatorFor } from '@/lib/i18n/translator'
import { getRuleEngine } from './rule-engine'
import { simulateRequest, type MessageError } from './simulate-lines'

/**
 * The transport around the reimbursement use-case for POST /api/v1/simulations (SIMULATION-API.md): the reply
 * language, a per-address rate limit, a size-limited JSON body, and the error replies of the API. Every reply has
 * the contract's error shape `{ errors: [{ path, message }] }`; nothing here ever exposes a stack trace.
 */

export const MAX_BODY_BYTES = 2 * 1024 * 1024
export const ALLOWED_METHODS = 'OPTIONS, POST'

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
type RequestMessage = 'malformed' | 'tooLarge' | 'rateLimited' | 'methodNotAllowed'

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

export type TApiLimiter = {
  /** Consumes one request for this address; returns the seconds to wait when the limit is reached, else null. */
  consume(address: string): Promise<number | null>
}

export function createApiLimiter(options: { points: number; durationSeconds: number }): TApiLimiter {
  const limiter = new RateLimiterMemory({ keyPrefix: 'simulation-api', points: options.points, duration: options.durationSeconds })
  return {
    async consume(address) {
      try {
        await limiter.consume(address)
        return null
      } catch (error) {
        if (error instanceof RateLimiterRes) return Math.max(1, Math.ceil(error.msBeforeNext / 1000))
        throw error
      }
    },
  }
}

const globalForLimiter = globalThis as unknown as { simulationApiLimiter?: TApiLimiter }

function limitFromEnv(): number {
  const value = Number(process.env.SIMULATION_API_LIMIT_PER_MINUTE)
  return Number.isInteger(value) && value > 0 ? value : 120
}

/** The process-wide limiter: 120 requests per minute per address (SIMULATION_API_LIMIT_PER_MINUTE overrides it). */
export function simulationApiLimiter(): TApiLimiter {
  globalForLimiter.simulationApiLimiter ??= createApiLimiter({ points: limitFromEnv(), durationSeconds: 60 })
  return globalForLimiter.simulationApiLimiter
}

/** Replaces the process-wide limiter (tests); without options, the next request builds the default one again. */
export function configureSimulationApiLimiter(options?: { points: number; durationSeconds: number }): void {
  globalForLimiter.simulationApiLimiter = options ? createApiLimiter(options) : undefined
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

/**
 * POST /api/v1/simulations: rate limit (per client address) → body (≤ 2 MB, JSON) → the contract's use-case with
 * the engine of the rules in the database, explanation sentences included.
 */
export async function simulateApiRequest(request: Request, input: { locale: Locale; address: string | null }): Promise<ApiReply> {
  const { locale } = input
  const wait = await simulationApiLimiter().consume(input.address ?? 'unknown')
  if (wait !== null) return errorReply(429, requestMessage(locale, 'rateLimited', { seconds: wait }), { 'Retry-After': String(wait) })

  const body = await readJsonBody(request)
  if (!body.ok) {
    return body.reason === 'tooLarge'
      ? errorReply(413, requestMessage(locale, 'tooLarge', { megabytes: MAX_BODY_BYTES / 1024 / 1024 }))
      : errorReply(400, requestMessage(locale, 'malformed'))
  }
  return simulateRequest(body.value, await getRuleEngine(), locale, { explain: true })
}
