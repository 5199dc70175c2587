import type { Db, Tx } from '../client'

export type TSickLeaveRow = {
  id: string; reference: string; insuredId: string; kind: string; startDate: string; endDate: string; prescription: string; employerName: string | null
  salary1: number | null; salary2: number | null; salary3: number | null; waitingDays: number; dailyGross: number | null; status: string
}
const leaveSelect = {
  id: true, reference: true, insuredId: true, kind: true, startDate: true, endDate: true, prescription: true, employerName: true, salary1: true, salary2: true, salary3: true,
  waitingDays: true, dailyGross: true, status: true,
} as const

export type TAllowanceRow = { id: string; fromDate: string; toDate: string; days: number; dailyGross: number; gross: number; csg: number; crds: number; net: number; taxable: number; paidOn: string | null; paymentId: string | null }
const allowanceSelect = { id: true, fromDate: true, toDate: true, days: true, dailyGross: true, gross: true, csg: true, crds: true, net: true, taxable: true, paidOn: true, paymentId: true } as const

export async function createSickLeave(tx: Tx, data: Omit<TSickLeaveRow, 'id'> & { prescriberId: string | null; enteredById: string | null }): Promise<TSickLeaveRow> {
  return tx.sickLeave.create({ data, select: leaveSelect })
}

export async function findSickLeaveInScope(db: Db | Tx, id: string, scope: { insuredId: string } | { organisationId: string | null }): Promise<TSickLeaveRow | null> {
  const where = 'insuredId' in scope ? { id, insuredId: scope.insuredId } : { id, ...(scope.organisationId ? { insured: { organisationId: scope.organisationId } } : {}) }
  return db.sickLeave.findFirst({ where, select: leaveSelect })
}

export async function listSickLeavesOfInsured(db: Db, insuredId: string): Promise<(TSickLeaveRow & { allowances: TAllowanceRow[] })[]> {
  return db.sickLeave.findMany({
    where: { insuredId },
    orderBy: { startDate: 'desc' },
    select: { ...leaveSelect, dailyAllowances: { orderBy: { fromDate: 'asc' }, select: allowanceSelect } },
  }).then((rows) => rows.map(({ dailyAllowances, ...l }) => ({ ...l, allowances: dailyAllowances })))
}

/** The insured person's leaves that still count (not rejected): the overlap check of a new leave. */
export async function listActiveLeavePeriods(db: Db | Tx, insuredId: string): Promise<{ reference: string; startDate: string; endDate: string }[]> {
  return db.sickLeave.findMany({ where: { insuredId, status: { not: 'rejected' } }, select: { reference: true, startDate: true, endDate: true } })
}

export async function listAllowancesOfLeave(db: Db | Tx, sickLeaveId: string): Promise<TAllowanceRow[]> {
  return db.dailyAllowance.findMany({ where: { sickLeaveId }, orderBy: { fromDate: 'asc' }, select: allowanceSelect })
}

export async function createAllowance(tx: Tx, data: Omit<TAllowanceRow, 'id'> & { sickLeaveId: string }): Promise<void> {
  await tx.dailyAllowance.create({ data })
}

export async function setSickLeaveStatus(tx: Tx, id: string, status: string): Promise<void> {
  await tx.sickLeave.update({ where: { id }, data: { status } })
}
