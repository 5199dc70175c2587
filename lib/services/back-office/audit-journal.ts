import 'server-only'
import { getDb } from '@/lib/db/client'
import { countAuditEvents, findInsuredIdByNir, findUserIdsMatching, listAuditActions, listAuditEvents, type TAuditQuery, type TAuditRow } from '@/lib/db/repositories/back-office'
import { can } from '@/lib/auth/permissions'
import { addDays, type CalendarDate } from '@/lib/domain/dates'
import { toCsv } from '@/lib/domain/csv'
import { AppError } from '@/lib/errors'
import type { TAuditFilter } from '@/lib/schemas/back-office'
import type { TActor } from '../procedures/common'

export const AUDIT_PAGE_SIZE = 50
/** The export holds at most this many events (narrow the filters beyond). */
export const AUDIT_EXPORT_MAX = 50_000

/** The instant a Paris calendar day starts (timestamps are stored in UTC, days are Paris days). */
export function parisDayStart(day: CalendarDate): Date {
  const utcMidnight = new Date(`${day}T00:00:00Z`)
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', hour: '2-digit', hourCycle: 'h23' }).formatToParts(utcMidnight)
  const hour = Number(parts.find((p) => p.type === 'hour')?.value ?? 0)
  return new Date(utcMidnight.getTime() - hour * 3_600_000)
}

function requireSupervisor(actor: TActor): void {
  if (actor.role !== 'supervisor' || !can(actor.role, 'read:audit:any')) throw new AppError('forbidden', 403)
}

/** The filter as a query: actor = name or e-mail text, insured = NIR (13 or 15 characters), action = prefix, Paris days. */
async function toQuery(filter: TAuditFilter): Promise<TAuditQuery | null> {
  const db = getDb()
  const actorIds = filter.actor ? await findUserIdsMatching(db, filter.actor) : null
  const insuredId = filter.insured ? await findInsuredIdByNir(db, filter.insured.slice(0, 13)) : null
  // A filter that matches nobody matches no event (never "all events").
  if ((filter.actor && actorIds?.length === 0) || (filter.insured && !insuredId)) return null
  return {
    actorIds,
    insuredId,
    actionPrefix: filter.action ?? null,
    from: filter.from ? parisDayStart(filter.from) : null,
    to: filter.to ? parisDayStart(addDays(filter.to, 1)) : null,
  }
}

/** Supervisor: one page of the audit journal, newest first. */
export async function listAuditJournal({ actor, filter }: { actor: TActor; filter: TAuditFilter }): Promise<{ rows: TAuditRow[]; total: number; page: number; pages: number; actions: string[] }> {
  requireSupervisor(actor)
  const db = getDb()
  const [query, actions] = await Promise.all([toQuery(filter), listAuditActions(db)])
  if (!query) return { rows: [], total: 0, page: 1, pages: 1, actions }
  const total = await countAuditEvents(db, query)
  const pages = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE))
  const page = Math.min(filter.page, pages)
  const rows = await listAuditEvents(db, query, (page - 1) * AUDIT_PAGE_SIZE, AUDIT_PAGE_SIZE)
  return { rows, total, page, pages, actions }
}

export const AUDIT_CSV_HEADER = ['at_utc', 'actor', 'actor_email', 'actor_role', 'action', 'outcome', 'target_type', 'target_id', 'insured', 'insured_nir', 'ip', 'details'] as const

/** Supervisor: the filtered journal as CSV (every page, same filters), newest first. */
export async function exportAuditCsv({ actor, filter }: { actor: TActor; filter: TAuditFilter }): Promise<{ csv: string; count: number }> {
  requireSupervisor(actor)
  const query = await toQuery(filter)
  const rows = query ? await listAuditEvents(getDb(), query, 0, AUDIT_EXPORT_MAX) : []
  const csv = toCsv(
    AUDIT_CSV_HEADER,
    rows.map((r) => [r.at.toISOString(), r.actorName, r.actorEmail, r.actorRole, r.action, r.outcome, r.targetType, r.targetId, r.insuredName, r.insuredNir, r.ip, r.details === '{}' ? '' : r.details]),
  )
  return { csv, count: rows.length }
}
