import 'server-only'
import { getDb } from '@/lib/db/client'
import { writeAudit } from '@/lib/db/repositories/audit'
import { findFhirClaim, findFhirFile, listFhirClaims, type TFhirFile } from '@/lib/db/repositories/fhir'
import { addDays, calendarDate, compareDates, type CalendarDate } from '@/lib/domain/dates'
import { ZFhirCount, ZFhirDateSearch, ZFhirInstantSearch, type TFhirDateParam } from '@/lib/schemas/fhir'
import { searchset } from '@/lib/fhir/bundle'
import { fileToCoverages } from '@/lib/fhir/coverage'
import { claimToExplanationOfBenefit } from '@/lib/fhir/explanation-of-benefit'
import { beneficiaryToPatient, insuredToPatient } from '@/lib/fhir/patient'
import type { TFhirResource } from '@/lib/fhir/systems'
import { todayOf } from '@/lib/services/procedures/common'
import { getRuleEngine } from '@/lib/services/simulation/rule-engine'
import { FhirError, requireScope, type TFhirAccess } from './fhir-access'

export const FHIR_RESOURCE_TYPES = ['Patient', 'Coverage', 'ExplanationOfBenefit'] as const
export type TFhirResourceType = (typeof FHIR_RESOURCE_TYPES)[number]
export const DEFAULT_PAGE = 20
export const MAX_PAGE = 100

function dateParams(q: URLSearchParams, name: string, schema: typeof ZFhirDateSearch | typeof ZFhirInstantSearch): TFhirDateParam[] {
  return q.getAll(name).map((raw) => {
    const parsed = schema.safeParse(raw)
    if (!parsed.success) throw new FhirError(400, 'invalid', `${name}: ${parsed.error.issues[0]?.message ?? 'invalid'}`)
    return parsed.data
  })
}

/** [from, to] calendar dates from service-date parameters (gt/lt exclusive), compared as calendar dates. */
function dateRange(params: TFhirDateParam[]): { from?: string; to?: string } {
  let from: CalendarDate | undefined
  let to: CalendarDate | undefined
  const later = (a: CalendarDate | undefined, b: CalendarDate) => (a && compareDates(a, b) > 0 ? a : b)
  const earlier = (a: CalendarDate | undefined, b: CalendarDate) => (a && compareDates(a, b) < 0 ? a : b)
  for (const p of params) {
    const day = calendarDate(p.value)
    if (p.prefix === 'ge' || p.prefix === 'eq') from = later(from, day)
    if (p.prefix === 'gt') from = later(from, addDays(day, 1))
    if (p.prefix === 'le' || p.prefix === 'eq') to = earlier(to, day)
    if (p.prefix === 'lt') to = earlier(to, addDays(day, -1))
  }
  return { ...(from ? { from } : {}), ...(to ? { to } : {}) }
}

function pageSize(q: URLSearchParams): number {
  const raw = q.get('_count')
  if (raw === null) return DEFAULT_PAGE
  const parsed = ZFhirCount.safeParse(raw)
  if (!parsed.success) throw new FhirError(400, 'invalid', '_count must be a whole number from 1.')
  return Math.min(parsed.data, MAX_PAGE)
}

