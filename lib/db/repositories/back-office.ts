import type { Db, Tx } from '../client'
import type { NewCarryOver, NewClaim, NewPayment } from './claims'
import { stepsToStorageJson } from '../../domain/reimbursement/steps-json'

/**
 * Reads of the advisor back-office: the queue (procedures and card orders), their details, the insured search and
 * file (vue 360°), the audit journal. Every query takes the caisse scope (`organisationId`, null = every caisse,
 * supervisors): ownership is part of the query, never a check after loading.
 */

const nameOf = (i: { firstNames: string; birthName: string; usualName: string | null }) => `${i.firstNames} ${i.usualName ?? i.birthName}`
const insuredNameSelect = { id: true, firstNames: true, birthName: true, usualName: true } as const

export type TQueueItem = {
  kind: 'procedure' | 'card-order'
  id: string
  reference: string
  type: string
  status: string
  submittedAt: Date
  insuredId: string | null
  insuredName: string | null
  assignedTo: string | null
}

export type TQueueQuery = { organisationId: string | null; procedureTypes: string[] | null; cardKinds: string[] | null; procedureStatuses: string[]; cardStatuses: string[]; take: number }

/** The oldest first, procedures and card orders merged; `take` of each is enough to fill the asked page. */
export async function listQueue(db: Db, q: TQueueQuery): Promise<{ items: TQueueItem[]; total: number }> {
  const procWhere = {
    ...(q.organisationId ? { organisationId: q.organisationId } : {}),
    ...(q.procedureTypes ? { type: { in: q.procedureTypes } } : {}),
    status: { in: q.procedureStatuses },
  }
  const cardWhere = {
    ...(q.organisationId ? { insured: { organisationId: q.organisationId } } : {}),
    ...(q.cardKinds ? { kind: { in: q.cardKinds } } : {}),
    status: { in: q.cardStatuses },
  }
  const wantProcedures = q.procedureStatuses.length > 0 && (q.procedureTypes === null || q.procedureTypes.length > 0)
  const wantCards = q.cardStatuses.length > 0 && (q.cardKinds === null || q.cardKinds.length > 0)
  const [procedures, procCount, orders, cardCount] = await Promise.all([
    wantProcedures
      ? db.procedure.findMany({
          where: procWhere,
          orderBy: [{ submittedAt: 'asc' }, { id: 'asc' }],
          take: q.take,
          select: { id: true, reference: true, type: true, status: true, submittedAt: true, insuredId: true, insured: { select: insuredNameSelect }, assignedTo: { select: { displayName: true } }, payload: true },
        })
      : [],
    wantProcedures ? db.procedure.count({ where: procWhere }) : 0,
    wantCards
      ? db.cardOrder.findMany({
          where: cardWhere,
          orderBy: [{ requestedAt: 'asc' }, { id: 'asc' }],
          take: q.take,
          select: { id: true, reference: true, kind: true, status: true, requestedAt: true, insuredId: true, insured: { select: insuredNameSelect } },
        })
      : [],
    wantCards ? db.cardOrder.count({ where: cardWhere }) : 0,
  ])
  const items: TQueueItem[] = [
    ...procedures.map((p) => ({
      kind: 'procedure' as const,
      id: p.id,
      reference: p.reference,
      type: p.type,
      status: p.status,
      submittedAt: p.submittedAt,
      insuredId: p.insuredId,
      insuredName: p.insured ? nameOf(p.insured) : applicantName(p.payload),
      assignedTo: p.assignedTo?.displayName ?? null,
    })),
    ...orders.map((o) => ({
      kind: 'card-order' as const,
      id: o.id,
      reference: o.reference,
      type: `${o.kind}-order`,
      status: o.status,
      submittedAt: o.requestedAt,
      insuredId: o.insuredId,
      insuredName: nameOf(o.insured),
      assignedTo: null,
    })),
  ].sort((a, b) => a.submittedAt.getTime() - b.submittedAt.getTime() || a.id.localeCompare(b.id))
  return { items, total: procCount + cardCount }
}

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

