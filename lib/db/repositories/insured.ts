import type { Db } from '../client'
import { QUEUE_OPEN_CARD_STATUSES, QUEUE_OPEN_PROCEDURE_STATUSES } from '../../schemas/back-office'

export type TInsuredOverview = {
  id: string
  nir: string
  nirKey: string
  nirKind: string
  firstNames: string
  lastName: string
  birthDate: string
  regime: string
  affiliationStatus: string
  rightsFrom: string
  rightsTo: string | null
  hasIban: boolean
  caisse: { name: string; code: string }
  doctor: { name: string; city: string } | null
  mutuelle: { name: string; amcCode: string | null } | null
  beneficiaries: { id: string; firstNames: string; lastName: string; birthDate: string; rank: string }[]
  /** status "scheduled": the transfer goes out on paidOn (a paper care sheet paid on the next run). */
  latestPayments: { id: string; paidOn: string; amount: number; kind: string; status: string }[]
}

/** The insured person's home page data. Ownership is the caller's: pass the signed-in user's insuredId. */
export async function getInsuredOverview(db: Db, insuredId: string): Promise<TInsuredOverview | null> {
  const i = await db.insured.findUnique({
    where: { id: insuredId },
    select: {
      id: true,
      nir: true,
      nirKey: true,
      nirKind: true,
      firstNames: true,
      birthName: true,
      usualName: true,
      birthDate: true,
      regime: true,
      affiliationStatus: true,
      rightsFrom: true,
      rightsTo: true,
      iban: true,
      mutuelleName: true,
      amcCode: true,
      organisation: { select: { name: true, code: true } },
      doctor: { select: { title: true, firstName: true, lastName: true, city: true } },
      beneficiaries: {
        where: { to: null },
        orderBy: { rank: 'asc' },
        select: { rank: true, beneficiary: { select: { id: true, firstNames: true, lastName: true, birthDate: true } } },
      },
      payments: { orderBy: { paidOn: 'desc' }, take: 5, select: { id: true, paidOn: true, amount: true, kind: true, status: true } },
    },
  })
  if (!i) return null
  return {
    id: i.id,
    nir: i.nir,
    nirKey: i.nirKey,
    nirKind: i.nirKind,
    firstNames: i.firstNames,
    lastName: i.usualName ?? i.birthName,
    birthDate: i.birthDate,
    regime: i.regime,
    affiliationStatus: i.affiliationStatus,
    rightsFrom: i.rightsFrom,
    rightsTo: i.rightsTo,
    hasIban: Boolean(i.iban),
    caisse: i.organisation,
    doctor: i.doctor ? { name: [i.doctor.title, i.doctor.firstName, i.doctor.lastName].filter(Boolean).join(' '), city: i.doctor.city } : null,
    mutuelle: i.mutuelleName ? { name: i.mutuelleName, amcCode: i.amcCode } : null,
    beneficiaries: i.beneficiaries.map((l) => ({ ...l.beneficiary, rank: l.rank })),
    latestPayments: i.payments,
  }
}

export type TCaisseStats = { insured: number; proceduresWaiting: number; lockedAccounts: number }

/**
 * Figures for the advisor's home: one caisse, or all of them (organisationId null, supervisors). "Requests waiting"
 * counts what the queue shows by default: open procedures and card orders still being handled.
 */
export async function getCaisseStats(db: Db, organisationId: string | null): Promise<TCaisseStats> {
  const byOrg = organisationId ? { organisationId } : {}
  const [insured, procedures, cardOrders, lockedAccounts] = await Promise.all([
    db.insured.count({ where: byOrg }),
    db.procedure.count({ where: { ...byOrg, status: { in: [...QUEUE_OPEN_PROCEDURE_STATUSES] } } }),
    db.cardOrder.count({ where: { status: { in: [...QUEUE_OPEN_CARD_STATUSES] }, ...(organisationId ? { insured: { organisationId } } : {}) } }),
    db.user.count({ where: { role: 'insured', lockedAt: { not: null }, ...(organisationId ? { insured: { organisationId } } : {}) } }),
  ])
  return { insured, proceduresWaiting: procedures + cardOrders, lockedAccounts }
}

export async function getOrganisationName(db: Db, organisationId: string): Promise<string | null> {
  const o = await db.organisation.findUnique({ where: { id: organisationId }, select: { name: true } })
  return o?.name ?? null
}
