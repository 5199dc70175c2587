import { describe, expect, it } from 'vitest'
import { calendarDate as d } from '@/lib/domain/dates'
import { convertToEuros, referenceRate, toEuroCents } from '@/lib/domain/procedures/exchange-rates'
import { checkAbroadRefund, type TAbroadRefund } from '@/lib/domain/procedures/refunds'
import { RuleSet } from '@/lib/domain/rules/rule-set'
import { bundledRuleRows } from '@/prisma/rules'
import { countryCurrencies, ecbReferenceRates as table } from '@/prisma/rules/exchange-rates'

/**
 * Issue 19 §4 (care abroad; RULEBOOK §9, form S3125: converted at the rate of the day of care). Figures are the
 * ECB euro foreign exchange reference rates (eurofxref-hist), units for 1 €, as published by the ECB: e.g. the
 * daily file of 28 June 2024 reads USD 1.0705, GBP 0.84638, INR 89.2495; the first fixing of 2024 (2 January)
 * USD 1.0956, GBP 0.86645; 12 March 2026 USD 1.1547; Maundy Thursday 17 April 2025 USD 1.136 (no fixing on Good
 * Friday 18 and Easter Monday 21 April 2025, TARGET closing days).
 */
const MAX = 4 // fx.ecb.max-days-before

