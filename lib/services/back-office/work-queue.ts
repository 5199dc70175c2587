import 'server-only'
import { getDb } from '@/lib/db/client'
import { countDoneSince, listAdvisors, listCaisses, listQueueRows, loadQueueNames, type TQueueRow } from '@/lib/db/repositories/work-queue'
import { addDays, daysBetween, toCalendarDate, type CalendarDate } from '@/lib/domain/dates'
import { ageOf, compareUrgency, slaOf, type TAge, type TSla } from '@/lib/domain/procedures/queue-sla'
import { PROCEDURE_STATUSES } from '@/lib/domain/procedure-status'
import { VITALE_ORDER_STATUSES } from '@/lib/domain/cards/vitale-order'
import {
  QUEUE_CAISSE_PROCEDURE_STATUSES,
  QUEUE_CLOSED_CARD_STATUSES,
  QUEUE_CLOSED_PROCEDURE_STATUSES,
  QUEUE_OPEN_CARD_STATUSES,
  QUEUE_OPEN_PROCEDURE_STATUSES,
  QUEUE_PERSON_PROCEDURE_STATUSES,
  type TQueueFilter,
} from '@/lib/schemas/back-office'
import { loadRuleSet, staffScope, todayOf, type TActor } from '../procedures/common'
import { parisDayStart } from './audit-journal'
import { AppError } from '@/lib/errors'

export const WORK_QUEUE_PAGE_SIZE = 25

/** Where a request waits: for the caisse (to process), for the person (a document asked), or nobody (closed). */
export type TWaitingFor = 'caisse' | 'person' | 'closed'

export function waitingFor(row: Pick<TQueueRow, 'kind' | 'status'>): TWaitingFor {
  if (row.kind === 'procedure') {
    if ((QUEUE_PERSON_PROCEDURE_STATUSES as readonly string[]).includes(row.status)) return 'person'
    return (QUEUE_OPEN_PROCEDURE_STATUSES as readonly string[]).includes(row.status) ? 'caisse' : 'closed'
  }
  return (QUEUE_OPEN_CARD_STATUSES as readonly string[]).includes(row.status) ? 'caisse' : 'closed'
}

export type TWorkQueueItem = {
  key: string
  kind: 'procedure' | 'card-order'
  id: string
  reference: string
  type: string
  status: string
  waitingFor: TWaitingFor
  submittedAt: Date
  age: TAge
  /** Null for a closed request, or a type without a delay rule. */
  sla: TSla | null
  organisationId: string
  caisse: string
  insuredId: string | null
  insuredName: string | null
  assignedToId: string | null
  assignedTo: string | null
  /** Whether this actor may take it (a free procedure still open) or give it to an advisor (supervisors). */
  canTake: boolean
  canAssign: boolean
}

export type TWorkQueue = {
  items: TWorkQueueItem[]
  total: number
  page: number
  pages: number
  /** Open requests by group, with the type, caisse and assignee filters applied (the tabs' counts). */
  counts: { open: number; caisse: number; person: number }
  /** Caisses the actor may filter on (supervisors: every caisse; advisors: theirs). */
  caisses: { id: string; name: string }[]
  /** Advisors the actor may give requests to (supervisors only; empty for advisors). */
  advisors: { id: string; displayName: string; organisationId: string | null; caisse: string }[]
  today: CalendarDate
}

/** Statuses asked by the filter's status (a group or one status), split between procedures and card orders. */
function statusesOf(status: string | undefined): { procedures: string[]; cards: string[] } {
  switch (status ?? 'open') {
    case 'open':
      return { procedures: [...QUEUE_OPEN_PROCEDURE_STATUSES], cards: [...QUEUE_OPEN_CARD_STATUSES] }
    case 'caisse':
      return { procedures: [...QUEUE_CAISSE_PROCEDURE_STATUSES], cards: [...QUEUE_OPEN_CARD_STATUSES] }
    case 'person':
      return { procedures: [...QUEUE_PERSON_PROCEDURE_STATUSES], cards: [] }
    case 'closed':
      return { procedures: [...QUEUE_CLOSED_PROCEDURE_STATUSES], cards: [...QUEUE_CLOSED_CARD_STATUSES] }
    case 'all':
      return { procedures: [...PROCEDURE_STATUSES], cards: [...VITALE_ORDER_STATUSES] }
    default: {
      const s = status as string
      return { procedures: (PROCEDURE_STATUSES as readonly string[]).includes(s) ? [s] : [], cards: (VITALE_ORDER_STATUSES as readonly string[]).includes(s) ? [s] : [] }
    }
  }
}

