import type { Db, Tx } from '../client'

export type TCardOrderRow = {
  id: string
  reference: string
  kind: string
  insuredId: string
  beneficiaryId: string | null
  status: string
  rejectReason: string | null
  departureDate: string | null
  estimatedDelivery: string | null
  shippingAddress: string
  photoUploadId: string | null
  identityUploadId: string | null
  cardId: string | null
  idempotencyKey: string | null
  inProgressKey: string | null
  requestedAt: Date
}

const orderSelect = {
  id: true, reference: true, kind: true, insuredId: true, beneficiaryId: true, status: true, rejectReason: true, departureDate: true, estimatedDelivery: true,
  shippingAddress: true, photoUploadId: true, identityUploadId: true, cardId: true, idempotencyKey: true, inProgressKey: true, requestedAt: true,
} as const

const personWhere = (beneficiaryId: string | null) => (beneficiaryId ? { beneficiaryId } : { beneficiaryId: null })

export async function findCardOrderByIdempotencyKey(db: Db | Tx, idempotencyKey: string): Promise<TCardOrderRow | null> {
  return db.cardOrder.findUnique({ where: { idempotencyKey }, select: orderSelect })
}

/** Statuses of a person's orders of one kind (a beneficiary's orders, whichever parent placed them). */
export async function listOrderStatusesOfPerson(db: Db | Tx, kind: string, insuredId: string, beneficiaryId: string | null): Promise<string[]> {
  const rows = await db.cardOrder.findMany({ where: { kind, ...(beneficiaryId ? { beneficiaryId } : { insuredId, beneficiaryId: null }) }, select: { status: true } })
  return rows.map((r) => r.status)
}

/** The serial number of the person's Vitale card in use (status active, not past its validity), or null. */
export async function findActiveVitaleSerial(db: Db | Tx, insuredId: string, beneficiaryId: string | null, today: string): Promise<string | null> {
  const card = await db.card.findFirst({
    where: { kind: 'vitale', status: 'active', ...(beneficiaryId ? { beneficiaryId } : { insuredId, beneficiaryId: null }), OR: [{ validUntil: null }, { validUntil: { gte: today } }] },
    select: { serialNumber: true },
  })
  return card?.serialNumber ?? null
}

/** The person's latest blocked Vitale card and whether an order was placed since it was blocked. */
export async function findLastBlockedVitale(db: Db | Tx, insuredId: string, beneficiaryId: string | null): Promise<{ blockedAt: Date; reorderedSince: boolean } | null> {
  const card = await db.card.findFirst({
    where: { kind: 'vitale', insuredId, ...personWhere(beneficiaryId), blockedAt: { not: null } },
    orderBy: { blockedAt: 'desc' },
    select: { blockedAt: true },
  })
  if (!card?.blockedAt) return null
  const since = await db.cardOrder.count({ where: { kind: 'vitale', insuredId, ...personWhere(beneficiaryId), requestedAt: { gte: card.blockedAt } } })
  return { blockedAt: card.blockedAt, reorderedSince: since > 0 }
}

export async function createCardOrder(
  tx: Tx,
  data: {
    reference: string; kind: string; insuredId: string; beneficiaryId: string | null; status: string; departureDate: string | null; estimatedDelivery: string | null
    shippingAddress: string; photoUploadId: string | null; identityUploadId: string | null; idempotencyKey: string; inProgressKey: string; requestedAt: Date
  },
  event: { actorUserId: string | null; note: string | null },
): Promise<TCardOrderRow> {
  return tx.cardOrder.create({
    data: { ...data, events: { create: { status: data.status, at: data.requestedAt, actorUserId: event.actorUserId, note: event.note } } },
    select: orderSelect,
  })
}

export async function findCardOrderInScope(db: Db | Tx, id: string, scope: { insuredId: string } | { organisationId: string | null }): Promise<TCardOrderRow | null> {
  const where = 'insuredId' in scope ? { id, insuredId: scope.insuredId } : { id, ...(scope.organisationId ? { insured: { organisationId: scope.organisationId } } : {}) }
  return db.cardOrder.findFirst({ where, select: orderSelect })
}

export async function updateCardOrderState(
  tx: Tx,
  id: string,
  data: { status: string; estimatedDelivery: string | null; rejectReason: string | null; inProgressKey: string | null; cardId?: string },
  event: { at: Date; actorUserId: string | null; note: string | null },
): Promise<void> {
  await tx.cardOrder.update({ where: { id }, data })
  await tx.cardOrderEvent.create({ data: { cardOrderId: id, status: data.status, at: event.at, actorUserId: event.actorUserId, note: event.note } })
}

