import { formatDate, parseCalendarDate } from '@/lib/domain/dates'
import { departmentLabel } from '@/lib/domain/departments'
import { maskIban } from '@/lib/domain/iban'
import { formatEuros } from '@/lib/domain/money'

/**
 * "What the person declared" for staff (issue 17 §6): a procedure's stored payload (JSON, amounts in cents, ISO
 * dates, enum codes, nested objects) as labelled, formatted rows. Pure: the caller passes the locale and a
 * translator over the whole message tree (`t('backoffice.payload.city')`), so that unit tests need no Next.
 *
 * Each procedure type has a field map (key → kind); a key no map knows is still shown readably (humanised key,
 * formatted value by its shape), never as raw JSON. Identifiers, idempotency keys and full IBANs are never shown.
 */

export type TPayloadRow = { key: string; label: string; value: string }
export type TPayloadTranslator = { t: (key: string, values?: Record<string, string | number>) => string; has: (key: string) => boolean }
type L = 'fr' | 'en'

type TKind =
  | 'text'
  | 'date'
  | 'cents'
  | 'bool'
  | 'number'
  | 'km'
  | 'department'
  | 'iban'
  | 'country'
  | 'hidden'
  | 'estimate'
  | 'assessment'
  | 'members'
  | 'currency-amount'
  | { enum: string }

/** Keys hidden whatever the type: technical identifiers and what the engine recomputes. */
const ALWAYS_HIDDEN = /(^id$|Id$|Ids$|idempotency|^lines$|^steps$)/i

const COMMON: Record<string, TKind> = {
  approvedAmount: 'cents',
  effectiveDate: 'date',
  birthDate: 'date',
  careDate: 'date',
}

/** Per procedure type: the fields in the order shown, and how each is read. */
export const PAYLOAD_FIELDS: Record<string, Record<string, TKind>> = {
  'address-change': { addressLine1: 'text', addressLine2: 'text', postalCode: 'text', city: 'text', department: 'department', effectiveDate: 'date' },
  'bank-change': { ibanMasked: 'iban', iban: 'hidden', holder: 'text', bic: 'text' },
  'name-change': { usualName: 'text' },
  'doctor-declaration': { name: 'text', rpps: 'text' },
  birth: { firstNames: 'text', lastName: 'text', birthDate: 'date', sex: { enum: 'backoffice.payloadValues.sex' } },
  'card-loss': { serialNumber: 'text', reason: { enum: 'procedurePages.loss.reasons' }, reorderedAtOnce: 'bool' },
  css: { yearlyIncome: 'cents', members: 'members', assessment: 'assessment' },
  'transport-refund': {
    mode: { enum: 'procedurePages.transport.modes' },
    reason: { enum: 'procedurePages.transport.reasons' },
    tripDate: 'date',
    prescriptionDate: 'date',
    km: 'km',
    amount: 'cents',
    tolls: 'cents',
    parking: 'cents',
    returnTrip: 'bool',
    estimate: 'estimate',
    approvedAmount: 'cents',
  },
  'abroad-refund': {
    country: 'country',
    careDate: 'date',
    careKind: { enum: 'procedurePages.abroad.careKinds' },
    amount: 'currency-amount',
    urgent: 'bool',
    otherCurrency: 'bool',
    rate: 'number',
    rateDate: 'date',
    rateSource: 'text',
    euroAmount: 'cents',
    zone: { enum: 'backoffice.payloadValues.zone' },
    estimate: 'estimate',
    approvedAmount: 'cents',
    currency: 'hidden',
  },
  'care-not-received': { claimReference: 'text', careDate: 'date', act: 'text', amoPaid: 'cents', paymentReference: 'text', comment: 'text' },
}

/** "yearlyIncome" → "Yearly income" (the fallback label of a key no message names). */
export function humaniseKey(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[-_]+/g, ' ')
    .trim()
    .toLowerCase()
  return words ? words[0]!.toUpperCase() + words.slice(1) : key
}

function numberFmt(n: number, locale: L, digits = 6): string {
  return new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'fr-FR', { maximumFractionDigits: digits }).format(n)
}

function dateOf(v: unknown, locale: L): string | null {
  if (typeof v !== 'string') return null
  const d = parseCalendarDate(v)
  return d ? formatDate(d, locale) : null
}

function isCents(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v)
}

function euros(v: unknown, locale: L): string | null {
  return isCents(v) ? formatEuros(v, locale) : null
}

function enumLabel(ns: string, v: unknown, tr: TPayloadTranslator): string {
  const code = String(v)
  const key = `${ns}.${code}`
  return tr.has(key) ? tr.t(key) : humaniseKey(code)
}

function countryName(code: unknown, locale: L): string {
  if (typeof code !== 'string' || !/^[A-Z]{2}$/.test(code)) return String(code)
  try {
    return new Intl.DisplayNames([locale], { type: 'region' }).of(code) ?? code
  } catch {
    return code
  }
}

/** A value whose shape no map describes: readable, never JSON. */
function fallbackValue(v: unknown, locale: L, tr: TPayloadTranslator): string {
  if (v === null || v === undefined || v === '') return '—'
  if (typeof v === 'boolean') return tr.t(v ? 'backoffice.payloadValues.yes' : 'backoffice.payloadValues.no')
  if (typeof v === 'number') return numberFmt(v, locale)
  if (typeof v === 'string') return dateOf(v, locale) ?? v
  if (Array.isArray(v)) return v.map((x) => fallbackValue(x, locale, tr)).join(' ; ')
  if (typeof v === 'object') {
    return Object.entries(v as Record<string, unknown>)
      .filter(([k, x]) => !ALWAYS_HIDDEN.test(k) && x !== null && x !== undefined && x !== '')
      .map(([k, x]) => `${labelOf(k, tr)}${locale === 'fr' ? ' : ' : ': '}${fallbackValue(x, locale, tr)}`)
      .join(' · ')
  }
  return String(v)
}