function typesOf(type: string | undefined): { procedureTypes: string[] | null; cardKinds: string[] | null } {
  if (type === undefined) return { procedureTypes: null, cardKinds: null }
  if (type === 'vitale-order') return { procedureTypes: [], cardKinds: ['vitale'] }
  if (type === 'ehic-order') return { procedureTypes: [], cardKinds: ['ehic'] }
  return { procedureTypes: [type], cardKinds: [] }
}

/**
 * The caisse scope of the list: an advisor's own caisse whatever the query says; a supervisor every caisse, or the
 * one asked for.
 */
function scopeOf(actor: TActor, filter: TQueueFilter): string | null {
  const own = staffScope(actor, 'update:procedure:caisse')
  return own ?? filter.caisse ?? null
}

/**
 * The work queue (issue 17 §7): open requests of the actor's caisse (supervisors: every caisse, or one), each with
 * its age and its state against the expected date (SLA rule of its type, in force on the day received), most
 * urgent first by default; filtered by type, status group (waiting for the caisse / for the person), "my cases" or
 * unassigned, caisse. Light rows are read for the whole filter (the sort needs every SLA), names for one page.
 */
export async function listWorkQueue({ actor, filter, now }: { actor: TActor; filter: TQueueFilter; now: Date }): Promise<TWorkQueue> {
  const db = getDb()
  const organisationId = scopeOf(actor, filter)
  const today = todayOf(now)
  const { procedureTypes, cardKinds } = typesOf(filter.type)
  const assignee = filter.assignee === 'me' ? { assignedToId: actor.id } : filter.assignee === 'none' ? { unassigned: true } : {}
  const status = filter.status ?? 'open'
  const wanted = statusesOf(status)
  const openQuery = { organisationId, procedureTypes, cardKinds, procedureStatuses: [...QUEUE_OPEN_PROCEDURE_STATUSES], cardStatuses: [...QUEUE_OPEN_CARD_STATUSES], ...assignee }
  const isOpenSubset = wanted.procedures.every((s) => (QUEUE_OPEN_PROCEDURE_STATUSES as readonly string[]).includes(s)) && wanted.cards.every((s) => (QUEUE_OPEN_CARD_STATUSES as readonly string[]).includes(s))
  const [rules, openRows, caisses, advisors] = await Promise.all([
    loadRuleSet(db),
    listQueueRows(db, openQuery),
    listCaisses(db, actor.role === 'supervisor' ? null : [organisationId!]),
    actor.role === 'supervisor' ? listAdvisors(db, organisationId) : Promise.resolve([]),
  ])
  const rows = isOpenSubset
    ? openRows.filter((r) => (r.kind === 'procedure' ? wanted.procedures : wanted.cards).includes(r.status))
    : await listQueueRows(db, { ...openQuery, procedureStatuses: wanted.procedures, cardStatuses: wanted.cards })
  const counts = { open: openRows.length, caisse: 0, person: 0 }
  for (const r of openRows) counts[waitingFor(r) === 'person' ? 'person' : 'caisse']++

  const decorated = rows.map((r) => {
    const receivedOn = toCalendarDate(r.submittedAt, 'Europe/Paris')
    const w = waitingFor(r)
    return { row: r, id: r.id, receivedAt: r.submittedAt, waitingFor: w, sla: w === 'closed' ? null : slaOf(r.type, receivedOn, today, rules), age: ageOf(receivedOn, today) }
  })
  const sort = filter.sort ?? 'due'
  decorated.sort(
    sort === 'due'
      ? compareUrgency
      : sort === 'received'
        ? (a, b) => a.receivedAt.getTime() - b.receivedAt.getTime() || a.id.localeCompare(b.id)
        : (a, b) => b.receivedAt.getTime() - a.receivedAt.getTime() || a.id.localeCompare(b.id),
  )
  const total = decorated.length
  const pages = Math.max(1, Math.ceil(total / WORK_QUEUE_PAGE_SIZE))
  const page = Math.min(filter.page, pages)
  const slice = decorated.slice((page - 1) * WORK_QUEUE_PAGE_SIZE, page * WORK_QUEUE_PAGE_SIZE)
  const names = await loadQueueNames(db, slice.map((d) => d.row))
  const caisseName = new Map(caisses.map((c) => [c.id, c.name]))
  const missing = [...new Set(slice.map((d) => d.row.organisationId).filter((id) => !caisseName.has(id)))]
  if (missing.length) for (const c of await listCaisses(db, missing)) caisseName.set(c.id, c.name)
  const items: TWorkQueueItem[] = slice.map((d) => {
    const r = d.row
    const key = `${r.kind}:${r.id}`
    const n = names.get(key)
    const open = d.waitingFor !== 'closed'
    return {
      key, kind: r.kind, id: r.id, reference: n?.reference ?? r.id, type: r.type, status: r.status, waitingFor: d.waitingFor, submittedAt: r.submittedAt, age: d.age, sla: d.sla,
      organisationId: r.organisationId, caisse: caisseName.get(r.organisationId) ?? '—', insuredId: n?.insuredId ?? null, insuredName: n?.insuredName ?? null,
      assignedToId: r.assignedToId, assignedTo: n?.assignedTo ?? null,
      canTake: r.kind === 'procedure' && open && r.assignedToId === null,
      canAssign: r.kind === 'procedure' && open && actor.role === 'supervisor',
    }
  })
  return {
    items, total, page, pages, counts,
    caisses: caisses.map((c) => ({ id: c.id, name: c.name })),
    advisors: advisors.map((a) => ({ ...a, caisse: caisseName.get(a.organisationId ?? '') ?? '' })),
    today,
  }
}

