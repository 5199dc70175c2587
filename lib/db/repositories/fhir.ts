import type { Db, Tx } from '../client'

/**
 * What the FHIR API (issue 18 §4) reads of a file: the insured person, the beneficiaries linked to them, the
 * coverage periods, and the claims with their lines. Ownership is part of every query (the insured person's id,
 * and the beneficiary ids the person consented to).
 */

export type TFhirInsured = {
  id: string
  nir: string
  nirKey: string
  nirKind: string
  sex: number
  birthName: string
  usualName: string | null
  firstNames: string
  birthDate: string
  regime: string
  managementCode: string
  rightsFrom: string
  rightsTo: string | null
  amcCode: string | null
  mutuelleName: string | null
  complementaryKind: string
  createdAt: Date
  updatedAt: Date
  organisation: { code: string; name: string; regimeCode: string }
}

export type TFhirBeneficiary = {
  id: string
  firstNames: string
  lastName: string
  birthDate: string
  sex: number
  ownNir: string | null
  ownNirKey: string | null
  createdAt: Date
  rank: string
  relationship: string
  from: string
  to: string | null
}

export type TFhirCoveragePeriod = { id: string; beneficiaryId: string | null; kind: string; from: string; to: string | null; label: string | null }

export type TFhirFile = { insured: TFhirInsured; beneficiaries: TFhirBeneficiary[]; periods: TFhirCoveragePeriod[] }

export async function findFhirFile(db: Db | Tx, insuredId: string): Promise<TFhirFile | null> {
  const i = await db.insured.findUnique({
    where: { id: insuredId },
    select: {
      id: true, nir: true, nirKey: true, nirKind: true, sex: true, birthName: true, usualName: true, firstNames: true, birthDate: true,
      regime: true, managementCode: true, rightsFrom: true, rightsTo: true, amcCode: true, mutuelleName: true, complementaryKind: true,
      createdAt: true, updatedAt: true,
      organisation: { select: { code: true, name: true, regimeCode: true } },
      beneficiaries: {
        orderBy: { rank: 'asc' },
        select: {
          rank: true, relationship: true, from: true, to: true,
          beneficiary: { select: { id: true, firstNames: true, lastName: true, birthDate: true, sex: true, ownNir: true, ownNirKey: true, createdAt: true } },
        },
      },
      coverages: { orderBy: { from: 'asc' }, select: { id: true, beneficiaryId: true, kind: true, from: true, to: true, label: true } },
    },
  })
  if (!i) return null
  const { beneficiaries, coverages, ...insured } = i
  return {
    insured,
    beneficiaries: beneficiaries.map(({ beneficiary, ...link }) => ({ ...beneficiary, ...link })),
    periods: coverages,
  }
}

export type TFhirClaimLine = {
  id: string
  lineNo: number
  careDate: string
  act: string
  careType: string
  quantity: number
  feeCharged: number
  base: number
  rate: number
  amoGross: number
  localRegime: number
  participation: number
  franchise: number
  carriedForward: number
  amoPaid: number
  complementary: number
  patient: number
  paidOn: string | null
  payment: { reference: string; status: string } | null
}

export type TFhirClaim = {
  id: string
  reference: string
  beneficiaryId: string | null
  careDate: string
  receivedOn: string
  status: string
  rejectReason: string | null
  tiersPayant: boolean
  createdAt: Date
  professional: { rpps: string; kind: string; title: string | null; firstName: string | null; lastName: string; specialty: string } | null
  lines: TFhirClaimLine[]
}

const claimSelect = {
  id: true, reference: true, beneficiaryId: true, careDate: true, receivedOn: true, status: true, rejectReason: true, tiersPayant: true, createdAt: true,
  professional: { select: { rpps: true, kind: true, title: true, firstName: true, lastName: true, specialty: true } },
  lines: {
    orderBy: { lineNo: 'asc' },
    select: {
      id: true, lineNo: true, careDate: true, act: true, careType: true, quantity: true, feeCharged: true, base: true, rate: true, amoGross: true,
      localRegime: true, participation: true, franchise: true, carriedForward: true, amoPaid: true, complementary: true, patient: true, paidOn: true,
      payment: { select: { reference: true, status: true } },
    },
  },
} as const

export type TFhirClaimQuery = {
  /** The persons whose claims may be read: null is the insured person themself. */
  persons: (string | null)[]
  /** Claims with a date of care in [from, to] (either end optional). */
  from?: string
  to?: string
  /** Claims recorded at or after this instant (_lastUpdated=ge…). */
  updatedSince?: Date
  /** Keyset: the last claim of the previous page (careDate desc, id desc). */
  after?: { careDate: string; id: string }
  take: number
}

/** A page of the file's claims for the persons allowed, newest care first; `take + 1` rows say whether more follow. */
export async function listFhirClaims(db: Db | Tx, insuredId: string, q: TFhirClaimQuery): Promise<TFhirClaim[]> {
  const self = q.persons.includes(null)
  const others = q.persons.filter((p): p is string => p !== null)
  const who = [...(self ? [{ beneficiaryId: null }] : []), ...(others.length > 0 ? [{ beneficiaryId: { in: others } }] : [])]
  if (who.length === 0) return []
  const date = { ...(q.from ? { gte: q.from } : {}), ...(q.to ? { lte: q.to } : {}) }
  const where = {
    insuredId,
    OR: who,
    ...(q.from || q.to ? { careDate: date } : {}),
    ...(q.updatedSince ? { createdAt: { gte: q.updatedSince } } : {}),
  }
  const a = q.after
  return db.claim.findMany({
    where: a ? { AND: [where, { OR: [{ careDate: { lt: a.careDate } }, { careDate: a.careDate, id: { lt: a.id } }] }] } : where,
    orderBy: [{ careDate: 'desc' }, { id: 'desc' }],
    take: q.take + 1,
    select: claimSelect,
  })
}

/** One claim of the file, if it concerns one of the persons allowed. */
export async function findFhirClaim(db: Db | Tx, insuredId: string, persons: (string | null)[], claimId: string): Promise<TFhirClaim | null> {
  const c = await db.claim.findFirst({ where: { id: claimId, insuredId }, select: claimSelect })
  return c && persons.includes(c.beneficiaryId) ? c : null
}
