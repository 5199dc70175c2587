import type { Db, Tx } from '../client'

/**
 * Reads and writes of the work queue (issue 17 §7). The queue is sorted by the SLA (a rule per type, computed in
 * the service), so it first reads light rows (kind, id, type, status, dates, caisse, assignee) for the whole filter,
 * then the names of one page only. Every query takes the caisse scope (`organisationId`, null = every caisse).
 */

export type TQueueRow = {
  kind: 'procedure' | 'card-order'
  id: string
  type: string
  status: string
  submittedAt: Date
  organisationId: string
  assignedToId: string | null
}

export type TQueueRowQuery = {
  organisationId: string | null
  /** null = every type. */
  procedureTypes: string[] | null
  cardKinds: string[] | null
  procedureStatuses: string[]
  cardStatuses: string[]
  /** Only the procedures of this staff member ("my cases"); card orders are not assigned. */
  assignedToId?: string | null
  /** Only the procedures nobody has taken. */
  unassigned?: boolean
}

export async function listQueueRows(db: Db, q: TQueueRowQuery): Promise<TQueueRow[]> {
  const wantProcedures = q.procedureStatuses.length > 0 && (q.procedureTypes === null || q.procedureTypes.length > 0)
  const wantCards = q.cardStatuses.length > 0 && (q.cardKinds === null || q.cardKinds.length > 0) && !q.assignedToId
  const [procedures, orders] = await Promise.all([
    wantProcedures
      ? db.procedure.findMany({
          where: {
            ...(q.organisationId ? { organisationId: q.organisationId } : {}),
            ...(q.procedureTypes ? { type: { in: q.procedureTypes } } : {}),
            status: { in: q.procedureStatuses },
            ...(q.assignedToId ? { assignedToId: q.assignedToId } : q.unassigned ? { assignedToId: null } : {}),
          },
          select: { id: true, type: true, status: true, submittedAt: true, organisationId: true, assignedToId: true },
        })
      : [],
    wantCards
      ? db.cardOrder.findMany({
          where: {
            ...(q.organisationId ? { insured: { organisationId: q.organisationId } } : {}),
            ...(q.cardKinds ? { kind: { in: q.cardKinds } } : {}),
            status: { in: q.cardStatuses },
          },
          select: { id: true, kind: true, status: true, requestedAt: true, insured: { select: { organisationId: true } } },
        })
      : [],
  ])
  return [
    ...procedures.map((p) => ({ kind: 'procedure' as const, id: p.id, type: p.type, status: p.status, submittedAt: p.submittedAt, organisationId: p.organisationId, assignedToId: p.assignedToId })),
    ...orders.map((o) => ({ kind: 'card-order' as const, id: o.id, type: `${o.kind}-order`, status: o.status, submittedAt: o.requestedAt, organisationId: o.insured.organisationId, assignedToId: null })),
  ]
}

export type TQueueNames = { reference: string; insuredId: string | null; insuredName: string | null; assignedTo: string | null }

const nameOf = (i: { firstNames: string; birthName: string; usualName: string | null }) => `${i.firstNames} ${i.usualName ?? i.birthName}`
const insuredNameSelect = { firstNames: true, birthName: true, usualName: true } as const

function applicantName(payload: string): string | null {
  try {
    const p = JSON.parse(payload) as { firstNames?: unknown; lastName?: unknown; birthName?: unknown }
    const last = typeof p.lastName === 'string' ? p.lastName : typeof p.birthName === 'string' ? p.birthName : ''
    const first = typeof p.firstNames === 'string' ? p.firstNames : ''
    return `${first} ${last}`.trim() || null
  } catch {
    return null
  }
}

/** References, names and assignees of the rows of one page, keyed `kind:id`. */
export async function loadQueueNames(db: Db, rows: Pick<TQueueRow, 'kind' | 'id'>[]): Promise<Map<string, TQueueNames>> {
  const procIds = rows.filter((r) => r.kind === 'procedure').map((r) => r.id)
  const orderIds = rows.filter((r) => r.kind === 'card-order').map((r) => r.id)
  const [procedures, orders] = await Promise.all([
    procIds.length
      ? db.procedure.findMany({ where: { id: { in: procIds } }, select: { id: true, reference: true, insuredId: true, payload: true, insured: { select: insuredNameSelect }, assignedTo: { select: { displayName: true } } } })
      : [],
    orderIds.length ? db.cardOrder.findMany({ where: { id: { in: orderIds } }, select: { id: true, reference: true, insuredId: true, insured: { select: insuredNameSelect } } }) : [],
  ])
  const out = new Map<string, TQueueNames>()
  for (const p of procedures) out.set(`procedure:${p.id}`, { reference: p.reference, insuredId: p.insuredId, insuredName: p.insured ? nameOf(p.insured) : applicantName(p.payload), assignedTo: p.assignedTo?.displayName ?? null })
  for (const o of orders) out.set(`card-order:${o.id}`, { reference: o.reference, insuredId: o.insuredId, insuredName: nameOf(o.insured), assignedTo: null })
  return out
}

