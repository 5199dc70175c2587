import { describe, expect, it } from 'vitest'
import { getDb } from '@/lib/db/client'
import { buildFrenchIban } from '@/lib/domain/iban'
import { uploadFile } from '@/lib/services/procedures/upload-file'
import { declareAddressChange } from '@/lib/services/procedures/declare-address-change'
import { declareBankChange } from '@/lib/services/procedures/declare-bank-change'
import { declareNameChange } from '@/lib/services/procedures/declare-name-change'
import { declareBirth } from '@/lib/services/procedures/declare-birth'
import { applyForCss, assessCssApplication } from '@/lib/services/procedures/apply-for-css'
import { requestTransportRefund, estimateTransportRefund } from '@/lib/services/procedures/request-transport-refund'
import { requestAbroadRefund } from '@/lib/services/procedures/request-abroad-refund'
import { declareMedecinTraitant, searchDemoDoctors } from '@/lib/services/procedures/declare-medecin-traitant'
import { advanceProcedure } from '@/lib/services/procedures/advance-procedure'
import { listNotifications, listProcedures } from '@/lib/services/procedures/list-procedures'
import { setRefundEstimator } from '@/lib/services/procedures/refund-estimator'
import { codeOf, ctx, insuredActor, jpeg, key, PDF_BYTES, staffActor } from '../support/procedures'