export type TCardRow = { id: string; kind: string; insuredId: string; beneficiaryId: string | null; serialNumber: string; issuedOn: string; validUntil: string | null; status: string; blockedAt: Date | null; blockedReason: string | null }
const cardSelect = { id: true, kind: true, insuredId: true, beneficiaryId: true, serialNumber: true, issuedOn: true, validUntil: true, status: true, blockedAt: true, blockedReason: true } as const

/** A card of this insured person's file (own or a beneficiary's attached to them). */
export async function findCardOfInsured(db: Db | Tx, insuredId: string, cardId: string): Promise<TCardRow | null> {
  return db.card.findFirst({ where: { id: cardId, insuredId }, select: cardSelect })
}

export async function listCardsOfInsured(db: Db, insuredId: string): Promise<TCardRow[]> {
  return db.card.findMany({ where: { insuredId }, orderBy: { issuedOn: 'desc' }, select: cardSelect })
}

export async function blockCard(tx: Tx, cardId: string, reason: string, at: Date): Promise<boolean> {
  const r = await tx.card.updateMany({ where: { id: cardId, status: 'active' }, data: { status: 'blocked', blockedAt: at, blockedReason: reason } })
  return r.count === 1
}

export async function issueCard(
  tx: Tx,
  data: { kind: string; insuredId: string; beneficiaryId: string | null; serialNumber: string; issuedOn: string; validUntil: string | null },
): Promise<{ id: string }> {
  // A new card replaces the person's previous active one of the same kind.
  await tx.card.updateMany({ where: { kind: data.kind, insuredId: data.insuredId, ...personWhere(data.beneficiaryId), status: 'active' }, data: { status: 'replaced' } })
  return tx.card.create({ data: { ...data, status: 'active' }, select: { id: true } })
}

export type TCardOrderListItem = TCardOrderRow & { events: { status: string; at: Date; note: string | null }[] }

export async function listCardOrdersOfInsured(db: Db, insuredId: string): Promise<TCardOrderListItem[]> {
  return db.cardOrder.findMany({
    where: { insuredId },
    orderBy: { requestedAt: 'desc' },
    select: { ...orderSelect, events: { orderBy: { at: 'asc' }, select: { status: true, at: true, note: true } } },
  })
}

/**
 * The same rows as listCardOrdersOfInsured, only those in `statuses` (the home's "in progress" list): the orders
 * first, then their events only when there are orders (an include would query them even for none, `IN (NULL)`).
 */
export async function listCardOrdersOfInsuredIn(db: Db, insuredId: string, statuses: readonly string[]): Promise<TCardOrderListItem[]> {
  const rows = await db.cardOrder.findMany({ where: { insuredId, status: { in: [...statuses] } }, orderBy: { requestedAt: 'desc' }, select: orderSelect })
  if (rows.length === 0) return []
  const events = await db.cardOrderEvent.findMany({
    where: { cardOrderId: { in: rows.map((r) => r.id) } },
    orderBy: { at: 'asc' },
    select: { cardOrderId: true, status: true, at: true, note: true },
  })
  const eventsOf = new Map<string, { status: string; at: Date; note: string | null }[]>()
  for (const e of events) {
    const list = eventsOf.get(e.cardOrderId) ?? []
    if (list.length === 0) eventsOf.set(e.cardOrderId, list)
    list.push({ status: e.status, at: e.at, note: e.note })
  }
  return rows.map((r) => ({ ...r, events: eventsOf.get(r.id) ?? [] }))
}

export async function createIssuedDocument(
  tx: Tx,
  data: { insuredId: string; kind: string; verificationCode: string; scope: string | null; validUntil: string | null; issuedById: string | null; snapshot: string; issuedAt: Date },
): Promise<{ id: string }> {
  return tx.issuedDocument.create({ data, select: { id: true } })
}

export async function findIssuedDocumentOfInsured(db: Db, insuredId: string, id: string): Promise<{ id: string; kind: string; verificationCode: string; validUntil: string | null; snapshot: string; issuedAt: Date } | null> {
  return db.issuedDocument.findFirst({ where: { id, insuredId }, select: { id: true, kind: true, verificationCode: true, validUntil: true, snapshot: true, issuedAt: true } })
}