export type TCaisseFigures = { organisationId: string; caisse: string; open: number; late: number; person: number; caisseWaiting: number; doneThisWeek: number }

/** Monday of the week of `today` (ISO weeks, as the caisse counts them). */
export function weekStartOf(today: CalendarDate): CalendarDate {
  const monday = daysBetween('1970-01-05' as CalendarDate, today) % 7
  return addDays(today, -((monday + 7) % 7))
}

/**
 * Supervisors' figures per caisse (issue 17 §7): open requests, late ones (past their expected date), waiting for
 * the person, waiting for the caisse, and closed since Monday. Caisses without any request are left out.
 * Advisors: 403 forbidden.
 */
export async function queueFiguresByCaisse({ actor, now }: { actor: TActor; now: Date }): Promise<TCaisseFigures[]> {
  // Every caisse: supervisors only (the permission to give requests across caisses).
  if (staffScope(actor, 'update:assignment:any') !== null) throw new AppError('forbidden', 403)
  const db = getDb()
  const today = todayOf(now)
  const [rules, rows, done] = await Promise.all([
    loadRuleSet(db),
    listQueueRows(db, { organisationId: null, procedureTypes: null, cardKinds: null, procedureStatuses: [...QUEUE_OPEN_PROCEDURE_STATUSES], cardStatuses: [...QUEUE_OPEN_CARD_STATUSES] }),
    countDoneSince(db, null, parisDayStart(weekStartOf(today))),
  ])
  const by = new Map<string, TCaisseFigures>()
  const of = (id: string) => {
    let f = by.get(id)
    if (!f) by.set(id, (f = { organisationId: id, caisse: '', open: 0, late: 0, person: 0, caisseWaiting: 0, doneThisWeek: 0 }))
    return f
  }
  for (const r of rows) {
    const f = of(r.organisationId)
    f.open++
    if (waitingFor(r) === 'person') f.person++
    else f.caisseWaiting++
    if (slaOf(r.type, toCalendarDate(r.submittedAt, 'Europe/Paris'), today, rules)?.state === 'late') f.late++
  }
  for (const [id, n] of done) of(id).doneThisWeek += n
  const names = new Map((await listCaisses(db, [...by.keys()])).map((c) => [c.id, c.name]))
  return [...by.values()].map((f) => ({ ...f, caisse: names.get(f.organisationId) ?? '—' })).sort((a, b) => a.caisse.localeCompare(b.caisse, 'fr'))
}