describe('changes of situation (issue §4, §9; RULEBOOK §8–9)', async () => {
  const jonathan = await insuredActor('Jonathan Pierre')
  const paris = await staffActor('camille.roux@cpam-paris.example.fr')
  const rhone = await staffActor('julie.fontaine@cpam-rhone.example.fr')
  const doc = async (kind = 'other') => (await uploadFile({ actor: jonathan, kind, filename: 'piece.pdf', bytes: PDF_BYTES, ...ctx })).id

  it('new address in Lyon: the caisse changes on approval; a second open change is refused; only the caisse advisor may approve', async () => {
    const input = { addressLine1: '3 place Bellecour', postalCode: '69002', city: 'Lyon', effectiveDate: '2026-12-01', idempotencyKey: key() }
    const r = await declareAddressChange({ actor: jonathan, input, ...ctx })
    expect(r).toMatchObject({ status: 'submitted', estimatedCompletion: '2026-12-09', created: true, newCaisse: { name: 'CPAM du Rhône' } })
    expect((await declareAddressChange({ actor: jonathan, input, ...ctx })).id).toBe(r.id)
    expect(await codeOf(declareAddressChange({ actor: jonathan, input: { ...input, idempotencyKey: key() }, ...ctx }))).toBe('409 procedureErrors.procedure.pending')
    expect(await codeOf(advanceProcedure({ actor: rhone, input: { procedureId: r.id, event: 'approve' }, ...ctx }))).toBe('404 notFound')
    expect(await codeOf(advanceProcedure({ actor: jonathan, input: { procedureId: r.id, event: 'approve' }, ...ctx }))).toBe('403 forbidden')
    expect((await advanceProcedure({ actor: paris, input: { procedureId: r.id, event: 'approve' }, ...ctx })).status).toBe('approved')
    const after = await getDb().insured.findUniqueOrThrow({ where: { id: jonathan.insuredId }, include: { organisation: true } })
    expect(after).toMatchObject({ postalCode: '69002', city: 'Lyon', organisation: { code: '691' } })
    expect(await getDb().auditEvent.count({ where: { action: 'procedure.approve', targetId: r.id } })).toBe(1)
  })

  it('bank details: IBAN checksum refused with nothing written; the old IBAN stays until processed; the audit keeps it masked', async () => {
    const before = await getDb().procedure.count()
    expect(await codeOf(declareBankChange({ actor: jonathan, input: { iban: 'FR7630006000011234567890188', holder: 'J MARTIN', idempotencyKey: key() }, ...ctx }))).toBe('422 procedureErrors.iban.checksum')
    expect(await getDb().procedure.count()).toBe(before)
    const iban = buildFrenchIban('30004', '00822', '00010987654')
    const old = (await getDb().insured.findUniqueOrThrow({ where: { id: jonathan.insuredId } })).iban
    const r = await declareBankChange({ actor: jonathan, input: { iban, holder: 'JONATHAN MARTIN', idempotencyKey: key() }, ...ctx })
    expect((await getDb().insured.findUniqueOrThrow({ where: { id: jonathan.insuredId } })).iban).toBe(old)
    const audit = await getDb().auditEvent.findFirstOrThrow({ where: { targetId: r.id } })
    expect(audit.details).not.toContain(iban)
    await advanceProcedure({ actor: await staffActor('julie.fontaine@cpam-rhone.example.fr'), input: { procedureId: r.id, event: 'approve' }, ...ctx })
    expect((await getDb().insured.findUniqueOrThrow({ where: { id: jonathan.insuredId } })).iban).toBe(iban)
  })

  it('name change: a document requested, added by the person, then approved', async () => {
    const r = await declareNameChange({ actor: jonathan, input: { usualName: 'Martin-Carter', documentUploadId: await doc(), idempotencyKey: key() }, ...ctx })
    const advisor = await staffActor('julie.fontaine@cpam-rhone.example.fr')
    await advanceProcedure({ actor: advisor, input: { procedureId: r.id, event: 'request-document', document: 'Acte de mariage' }, ...ctx })
    const entry = (await listProcedures({ actor: jonathan })).find((e) => e.id === r.id)
    expect(entry?.expected).toEqual({ kind: 'add-document', document: 'Acte de mariage' })
    await advanceProcedure({ actor: jonathan, input: { procedureId: r.id, event: 'add-document', uploadIds: [await doc()] }, ...ctx })
    await advanceProcedure({ actor: advisor, input: { procedureId: r.id, event: 'approve' }, ...ctx })
    expect((await getDb().insured.findUniqueOrThrow({ where: { id: jonathan.insuredId } })).usualName).toBe('Martin-Carter')
    const history = (await listProcedures({ actor: jonathan })).find((e) => e.id === r.id)!.history.map((h) => h.status)
    expect(history).toEqual(['submitted', 'waiting-document', 'in-review', 'approved'])
    expect((await listNotifications({ actor: jonathan })).length).toBeGreaterThanOrEqual(4)
  })

  it('birth: the child becomes a beneficiary with the next rank once approved', async () => {
    const r = await declareBirth({ actor: jonathan, input: { firstNames: 'Zoé', lastName: 'Martin', birthDate: '2026-11-15', sex: 2, birthCertificateUploadId: await doc('birth-certificate'), idempotencyKey: key() }, ...ctx })
    expect(await codeOf(declareBirth({ actor: jonathan, input: { firstNames: 'Zoé', lastName: 'Martin', birthDate: '2026-11-15', sex: 2, birthCertificateUploadId: await doc('birth-certificate'), idempotencyKey: key() }, ...ctx }))).toBe('409 procedureErrors.procedure.pending')
    expect(await codeOf(declareBirth({ actor: jonathan, input: { firstNames: 'Tom', lastName: 'Martin', birthDate: '2026-12-15', sex: 1, birthCertificateUploadId: await doc(), idempotencyKey: key() }, ...ctx }))).toBe('422 procedureErrors.birth.future')
    await advanceProcedure({ actor: await staffActor('julie.fontaine@cpam-rhone.example.fr'), input: { procedureId: r.id, event: 'approve' }, ...ctx })
    const link = await getDb().beneficiaryLink.findFirstOrThrow({ where: { insuredId: jonathan.insuredId, beneficiary: { firstNames: 'Zoé' } } })
    expect(link.rank).toBe('04')
  })

  it('médecin traitant by search then RPPS; recorded on approval', async () => {
    const nadia = await insuredActor('Nadia')
    const found = await searchDemoDoctors({ actor: nadia, input: { query: 'Vid' } })
    expect(found.map((d) => d.name)).toContain('Dr Nathalie Vidal')
    expect(await codeOf(declareMedecinTraitant({ actor: nadia, input: { rpps: '10008765432', idempotencyKey: key() }, ...ctx }))).toBe('422 procedureErrors.doctor.notADoctor')
    const r = await declareMedecinTraitant({ actor: nadia, input: { professionalId: found[0]!.id, idempotencyKey: key() }, ...ctx })
    await advanceProcedure({ actor: await staffActor('julie.fontaine@cpam-rhone.example.fr'), input: { procedureId: r.id, event: 'approve' }, ...ctx })
    expect((await getDb().insured.findUniqueOrThrow({ where: { id: nadia.insuredId } })).doctorId).toBe(found[0]!.id)
  })
})