function labelOf(key: string, tr: TPayloadTranslator): string {
  const k = `backoffice.payload.${key}`
  return tr.has(k) ? tr.t(k) : humaniseKey(key)
}

function assessmentRows(v: unknown, locale: L, tr: TPayloadTranslator): TPayloadRow[] {
  if (!v || typeof v !== 'object') return []
  const a = v as Record<string, unknown>
  const rows: TPayloadRow[] = []
  const push = (key: string, value: string | null) => {
    if (value !== null) rows.push({ key: `assessment.${key}`, label: tr.t(`backoffice.payloadAssessment.${key}`), value })
  }
  push('outcome', a.outcome === undefined ? null : enumLabel('backoffice.payloadValues.cssOutcome', a.outcome, tr))
  push('householdSize', typeof a.householdSize === 'number' ? tr.t('backoffice.payloadValues.persons', { count: a.householdSize }) : null)
  push('freeCeiling', euros(a.freeCeiling, locale))
  push('participationCeiling', euros(a.participationCeiling, locale))
  push('monthlyParticipation', euros(a.monthlyParticipation, locale))
  push('rightStart', dateOf(a.rightStart, locale))
  return rows
}

function membersValue(v: unknown, locale: L, tr: TPayloadTranslator): string {
  if (!Array.isArray(v) || v.length === 0) return tr.t('backoffice.payloadValues.noMember')
  return v
    .map((m) => {
      const x = (m ?? {}) as Record<string, unknown>
      const name = [x.firstNames, x.lastName].filter((s) => typeof s === 'string' && s).join(' ')
      const born = dateOf(x.birthDate, locale)
      const rel = x.relationship ? enumLabel('procedurePages.css.relationships', x.relationship, tr) : null
      return [name || '—', born ? tr.t('backoffice.payloadValues.bornOn', { date: born }) : null, rel].filter(Boolean).join(', ')
    })
    .join(' ; ')
}

function valueOf(kind: TKind, v: unknown, p: Record<string, unknown>, locale: L, tr: TPayloadTranslator): string {
  if (typeof kind === 'object') return enumLabel(kind.enum, v, tr)
  switch (kind) {
    case 'date':
      return dateOf(v, locale) ?? fallbackValue(v, locale, tr)
    case 'cents':
      return euros(v, locale) ?? fallbackValue(v, locale, tr)
    case 'bool':
      return tr.t(v ? 'backoffice.payloadValues.yes' : 'backoffice.payloadValues.no')
    case 'number':
      return typeof v === 'number' ? numberFmt(v, locale) : fallbackValue(v, locale, tr)
    case 'km':
      return typeof v === 'number' ? `${numberFmt(v, locale)} km` : fallbackValue(v, locale, tr)
    case 'department':
      return departmentLabel(String(v))
    case 'iban':
      return typeof v === 'string' ? (v.includes('*') ? v : maskIban(v)) : '—'
    case 'country':
      return `${countryName(v, locale)} (${String(v)})`
    case 'members':
      return membersValue(v, locale, tr)
    case 'estimate': {
      const cents = (v as { amoCents?: unknown } | null)?.amoCents
      return isCents(cents) ? formatEuros(cents, locale) : tr.t('backoffice.payloadValues.noEstimate')
    }
    case 'currency-amount': {
      const currency = typeof p.currency === 'string' ? p.currency : 'EUR'
      if (!isCents(v)) return fallbackValue(v, locale, tr)
      try {
        return new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'fr-FR', { style: 'currency', currency }).format(v / 100)
      } catch {
        return `${numberFmt(v / 100, locale, 2)} ${currency}`
      }
    }
    default:
      return fallbackValue(v, locale, tr)
  }
}

/** The rows of "What the person declared" for one procedure. A payload that is not a JSON object gives no row. */
export function presentPayload(type: string, payload: string | Record<string, unknown>, locale: L, tr: TPayloadTranslator): TPayloadRow[] {
  let p: Record<string, unknown>
  if (typeof payload === 'string') {
    try {
      const parsed: unknown = JSON.parse(payload)
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return []
      p = parsed as Record<string, unknown>
    } catch {
      return []
    }
  } else p = payload
  const map = PAYLOAD_FIELDS[type] ?? {}
  // The mapped fields first, in the map's order, then any other key in the stored order.
  const keys = [...Object.keys(map).filter((k) => k in p), ...Object.keys(p).filter((k) => !(k in map))]
  const rows: TPayloadRow[] = []
  for (const key of keys) {
    const kind: TKind = map[key] ?? COMMON[key] ?? 'text'
    const v = p[key]
    if (kind === 'hidden' || ALWAYS_HIDDEN.test(key)) continue
    // A full IBAN never shows, even in a type whose map does not know it.
    if (key === 'iban' && kind !== 'iban') continue
    if (v === null || v === undefined || v === '') continue
    if (kind === 'assessment') {
      rows.push(...assessmentRows(v, locale, tr))
      continue
    }
    rows.push({ key, label: labelOf(key, tr), value: valueOf(kind, v, p, locale, tr) })
  }
  return rows
}