export type TEventDto = { status: string; at: Date; note: string | null; actor: string | null }
export type TUploadDto = { id: string; kind: string; filename: string; mimeType: string; size: number; createdAt: Date }
export const uploadSelect = { id: true, kind: true, filename: true, mimeType: true, size: true, createdAt: true } as const

export type TProcedureDetail = {
  id: string
  reference: string
  type: string
  status: string
  payload: string
  submittedAt: Date
  estimatedCompletion: string | null
  decisionReason: string | null
  requestedDocument: string | null
  organisationId: string
  organisationName: string
  insuredId: string | null
  insuredName: string | null
  beneficiaryName: string | null
  assignedToId: string | null
  assignedTo: string | null
  events: TEventDto[]
  uploads: TUploadDto[]
}

export async function findProcedureDetail(db: Db, id: string, organisationId: string | null): Promise<TProcedureDetail | null> {
  const p = await db.procedure.findFirst({
    where: { id, ...(organisationId ? { organisationId } : {}) },
    select: {
      id: true, reference: true, type: true, status: true, payload: true, submittedAt: true, estimatedCompletion: true, decisionReason: true, requestedDocument: true,
      organisationId: true, organisation: { select: { name: true } }, insuredId: true, insured: { select: insuredNameSelect },
      beneficiary: { select: { firstNames: true, lastName: true } }, assignedToId: true, assignedTo: { select: { displayName: true } },
      events: { orderBy: { at: 'asc' }, select: { status: true, at: true, note: true, actorUserId: true } },
      uploads: { orderBy: { createdAt: 'asc' }, select: uploadSelect },
    },
  })
  if (!p) return null
  return {
    id: p.id, reference: p.reference, type: p.type, status: p.status, payload: p.payload, submittedAt: p.submittedAt, estimatedCompletion: p.estimatedCompletion,
    decisionReason: p.decisionReason, requestedDocument: p.requestedDocument, organisationId: p.organisationId, organisationName: p.organisation.name,
    insuredId: p.insuredId, insuredName: p.insured ? nameOf(p.insured) : applicantName(p.payload),
    beneficiaryName: p.beneficiary ? `${p.beneficiary.firstNames} ${p.beneficiary.lastName}` : null,
    assignedToId: p.assignedToId, assignedTo: p.assignedTo?.displayName ?? null,
    events: await eventsWithActors(db, p.events),
    uploads: p.uploads,
  }
}

export type TCardOrderDetail = {
  id: string
  reference: string
  kind: string
  status: string
  rejectReason: string | null
  departureDate: string | null
  estimatedDelivery: string | null
  shippingAddress: string
  requestedAt: Date
  insuredId: string
  insuredName: string
  beneficiaryName: string | null
  organisationName: string
  events: TEventDto[]
  uploads: TUploadDto[]
}

export async function findCardOrderDetail(db: Db, id: string, organisationId: string | null): Promise<TCardOrderDetail | null> {
  const o = await db.cardOrder.findFirst({
    where: { id, ...(organisationId ? { insured: { organisationId } } : {}) },
    select: {
      id: true, reference: true, kind: true, status: true, rejectReason: true, departureDate: true, estimatedDelivery: true, shippingAddress: true, requestedAt: true,
      photoUploadId: true, identityUploadId: true, insuredId: true, insured: { select: { ...insuredNameSelect, organisation: { select: { name: true } } } },
      beneficiary: { select: { firstNames: true, lastName: true } },
      events: { orderBy: { at: 'asc' }, select: { status: true, at: true, note: true, actorUserId: true } },
    },
  })
  if (!o) return null
  const ids = [o.photoUploadId, o.identityUploadId].filter((x): x is string => Boolean(x))
  const [uploads, events] = await Promise.all([
    ids.length ? db.upload.findMany({ where: { id: { in: ids }, insuredId: o.insuredId }, select: uploadSelect }) : [],
    eventsWithActors(db, o.events),
  ])
  return {
    id: o.id, reference: o.reference, kind: o.kind, status: o.status, rejectReason: o.rejectReason, departureDate: o.departureDate, estimatedDelivery: o.estimatedDelivery,
    shippingAddress: o.shippingAddress, requestedAt: o.requestedAt, insuredId: o.insuredId, insuredName: nameOf(o.insured), organisationName: o.insured.organisation.name,
    beneficiaryName: o.beneficiary ? `${o.beneficiary.firstNames} ${o.beneficiary.lastName}` : null,
    events,
    uploads,
  }
}

