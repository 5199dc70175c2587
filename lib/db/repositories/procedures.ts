import type { Db, Tx } from '../client'

export type TProcedureRow = {
  id: string
  reference: string
  type: string
  insuredId: string | null
  beneficiaryId: string | null
  organisationId: string
  status: string
  payload: string
  submittedAt: Date
  estimatedCompletion: string | null
  closedAt: Date | null
  decisionReason: string | null
  requestedDocument: string | null
  idempotencyKey: string | null
  openKey: string | null
  assignedToId: string | null
}

const procedureSelect = {
  id: true, reference: true, type: true, insuredId: true, beneficiaryId: true, organisationId: true, status: true, payload: true, submittedAt: true,
  estimatedCompletion: true, closedAt: true, decisionReason: true, requestedDocument: true, idempotencyKey: true, openKey: true, assignedToId: true,
} as const

export async function findProcedureByIdempotencyKey(db: Db | Tx, idempotencyKey: string): Promise<TProcedureRow | null> {
  return db.procedure.findUnique({ where: { idempotencyKey }, select: procedureSelect })
}

export async function findOpenProcedureByKey(db: Db | Tx, openKey: string): Promise<TProcedureRow | null> {
  return db.procedure.findUnique({ where: { openKey }, select: procedureSelect })
}

/** A procedure of this insured person (ownership in the query), or of a caisse (advisors; organisationId null = any). */
export async function findProcedureInScope(db: Db | Tx, id: string, scope: { insuredId: string } | { organisationId: string | null }): Promise<TProcedureRow | null> {
  const where = 'insuredId' in scope ? { id, insuredId: scope.insuredId } : { id, ...(scope.organisationId ? { organisationId: scope.organisationId } : {}) }
  return db.procedure.findFirst({ where, select: procedureSelect })
}

export async function createProcedure(
  tx: Tx,
  data: {
    reference: string; type: string; insuredId: string; beneficiaryId: string | null; organisationId: string; status: string; payload: string
    estimatedCompletion: string | null; idempotencyKey: string; openKey: string | null; submittedAt: Date; closedAt?: Date | null
  },
  event: { actorUserId: string | null; note: string | null },
): Promise<TProcedureRow> {
  return tx.procedure.create({
    data: { ...data, events: { create: { status: data.status, at: data.submittedAt, actorUserId: event.actorUserId, note: event.note } } },
    select: procedureSelect,
  })
}

export async function updateProcedureState(
  tx: Tx,
  id: string,
  data: { status: string; estimatedCompletion: string | null; requestedDocument: string | null; decisionReason: string | null; openKey: string | null; closedAt: Date | null; payload?: string; assignedToId?: string | null },
  event: { at: Date; actorUserId: string | null; note: string | null },
): Promise<void> {
  await tx.procedure.update({ where: { id }, data })
  await tx.procedureEvent.create({ data: { procedureId: id, status: data.status, at: event.at, actorUserId: event.actorUserId, note: event.note } })
}

/** Attach uploads to a procedure; only uploads of this insured person and not attached elsewhere. Returns how many. */
export async function attachUploads(tx: Tx, insuredId: string, procedureId: string, uploadIds: string[]): Promise<number> {
  if (uploadIds.length === 0) return 0
  const r = await tx.upload.updateMany({ where: { id: { in: uploadIds }, insuredId, procedureId: null }, data: { procedureId } })
  return r.count
}

export type TProcedureListItem = {
  id: string
  reference: string
  type: string
  status: string
  beneficiaryId: string | null
  submittedAt: Date
  estimatedCompletion: string | null
  requestedDocument: string | null
  decisionReason: string | null
  payload: string
  events: { status: string; at: Date; note: string | null }[]
  uploads: { id: string; kind: string; filename: string }[]
  /** An advisor has taken the request (then the person can no longer withdraw it). */
  assignedToId: string | null
  /** The transfers that paid this request (refunds). */
  payments: { reference: string; amount: number; paidOn: string }[]
}

export async function listProceduresOfInsured(db: Db, insuredId: string): Promise<TProcedureListItem[]> {
  return db.procedure.findMany({
    where: { insuredId },
    orderBy: { submittedAt: 'desc' },
    select: {
      id: true, reference: true, type: true, status: true, beneficiaryId: true, submittedAt: true, estimatedCompletion: true, requestedDocument: true, decisionReason: true, payload: true,
      assignedToId: true,
      events: { orderBy: { at: 'asc' }, select: { status: true, at: true, note: true } },
      uploads: { select: { id: true, kind: true, filename: true } },
      payments: { orderBy: { paidOn: 'asc' }, select: { reference: true, amount: true, paidOn: true } },
    },
  })
}

