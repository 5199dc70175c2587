import type { Db, Tx } from '../client'

/** Everything printed on an attestation de droits, read in one query (ownership: the caller passes the file's id). */
export async function findAttestationSource(db: Db | Tx, insuredId: string) {
  return db.insured.findUnique({
    where: { id: insuredId },
    select: {
      id: true, nir: true, nirKey: true, firstNames: true, birthName: true, usualName: true, birthDate: true, sex: true,
      addressLine1: true, addressLine2: true, postalCode: true, city: true, country: true,
      regime: true, managementCode: true, affiliationStatus: true, rightsFrom: true, rightsTo: true, amcCode: true, mutuelleName: true,
      doctorId: true, doctor: { select: { title: true, firstName: true, lastName: true } },
      organisation: { select: { name: true, code: true, regimeCode: true, addressLine1: true, postalCode: true, city: true } },
      beneficiaries: {
        where: { to: null },
        orderBy: { rank: 'asc' },
        select: { rank: true, beneficiary: { select: { id: true, firstNames: true, lastName: true, birthDate: true, ownNir: true, ownNirKey: true } } },
      },
      coverages: { where: { kind: { in: ['ald', 'css'] } }, select: { kind: true, beneficiaryId: true, from: true, to: true, label: true, monthlyParticipation: true } },
    },
  })
}
export type TAttestationSource = NonNullable<Awaited<ReturnType<typeof findAttestationSource>>>

export type TIssuedDocumentRow = { id: string; kind: string; scope: string | null; verificationCode: string; issuedAt: Date; validUntil: string | null; revokedAt: Date | null; issuedById: string | null }
const issuedSelect = { id: true, kind: true, scope: true, verificationCode: true, issuedAt: true, validUntil: true, revokedAt: true, issuedById: true } as const

export async function listIssuedDocuments(db: Db, insuredId: string, kind?: string, take = 20): Promise<TIssuedDocumentRow[]> {
  return db.issuedDocument.findMany({ where: { insuredId, ...(kind ? { kind } : {}) }, orderBy: { issuedAt: 'desc' }, take, select: issuedSelect })
}

export async function findIssuedDocumentWithSnapshot(db: Db, insuredId: string, id: string) {
  return db.issuedDocument.findFirst({ where: { id, insuredId }, select: { ...issuedSelect, snapshot: true } })
}

export async function findIssuedDocumentByCode(db: Db, verificationCode: string) {
  return db.issuedDocument.findUnique({ where: { verificationCode }, select: { ...issuedSelect, snapshot: true, insuredId: true, insured: { select: { affiliationStatus: true, rightsTo: true } } } })
}

export async function revokeIssuedDocument(tx: Tx, id: string, at: Date, reason: string): Promise<void> {
  await tx.issuedDocument.update({ where: { id }, data: { revokedAt: at, revokedReason: reason } })
}

/** The statement header: the holder and their caisse. */
export async function findStatementHolder(db: Db, insuredId: string) {
  return db.insured.findUnique({
    where: { id: insuredId },
    select: { firstNames: true, birthName: true, usualName: true, nir: true, nirKey: true, addressLine1: true, addressLine2: true, postalCode: true, city: true, organisation: { select: { name: true, code: true } } },
  })
}

/** Claim lines paid between two dates (inclusive), for one insured file (theirs and their beneficiaries'). */
export async function listPaidLines(db: Db, insuredId: string, from: string, to: string) {
  return db.claimLine.findMany({
    where: { claim: { insuredId }, paidOn: { gte: from, lte: to } },
    orderBy: [{ paidOn: 'asc' }, { careDate: 'asc' }, { lineNo: 'asc' }],
    select: {
      paidOn: true, careDate: true, act: true, label: true, quantity: true, feeCharged: true, base: true, rate: true, participation: true, franchise: true, amoPaid: true,
      claim: { select: { beneficiary: { select: { firstNames: true, lastName: true } }, professional: { select: { title: true, firstName: true, lastName: true } } } },
    },
  })
}

export async function listPaymentsBetween(db: Db, insuredId: string, from: string, to: string) {
  return db.payment.findMany({ where: { insuredId, paidOn: { gte: from, lte: to }, status: 'paid' }, orderBy: { paidOn: 'asc' }, select: { paidOn: true, reference: true, kind: true, amount: true, ibanMasked: true } })
}

/** Daily allowances paid between two dates, with their sick leave. */
export async function listPaidAllowances(db: Db, insuredId: string, from: string, to: string) {
  return db.dailyAllowance.findMany({
    where: { sickLeave: { insuredId }, paidOn: { gte: from, lte: to } },
    orderBy: [{ paidOn: 'asc' }, { fromDate: 'asc' }],
    select: { paidOn: true, fromDate: true, toDate: true, days: true, gross: true, csg: true, crds: true, net: true, taxable: true, sickLeave: { select: { reference: true, kind: true, startDate: true } } },
  })
}

/** The years in which daily allowances were paid to this person. */
export async function listAllowanceYears(db: Db, insuredId: string): Promise<number[]> {
  const rows = await db.dailyAllowance.findMany({ where: { sickLeave: { insuredId }, paidOn: { not: null } }, select: { paidOn: true } })
  return [...new Set(rows.map((r) => Number(r.paidOn!.slice(0, 4))))].sort((a, b) => b - a)
}

/** ALD periods of the insured person themself (an allowance paid during one is exempt from income tax). */
export async function listOwnAldPeriods(db: Db, insuredId: string): Promise<{ from: string; to: string | null }[]> {
  return db.coveragePeriod.findMany({ where: { insuredId, beneficiaryId: null, kind: 'ald' }, select: { from: true, to: true } })
}