describe('CSS application (issue §5; RULEBOOK §7)', async () => {
  const mei = await insuredActor('Mei')
  it('income above the ceiling: translated refusal, nothing written', async () => {
    const before = await getDb().procedure.count()
    expect(await codeOf(applyForCss({ actor: mei, input: { members: [], yearlyIncome: '14000,00', idempotencyKey: key() }, ...ctx }))).toBe('422 procedureErrors.css.incomeAboveCeiling')
    expect(await getDb().procedure.count()).toBe(before)
  })
  it('with participation: figures shown, period set on approval', async () => {
    const a = await assessCssApplication({ actor: mei, input: { members: [], yearlyIncome: 1200000 }, now: ctx.now })
    expect(a).toMatchObject({ outcome: 'participation', monthlyParticipation: 800, freeCeiling: 1033900 })
    const r = await applyForCss({ actor: mei, input: { members: [], yearlyIncome: 1200000, idempotencyKey: key() }, ...ctx })
    await advanceProcedure({ actor: await staffActor('julie.fontaine@cpam-rhone.example.fr'), input: { procedureId: r.id, event: 'approve' }, ...ctx })
    const css = await getDb().coveragePeriod.findFirstOrThrow({ where: { insuredId: mei.insuredId, kind: 'css' } })
    expect(css).toMatchObject({ from: '2026-12-01', to: '2027-11-30', label: 'participation', monthlyParticipation: 800 })
  })
})

