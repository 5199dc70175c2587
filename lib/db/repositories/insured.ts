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

type TOverviewRow = {
  id: string
  nir: string
  nirKey: string
  nirKind: string
  firstNames: string
  birthName: string
  usualName: string | null
  birthDate: string
  regime: string
  affiliationStatus: string
  rightsFrom: string
  rightsTo: string | null
  iban: string | null
  mutuelleName: string | null
  amcCode: string | null
  organisationName: string
  organisationCode: string
  doctorId: string | null
  doctorTitle: string | null
  doctorFirstName: string | null
  doctorLastName: string | null
  doctorCity: string | null
}

/**
 * The insured person's home page data. Ownership is the caller's: pass the signed-in user's insuredId.
 * Three statements (ADR 0014): the person with their caisse and médecin traitant (joined: text columns only, the same
 * on SQLite and PostgreSQL), the current beneficiaries (links joined to the people, by rank), the 5 latest payments.
 * A nested Prisma select sent six, one per relation, even for a relation with no row.
 */
export async function getInsuredOverview(db: Db, insuredId: string): Promise<TInsuredOverview | null> {
  const [rows, beneficiaries, payments] = await Promise.all([
    db.$queryRaw<TOverviewRow[]>`
      SELECT i."id", i."nir", i."nirKey", i."nirKind", i."firstNames", i."birthName", i."usualName", i."birthDate", i."regime",
        i."affiliationStatus", i."rightsFrom", i."rightsTo", i."iban", i."mutuelleName", i."amcCode",
        o."name" AS "organisationName", o."code" AS "organisationCode",
        d."id" AS "doctorId", d."title" AS "doctorTitle", d."firstName" AS "doctorFirstName", d."lastName" AS "doctorLastName", d."city" AS "doctorCity"
      FROM "Insured" i
      JOIN "Organisation" o ON o."id" = i."organisationId"
      LEFT JOIN "HealthProfessional" d ON d."id" = i."doctorId"
      WHERE i."id" = ${insuredId}`,
    // The beneficiaryId after the rank: twins may share a rank; SQLite returned them in that (index) order before.
    db.$queryRaw<{ id: string; firstNames: string; lastName: string; birthDate: string; rank: string }[]>`
      SELECT b."id", b."firstNames", b."lastName", b."birthDate", l."rank"
      FROM "BeneficiaryLink" l
      JOIN "Beneficiary" b ON b."id" = l."beneficiaryId"
      WHERE l."insuredId" = ${insuredId} AND l."to" IS NULL
      ORDER BY l."rank" ASC, l."beneficiaryId" ASC`,
    db.payment.findMany({ where: { insuredId }, orderBy: { paidOn: 'desc' }, take: 5, select: { id: true, paidOn: true, amount: true, kind: true, status: true } }),
  ])
  const i = rows[0]
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
    caisse: { name: i.organisationName, code: i.organisationCode },
    doctor: i.doctorId ? { name: [i.doctorTitle, i.doctorFirstName, i.doctorLastName].filter(Boolean).join(' '), city: i.doctorCity ?? '' } : null,
    mutuelle: i.mutuelleName ? { name: i.mutuelleName, amcCode: i.amcCode } : null,
    beneficiaries: beneficiaries.map((b) => ({ id: b.id, firstNames: b.firstNames, lastName: b.lastName, birthDate: b.birthDate, rank: b.rank })),
    latestPayments: payments,
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