/** Procedure or card-order events with the name of the staff member who acted (null for the person or the system). */
export async function eventsWithActors(db: Db, events: { status: string; at: Date; note: string | null; actorUserId: string | null }[]): Promise<TEventDto[]> {
  const actors = await actorNames(db, events.map((e) => e.actorUserId))
  return events.map((e) => ({ status: e.status, at: e.at, note: e.note, actor: e.actorUserId ? (actors.get(e.actorUserId) ?? null) : null }))
}

async function actorNames(db: Db, ids: (string | null)[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids.filter((x): x is string => Boolean(x)))]
  if (unique.length === 0) return new Map()
  const users = await db.user.findMany({ where: { id: { in: unique } }, select: { id: true, displayName: true } })
  return new Map(users.map((u) => [u.id, u.displayName]))
}

export type TStaffDto = { id: string; displayName: string; role: string; organisationId: string | null }

/** Advisors of a caisse (the people a supervisor can give a procedure to). */
export async function listAdvisorsOf(db: Db, organisationId: string): Promise<TStaffDto[]> {
  return db.user.findMany({ where: { role: 'advisor', organisationId }, orderBy: { displayName: 'asc' }, select: { id: true, displayName: true, role: true, organisationId: true } })
}

export async function findAdvisorOf(db: Db | Tx, userId: string, organisationId: string): Promise<TStaffDto | null> {
  return db.user.findFirst({ where: { id: userId, role: 'advisor', organisationId }, select: { id: true, displayName: true, role: true, organisationId: true } })
}

export async function assignProcedure(tx: Tx, procedureId: string, assigneeId: string): Promise<void> {
  await tx.procedure.update({ where: { id: procedureId }, data: { assignedToId: assigneeId } })
}

// ——— Insured search and file ———

export type TInsuredHit = { id: string; nir: string; nirKey: string; name: string; birthDate: string; postalCode: string; city: string; caisse: string }

/** Case variants of a typed name (portable: no `mode: insensitive`). */
function nameVariants(q: string): string[] {
  const t = q.trim()
  return [...new Set([t, t.toUpperCase(), t.toLowerCase(), t.charAt(0).toUpperCase() + t.slice(1).toLowerCase()])]
}

export async function searchInsured(db: Db, q: { nir?: string; name?: string; birthDate?: string; organisationId: string | null }, take = 50): Promise<TInsuredHit[]> {
  const rows = await db.insured.findMany({
    where: {
      ...(q.organisationId ? { organisationId: q.organisationId } : {}),
      ...(q.nir ? { nir: q.nir } : {}),
      ...(q.birthDate ? { birthDate: q.birthDate } : {}),
      ...(q.name ? { OR: nameVariants(q.name).flatMap((v) => [{ birthName: { startsWith: v } }, { usualName: { startsWith: v } }]) } : {}),
    },
    orderBy: [{ birthName: 'asc' }, { firstNames: 'asc' }],
    take,
    select: { ...insuredNameSelect, nir: true, nirKey: true, birthDate: true, postalCode: true, city: true, organisation: { select: { name: true } } },
  })
  return rows.map((r) => ({ id: r.id, nir: r.nir, nirKey: r.nirKey, name: nameOf(r), birthDate: r.birthDate, postalCode: r.postalCode, city: r.city, caisse: r.organisation.name }))
}

export type TInsuredFile = NonNullable<Awaited<ReturnType<typeof loadInsuredFile>>>

