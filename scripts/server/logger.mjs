// Structured JSON logs of the production server (issue 14 item 5), with pino: one JSON object per line on stdout,
// a request id on every line written while a request is handled (AsyncLocalStorage), and no personal data: NIRs,
// IBANs, e-mail addresses and phone numbers are masked in every message and error; request lines carry the route
// label (ids replaced), never the query string, the client address or a name.
// The application writes through lib/observability/log.ts, which finds the logger installed here on globalThis.
import { AsyncLocalStorage } from 'node:async_hooks'
import { randomUUID } from 'node:crypto'
import pino from 'pino'

const KEY = Symbol.for('ameli.log')

const PATTERNS = [
  // IBAN: two letters, two check digits, 10–30 alphanumerics (with or without spaces).
  [/\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b/g, '[iban]'],
  // NIR: 13 digits (1/2/7/8 + year + month + place, Corsica 2A/2B) with or without its 2-digit key and spaces.
  [/\b[1-478] ?\d{2} ?\d{2} ?(?:\d{2}|2[AB]) ?\d{3} ?\d{3}(?: ?\d{2})?\b/gi, '[nir]'],
  [/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g, '[email]'],
  [/(?:\+33 ?|\b0)[1-9](?:[ .-]?\d{2}){4}\b/g, '[phone]'],
]

/** Masks the personal identifiers a message or a stack could carry. */
export function maskPersonalData(text) {
  let out = String(text)
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement)
  return out
}

function errorSerializer(error) {
  if (!(error instanceof Error)) return { message: maskPersonalData(String(error)) }
  return {
    type: error.name,
    message: maskPersonalData(error.message),
    code: typeof error.code === 'string' ? error.code : undefined,
    stack: error.stack ? maskPersonalData(error.stack) : undefined,
  }
}

/** Installs the process's logger once (stream: stdout by default; a test passes its own). */
export function installLogger(options = {}) {
  if (globalThis[KEY] && !options.stream) return globalThis[KEY]
  const requests = new AsyncLocalStorage()
  const logger = pino(
    {
      level: options.level ?? process.env.LOG_LEVEL ?? 'info',
      base: { pid: process.pid, service: 'ameli-simulator' },
      timestamp: pino.stdTimeFunctions.isoTime,
      messageKey: 'msg',
      formatters: { level: (label) => ({ level: label }) },
      serializers: { err: errorSerializer },
      // The request id of the request being handled, on every line.
      mixin: () => {
        const store = requests.getStore()
        return store ? { reqId: store.requestId } : {}
      },
      hooks: {
        logMethod(args, method) {
          // Strings logged (message and extra arguments) are masked too.
          method.apply(this, args.map((a) => (typeof a === 'string' ? maskPersonalData(a) : a)))
        },
      },
    },
    options.stream ?? pino.destination({ dest: 1, sync: false }),
  )
  const installed = { logger, requests }
  globalThis[KEY] = installed
  return installed
}

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/

/**
 * Runs `handler` with a request id: the one the trusted load balancer set (X-Request-Id, only when there is a trusted
 * proxy in front), else a new UUID. The id is sent back in X-Request-Id.
 */
export function withRequestId(installed, req, res, trustProxy, handler) {
  const incoming = req.headers['x-request-id']
  const requestId = trustProxy && typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID()
  res.setHeader('x-request-id', requestId)
  return installed.requests.run({ requestId }, handler)
}