describe('refund requests (issue §6; RULEBOOK §9): inputs stored, amounts from the engine estimator', async () => {
  const bernard = await insuredActor('Bernard')
  it('transport: estimate through the engine seam; approve with the amount and complete records a payment', async () => {
    const restore = setRefundEstimator(async (lines) => ({ amoCents: lines[0]!.quantity * 17, lines }))
    try {
      const prescription = (await uploadFile({ actor: bernard, kind: 'prescription', filename: 'bon.jpg', bytes: await jpeg(800, 600), ...ctx })).id
      const trip = { tripDate: '2026-11-20', prescriptionDate: '2026-11-18', km: 120, reason: 'ald-incapacity' }
      expect(await estimateTransportRefund({ actor: bernard, input: trip, now: ctx.now })).toMatchObject({ amoCents: 2040 })
      const r = await requestTransportRefund({ actor: bernard, input: { ...trip, prescriptionUploadId: prescription, idempotencyKey: key() }, ...ctx })
      const olivier = await staffActor('olivier.perret@cpam-cotedor.example.fr')
      await advanceProcedure({ actor: olivier, input: { procedureId: r.id, event: 'approve', refundAmount: 2040 }, ...ctx })
      await advanceProcedure({ actor: olivier, input: { procedureId: r.id, event: 'complete' }, ...ctx })
      expect(await getDb().payment.count({ where: { insuredId: bernard.insuredId, kind: 'refund', amount: 2040 } })).toBe(1)
    } finally {
      restore()
    }
  })
  it('issue 19 §2: accepted without a typed amount = paid the estimate, the transfer carries the request (shown in Mes paiements)', async () => {
    const restore = setRefundEstimator(async (lines) => ({ amoCents: lines[0]!.quantity * 17, lines }))
    try {
      const prescription = (await uploadFile({ actor: bernard, kind: 'prescription', filename: 'bon2.jpg', bytes: await jpeg(800, 600), ...ctx })).id
      const trip = { tripDate: '2026-11-19', prescriptionDate: '2026-11-17', km: 50, reason: 'hospitalisation' }
      const r = await requestTransportRefund({ actor: bernard, input: { ...trip, prescriptionUploadId: prescription, idempotencyKey: key() }, ...ctx })
      const olivier = await staffActor('olivier.perret@cpam-cotedor.example.fr')
      // The advisor leaves the amount empty: the estimate (50 × 17 = 850 cents) is the accepted amount...
      await advanceProcedure({ actor: olivier, input: { procedureId: r.id, event: 'approve' }, ...ctx })
      await advanceProcedure({ actor: olivier, input: { procedureId: r.id, event: 'complete' }, ...ctx })
      // ...and is paid on completion, the transfer tied to the request (was: completed with no payment).
      const pays = await getDb().payment.findMany({ where: { procedureId: r.id }, select: { amount: true, kind: true, status: true } })
      expect(pays).toEqual([{ amount: 850, kind: 'refund', status: 'paid' }])
      const { listTransfersOfInsured } = await import('@/lib/db/repositories/payments')
      const transfers = await listTransfersOfInsured(getDb(), bernard.insuredId, '2026-01-01', '2026-12-31')
      expect(transfers.find((t) => t.procedureReference === r.reference)).toMatchObject({ amount: 850, kind: 'refund' })
    } finally {
      restore()
    }
  })
  it('issue 19 §2: no estimate and no typed amount — accepting is refused, next to the amount field; nothing is written', async () => {
    const restore = setRefundEstimator(async () => null)
    try {
      const prescription = (await uploadFile({ actor: bernard, kind: 'prescription', filename: 'bon3.jpg', bytes: await jpeg(800, 600), ...ctx })).id
      const trip = { tripDate: '2026-11-18', prescriptionDate: '2026-11-16', km: 30, reason: 'hospitalisation' }
      const r = await requestTransportRefund({ actor: bernard, input: { ...trip, prescriptionUploadId: prescription, idempotencyKey: key() }, ...ctx })
      const olivier = await staffActor('olivier.perret@cpam-cotedor.example.fr')
      expect(await codeOf(advanceProcedure({ actor: olivier, input: { procedureId: r.id, event: 'approve' }, ...ctx }))).toBe('422 procedureErrors.refund.amountRequired')
      expect((await getDb().procedure.findUniqueOrThrow({ where: { id: r.id } })).status).toBe('submitted')
      await advanceProcedure({ actor: olivier, input: { procedureId: r.id, event: 'approve', refundAmount: 1234 }, ...ctx })
      await advanceProcedure({ actor: olivier, input: { procedureId: r.id, event: 'complete' }, ...ctx })
      expect(await getDb().payment.findMany({ where: { procedureId: r.id }, select: { amount: true } })).toEqual([{ amount: 1234 }])
    } finally {
      restore()
    }
  })
  it('issue 19 §2: a refund approved before the rule with neither accepted amount nor estimate cannot complete unpaid', async () => {
    const restore = setRefundEstimator(async () => null)
    try {
      const prescription = (await uploadFile({ actor: bernard, kind: 'prescription', filename: 'bon4.jpg', bytes: await jpeg(800, 600), ...ctx })).id
      const trip = { tripDate: '2026-11-17', prescriptionDate: '2026-11-15', km: 20, reason: 'hospitalisation' }
      const r = await requestTransportRefund({ actor: bernard, input: { ...trip, prescriptionUploadId: prescription, idempotencyKey: key() }, ...ctx })
      // As left by the old code: approved, no approvedAmount in the payload.
      await getDb().procedure.update({ where: { id: r.id }, data: { status: 'approved' } })
      const olivier = await staffActor('olivier.perret@cpam-cotedor.example.fr')
      expect(await codeOf(advanceProcedure({ actor: olivier, input: { procedureId: r.id, event: 'complete' }, ...ctx }))).toBe('422 procedureErrors.refund.noAmount')
      expect((await getDb().procedure.findUniqueOrThrow({ where: { id: r.id } })).status).toBe('approved')
      expect(await getDb().payment.count({ where: { procedureId: r.id } })).toBe(0)
    } finally {
      restore()
    }
  })
  it('issue 19 §3: the same trip claimed twice is refused with the first reference (a replay of the same submission is not); a date before the child\'s birth is refused', async () => {
    const mei = await insuredActor('Mei')
    const prescription = async () => (await uploadFile({ actor: mei, kind: 'prescription', filename: 'bon.jpg', bytes: await jpeg(800, 600), ...ctx })).id
    const trip = { tripDate: '2026-11-12', prescriptionDate: '2026-11-10', km: 64, reason: 'hospitalisation' }
    const idem = key()
    const first = await requestTransportRefund({ actor: mei, input: { ...trip, prescriptionUploadId: await prescription(), idempotencyKey: idem }, ...ctx })
    // The same form sent again (double click): the same request, no refusal.
    expect((await requestTransportRefund({ actor: mei, input: { ...trip, prescriptionUploadId: await prescription(), idempotencyKey: idem }, ...ctx })).reference).toBe(first.reference)
    // A new submission of the same trip: refused, naming the first request, already at the estimate.
    expect(await codeOf(estimateTransportRefund({ actor: mei, input: trip, now: ctx.now }))).toBe('422 procedureErrors.refund.duplicate')
    const again = requestTransportRefund({ actor: mei, input: { ...trip, prescriptionUploadId: await prescription(), idempotencyKey: key() }, ...ctx }).catch((e: unknown) => e)
    expect(await again).toMatchObject({ code: 'procedureErrors.refund.duplicate', details: { reference: first.reference, field: 'tripDate' } })
    // Another distance that day is another trip.
    expect(await estimateTransportRefund({ actor: mei, input: { ...trip, km: 65 }, now: ctx.now })).not.toBeNull()
    // Once the first is cancelled by the person, the trip can be claimed again.
    await advanceProcedure({ actor: mei, input: { procedureId: first.id, event: 'cancel' }, ...ctx })
    expect(await codeOf(estimateTransportRefund({ actor: mei, input: trip, now: ctx.now }))).toBe('ok')
  })
  it('issue 19 §3: a trip before the birth of the person it is for, or past the 2-year limit, is refused with a clear code', async () => {
    const jonathan = await insuredActor('Jonathan Pierre')
    const hugo = await getDb().beneficiary.findFirstOrThrow({ where: { firstNames: 'Hugo' }, select: { id: true, birthDate: true } })
    const trip = { beneficiaryId: hugo.id, tripDate: '2018-09-01', prescriptionDate: '2018-08-30', km: 20, reason: 'hospitalisation' }
    expect(await estimateTransportRefund({ actor: jonathan, input: trip, now: ctx.now }).catch((e: unknown) => e)).toMatchObject({ code: 'procedureErrors.refund.beforeBirth', details: { birthDate: hugo.birthDate } })
    // NOW is 2026-11-24: 24 months back is 2024-11-24.
    expect(await codeOf(estimateTransportRefund({ actor: jonathan, input: { ...trip, tripDate: '2024-11-23', prescriptionDate: '2024-11-20' }, now: ctx.now }))).toBe('422 procedureErrors.refund.tooOld')
    expect(await codeOf(estimateTransportRefund({ actor: jonathan, input: { ...trip, tripDate: '2024-11-24', prescriptionDate: '2024-11-20' }, now: ctx.now }))).toBe('ok')
  })
  it('issue 19 §3: the reason of the trip drives the rate — ALD with incapacity at 100 % (rate.situation.ald) against 55 % for a hospitalisation', async () => {
    const mei = await insuredActor('Mei')
    const trip = { tripDate: '2026-11-03', prescriptionDate: '2026-11-01', km: 120 }
    // 120 km × 0.30 € = 36.00 € base; × 55 % = 19.80 €; × 100 % = 36.00 € (no franchise on a personal car).
    expect(await estimateTransportRefund({ actor: mei, input: { ...trip, reason: 'hospitalisation' }, now: ctx.now })).toMatchObject({ amoCents: 1980 })
    expect(await estimateTransportRefund({ actor: mei, input: { ...trip, reason: 'ald-incapacity' }, now: ctx.now })).toMatchObject({ amoCents: 3600 })
    expect(await estimateTransportRefund({ actor: mei, input: { ...trip, reason: 'work-accident' }, now: ctx.now })).toMatchObject({ amoCents: 3600 })
  })
  it('issue 19 §6: the card shows the claim, the estimate, the accepted and paid amounts; withdrawing is possible until an advisor takes the request', async () => {
    const restore = setRefundEstimator(async (lines) => ({ amoCents: lines[0]!.quantity * 17, lines }))
    try {
      const prescription = async () => (await uploadFile({ actor: bernard, kind: 'prescription', filename: 'bon5.jpg', bytes: await jpeg(800, 600), ...ctx })).id
      const a = await requestTransportRefund({ actor: bernard, input: { tripDate: '2026-11-16', prescriptionDate: '2026-11-14', km: 10, reason: 'convocation', prescriptionUploadId: await prescription(), idempotencyKey: key() }, ...ctx })
      const b = await requestTransportRefund({ actor: bernard, input: { tripDate: '2026-11-15', prescriptionDate: '2026-11-14', km: 11, reason: 'convocation', prescriptionUploadId: await prescription(), idempotencyKey: key() }, ...ctx })
      const entry = async (id: string) => (await listProcedures({ actor: bernard })).find((e) => e.id === id)!
      expect(await entry(a.id)).toMatchObject({ canWithdraw: true, payments: [], details: { tripDate: '2026-11-16', km: 10, reason: 'convocation', estimate: { amoCents: 170 } } })
      const olivier = await staffActor('olivier.perret@cpam-cotedor.example.fr')
      // Taken by an advisor: no withdrawing any more (neither offered nor accepted by the service).
      await advanceProcedure({ actor: olivier, input: { procedureId: a.id, event: 'start-review' }, ...ctx })
      expect((await entry(a.id)).canWithdraw).toBe(false)
      await getDb().procedure.update({ where: { id: b.id }, data: { assignedToId: olivier.id } })
      expect(await codeOf(advanceProcedure({ actor: bernard, input: { procedureId: b.id, event: 'cancel' }, ...ctx }))).toBe('409 procedureErrors.cancel.taken')
      await advanceProcedure({ actor: olivier, input: { procedureId: a.id, event: 'approve' }, ...ctx })
      await advanceProcedure({ actor: olivier, input: { procedureId: a.id, event: 'complete' }, ...ctx })
      const done = await entry(a.id)
      expect(done.details).toMatchObject({ approvedAmount: 170 })
      expect(done.payments).toEqual([expect.objectContaining({ amount: 170, paidOn: '2026-11-24' })])
    } finally {
      restore()
    }
  })
  it('transport: the default estimator is the reimbursement engine (RULEBOOK §9: 0.30 €/km at 55 %)', async () => {
    const trip = { tripDate: '2026-11-20', prescriptionDate: '2026-11-18', km: 120, reason: 'over-150-km' }
    // 120 km × 0.30 € = 36.00 € base, × 55 % = 19.80 €, no franchise on a personal car.
    expect(await estimateTransportRefund({ actor: await insuredActor('Mei'), input: trip, now: ctx.now })).toMatchObject({ amoCents: 1980 })
    // Issue 19 §5: the figures the form says in words ("120 km × 0,30 € × 55 % = 19,80 € ; pas de franchise…").
    expect((await estimateTransportRefund({ actor: await insuredActor('Mei'), input: { ...trip, tripDate: '2026-11-21' }, now: ctx.now }))?.steps).toEqual([
      { act: 'KM', quantity: 120, baseCents: 3600, ratePercent: 55, participationCents: 0, franchiseCents: 0, amoCents: 1980 },
    ])
  })
  it('care abroad outside the EU only when urgent', async () => {
    const receipt = (await uploadFile({ actor: bernard, kind: 'receipt', filename: 'facture.pdf', bytes: PDF_BYTES, ...ctx })).id
    const input = { country: 'US', careDate: '2026-08-02', careKind: 'gp-consultation', amount: '150', currency: 'USD', receiptUploadIds: [receipt], idempotencyKey: key() }
    expect(await codeOf(requestAbroadRefund({ actor: bernard, input, ...ctx }))).toBe('422 procedureErrors.abroad.notUrgent')
    const r = await requestAbroadRefund({ actor: bernard, input: { ...input, urgent: true }, ...ctx })
    // French tariff (RULEBOOK §9): a GP consultation on 02/08/2026 is 30.00 € × 70 % − 2.00 € participation = 19.00 €.
    expect(r).toMatchObject({ zone: 'other', estimate: { amoCents: 1900 }, status: 'submitted' })
    // Issue 19 §5: "base 30,00 € × 70 % − 2,00 € de participation forfaitaire = 19,00 €".
    expect(r.estimate?.steps).toEqual([{ act: 'G', quantity: 1, baseCents: 3000, ratePercent: 70, participationCents: 200, franchiseCents: 0, amoCents: 1900 }])
  })
})