/** Everything the vue 360° shows, for an insured person in scope (null otherwise). Never a full IBAN. */
export async function loadInsuredFile(db: Db, insuredId: string, organisationId: string | null) {
  const i = await db.insured.findFirst({
    where: { id: insuredId, ...(organisationId ? { organisationId } : {}) },
    select: {
      id: true, nir: true, nirKey: true, nirKind: true, sex: true, firstNames: true, birthName: true, usualName: true, birthDate: true, birthPlace: true,
      addressLine1: true, addressLine2: true, postalCode: true, city: true, email: true, phone: true, iban: true, regime: true, managementCode: true,
      affiliationStatus: true, rightsFrom: true, rightsTo: true, mutuelleName: true, amcCode: true, complementaryKind: true, mutuelleOverrunPercent: true,
      doctorDeclaredOn: true, employerName: true,
      organisation: { select: { name: true, code: true } },
      doctor: { select: { title: true, firstName: true, lastName: true, city: true } },
      user: { select: { id: true, lockedAt: true, lockedReason: true, lastLoginAt: true, accessCodeExpiresAt: true } },
      coverages: { orderBy: { from: 'desc' }, select: { id: true, kind: true, from: true, to: true, label: true, beneficiaryId: true } },
      beneficiaries: { orderBy: { rank: 'asc' }, select: { rank: true, relationship: true, from: true, to: true, beneficiary: { select: { id: true, firstNames: true, lastName: true, birthDate: true, ownNir: true, ownNirKey: true } } } },
      cards: { orderBy: { issuedOn: 'desc' }, select: { id: true, kind: true, beneficiaryId: true, serialNumber: true, issuedOn: true, validUntil: true, status: true, blockedReason: true } },
      payments: { orderBy: [{ paidOn: 'desc' }, { createdAt: 'desc' }], take: 10, select: { id: true, reference: true, paidOn: true, amount: true, kind: true, status: true, ibanMasked: true } },
      claims: {
        orderBy: [{ careDate: 'desc' }, { createdAt: 'desc' }],
        take: 10,
        select: { id: true, reference: true, careDate: true, receivedOn: true, source: true, status: true, totalCharged: true, totalAmoPaid: true, beneficiaryId: true, professional: { select: { title: true, firstName: true, lastName: true } }, lines: { select: { act: true, quantity: true, paidOn: true } } },
      },
      appointments: { orderBy: { slot: { startsAt: 'desc' } }, take: 10, select: { id: true, reference: true, reason: true, status: true, slot: { select: { startsAt: true, receptionPoint: { select: { name: true } } } } } },
      threads: { orderBy: { lastMessageAt: 'desc' }, take: 10, select: { id: true, subject: true, topic: true, status: true, lastMessageAt: true } },
      sickLeaves: { orderBy: { startDate: 'desc' }, take: 10, select: { id: true, reference: true, kind: true, startDate: true, endDate: true, status: true, dailyGross: true } },
    },
  })
  if (!i) return null
  const { iban, doctor, birthName, usualName, ...rest } = i
  return {
    ...rest,
    lastName: usualName ?? birthName,
    birthName,
    hasIban: Boolean(iban),
    doctor: doctor ? [doctor.title, doctor.firstName, doctor.lastName].filter(Boolean).join(' ') + ` (${doctor.city})` : null,
    claims: i.claims.map((c) => ({ ...c, professional: c.professional ? [c.professional.title, c.professional.firstName, c.professional.lastName].filter(Boolean).join(' ') : null })),
  }
}

// ——— Paper care sheet ———

/**
 * What one person already owes toward the annual caps of `year` (RULEBOOK §4): participations and franchises
 * deducted from their stored lines plus what is still carried forward (the same sums as loadDeductionTallies,
 * for one person).
 */
export async function loadDeductionTallyOf(db: Db | Tx, insuredId: string, beneficiaryId: string | null, year: number): Promise<{ participation: number; franchises: number }> {
  const prefix = `${year}-`
  const [lines, carried] = await Promise.all([
    db.claimLine.aggregate({ where: { careDate: { startsWith: prefix }, claim: { insuredId, beneficiaryId } }, _sum: { participation: true, franchise: true } }),
    db.deductionCarryOver.groupBy({ by: ['kind'], where: { insuredId, beneficiaryId, year, settledAt: null }, _sum: { amount: true } }),
  ])
  let participation = lines._sum.participation ?? 0
  let franchises = lines._sum.franchise ?? 0
  for (const c of carried) {
    if (c.kind === 'participation') participation += c._sum.amount ?? 0
    else franchises += c._sum.amount ?? 0
  }
  return { participation, franchises }
}

