import { stepCodeUrl, type Engine } from '@/lib/domain/reimbursement/engine'
import type { RuleSet } from '@/lib/domain/rules/rule-set'
import { formatEuros } from '@/lib/domain/money'
import { formatDate, type CalendarDate } from '@/lib/domain/dates'
import type { ClaimLineInput, LineError, LineOutcome, LineResult, Step } from '@/lib/domain/reimbursement/types'
import type { Locale } from '@/lib/i18n/config'
import { translatorFor } from '@/lib/i18n/translator'
import { fieldErrors, ZSimulationBatch, ZSimulationLine, type FieldError } from '@/lib/schemas/simulation'

/**
 * The reimbursement contract's use-case (SIMULATION-API.md): parse lines with the zod schema, compute them
 * with the engine, translate refusals. Shared by POST /api/v1/simulations, the batch command and the
 * simulator page. No database access: the caller passes the engine (built from the dated rules).
 */

export interface MessageError {
  path: string
  message: string
}

export type ParsedLine = { ok: true; line: ClaimLineInput } | { ok: false; id?: string; errors: FieldError[] }

/** One raw line → a valid engine line, or its field errors (paths prefixed, e.g. "lines.3."). */
export function parseLine(raw: unknown, prefix = ''): ParsedLine {
  const parsed = ZSimulationLine.safeParse(raw)
  if (parsed.success) return { ok: true, line: parsed.data }
  const id = typeof raw === 'object' && raw !== null && typeof (raw as { id?: unknown }).id === 'string' ? (raw as { id: string }).id : undefined
  const errors = fieldErrors(parsed.error, prefix)
  return id === undefined ? { ok: false, errors } : { ok: false, id, errors }
}

/** Rule-dependent refusals of the engine (unknown act, not in force…) as field errors. */
export function engineErrors(errors: readonly LineError[], line: ClaimLineInput, engine: Engine, prefix = ''): FieldError[] {
  return errors.map((e) => ({
    path: prefix + e.path,
    code: e.code,
    params: { act: line.act, date: line.careDate, codes: [...engine.acts.keys()].join(', ') },
  }))
}

export function translateErrors(errors: readonly FieldError[], locale: Locale): MessageError[] {
  const t = translatorFor(locale, 'simulation.errors')
  return errors.map((e) => ({ path: e.path, message: t(e.code, e.params) }))
}

/** A step as a person reads it: a sentence, the day its rule took effect, the official page (never a rule id). */
export interface ReadableStep {
  code: string
  text: string
  from: string | null
  url: string
}

/**
 * Steps in plain words for people (payment explanation, simulator): the sentence in the reader's language and
 * the link stored with the rule row (Légifrance, ameli, service-public), else the page of the step's kind.
 */
export function readableSteps(steps: readonly Step[], locale: Locale, rules: RuleSet): ReadableStep[] {
  return explainSteps(steps, locale).map((s) => ({
    code: s.code,
    text: s.text,
    from: s.from ?? null,
    url: (s.rule && s.from ? rules.rowAt(s.rule, s.from)?.url : undefined) ?? stepCodeUrl(s.code),
  }))
}

