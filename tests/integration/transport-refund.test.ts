/**
 * Transport refunds by mode (issue 19 §3, issue 16 §5; RULEBOOK §1, §4, §9): personal car, ambulance, VSL, taxi
 * conventionné, with tolls and parking on receipts, through the service and the real reimbursement engine
 * (default estimator), against a freshly seeded database. Care on 2026 dates: the transport franchise is 4 € per
 * trip (since 31/03/2024, franchise.transport.amount), the rate 55 % (rate.transport.general).
 */
import { describe, expect, it } from 'vitest'
import { ZodError } from 'zod'
import { getDb } from '@/lib/db/client'
import { uploadFile } from '@/lib/services/procedures/upload-file'
import { loadDeductionTallyOf } from '@/lib/db/repositories/back-office'
import { estimateTransportRefund, requestTransportRefund } from '@/lib/services/procedures/request-transport-refund'
import { codeOf, ctx, insuredActor, key, PDF_BYTES } from '../support/procedures'

describe('transport refund by ambulance / VSL / taxi, tolls and parking (service + engine)', async () => {
  const jonathan = await insuredActor('Jonathan Pierre')
  const bernard = await insuredActor('Bernard')
  const upload = async (actor = jonathan, kind = 'receipt', filename = 'facture.pdf') => (await uploadFile({ actor, kind, filename, bytes: PDF_BYTES, ...ctx })).id
  const lea = (await getDb().beneficiaryLink.findFirstOrThrow({ where: { insuredId: jonathan.insuredId, beneficiary: { firstNames: 'Léa' } } })).beneficiaryId

  it('taxi conventionné 80 € + tolls 12,50 €: 80 × 55 % − 4 € franchise = 40,00 € and 12,50 × 55 % = 6,88 € (no franchise on tolls) → 46,88 €', async () => {
    const trip = { mode: 'taxi', tripDate: '2026-11-12', prescriptionDate: '2026-11-05', amount: '80,00', tolls: '12,50', reason: 'hospitalisation' }
    const estimate = await estimateTransportRefund({ actor: jonathan, input: trip, now: ctx.now })
    expect(estimate?.steps).toEqual([
      { act: 'TAXI', quantity: 1, baseCents: 8000, ratePercent: 55, participationCents: 0, franchiseCents: 400, amoCents: 4000 },
      { act: 'TOLL', quantity: 1, baseCents: 1250, ratePercent: 55, participationCents: 0, franchiseCents: 0, amoCents: 688 },
    ])
    expect(estimate?.amoCents).toBe(4688)
  })

  it('the invoice is required for a taxi, the receipts for tolls or parking; nothing is written without them', async () => {
    const before = await getDb().procedure.count()
    const trip = { mode: 'vsl', tripDate: '2026-11-13', prescriptionDate: '2026-11-05', amount: 4500, parking: 600, reason: 'convocation', prescriptionUploadId: await upload(jonathan, 'prescription', 'bon.pdf'), idempotencyKey: key() }
    const error = await requestTransportRefund({ actor: jonathan, input: trip, ...ctx }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ZodError)
    expect((error as ZodError).issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['invoiceUploadId', 'procedureErrors.transport.invoice'],
      ['receiptUploadIds', 'procedureErrors.transport.receipts'],
    ])
    // The amount paid is required for a VSL, the km for a car.
    const noAmount = await requestTransportRefund({ actor: jonathan, input: { ...trip, amount: '' }, ...ctx }).catch((e: unknown) => e)
    expect((noAmount as ZodError).issues[0]).toMatchObject({ path: ['amount'], message: 'procedureErrors.transport.amount' })
    expect(await getDb().procedure.count()).toBe(before)
  })

  it('a taxi trip with tolls and parking is stored field by field with its three files; the same trip again is refused with the first reference', async () => {
    const files = { prescriptionUploadId: await upload(jonathan, 'prescription', 'bon.pdf'), invoiceUploadId: await upload(), receiptUploadIds: [await upload(jonathan, 'receipt', 'peage.pdf')] }
    const trip = { mode: 'taxi', tripDate: '2026-11-14', prescriptionDate: '2026-11-05', km: '', amount: '63,20', tolls: '7,40', parking: '3', reason: 'work-accident' }
    const r = await requestTransportRefund({ actor: jonathan, input: { ...trip, ...files, idempotencyKey: key() }, ...ctx })
    // Work accident: 100 % (rate.situation.work-accident), the franchise still due (RULEBOOK §2 AT/MP): 63,20 − 4 + 7,40 + 3 = 69,60 €.
    expect(r.estimate?.amoCents).toBe(6320 - 400 + 740 + 300)
    const stored = await getDb().procedure.findUniqueOrThrow({ where: { id: r.id } })
    expect(stored.type).toBe('transport-refund')
    expect(stored.beneficiaryId).toBeNull()
    expect(JSON.parse(stored.payload)).toMatchObject({
      mode: 'taxi',
      tripDate: '2026-11-14',
      prescriptionDate: '2026-11-05',
      km: null,
      amount: 6320,
      tolls: 740,
      parking: 300,
      returnTrip: false,
      reason: 'work-accident',
      lines: [
        { act: 'TAXI', quantity: 1, feeCents: 6320, situations: ['work-accident'] },
        { act: 'TOLL', quantity: 1, feeCents: 740, situations: ['work-accident'] },
        { act: 'PARK', quantity: 1, feeCents: 300, situations: ['work-accident'] },
      ],
      estimate: { amoCents: 6960 },
    })
    const attached = await getDb().upload.findMany({ where: { procedureId: r.id }, select: { id: true } })
    expect(attached.map((u) => u.id).sort()).toEqual([files.prescriptionUploadId, files.invoiceUploadId, ...files.receiptUploadIds].sort())
    const again = { ...trip, prescriptionUploadId: await upload(jonathan, 'prescription', 'bon.pdf'), invoiceUploadId: await upload(), receiptUploadIds: [await upload()], idempotencyKey: key() }
    expect(await codeOf(requestTransportRefund({ actor: jonathan, input: again, ...ctx }))).toBe('422 procedureErrors.refund.duplicate')
    // The same day by ambulance is another trip.
    expect(await codeOf(requestTransportRefund({ actor: jonathan, input: { ...again, mode: 'ambulance' }, ...ctx }))).toBe('ok')
  })

  it('Léa (born 2012, under 18 on 1 January) pays no transport franchise: ambulance 120 € × 55 % = 66,00 €, said as "minor"', async () => {
    const estimate = await estimateTransportRefund({ actor: jonathan, input: { beneficiaryId: lea, mode: 'ambulance', tripDate: '2026-11-15', prescriptionDate: '2026-11-10', amount: 12000, reason: 'hospitalisation' }, now: ctx.now })
    expect(estimate?.steps).toEqual([{ act: 'AMB', quantity: 1, baseCents: 12000, ratePercent: 55, participationCents: 0, franchiseCents: 0, amoCents: 6600, franchiseExempt: 'minor' }])
  })

  it('someone else’s file cannot be the invoice (404 procedureErrors.upload.notFound); an absurd amount is refused (5 000 € per trip at most)', async () => {
    const trip = { mode: 'ambulance', tripDate: '2026-11-16', prescriptionDate: '2026-11-10', amount: 9000, reason: 'hospitalisation', prescriptionUploadId: await upload(jonathan, 'prescription', 'bon.pdf'), idempotencyKey: key() }
    expect(await codeOf(requestTransportRefund({ actor: jonathan, input: { ...trip, invoiceUploadId: await upload(bernard) }, ...ctx }))).toBe('404 procedureErrors.upload.notFound')
    expect(await codeOf(requestTransportRefund({ actor: jonathan, input: { ...trip, amount: '5000,01', invoiceUploadId: await upload() }, ...ctx }))).toBe('422 procedureErrors.transport.amountTooHigh')
  })

  it('a personal car pays no franchise and tolls are added: 84 km × 0,30 € × 55 % = 13,86 € + parking 5 € × 55 % = 2,75 €', async () => {
    const estimate = await estimateTransportRefund({ actor: bernard, input: { mode: 'car', tripDate: '2026-11-17', prescriptionDate: '2026-11-10', km: '84', parking: '5', reason: 'convocation' }, now: ctx.now })
    expect(estimate).toMatchObject({ amoCents: 1386 + 275, steps: [{ act: 'KM', baseCents: 2520, franchiseCents: 0, amoCents: 1386 }, { act: 'PARK', baseCents: 500, amoCents: 275 }] })
  })

  it('the transport franchise counts in the 50 € yearly franchise cap, from what the person already owes this year: 48 € owed → 2 € taken on a 50 € VSL trip, said as the yearly cap', async () => {
    const mei = await insuredActor('Mei')
    const owed = await loadDeductionTallyOf(getDb(), mei.insuredId, null, 2026)
    await getDb().deductionCarryOver.create({ data: { insuredId: mei.insuredId, beneficiaryId: null, kind: 'franchise', amount: 4800 - owed.franchises, year: 2026, originLineId: 'test-line' } })
    const estimate = await estimateTransportRefund({ actor: mei, input: { mode: 'vsl', tripDate: '2026-11-18', prescriptionDate: '2026-11-10', amount: '50', reason: 'hospitalisation' }, now: ctx.now })
    expect(estimate?.steps).toEqual([{ act: 'VSL', quantity: 1, baseCents: 5000, ratePercent: 55, participationCents: 0, franchiseCents: 200, amoCents: 2550, franchiseCapped: 'annual' }])
  })

  it('a taxi there and back on one 80 € invoice: two trips of 40 € × 55 % = 22 € − 4 € franchise each → 36 € (within the 8 €/day cap)', async () => {
    const estimate = await estimateTransportRefund({ actor: bernard, input: { mode: 'taxi', returnTrip: 'true', tripDate: '2026-11-19', prescriptionDate: '2026-11-10', amount: '80', reason: 'hospitalisation' }, now: ctx.now })
    expect(estimate).toMatchObject({ amoCents: 3600, steps: [{ act: 'TAXI', baseCents: 4000, franchiseCents: 400, amoCents: 1800 }, { act: 'TAXI', baseCents: 4000, franchiseCents: 400, amoCents: 1800 }] })
  })
})
