import type { Db } from '../client'

/**
 * Everything stored about one insured person, for the GDPR right of access (article 15). Selects name fields
 * one by one: never a password or code hash, never another person's data (staff are shown by role only; a
 * beneficiary shared with another parent appears without that parent's link).
 */
export async function collectMyData(db: Db, insuredId: string, userId: string) {
  const [insured, account, beneficiaries, coverages, cards, cardOrders, claims, payments, sickLeaves, procedures, uploads, appointments, threads, documents, notifications, audit, pendingContactChanges] = await Promise.all([
    db.insured.findUnique({
      where: { id: insuredId },
      select: {
        nir: true, nirKey: true, nirKind: true, sex: true, birthName: true, usualName: true, firstNames: true, birthDate: true, birthPlace: true, birthCountry: true, nationality: true,
        addressLine1: true, addressLine2: true, postalCode: true, city: true, country: true, email: true, phone: true, preferredLocale: true, iban: true, bic: true, bankHolder: true,
        regime: true, managementCode: true, affiliationStatus: true, rightsFrom: true, rightsTo: true, amcCode: true, mutuelleName: true, complementaryKind: true, mutuelleOverrunPercent: true,
        doctorDeclaredOn: true, employerName: true, createdAt: true, updatedAt: true,
        organisation: { select: { code: true, name: true } },
        doctor: { select: { rpps: true, title: true, firstName: true, lastName: true, specialty: true, city: true } },
      },
    }),
    db.user.findUnique({ where: { id: userId }, select: { role: true, createdAt: true, lastLoginAt: true, lockedAt: true, lockedReason: true, mustChangePassword: true } }),
    db.beneficiaryLink.findMany({ where: { insuredId }, select: { rank: true, relationship: true, from: true, to: true, beneficiary: { select: { id: true, firstNames: true, lastName: true, birthDate: true, sex: true, ownNir: true, ownNirKey: true } } } }),
    db.coveragePeriod.findMany({ where: { insuredId }, select: { kind: true, beneficiaryId: true, from: true, to: true, label: true, monthlyParticipation: true } }),
    db.card.findMany({ where: { insuredId }, select: { kind: true, beneficiaryId: true, serialNumber: true, issuedOn: true, validUntil: true, status: true, blockedAt: true, blockedReason: true } }),
    db.cardOrder.findMany({ where: { insuredId }, select: { reference: true, kind: true, beneficiaryId: true, status: true, rejectReason: true, departureDate: true, estimatedDelivery: true, shippingAddress: true, requestedAt: true, events: { select: { status: true, at: true, note: true } } } }),
    db.claim.findMany({
      where: { insuredId },
      orderBy: { careDate: 'desc' },
      select: {
        reference: true, beneficiaryId: true, source: true, careDate: true, receivedOn: true, status: true, rejectReason: true, tiersPayant: true, totalCharged: true, totalAmoPaid: true, totalComplementary: true, totalPatient: true,
        professional: { select: { rpps: true, title: true, firstName: true, lastName: true, specialty: true, city: true } },
        lines: { orderBy: { lineNo: 'asc' }, select: { lineNo: true, careDate: true, act: true, careType: true, quantity: true, feeCharged: true, sector: true, pathway: true, situations: true, label: true, base: true, rate: true, amoGross: true, localRegime: true, participation: true, franchise: true, carriedForward: true, amoPaid: true, complementary: true, patient: true, paidOn: true, disputedAt: true } },
      },
    }),
    db.payment.findMany({ where: { insuredId }, orderBy: { paidOn: 'desc' }, select: { reference: true, paidOn: true, amount: true, kind: true, status: true, ibanMasked: true } }),
    db.sickLeave.findMany({ where: { insuredId }, select: { reference: true, kind: true, startDate: true, endDate: true, prescription: true, employerName: true, salary1: true, salary2: true, salary3: true, waitingDays: true, dailyGross: true, status: true, dailyAllowances: { select: { fromDate: true, toDate: true, days: true, dailyGross: true, gross: true, csg: true, crds: true, net: true, taxable: true, paidOn: true } } } }),
    db.procedure.findMany({ where: { insuredId }, orderBy: { submittedAt: 'desc' }, select: { reference: true, type: true, beneficiaryId: true, status: true, payload: true, submittedAt: true, estimatedCompletion: true, closedAt: true, decisionReason: true, requestedDocument: true, events: { orderBy: { at: 'asc' }, select: { status: true, at: true, note: true } } } }),
    db.upload.findMany({ where: { insuredId }, select: { kind: true, filename: true, mimeType: true, size: true, sha256: true, createdAt: true } }),
    db.appointment.findMany({ where: { insuredId }, select: { reference: true, reason: true, description: true, status: true, createdAt: true, cancelledAt: true, slot: { select: { startsAt: true, endsAt: true, receptionPoint: { select: { name: true, addressLine1: true, postalCode: true, city: true } } } } } }),
    db.messageThread.findMany({ where: { insuredId }, select: { topic: true, subject: true, status: true, createdAt: true, messages: { orderBy: { createdAt: 'asc' }, select: { authorRole: true, body: true, createdAt: true, readAt: true } } } }),
    db.issuedDocument.findMany({ where: { insuredId }, select: { kind: true, scope: true, verificationCode: true, issuedAt: true, validUntil: true, revokedAt: true, revokedReason: true, snapshot: true } }),
    db.outboxMessage.findMany({ where: { insuredId }, orderBy: { createdAt: 'desc' }, select: { channel: true, recipient: true, subject: true, body: true, createdAt: true, status: true } }),
    db.auditEvent.findMany({ where: { insuredId }, orderBy: { at: 'desc' }, select: { at: true, action: true, actorRole: true, actorUserId: true, targetType: true, outcome: true, ip: true, userAgent: true } }),
    db.pendingContactChange.findMany({ where: { insuredId }, select: { channel: true, newValue: true, expiresAt: true, createdAt: true } }),
  ])
  return { insured, account, beneficiaries, coverages, cards, cardOrders, claims, payments, sickLeaves, procedures, uploads, appointments, threads, documents, notifications, audit, pendingContactChanges }
}

/** Audit events where staff opened or changed this person's file, newest first, with the staff member's name. */
export async function listStaffAccess(db: Db, insuredId: string, take = 200) {
  return db.auditEvent.findMany({
    where: { insuredId, OR: [{ actorRole: { in: ['advisor', 'supervisor'] } }, { action: 'fhir.read' }] },
    orderBy: { at: 'desc' },
    take,
    select: { id: true, at: true, action: true, actorRole: true, outcome: true, details: true, actor: { select: { displayName: true, organisation: { select: { name: true } } } } },
  })
}

export type TAppRead = { at: Date; consentId: string | null; app: string | null; resourceType: string; count: number | null }

/** The reads of the file by apps through the FHIR API (audit "fhir.read"), newest first. */
export async function listAppReads(db: Db, insuredId: string, take = 500): Promise<TAppRead[]> {
  const rows = await db.auditEvent.findMany({ where: { insuredId, action: 'fhir.read' }, orderBy: { at: 'desc' }, take, select: { at: true, targetType: true, details: true } })
  return rows.map((r) => {
    const d = JSON.parse(r.details) as { consentId?: string; app?: string; count?: number }
    return { at: r.at, consentId: d.consentId ?? null, app: d.app ?? null, resourceType: r.targetType ?? '', count: typeof d.count === 'number' ? d.count : null }
  })
}