/** Steps with their sentence in the reader's language (what the portal shows to explain a payment). */
export function explainSteps(steps: readonly Step[], locale: Locale): (Step & { text: string })[] {
  const t = translatorFor(locale, 'simulation')
  const money = (c: number) => formatEuros(c, locale)
  return steps.map((step) => {
    const v = step.values ?? {}
    const values: Record<string, string | number> = {
      amount: money(Math.abs(step.amount)),
      from: step.from ? formatDate(step.from as CalendarDate, locale) : '',
      quantity: v.quantity ?? 1,
      unit: typeof v.unit === 'number' ? money(v.unit) : '',
      count: v.count ?? 0,
      rate: v.rate ?? '',
      normalRate: v.normalRate ?? '',
      complement: v.complement ?? '',
      percent: v.percent ?? '',
      threshold: typeof v.threshold === 'number' ? money(v.threshold) : '',
      cap: typeof v.cap === 'number' ? money(v.cap) : '',
      priceLimit: typeof v.priceLimit === 'number' ? money(v.priceLimit) : '',
      scope: typeof v.scope === 'string' ? t(`capScopes.${v.scope}`) : '',
      item: typeof v.item === 'string' ? v.item : 'fees',
      coPayment: typeof v.coPayment === 'number' ? money(v.coPayment) : '',
      overrun: typeof v.overrun === 'number' ? money(v.overrun) : '',
      reason: typeof v.reason === 'string' ? t(`reasons.${v.reason}`) : '',
      limit: typeof v.limit === 'string' ? t(`limits.${v.limit}`) : '',
      situation: typeof v.situation === 'string' ? t(`situationNames.${v.situation}`) : '',
      kind: typeof v.kind === 'string' ? t(`franchiseKinds.${v.kind}`) : '',
      regime: typeof v.regime === 'string' ? t(`regimeNames.${v.regime}`) : '',
      stayDay: v.stayDay ?? '',
      fromDay: v.fromDay ?? '',
    }
    return { ...step, text: t(`steps.${step.code.replaceAll('.', '_')}`, values) }
  })
}

export type SimulationReply =
  | { status: 200; body: (LineResult | { results: LineResult[] }) }
  | { status: 400; body: { errors: MessageError[]; results?: (LineResult | { id?: string; errors: MessageError[] })[] } }

function withText(result: LineResult, locale: Locale, explain: boolean): LineResult {
  return explain ? { ...result, steps: explainSteps(result.steps, locale) } : result
}

/**
 * A request body (one line, or `{ lines }` up to 1 000) → the reply of SIMULATION-API.md. Invalid lines
 * are refused with per-field messages; the other lines of a batch are still computed.
 */
export function simulateRequest(body: unknown, engine: Engine, locale: Locale, options: { explain?: boolean } = {}): SimulationReply {
  const explain = options.explain ?? true
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { status: 400, body: { errors: translateErrors([{ path: '', code: 'body.invalid' }], locale) } }
  }
  if (!('lines' in body)) {
    const parsed = parseLine(body)
    if (!parsed.ok) return { status: 400, body: { errors: translateErrors(parsed.errors, locale) } }
    const outcome = engine.simulate(parsed.line)
    if (!outcome.ok) return { status: 400, body: { errors: translateErrors(engineErrors(outcome.errors, parsed.line, engine), locale) } }
    return { status: 200, body: withText(outcome.result, locale, explain) }
  }
  const envelope = ZSimulationBatch.safeParse(body)
  if (!envelope.success) return { status: 400, body: { errors: translateErrors(fieldErrors(envelope.error), locale) } }

  const raw = envelope.data.lines
  const parsed = raw.map((line, i) => parseLine(line, `lines.${i}.`))
  const valid: ClaimLineInput[] = []
  const index: number[] = []
  parsed.forEach((p, i) => {
    if (p.ok) {
      valid.push(p.line)
      index.push(i)
    }
  })
  const outcomes: LineOutcome[] = engine.simulateBatch(valid)
  const results: (LineResult | { id?: string; errors: MessageError[] })[] = new Array(raw.length)
  const allErrors: MessageError[] = []
  parsed.forEach((p, i) => {
    if (!p.ok) {
      const errors = translateErrors(p.errors, locale)
      allErrors.push(...errors)
      results[i] = p.id === undefined ? { errors } : { id: p.id, errors }
    }
  })
  outcomes.forEach((outcome, k) => {
    const i = index[k]!
    if (outcome.ok) {
      results[i] = withText(outcome.result, locale, explain)
    } else {
      const errors = translateErrors(engineErrors(outcome.errors, valid[k]!, engine, `lines.${i}.`), locale)
      allErrors.push(...errors)
      results[i] = outcome.id === undefined ? { errors } : { id: outcome.id, errors }
    }
  })
  if (allErrors.length > 0) return { status: 400, body: { errors: allErrors, results } }
  return { status: 200, body: { results: results as LineResult[] } }
}