/** Facts the engine needs about the insured person (regime, mutuelle, situations). */
export async function findCareSheetFacts(db: Db, insuredId: string) {
  return db.insured.findUnique({
    where: { id: insuredId },
    select: {
      id: true, regime: true, iban: true, complementaryKind: true, mutuelleOverrunPercent: true, mutuelleName: true, email: true, phone: true, preferredLocale: true,
      coverages: { select: { kind: true, from: true, to: true, beneficiaryId: true } },
    },
  })
}

/**
 * Claim lines already stored for the same person, date of care, professional and act (a paper sheet entered twice
 * would be paid twice): the claim references, for the advisor's duplicate warning.
 */
export async function findSameCareLines(db: Db | Tx, q: { insuredId: string; beneficiaryId: string | null; professionalId: string; careDate: string; acts: string[] }): Promise<{ reference: string; act: string }[]> {
  const rows = await db.claimLine.findMany({
    where: { careDate: q.careDate, act: { in: q.acts }, claim: { insuredId: q.insuredId, beneficiaryId: q.beneficiaryId, professionalId: q.professionalId, status: { not: 'rejected' } } },
    select: { act: true, claim: { select: { reference: true } } },
    take: 10,
  })
  return rows.map((r) => ({ reference: r.claim.reference, act: r.act }))
}

/** The person's scheduled reimbursement of a payment run, if any (lines entered the same week go together). */
export async function findScheduledPayment(tx: Tx, insuredId: string, paidOn: string): Promise<{ id: string; reference: string } | null> {
  return tx.payment.findFirst({ where: { insuredId, paidOn, kind: 'reimbursement', status: 'scheduled' }, select: { id: true, reference: true } })
}

export async function addToPayment(tx: Tx, paymentId: string, amount: number): Promise<void> {
  await tx.payment.update({ where: { id: paymentId }, data: { amount: { increment: amount } } })
}


// ——— Access code ———

export async function findAccountOfInsured(db: Db | Tx, insuredId: string): Promise<{ id: string; lockedAt: Date | null } | null> {
  return db.user.findFirst({ where: { insuredId, role: 'insured' }, select: { id: true, lockedAt: true } })
}

// ——— Audit journal ———

export type TAuditQuery = { actorIds: string[] | null; insuredId: string | null; actionPrefix: string | null; from: Date | null; to: Date | null }
export type TAuditRow = {
  id: string
  at: Date
  actorName: string | null
  actorEmail: string | null
  actorRole: string
  action: string
  outcome: string
  targetType: string | null
  targetId: string | null
  insuredName: string | null
  insuredNir: string | null
  ip: string | null
  details: string
}

function auditWhere(q: TAuditQuery) {
  return {
    ...(q.actorIds ? { actorUserId: { in: q.actorIds } } : {}),
    ...(q.insuredId ? { insuredId: q.insuredId } : {}),
    ...(q.actionPrefix ? { action: { startsWith: q.actionPrefix } } : {}),
    ...(q.from || q.to ? { at: { ...(q.from ? { gte: q.from } : {}), ...(q.to ? { lt: q.to } : {}) } } : {}),
  }
}

/** Users whose name or e-mail contains the text (case variants; portable). */
export async function findUserIdsMatching(db: Db, text: string): Promise<string[]> {
  const variants = nameVariants(text)
  const rows = await db.user.findMany({ where: { OR: variants.flatMap((v) => [{ displayName: { contains: v } }, { email: { contains: v } }]) }, select: { id: true }, take: 500 })
  return rows.map((r) => r.id)
}

export async function findInsuredIdByNir(db: Db, nir13: string): Promise<string | null> {
  return (await db.insured.findUnique({ where: { nir: nir13 }, select: { id: true } }))?.id ?? null
}

export async function countAuditEvents(db: Db, q: TAuditQuery): Promise<number> {
  return db.auditEvent.count({ where: auditWhere(q) })
}

