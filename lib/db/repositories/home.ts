import type { Db } from '../client'

/** What the insured person's home page shows besides the overview: next appointment, unread messages, alerts. */

export type TNextAppointment = { reference: string; reason: string; startsAt: Date; place: { name: string; addressLine1: string; postalCode: string; city: string } }

/** The next booked appointment (status booked, starting after `now`), or null. */
export async function findNextAppointment(db: Db, insuredId: string, now: Date): Promise<TNextAppointment | null> {
  const a = await db.appointment.findFirst({
    where: { insuredId, status: 'booked', slot: { startsAt: { gt: now } } },
    orderBy: { slot: { startsAt: 'asc' } },
    select: { reference: true, reason: true, slot: { select: { startsAt: true, receptionPoint: { select: { name: true, addressLine1: true, postalCode: true, city: true } } } } },
  })
  return a ? { reference: a.reference, reason: a.reason, startsAt: a.slot.startsAt, place: a.slot.receptionPoint } : null
}

/** Messages from an advisor not read yet, in the person's threads. */
export async function countUnreadAdvisorMessages(db: Db, insuredId: string): Promise<number> {
  return db.message.count({ where: { readAt: null, authorRole: 'advisor', thread: { insuredId } } })
}

/**
 * Blocked Vitale cards with no active card for the same person since (beneficiaryId null = the insured person), with
 * the estimated delivery of the replacement when an order is in progress for that person (issue 17 item 1).
 */
export async function listBlockedCardsWithoutReplacement(
  db: Db,
  insuredId: string,
  inProgress: readonly string[],
): Promise<{ beneficiaryId: string | null; blockedAt: Date | null; replacement: { estimatedDelivery: string | null } | null }[]> {
  const [cards, orders] = await Promise.all([
    db.card.findMany({ where: { insuredId, kind: 'vitale', status: { in: ['blocked', 'active'] } }, select: { beneficiaryId: true, status: true, blockedAt: true } }),
    db.cardOrder.findMany({ where: { insuredId, kind: 'vitale', status: { in: [...inProgress] } }, select: { beneficiaryId: true, estimatedDelivery: true } }),
  ])
  const active = new Set(cards.filter((c) => c.status === 'active').map((c) => c.beneficiaryId ?? ''))
  const ordered = new Map(orders.map((o) => [o.beneficiaryId ?? '', { estimatedDelivery: o.estimatedDelivery }]))
  return cards
    .filter((c) => c.status === 'blocked' && !active.has(c.beneficiaryId ?? ''))
    .map((c) => ({ beneficiaryId: c.beneficiaryId, blockedAt: c.blockedAt, replacement: ordered.get(c.beneficiaryId ?? '') ?? null }))
}

/** Coverage periods (CSS, ALD, maternity…) ending between `today` and `until` (calendar dates). */
export async function listCoveragesEndingSoon(db: Db, insuredId: string, today: string, until: string): Promise<{ kind: string; beneficiaryId: string | null; to: string }[]> {
  const rows = await db.coveragePeriod.findMany({
    where: { insuredId, to: { gte: today, lte: until } },
    orderBy: { to: 'asc' },
    select: { kind: true, beneficiaryId: true, to: true },
  })
  return rows.map((r) => ({ kind: r.kind, beneficiaryId: r.beneficiaryId, to: r.to! }))
}

/** Whether the insured person (not a beneficiary) ever had a Vitale card, and whether a Vitale order of theirs is in progress. */
export async function findOwnVitaleFacts(db: Db, insuredId: string, inProgressStatuses: readonly string[]): Promise<{ hasCard: boolean; orderInProgress: boolean }> {
  const [card, order] = await Promise.all([
    db.card.findFirst({ where: { insuredId, beneficiaryId: null, kind: 'vitale' }, select: { id: true } }),
    db.cardOrder.findFirst({ where: { insuredId, beneficiaryId: null, kind: 'vitale', status: { in: [...inProgressStatuses] } }, select: { id: true } }),
  ])
  return { hasCard: card !== null, orderInProgress: order !== null }
}
