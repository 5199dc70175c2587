import type { z } from 'zod'
import { formatDate, type CalendarDate } from '@/lib/domain/dates'
import { formatEuros } from '@/lib/domain/money'
import type { RuleSet } from '@/lib/domain/rules/rule-set'
import { simulateAllowance, type TAllowanceRequest, type TExplanationStep } from '@/lib/domain/daily-allowances/simulate'
import { simulateCss, type TCssRequest } from '@/lib/domain/css/simulate'
import type { Locale } from '@/lib/i18n/config'
import { translatorFor } from '@/lib/i18n/translator'
import { ALLOWANCE_FIELDS, contractErrors, CSS_FIELDS, ZAllowanceRequest, ZCssRequest, ZRequestsEnvelope, type ContractFieldError } from '@/lib/schemas/allowances-css'

/**
 * The daily-allowance and CSS contracts' use-cases (SIMULATION-API.md "Daily allowances and CSS"): parse with zod,
 * compute with the dated rules, translate refusals, explain each step in a sentence with its official link. Shared
 * by POST /api/v1/daily-allowances, POST /api/v1/css-eligibility, the batch commands and the simulator pages.
 */

export type ContractKind = 'allowances' | 'css'
export interface MessageError {
  path: string
  message: string
}
export interface ReadableContractStep {
  code: string
  amount: number
  text: string
  from: string | null
  url: string | null
  rule?: string
  source?: string
  values?: Record<string, string | number>
}
export type ContractReply = { status: 200 | 400; body: unknown }

const NAMESPACE: Record<ContractKind, string> = { allowances: 'allowances', css: 'cssSimulator' }

export function translateContractErrors(kind: ContractKind, errors: readonly ContractFieldError[], locale: Locale): MessageError[] {
  const t = translatorFor(locale, `${NAMESPACE[kind]}.errors`)
  return errors.map((e) => ({ path: e.path, message: t(e.code, e.params) }))
}

const MONEY_VALUES = new Set(['smic', 'salary', 'uncapped', 'ceiling', 'afterCharges', 'daily', 'dailyFrom29', 'netFiscal', 'income', 'free', 'participation'])
const DATE_VALUES = new Set(['smicDate', 'firstPaid', 'rightStart'])

/** Each step in a sentence of the reader's language, with since when its rule applies and its official page. */
export function explainContractSteps(kind: ContractKind, steps: readonly TExplanationStep[], locale: Locale): ReadableContractStep[] {
  const t = translatorFor(locale, `${NAMESPACE[kind]}.steps`)
  const number = new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'fr-FR', { maximumFractionDigits: 2 })
  return steps.map((s) => {
    const values: Record<string, string | number> = { amount: formatEuros(Math.abs(s.amount), locale) }
    for (const [k, v] of Object.entries(s.values ?? {})) {
      if (MONEY_VALUES.has(k) && typeof v === 'number') values[k] = formatEuros(v, locale)
      else if (DATE_VALUES.has(k) && typeof v === 'string' && v) values[k] = formatDate(v as CalendarDate, locale)
      else values[k] = typeof v === 'number' ? number.format(v) : v
    }
    return { ...s, text: t(s.code.replaceAll('.', '_'), values), from: s.from ?? null, url: s.url ?? null }
  })
}

type Parsed<T> = { ok: true; value: T } | { ok: false; id?: string; errors: ContractFieldError[] }

function parse<S extends z.ZodType>(schema: S, known: ReadonlySet<string>, raw: unknown, prefix = ''): Parsed<z.output<S>> {
  const parsed = schema.safeParse(raw)
  if (parsed.success) return { ok: true, value: parsed.data }
  const id = typeof raw === 'object' && raw !== null && typeof (raw as { id?: unknown }).id === 'string' ? (raw as { id: string }).id : undefined
  const errors = contractErrors(parsed.error, known, prefix, raw)
  return id === undefined ? { ok: false, errors } : { ok: false, id, errors }
}

/** One raw request → its result (explained) or its errors (translated); `prefix` for batch paths ("requests.3."). */
export function computeOne(kind: ContractKind, raw: unknown, rules: RuleSet, locale: Locale, prefix = ''): { ok: true; result: Record<string, unknown> } | { ok: false; id?: string; errors: MessageError[] } {
  const p = kind === 'allowances' ? parse(ZAllowanceRequest, ALLOWANCE_FIELDS, raw, prefix) : parse(ZCssRequest, CSS_FIELDS, raw, prefix)
  if (!p.ok) return { ok: false, ...(p.id === undefined ? {} : { id: p.id }), errors: translateContractErrors(kind, p.errors, locale) }
  const outcome = kind === 'allowances' ? simulateAllowance(p.value as unknown as TAllowanceRequest, rules) : simulateCss(p.value as unknown as TCssRequest, rules)
  if (!outcome.ok) {
    const errors = translateContractErrors(kind, outcome.errors.map((e) => ({ ...e, path: prefix + e.path })), locale)
    return { ok: false, ...(outcome.id === undefined ? {} : { id: outcome.id }), errors }
  }
  return { ok: true, result: { ...outcome.result, steps: explainContractSteps(kind, outcome.result.steps, locale) } }
}

/** A request body (one request, or `{ requests }` up to 1 000) → the reply of the contract. */
export function contractReply(kind: ContractKind, body: unknown, rules: RuleSet, locale: Locale): ContractReply {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { status: 400, body: { errors: translateContractErrors(kind, [{ path: '', code: 'request.invalid' }], locale) } }
  }
  if (!('requests' in body)) {
    const one = computeOne(kind, body, rules, locale)
    return one.ok ? { status: 200, body: one.result } : { status: 400, body: { errors: one.errors } }
  }
  const envelope = ZRequestsEnvelope.safeParse(body)
  if (!envelope.success) return { status: 400, body: { errors: translateContractErrors(kind, contractErrors(envelope.error, new Set(['requests'])), locale) } }
  const all: MessageError[] = []
  const results = envelope.data.requests.map((raw, i) => {
    const one = computeOne(kind, raw, rules, locale, `requests.${i}.`)
    if (one.ok) return one.result
    all.push(...one.errors)
    return one.id === undefined ? { errors: one.errors } : { id: one.id, errors: one.errors }
  })
  return all.length > 0 ? { status: 400, body: { errors: all, results } } : { status: 200, body: { results } }
}