/** Newest first; `cursor`-free paging (skip/take), the journal is read page by page. */
export async function listAuditEvents(db: Db, q: TAuditQuery, skip: number, take: number): Promise<TAuditRow[]> {
  const rows = await db.auditEvent.findMany({
    where: auditWhere(q),
    orderBy: [{ at: 'desc' }, { id: 'desc' }],
    skip,
    take,
    select: { id: true, at: true, actorRole: true, action: true, outcome: true, targetType: true, targetId: true, insuredId: true, ip: true, details: true, actor: { select: { displayName: true, email: true } } },
  })
  const insuredIds = [...new Set(rows.map((r) => r.insuredId).filter((x): x is string => Boolean(x)))]
  const people = insuredIds.length ? await db.insured.findMany({ where: { id: { in: insuredIds } }, select: { ...insuredNameSelect, nir: true } }) : []
  const byId = new Map(people.map((p) => [p.id, p]))
  return rows.map((r) => {
    const p = r.insuredId ? byId.get(r.insuredId) : undefined
    return {
      id: r.id, at: r.at, actorName: r.actor?.displayName ?? null, actorEmail: r.actor?.email ?? null, actorRole: r.actorRole, action: r.action, outcome: r.outcome,
      targetType: r.targetType, targetId: r.targetId, insuredName: p ? nameOf(p) : null, insuredNir: p?.nir ?? null, ip: r.ip, details: r.details,
    }
  })
}

/** The distinct actions recorded (for the filter's suggestions). */
export async function listAuditActions(db: Db): Promise<string[]> {
  const rows = await db.auditEvent.groupBy({ by: ['action'], orderBy: { action: 'asc' } })
  return rows.map((r) => r.action)
}

/**
 * Stores one claim entered by an advisor, its lines, a new payment (if any) and carried-forward deductions, in the
 * caller's transaction. Same columns as the batch writer (claims.ts `insertClaimsWithPayments`), through the Prisma
 * client: claims.ts also holds the bulk writer (a worker thread started with tsx), which the Next.js bundle cannot load.
 */
export async function insertPaperClaim(tx: Tx, input: { claim: NewClaim; payments: NewPayment[]; carryOvers: NewCarryOver[]; enteredById: string }): Promise<void> {
  const c = input.claim
  for (const p of input.payments) await tx.payment.create({ data: p })
  let charged = 0
  let amoPaid = 0
  let complementary = 0
  let patient = 0
  const lines = c.lines.map((l) => {
    const fee = l.input.feeCharged ?? Math.round(l.result.base / l.input.quantity)
    charged += fee * l.input.quantity
    amoPaid += l.result.amoPaid
    complementary += l.result.complementary
    patient += l.result.patient
    const r = l.result
    return {
      id: l.id, lineNo: l.lineNo, careDate: l.input.careDate, act: l.input.act, careType: l.careType, quantity: l.input.quantity, feeCharged: fee, sector: l.input.sector,
      pathway: l.input.pathway, situations: l.input.situations.join(','), label: l.label ?? null, base: r.base, rate: r.rate, amoGross: r.amoGross, localRegime: r.localRegime,
      participation: r.participation, franchise: r.franchise, carriedForward: r.carriedForward, amoPaid: r.amoPaid, complementary: r.complementary, patient: r.patient,
      steps: l.stepsJson ?? stepsToStorageJson(r.steps), paymentId: l.paymentId, paidOn: l.paidOn,
    }
  })
  await tx.claim.create({
    data: {
      id: c.id, reference: c.reference, insuredId: c.insuredId, beneficiaryId: c.beneficiaryId, professionalId: c.professionalId, source: c.source, careDate: c.careDate,
      receivedOn: c.receivedOn, status: c.status, tiersPayant: c.tiersPayant, totalCharged: charged, totalAmoPaid: amoPaid, totalComplementary: complementary, totalPatient: patient,
      enteredById: input.enteredById, lines: { create: lines },
    },
  })
  for (const co of input.carryOvers) await tx.deductionCarryOver.create({ data: co })
}

/** Whether this user already opened this file since `since` (an action's re-render is not a new opening). */
export async function hasRecentFileOpen(db: Db, actorUserId: string, insuredId: string, since: Date): Promise<boolean> {
  return (await db.auditEvent.count({ where: { actorUserId, insuredId, action: 'insured.file.open', at: { gte: since } } })) > 0
}
