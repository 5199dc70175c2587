import type { Db } from '../client'

/** What the insured person's home page shows besides the overview: next appointment, unread messages, alerts. */

export type TNextAppointment = { reference: string; reason: string; startsAt: Date; place: { name: string; addressLine1: string; postalCode: string; city: string } }

/**
 * The next booked appointment (status booked, starting after `now`), or null. The appointment first, then its slot and
 * place only when there is one (a nested select would query both even for none, `IN (NULL)`).
 */
export async function findNextAppointment(db: Db, insuredId: string, now: Date): Promise<TNextAppointment | null> {
  const a = await db.appointment.findFirst({
    where: { insuredId, status: 'booked', slot: { startsAt: { gt: now } } },
    orderBy: { slot: { startsAt: 'asc' } },
    select: { reference: true, reason: true, slotId: true },
  })
  if (!a) return null
  const slot = await db.appointmentSlot.findUniqueOrThrow({
    where: { id: a.slotId },
    select: { startsAt: true, receptionPoint: { select: { name: true, addressLine1: true, postalCode: true, city: true } } },
  })
  return { reference: a.reference, reason: a.reason, startsAt: slot.startsAt, place: slot.receptionPoint }
}

export type TVitaleCardFact = { beneficiaryId: string | null; status: string; blockedAt: Date | null }

/** Every Vitale card of the household's file (the insured person's and the beneficiaries', any status): one query for the home's card facts. */
export async function listVitaleCardsOfInsured(db: Db, insuredId: string): Promise<TVitaleCardFact[]> {
  return db.card.findMany({ where: { insuredId, kind: 'vitale' }, select: { beneficiaryId: true, status: true, blockedAt: true } })
}

/**
 * Blocked Vitale cards with no active card for the same person since (beneficiaryId null = the insured person), with
 * the estimated delivery of the replacement when an order is in progress for that person (issue 17 item 1).
 * `cards`: listVitaleCardsOfInsured; `ordersInProgress`: the file's Vitale orders in progress.
 */
export function blockedCardsWithoutReplacement(
  cards: readonly TVitaleCardFact[],
  ordersInProgress: readonly { beneficiaryId: string | null; estimatedDelivery: string | null }[],
): { beneficiaryId: string | null; blockedAt: Date | null; replacement: { estimatedDelivery: string | null } | null }[] {
  const active = new Set(cards.filter((c) => c.status === 'active').map((c) => c.beneficiaryId ?? ''))
  const ordered = new Map(ordersInProgress.map((o) => [o.beneficiaryId ?? '', { estimatedDelivery: o.estimatedDelivery }]))
  return cards
    .filter((c) => c.status === 'blocked' && !active.has(c.beneficiaryId ?? ''))
    .map((c) => ({ beneficiaryId: c.beneficiaryId, blockedAt: c.blockedAt, replacement: ordered.get(c.beneficiaryId ?? '') ?? null }))
}