/** "Patient/abc" or "abc" → "abc". */
const refId = (raw: string) => raw.replace(/^Patient\//, '')

/** The persons a search may touch: those of the consent, narrowed by patient/beneficiary/_id (someone else: nobody). */
function narrowedPersons(access: TFhirAccess, insuredId: string, wanted: string[]): (string | null)[] {
  if (wanted.length === 0) return access.persons
  const ids = new Set(wanted.flatMap((w) => w.split(',')).map(refId))
  return access.persons.filter((p) => ids.has(p ?? insuredId))
}

function lastUpdatedFilter(q: URLSearchParams): (at: string | undefined) => boolean {
  const params = dateParams(q, '_lastUpdated', ZFhirInstantSearch)
  const instants = params.map((p) => ({ ...p, t: Date.parse(p.value.length === 10 ? `${p.value}T00:00:00Z` : p.value) }))
  return (at) => {
    if (instants.length === 0) return true
    if (!at) return false
    const t = Date.parse(at)
    return instants.every((p) => (p.prefix === 'ge' ? t >= p.t : p.prefix === 'gt' ? t > p.t : p.prefix === 'le' ? t <= p.t : p.prefix === 'lt' ? t < p.t : t === p.t))
  }
}

const lastUpdatedOf = (r: TFhirResource) => (r.meta as { lastUpdated?: string } | undefined)?.lastUpdated

function patients(file: TFhirFile, persons: (string | null)[]): TFhirResource[] {
  return persons.flatMap((p) => {
    if (p === null) return [insuredToPatient(file.insured)]
    const b = file.beneficiaries.find((x) => x.id === p)
    return b ? [beneficiaryToPatient(b, file.insured.id)] : []
  })
}

const encodeCursor = (c: { careDate: string; id: string }) => Buffer.from(`${c.careDate}~${c.id}`).toString('base64url')
function decodeCursor(raw: string | null): { careDate: string; id: string } | undefined {
  if (!raw) return undefined
  const [careDate, id] = Buffer.from(raw, 'base64url').toString('utf8').split('~')
  if (!careDate || !id || !/^\d{4}-\d{2}-\d{2}$/.test(careDate)) throw new FhirError(400, 'invalid', '_cursor is not one this server gave.')
  return { careDate, id }
}

/**
 * One read of the FHIR API (issue 18 §4): a search (`id` undefined: a searchset Bundle) or a read of one resource, for
 * the persons of the consent only (someone else's id is not found), audited in the file's trail ("who looked at my
 * file": the app, what it read, when).
 */
export async function readFhir({
  access,
  resourceType,
  id,
  query,
  base,
  now,
  ip,
  userAgent,
}: {
  access: TFhirAccess
  resourceType: string
  id?: string
  query: URLSearchParams
  base: string
  now: Date
  ip?: string | null
  userAgent?: string | null
}): Promise<TFhirResource> {
  if (!(FHIR_RESOURCE_TYPES as readonly string[]).includes(resourceType)) throw new FhirError(404, 'not-supported', `This server has no resource type ${resourceType}.`)
  requireScope(access, resourceType)
  const db = getDb()
  const file = await findFhirFile(db, access.insuredId)
  if (!file) throw new FhirError(404, 'not-found', 'No such file.')
  const insuredId = file.insured.id
  // A beneficiary no longer linked to the file is no longer readable.
  const linked = new Set(file.beneficiaries.map((b) => b.id))
  const consented: TFhirAccess = { ...access, persons: access.persons.filter((p) => p === null || linked.has(p)) }
  const today = todayOf(now)
  let result: TFhirResource
  let count = 1
  const notFound = () => new FhirError(404, 'not-found', `${resourceType}/${id} is not found.`)

  if (resourceType === 'Patient') {
    const all = patients(file, consented.persons)
    if (id !== undefined) {
      result = all.find((p) => p.id === id) ?? (() => { throw notFound() })()
    } else {
      const persons = narrowedPersons(consented, insuredId, q(query, '_id'))
      const keep = lastUpdatedFilter(query)
      const list = patients(file, persons).filter((r) => keep(lastUpdatedOf(r)))
      result = searchset(list, { self: `${base}/Patient${qs(query)}`, next: null, base, total: list.length })
      count = list.length
    }
  } else if (resourceType === 'Coverage') {
    const all = fileToCoverages(file, consented.persons, today)
    if (id !== undefined) {
      result = all.find((c) => c.id === id) ?? (() => { throw notFound() })()
    } else {
      const persons = narrowedPersons(consented, insuredId, [...q(query, 'beneficiary'), ...q(query, 'patient')])
      const keep = lastUpdatedFilter(query)
      const ids = new Set(q(query, '_id').flatMap((v) => v.split(',')))
      const list = fileToCoverages(file, persons, today).filter((c) => keep(lastUpdatedOf(c)) && (ids.size === 0 || ids.has(String(c.id))))
      result = searchset(list, { self: `${base}/Coverage${qs(query)}`, next: null, base, total: list.length })
      count = list.length
    }
  } else {
    const engine = await getRuleEngine()
    const label = (code: string) => engine.acts.get(code)?.label.fr ?? code
    if (id !== undefined) {
      const claim = await findFhirClaim(db, insuredId, consented.persons, id)
      if (!claim) throw notFound()
      result = claimToExplanationOfBenefit(claim, file.insured, label)
    } else {
      const persons = narrowedPersons(consented, insuredId, q(query, 'patient'))
      const size = pageSize(query)
      const range = dateRange(dateParams(query, 'service-date', ZFhirDateSearch))
      const updated = dateParams(query, '_lastUpdated', ZFhirInstantSearch)
      if (updated.some((u) => u.prefix !== 'ge' && u.prefix !== 'gt')) throw new FhirError(400, 'not-supported', '_lastUpdated supports ge and gt on ExplanationOfBenefit.')
      const since = updated.map((u) => Date.parse(u.value.length === 10 ? `${u.value}T00:00:00Z` : u.value) + (u.prefix === 'gt' ? 1 : 0)).sort((a, b) => b - a)[0]
      const after = decodeCursor(query.get('_cursor'))
      const rows = await listFhirClaims(db, insuredId, { persons, ...range, ...(since !== undefined ? { updatedSince: new Date(since) } : {}), ...(after ? { after } : {}), take: size })
      const page = rows.slice(0, size)
      const last = page[page.length - 1]
      let next: string | null = null
      if (rows.length > size && last) {
        const nq = new URLSearchParams(query)
        nq.set('_cursor', encodeCursor(last))
        nq.set('_count', String(size))
        next = `${base}/ExplanationOfBenefit?${nq}`
      }
      result = searchset(page.map((c) => claimToExplanationOfBenefit(c, file.insured, label)), { self: `${base}/ExplanationOfBenefit${qs(query)}`, next, base })
      count = page.length
    }
  }

  await writeAudit(db, {
    actorUserId: null,
    actorRole: 'system',
    action: 'fhir.read',
    targetType: resourceType,
    targetId: id ?? 'search',
    insuredId,
    ip: ip ?? null,
    userAgent: userAgent ?? null,
    details: { clientId: access.clientId, app: access.appName, consentId: access.consentId, resourceType, ...(id ? { id } : { count }) },
  })
  return result
}

const q = (query: URLSearchParams, name: string) => query.getAll(name).filter(Boolean)
const qs = (query: URLSearchParams) => (query.size > 0 ? `?${query}` : '')
