import 'server-only'
import type { Locale } from '@/lib/i18n/config'
import { translatorFor } from '@/lib/i18n/translator'
import { contractReply, type ContractKind } from './allowances-css'
import { getRuleSet } from './rule-engine'
import { MAX_BODY_BYTES, readJsonBody, simulationApiLimiter, type ApiReply } from './simulate-api'

const NAMESPACE: Record<ContractKind, string> = { allowances: 'allowances', css: 'cssSimulator' }

function requestError(kind: ContractKind, locale: Locale, status: number, key: string, values?: Record<string, string | number>, headers?: Record<string, string>): ApiReply {
  const message = translatorFor(locale, `${NAMESPACE[kind]}.errors.request`)(key, values)
  return { status, body: { errors: [{ path: '', message }] }, ...(headers ? { headers } : {}) }
}

export function contractMethodNotAllowed(kind: ContractKind, locale: Locale): ApiReply {
  return requestError(kind, locale, 405, 'methodNotAllowed', undefined, { Allow: 'OPTIONS, POST' })
}

/**
 * POST /api/v1/daily-allowances and /api/v1/css-eligibility: the same transport as the reimbursement API (per-address
 * rate limit, JSON body ≤ 2 MB) around the contract's use-case, with the rules of the database.
 */
export async function contractApiRequest(kind: ContractKind, request: Request, input: { locale: Locale; address: string | null }): Promise<ApiReply> {
  const { locale } = input
  const wait = await simulationApiLimiter().consume(input.address ?? 'unknown')
  if (wait !== null) return requestError(kind, locale, 429, 'rateLimited', { seconds: wait }, { 'Retry-After': String(wait) })
  const body = await readJsonBody(request)
  if (!body.ok) return body.reason === 'tooLarge' ? requestError(kind, locale, 413, 'tooLarge', { megabytes: MAX_BODY_BYTES / 1024 / 1024 }) : requestError(kind, locale, 400, 'malformed')
  return contractReply(kind, body.value, await getRuleSet(), locale)
}