/** Groups rows by a key, each group in the rows' order. */
function groupBy<T, K>(rows: readonly T[], key: (row: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>()
  for (const r of rows) {
    const k = key(r)
    const list = out.get(k)
    if (list) list.push(r)
    else out.set(k, [r])
  }
  return out
}

/**
 * The same rows as listProceduresOfInsured, only those in `statuses` (the home's "in progress" list), in as few
 * statements as the data allows: the procedures first, then their events, uploads and payments only when there are
 * procedures (an include would send those three queries even for none, `IN (NULL)`). Same order everywhere: the
 * children's queries are the ones the include would send.
 */
export async function listProceduresOfInsuredIn(db: Db, insuredId: string, statuses: readonly string[]): Promise<TProcedureListItem[]> {
  const rows = await db.procedure.findMany({
    where: { insuredId, status: { in: [...statuses] } },
    orderBy: { submittedAt: 'desc' },
    select: {
      id: true, reference: true, type: true, status: true, beneficiaryId: true, submittedAt: true, estimatedCompletion: true, requestedDocument: true, decisionReason: true, payload: true,
      assignedToId: true,
    },
  })
  if (rows.length === 0) return []
  const ids = rows.map((r) => r.id)
  const [events, uploads, payments] = await Promise.all([
    db.procedureEvent.findMany({ where: { procedureId: { in: ids } }, orderBy: { at: 'asc' }, select: { procedureId: true, status: true, at: true, note: true } }),
    db.upload.findMany({ where: { procedureId: { in: ids } }, select: { procedureId: true, id: true, kind: true, filename: true } }),
    db.payment.findMany({ where: { procedureId: { in: ids } }, orderBy: { paidOn: 'asc' }, select: { procedureId: true, reference: true, amount: true, paidOn: true } }),
  ])
  const eventsOf = groupBy(events, (e) => e.procedureId)
  const uploadsOf = groupBy(uploads, (u) => u.procedureId)
  const paymentsOf = groupBy(payments, (p) => p.procedureId)
  return rows.map((r) => ({
    ...r,
    events: (eventsOf.get(r.id) ?? []).map((e) => ({ status: e.status, at: e.at, note: e.note })),
    uploads: (uploadsOf.get(r.id) ?? []).map((u) => ({ id: u.id, kind: u.kind, filename: u.filename })),
    payments: (paymentsOf.get(r.id) ?? []).map((p) => ({ reference: p.reference, amount: p.amount, paidOn: p.paidOn })),
  }))
}

export async function recordPayment(tx: Tx, data: { reference: string; insuredId: string; paidOn: string; amount: number; kind: string; ibanMasked: string | null; procedureId?: string | null }): Promise<{ id: string }> {
  return tx.payment.create({ data: { ...data, status: 'paid' }, select: { id: true } })
}

/**
 * Adds an event to the person's latest affiliation request (Procedure type 'affiliation'), its status unchanged
 * (e.g. note 'account-activated'); returns the request's id, or null when the person has none.
 */
export async function noteOnLatestAffiliation(tx: Tx, insuredId: string, event: { note: string; actorUserId: string | null; at: Date }): Promise<{ procedureId: string; reference: string } | null> {
  const p = await tx.procedure.findFirst({ where: { insuredId, type: 'affiliation' }, orderBy: { submittedAt: 'desc' }, select: { id: true, status: true, reference: true } })
  if (!p) return null
  await tx.procedureEvent.create({ data: { procedureId: p.id, status: p.status, note: event.note, actorUserId: event.actorUserId, at: event.at } })
  return { procedureId: p.id, reference: p.reference }
}

/**
 * The refund requests of one person (the insured or a beneficiary) of this type still standing (not rejected or
 * cancelled), with their payload, to find the same trip or care claimed twice (issue 19 §3).
 */
export async function listStandingRefunds(db: Db | Tx, insuredId: string, type: 'transport-refund' | 'abroad-refund', beneficiaryId: string | null): Promise<{ reference: string; payload: string; idempotencyKey: string | null }[]> {
  return db.procedure.findMany({
    where: { insuredId, type, beneficiaryId, status: { notIn: ['rejected', 'cancelled'] } },
    select: { reference: true, payload: true, idempotencyKey: true },
  })
}