export type TCaisseDto = { id: string; code: string; name: string }

export async function listCaisses(db: Db, ids: string[] | null): Promise<TCaisseDto[]> {
  return db.organisation.findMany({ where: ids ? { id: { in: ids } } : {}, orderBy: { name: 'asc' }, select: { id: true, code: true, name: true } })
}

/** Requests closed by the caisse since `since` (completed or rejected procedures, delivered or rejected card orders), per caisse. */
export async function countDoneSince(db: Db, organisationId: string | null, since: Date): Promise<Map<string, number>> {
  const [procedures, orders] = await Promise.all([
    db.procedure.groupBy({
      by: ['organisationId'],
      where: { ...(organisationId ? { organisationId } : {}), status: { in: ['completed', 'rejected'] }, OR: [{ closedAt: { gte: since } }, { closedAt: null, updatedAt: { gte: since } }] },
      _count: { _all: true },
    }),
    db.cardOrder.findMany({
      where: { ...(organisationId ? { insured: { organisationId } } : {}), status: { in: ['delivered', 'rejected'] }, updatedAt: { gte: since } },
      select: { insured: { select: { organisationId: true } } },
    }),
  ])
  const out = new Map<string, number>()
  for (const p of procedures) out.set(p.organisationId, (out.get(p.organisationId) ?? 0) + p._count._all)
  for (const o of orders) out.set(o.insured.organisationId, (out.get(o.insured.organisationId) ?? 0) + 1)
  return out
}

/** Staff of the back-office who can be given requests: advisors of these caisses (null = every caisse). */
export async function listAdvisors(db: Db, organisationId: string | null): Promise<{ id: string; displayName: string; organisationId: string | null }[]> {
  return db.user.findMany({ where: { role: 'advisor', ...(organisationId ? { organisationId } : {}) }, orderBy: { displayName: 'asc' }, select: { id: true, displayName: true, organisationId: true } })
}

export type TProcedureForAssignment = { id: string; reference: string; status: string; organisationId: string; insuredId: string | null; assignedToId: string | null; assignedTo: string | null }

export async function findProceduresForAssignment(tx: Tx, ids: string[]): Promise<TProcedureForAssignment[]> {
  const rows = await tx.procedure.findMany({ where: { id: { in: ids } }, select: { id: true, reference: true, status: true, organisationId: true, insuredId: true, assignedToId: true, assignedTo: { select: { displayName: true } } } })
  return rows.map((r) => ({ id: r.id, reference: r.reference, status: r.status, organisationId: r.organisationId, insuredId: r.insuredId, assignedToId: r.assignedToId, assignedTo: r.assignedTo?.displayName ?? null }))
}

export async function findCardOrderReferences(tx: Tx, ids: string[], organisationId: string | null): Promise<{ id: string; reference: string }[]> {
  return tx.cardOrder.findMany({ where: { id: { in: ids }, ...(organisationId ? { insured: { organisationId } } : {}) }, select: { id: true, reference: true } })
}

/** Takes a procedure only if it is still free (or already this actor's): false when someone took it meanwhile. */
export async function takeProcedureIfFree(tx: Tx, id: string, userId: string): Promise<boolean> {
  const r = await tx.procedure.updateMany({ where: { id, OR: [{ assignedToId: null }, { assignedToId: userId }] }, data: { assignedToId: userId } })
  return r.count === 1
}

// ——— Saved filters ———

export type TSavedFilterDto = { id: string; name: string; query: string; createdAt: Date }

export async function listSavedFilters(db: Db, userId: string): Promise<TSavedFilterDto[]> {
  return db.savedQueueFilter.findMany({ where: { userId }, orderBy: { name: 'asc' }, select: { id: true, name: true, query: true, createdAt: true } })
}

export async function countSavedFilters(db: Db, userId: string): Promise<number> {
  return db.savedQueueFilter.count({ where: { userId } })
}

/** Saves a filter under a name; the same name replaces the user's earlier filter of that name. */
export async function upsertSavedFilter(db: Db, userId: string, name: string, query: string): Promise<TSavedFilterDto> {
  return db.savedQueueFilter.upsert({
    where: { userId_name: { userId, name } },
    create: { userId, name, query },
    update: { query },
    select: { id: true, name: true, query: true, createdAt: true },
  })
}

/** Deletes one of the user's filters (another user's id deletes nothing): the number deleted. */
export async function deleteSavedFilter(db: Db, userId: string, id: string): Promise<number> {
  return (await db.savedQueueFilter.deleteMany({ where: { id, userId } })).count
}

export async function findSavedFilter(db: Db, userId: string, id: string): Promise<TSavedFilterDto | null> {
  return db.savedQueueFilter.findFirst({ where: { id, userId }, select: { id: true, name: true, query: true, createdAt: true } })
}

export async function findAdvisor(db: Db, id: string): Promise<{ id: string; displayName: string; organisationId: string | null } | null> {
  return db.user.findFirst({ where: { id, role: 'advisor' }, select: { id: true, displayName: true, organisationId: true } })
}
