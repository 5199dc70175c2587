import { describe, expect, it } from 'vitest'
import { getDb } from '@/lib/db/client'
import { uploadFile } from '@/lib/services/procedures/upload-file'
import { estimateAbroadRefund, requestAbroadRefund } from '@/lib/services/procedures/request-abroad-refund'
import { listProcedures } from '@/lib/services/procedures/list-procedures'
import { codeOf, ctx, insuredActor, key, PDF_BYTES } from '../support/procedures'

/**
 * Issue 19 §4 (RULEBOOK §9, care abroad, form S3125): the request keeps the amount as paid (cents of its currency)
 * with the ECB reference rate of the day of care, its date and the euros; the estimate prices the stay on those
 * euros. ECB fixing of 12 March 2026: 1.1547 USD per euro, 0.86243 GBP per euro (eurofxref).
 */
describe('care abroad converted at the ECB rate of the day of care (issue 19 §4)', async () => {
  const jonathan = await insuredActor('Jonathan Pierre')
  const hugo = (await getDb().beneficiary.findFirstOrThrow({ where: { firstNames: 'Hugo', lastName: 'Martin' } })).id
  const receipt = async () => (await uploadFile({ actor: jonathan, kind: 'receipt', filename: 'facture.pdf', bytes: PDF_BYTES, ...ctx })).id
  const usa = { beneficiaryId: hugo, country: 'US', careDate: '2026-03-12', careKind: 'hospital', amount: '1 500', currency: 'USD', urgent: true }

  it('Hugo, USA, hospital, 1 500 USD: stored with the amount as paid, the rate, its date and the euros', async () => {
    const preview = await estimateAbroadRefund({ actor: jonathan, input: usa, now: ctx.now })
    expect(preview.exchange).toEqual({ kind: 'converted', conversion: { currency: 'USD', amountCents: 150_000, rate: 1.1547, rateDate: '2026-03-12', source: 'ecb', euroCents: 129_904 } })
    // The stay is priced on its euros (1 299,04 €), not left without an estimate as before.
    expect(preview.estimate?.steps).toEqual([expect.objectContaining({ act: 'HOSP', baseCents: 129_904 })])

    const r = await requestAbroadRefund({ actor: jonathan, input: { ...usa, receiptUploadIds: [await receipt()], idempotencyKey: key() }, ...ctx })
    const row = await getDb().procedure.findUniqueOrThrow({ where: { id: r.id } })
    expect(row.type).toBe('abroad-refund')
    expect(row.beneficiaryId).toBe(hugo)
    const payload = JSON.parse(row.payload) as Record<string, unknown>
    expect(payload.country).toBe('US')
    expect(payload.careDate).toBe('2026-03-12')
    expect(payload.careKind).toBe('hospital')
    expect(payload.amount).toBe(150_000)
    expect(payload.currency).toBe('USD')
    expect(payload.urgent).toBe(true)
    expect(payload.otherCurrency).toBe(false)
    expect(payload.rate).toBe(1.1547)
    expect(payload.rateDate).toBe('2026-03-12')
    expect(payload.rateSource).toBe('ecb')
    expect(payload.euroAmount).toBe(129_904)
    expect(payload.lines).toEqual([{ act: 'HOSP', careDate: '2026-03-12', quantity: 1, feeCents: 129_904 }])
    expect((payload.estimate as { amoCents: number }).amoCents).toBe(preview.estimate?.amoCents)

    // Tracking (issue 19 §6): the entry carries what was claimed, in the currency and in euros.
    const entry = (await listProcedures({ actor: jonathan })).find((e) => e.id === r.id)
    expect(entry?.details).toMatchObject({ country: 'US', careDate: '2026-03-12', careKind: 'hospital', amount: 150_000, currency: 'USD', euroAmount: 129_904 })
  })

  it('pounds in Spain: refused until the person confirms the currency, then stored with it', async () => {
    const spain = { beneficiaryId: hugo, country: 'ES', careDate: '2026-03-12', careKind: 'gp-consultation', amount: '60', currency: 'GBP' }
    expect(await codeOf(requestAbroadRefund({ actor: jonathan, input: { ...spain, receiptUploadIds: [await receipt()], idempotencyKey: key() }, ...ctx }))).toBe('422 procedureErrors.abroad.currencyMismatch')
    const r = await requestAbroadRefund({ actor: jonathan, input: { ...spain, otherCurrency: true, receiptUploadIds: [await receipt()], idempotencyKey: key() }, ...ctx })
    // 60,00 GBP at 0.86243 GBP per € = 69,57 € (6 957.08 cents).
    expect(JSON.parse((await getDb().procedure.findUniqueOrThrow({ where: { id: r.id } })).payload)).toMatchObject({ amount: 6000, currency: 'GBP', otherCurrency: true, rate: 0.86243, euroAmount: 6957 })
  })

  it('absurd amounts are refused before anything is stored', async () => {
    const before = await getDb().procedure.count()
    expect(await codeOf(requestAbroadRefund({ actor: jonathan, input: { ...usa, amount: '0', receiptUploadIds: [await receipt()], idempotencyKey: key() }, ...ctx }))).toBe('422 procedureErrors.abroad.amountNotPositive')
    expect(await codeOf(requestAbroadRefund({ actor: jonathan, input: { ...usa, amount: '300000', receiptUploadIds: [await receipt()], idempotencyKey: key() }, ...ctx }))).toBe('422 procedureErrors.abroad.amountTooHigh')
    expect(await codeOf(requestAbroadRefund({ actor: jonathan, input: { ...usa, careKind: 'gp-consultation', receiptUploadIds: [await receipt()], idempotencyKey: key() }, ...ctx }))).toBe('422 procedureErrors.abroad.amountTooHigh')
    expect(await getDb().procedure.count()).toBe(before)
  })
})