describe('ECB reference rates shipped as data (prisma/rules/exchange-rates/ecb-eurofxref.json)', () => {
  it('covers the whole claim period (2 years back from 2026-12-04 and more) for every currency of the form, with its source', () => {
    expect(table.firstDate <= '2024-01-01').toBe(true)
    expect(table.url).toMatch(/^https:\/\/www\.ecb\.europa\.eu\//)
    expect(table.currencies).toEqual(expect.arrayContaining(['USD', 'GBP', 'CHF', 'CAD', 'JPY', 'CNY', 'INR', 'BRL', 'TRY', 'PLN', 'RON', 'SEK']))
    // Every row has a figure for every currency (the ECB published all 12 each day of the period).
    for (const row of table.rows) expect(row.slice(1).every((r) => typeof r === 'number' && r > 0), String(row[0])).toBe(true)
    // Sorted, one row per publication day.
    const dates = table.rows.map((r) => r[0] as string)
    expect([...dates].sort()).toEqual(dates)
    expect(new Set(dates).size).toBe(dates.length)
  })

  it('known ECB fixings', () => {
    expect(referenceRate(table, 'USD', d('2024-01-02'), MAX)).toEqual({ rate: 1.0956, rateDate: '2024-01-02', source: 'ecb' })
    expect(referenceRate(table, 'GBP', d('2024-01-02'), MAX)?.rate).toBe(0.86645)
    expect(referenceRate(table, 'USD', d('2024-06-28'), MAX)?.rate).toBe(1.0705)
    expect(referenceRate(table, 'GBP', d('2024-06-28'), MAX)?.rate).toBe(0.84638)
    expect(referenceRate(table, 'INR', d('2024-06-28'), MAX)?.rate).toBe(89.2495)
    expect(referenceRate(table, 'USD', d('2025-05-09'), MAX)?.rate).toBe(1.1252)
    expect(referenceRate(table, 'USD', d('2026-03-12'), MAX)?.rate).toBe(1.1547)
  })

  it('weekends and TARGET holidays take the last rate published before the day', () => {
    // Saturday and Sunday 14–15 March 2026 → Friday 13 March 2026 (USD 1.1476).
    expect(referenceRate(table, 'USD', d('2026-03-14'), MAX)).toEqual({ rate: 1.1476, rateDate: '2026-03-13', source: 'ecb' })
    expect(referenceRate(table, 'USD', d('2026-03-15'), MAX)?.rateDate).toBe('2026-03-13')
    // Good Friday and Easter Monday 2025 → Thursday 17 April 2025 (the 4-day gap of fx.ecb.max-days-before).
    expect(referenceRate(table, 'USD', d('2025-04-18'), MAX)).toEqual({ rate: 1.136, rateDate: '2025-04-17', source: 'ecb' })
    expect(referenceRate(table, 'USD', d('2025-04-21'), MAX)).toEqual({ rate: 1.136, rateDate: '2025-04-17', source: 'ecb' })
    // 1 January 2024 (no fixing) → Friday 29 December 2023 (USD 1.105).
    expect(referenceRate(table, 'USD', d('2024-01-01'), MAX)).toEqual({ rate: 1.105, rateDate: '2023-12-29', source: 'ecb' })
    // A hole longer than the allowed gap gives no rate rather than an old one.
    expect(referenceRate(table, 'USD', d('2025-04-21'), 3)).toBeNull()
  })

  it('no rate is guessed outside the table, nor for a currency the ECB does not publish', () => {
    expect(referenceRate(table, 'USD', d(table.lastDate), MAX)?.rateDate).toBe(table.lastDate)
    expect(referenceRate(table, 'USD', d('2026-07-22'), MAX)).toBeNull()
    expect(referenceRate(table, 'USD', d('2023-11-30'), MAX)).toBeNull()
    expect(referenceRate(table, 'MAD', d('2026-03-12'), MAX)).toBeNull()
  })

  it('the CFA franc (XOF) at its fixed parity, 655.957 per euro (Council Decision 98/683/EC), any day', () => {
    expect(referenceRate(table, 'XOF', d('2026-11-20'), MAX)).toEqual({ rate: 655.957, rateDate: '2026-11-20', source: 'fixed' })
    expect(convertToEuros(table, 65_595_700, 'XOF', d('2026-11-20'), MAX)?.euroCents).toBe(100_000)
  })

  it('converts exactly and rounds half up to the cent', () => {
    // 1 500,00 USD at 1.1547 USD per € (ECB, 12/03/2026) = 1 299,04 € (129 903.87 cents).
    expect(convertToEuros(table, 150_000, 'USD', d('2026-03-12'), MAX)).toEqual({ currency: 'USD', amountCents: 150_000, rate: 1.1547, rateDate: '2026-03-12', source: 'ecb', euroCents: 129_904 })
    // 100,00 GBP at 0.84638 GBP per € (28/06/2024) = 118,15 € (11 814.97 cents).
    expect(convertToEuros(table, 10_000, 'GBP', d('2024-06-28'), MAX)?.euroCents).toBe(11_815)
    expect(toEuroCents(1, 2)).toBe(1) // 0.5 cent → 1
    expect(toEuroCents(3, 2)).toBe(2) // 1.5 cents → 2
    expect(toEuroCents(10_000, 1.25)).toBe(8_000)
  })
})

describe('checkAbroadRefund with the exchange data (issue 19 §4)', () => {
  const rules = new RuleSet(bundledRuleRows)
  const ctx = { today: d('2026-12-04'), birthDate: d('2018-09-02'), rules, exchange: { rates: table, countries: countryCurrencies } }
  const hugoUsa: TAbroadRefund = { country: 'US', careDate: d('2026-03-12'), careKind: 'hospital', amount: 150_000, currency: 'USD', urgent: true }

  it('converts at the ECB rate of the day of care and prices the stay on the euros', () => {
    expect(checkAbroadRefund(hugoUsa, ctx)).toEqual({
      ok: true,
      value: {
        zone: 'other',
        euroCents: 129_904,
        exchange: { kind: 'converted', conversion: { currency: 'USD', amountCents: 150_000, rate: 1.1547, rateDate: '2026-03-12', source: 'ecb', euroCents: 129_904 } },
        lines: [{ act: 'HOSP', careDate: '2026-03-12', quantity: 1, feeCents: 129_904 }],
      },
    })
    // Euros need no conversion.
    expect(checkAbroadRefund({ ...hugoUsa, country: 'ES', currency: 'EUR', amount: 4500, careKind: 'gp-consultation' }, ctx)).toMatchObject({ ok: true, value: { exchange: { kind: 'euro' }, euroCents: 4500 } })
  })

  it('a day after the table: no conversion and no fee-based estimate (the caisse converts), never a guessed rate', () => {
    expect(checkAbroadRefund({ ...hugoUsa, careDate: d('2026-11-14') }, ctx)).toMatchObject({
      ok: true,
      value: { exchange: { kind: 'no-rate', careDate: '2026-11-14', lastDate: table.lastDate }, euroCents: null, lines: [{ feeCents: null }] },
    })
  })

  it('a currency that is not the country’s asks for confirmation', () => {
    const gbpInSpain = { ...hugoUsa, country: 'ES', currency: 'GBP', careKind: 'gp-consultation' as const, amount: 6000 }
    expect(checkAbroadRefund(gbpInSpain, ctx)).toEqual({ ok: false, error: 'procedureErrors.abroad.currencyMismatch', details: { field: 'otherCurrency', currency: 'GBP', countryCurrency: 'EUR' } })
    expect(checkAbroadRefund({ ...gbpInSpain, otherCurrency: true }, ctx)).toMatchObject({ ok: true, value: { exchange: { kind: 'converted', conversion: { rate: 0.86243 } } } })
    // Euros in the USA too (a card charged in euros).
    expect(checkAbroadRefund({ ...hugoUsa, currency: 'EUR' }, ctx)).toMatchObject({ ok: false, error: 'procedureErrors.abroad.currencyMismatch' })
    // The country's own currency needs nothing.
    expect(checkAbroadRefund({ ...gbpInSpain, country: 'GB' }, ctx).ok).toBe(true)
    // Morocco: the dirham has no ECB rate; euros are accepted without a question, dirhams are refused with a way out.
    const morocco = { ...hugoUsa, country: 'MA', careKind: 'gp-consultation' as const, amount: 5000 }
    expect(checkAbroadRefund({ ...morocco, currency: 'EUR' }, ctx).ok).toBe(true)
    expect(checkAbroadRefund({ ...morocco, currency: 'MAD' }, ctx)).toEqual({ ok: false, error: 'procedureErrors.abroad.noRate', details: { field: 'currency', currency: 'MAD' } })
  })

  it('absurd amounts: 0 and below refused; above the ceiling of the kind of care (refund.abroad.max-amount.*, in euros at the day’s rate)', () => {
    expect(checkAbroadRefund({ ...hugoUsa, amount: 0 }, ctx)).toEqual({ ok: false, error: 'procedureErrors.abroad.amountNotPositive', details: { field: 'amount' } })
    expect(checkAbroadRefund({ ...hugoUsa, amount: -100 }, ctx)).toMatchObject({ ok: false, error: 'procedureErrors.abroad.amountNotPositive' })
    // Hospital: 200 000 €. 230 940,00 USD at 1.1547 = 200 000,00 € exactly: accepted; one cent more is refused.
    expect(checkAbroadRefund({ ...hugoUsa, amount: 23_094_000 }, ctx)).toMatchObject({ ok: true, value: { euroCents: 20_000_000 } })
    expect(checkAbroadRefund({ ...hugoUsa, amount: 23_094_002 }, ctx)).toEqual({ ok: false, error: 'procedureErrors.abroad.amountTooHigh', details: { field: 'amount', ceiling: 20_000_000, euroAmount: 20_000_002 } })
    // A GP consultation: 1 000 €. The same 1 500 USD (1 299,04 €) is refused there.
    expect(checkAbroadRefund({ ...hugoUsa, careKind: 'gp-consultation' }, ctx)).toMatchObject({ ok: false, error: 'procedureErrors.abroad.amountTooHigh', details: { ceiling: 100_000, euroAmount: 129_904 } })
    // 1 500 JPY at 183.43 JPY per € is 8,18 €: fine for a consultation in Japan.
    expect(checkAbroadRefund({ ...hugoUsa, country: 'JP', currency: 'JPY', careKind: 'gp-consultation' }, ctx)).toMatchObject({ ok: true, value: { euroCents: 818 } })
    // After the table the ceiling is still checked (at the last rate, an order of magnitude): 1 000 000 USD is refused.
    expect(checkAbroadRefund({ ...hugoUsa, careDate: d('2026-11-14'), amount: 100_000_000 }, ctx)).toMatchObject({ ok: false, error: 'procedureErrors.abroad.amountTooHigh' })
  })
})
