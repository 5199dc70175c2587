/**
 * RULEBOOK "Beyond the act table" (issue 16 point 5, without transport): the 100 % santé baskets (a dental
 * crown, a hearing aid, a glasses frame) with their price limits, the same items at a free price with the
 * responsible contract's cover limits, a midwife consultation and three common radiology acts. Each figure is a
 * dated row of prisma/rules (tariffs.json, rates.json, complementary.json) with its source; the law's figure is
 * in each test name. Figures marked [U] or [S] in the data are flagged as such below.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createEngine } from '@/lib/domain/reimbursement/engine'
import { RuleSet } from '@/lib/domain/rules/rule-set'
import { REGIMES, SITUATIONS, type ClaimLineInput, type LineResult } from '@/lib/domain/reimbursement/types'
import { explainSteps, readableSteps } from '@/lib/services/simulation/simulate-lines'
import { bundledActs, bundledRuleRows } from '@/prisma/rules'

const rules = new RuleSet(bundledRuleRows)
const engine = createEngine(rules, bundledActs)

function line(partial: Partial<ClaimLineInput> & Pick<ClaimLineInput, 'careDate' | 'act'>): ClaimLineInput {
  return { quantity: 1, sector: '1', regime: 'general', birthDate: '1960-05-06', pathway: 'coordinated', situations: [], complementary: 'ticket-moderateur', ...partial }
}

function run(partial: Parameters<typeof line>[0]): LineResult {
  const outcome = engine.simulate(line(partial))
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors))
  return outcome.result
}

const codes = (r: LineResult) => r.steps.map((s) => s.code)

describe('100 % santé dental crown (CRN100): base 120 €, honoraire limite de facturation, nothing left', () => {
  it('crown 100 % Santé at 500 € in 2025: base 120 € at 60 % = 72 €, mutuelle 48 € + 380 € up to the 500 € limit, 0 € left', () => {
    const r = run({ careDate: '2025-03-10', act: 'CRN100', feeCharged: 50_000 })
    expect(r).toMatchObject({ base: 12_000, rate: 60, amoGross: 7_200, participation: 0, franchise: 0, amoPaid: 7_200, complementary: 42_800, patient: 0 })
    expect(r.steps.find((s) => s.code === 'complementary.basket')).toMatchObject({ amount: 38_000, rule: 'complementary.100-sante.cover', values: { priceLimit: 50_000 } })
  })

  it('crown 100 % Santé before 15/10/2023: dentists’ 70 % = 84 €, mutuelle 416 €, 0 € left; from 15/10/2023: 60 % = 72 €', () => {
    expect(run({ careDate: '2023-10-14', act: 'CRN100', feeCharged: 50_000 })).toMatchObject({ rate: 70, amoPaid: 8_400, complementary: 41_600, patient: 0 })
    expect(run({ careDate: '2023-10-15', act: 'CRN100', feeCharged: 50_000 })).toMatchObject({ rate: 60, amoPaid: 7_200, complementary: 42_800, patient: 0 })
  })

  it('crown price limit 510 € in 2020 ([U] in the data), 500 € from 01/01/2021; not in the basket before 01/01/2020 (act.notInForce)', () => {
    expect(run({ careDate: '2020-12-31', act: 'CRN100', feeCharged: 51_000 }).patient).toBe(0)
    expect(run({ careDate: '2021-01-01', act: 'CRN100', feeCharged: 51_000 }).patient).toBe(1_000)
    expect(rules.rowAt('act.CRN100.price-limit', '2020-01-01')?.note).toMatch(/\[U\]/)
    const before = engine.simulate(line({ careDate: '2019-12-31', act: 'CRN100', feeCharged: 50_000 }))
    expect(before).toMatchObject({ ok: false, errors: [{ path: 'act', code: 'act.notInForce' }] })
  })

  it('crown 100 % Santé billed 600 €, above the 500 € limit: the mutuelle still pays up to 500 €, the 100 € above are left and said so', () => {
    const r = run({ careDate: '2025-03-10', act: 'CRN100', feeCharged: 60_000 })
    expect(r).toMatchObject({ amoPaid: 7_200, complementary: 42_800, patient: 10_000 })
    expect(r.steps.find((s) => s.code === 'complementary.above-limit')).toMatchObject({ amount: 10_000, rule: 'act.CRN100.price-limit' })
  })

  it('crown 100 % Santé without a mutuelle: 500 € − 72 € = 428 € left; with the Complémentaire santé solidaire: 0 € left', () => {
    expect(run({ careDate: '2025-03-10', act: 'CRN100', feeCharged: 50_000, complementary: 'none' })).toMatchObject({ complementary: 0, patient: 42_800 })
    expect(run({ careDate: '2025-03-10', act: 'CRN100', feeCharged: 50_000, complementary: 'none', situations: ['css'] })).toMatchObject({ complementary: 42_800, patient: 0 })
  })

  it('crown 100 % Santé in Alsace-Moselle: régime local 30 points of the 120 € base = 36 €, the mutuelle the rest to 500 €, 0 € left', () => {
    expect(run({ careDate: '2025-03-10', act: 'CRN100', feeCharged: 50_000, regime: 'alsace-moselle' })).toMatchObject({ amoGross: 7_200, localRegime: 3_600, amoPaid: 10_800, complementary: 39_200, patient: 0 })
  })
})

describe('outside the basket: what is left', () => {
  it('free-price crown at 700 €: base 120 € → AMO 72 €, mutuelle at ticket-modérateur level 48 €, 580 € left; a 300 % BR contract (overruns up to 200 % = 240 €) leaves 340 €', () => {
    expect(run({ careDate: '2025-03-10', act: 'CRNLIB', feeCharged: 70_000 })).toMatchObject({ base: 12_000, amoPaid: 7_200, complementary: 4_800, patient: 58_000 })
    const r = run({ careDate: '2025-03-10', act: 'CRNLIB', feeCharged: 70_000, complementary: { overrunCoverPercent: 200 } })
    expect(r).toMatchObject({ complementary: 28_800, patient: 34_000 })
    expect(codes(r)).not.toContain('complementary.basket')
  })

  it('class II hearing aid at 2 000 €: AMO 240 €, the responsible contract may pay at most 1 700 € per ear including the AMO share → mutuelle 1 460 €, 300 € left', () => {
    const r = run({ careDate: '2025-03-10', act: 'AUD2', feeCharged: 200_000, complementary: { overrunCoverPercent: 1000 } })
    expect(r).toMatchObject({ base: 40_000, amoPaid: 24_000, complementary: 146_000, patient: 30_000 })
    expect(r.steps.find((s) => s.code === 'complementary.cover-cap')).toMatchObject({ rule: 'act.AUD2.cover-cap', values: { cap: 170_000, scope: 'total' } })
    // Two ears: the limit is per ear.
    expect(run({ careDate: '2025-03-10', act: 'AUD2', quantity: 2, feeCharged: 200_000, complementary: { overrunCoverPercent: 1000 } })).toMatchObject({ complementary: 292_000, patient: 60_000 })
  })

  it('class B frame at 150 €: base 0.05 € → AMO 0.03 €; the mutuelle’s share of a frame is limited to 100 €, 49.97 € left', () => {
    const r = run({ careDate: '2025-03-10', act: 'MONTB', feeCharged: 15_000, complementary: { overrunCoverPercent: 1_000_000 } })
    expect(r).toMatchObject({ base: 5, amoPaid: 3, complementary: 10_000, patient: 4_997 })
    expect(codes(r)).toContain('complementary.cover-cap')
  })
})

describe('100 % santé hearing aid and glasses frame', () => {
  it('hearing aid base 400 € at 60 % = 240 €, mutuelle to 950 €, 0 € left', () => {
    const r = run({ careDate: '2025-03-10', act: 'AUD1', feeCharged: 95_000 })
    expect(r).toMatchObject({ base: 40_000, rate: 60, amoGross: 24_000, amoPaid: 24_000, complementary: 71_000, patient: 0 })
    expect(run({ careDate: '2025-03-10', act: 'AUD1', quantity: 2, feeCharged: 95_000 })).toMatchObject({ amoPaid: 48_000, complementary: 142_000, patient: 0 })
  })

  it('hearing aid 100 % Santé: not in the basket before 01/01/2021 (act.notInForce), in it from that day', () => {
    expect(engine.simulate(line({ careDate: '2020-12-31', act: 'AUD1', feeCharged: 95_000 }))).toMatchObject({ ok: false, errors: [{ code: 'act.notInForce' }] })
    expect(run({ careDate: '2021-01-01', act: 'AUD1', feeCharged: 95_000 }).patient).toBe(0)
  })

  it('class A frame: base 9 € at 60 % = 5.40 €, mutuelle to the 30 € limit (24.60 €), 0 € left', () => {
    expect(run({ careDate: '2024-09-02', act: 'MONTA', feeCharged: 3_000 })).toMatchObject({ base: 900, amoPaid: 540, complementary: 2_460, patient: 0 })
  })

  it('a basket item cheaper than its base: the base is the price, the mutuelle pays the co-payment, 0 € left', () => {
    expect(run({ careDate: '2024-09-02', act: 'MONTA', feeCharged: 800 })).toMatchObject({ base: 800, amoPaid: 480, complementary: 320, patient: 0 })
  })
})

describe('midwife consultation (SF) and radiology (CCAM)', () => {
  it('midwife consultation SF 25 € (C 23 + MSF 2) until 21/02/2024, 26.50 € (MSF 3.50) from 22/02/2024, at 70 %, no participation forfaitaire', () => {
    expect(run({ careDate: '2024-02-21', act: 'SF' })).toMatchObject({ base: 2_500, rate: 70, amoGross: 1_750, participation: 0, amoPaid: 1_750, complementary: 750, patient: 0 })
    expect(run({ careDate: '2024-02-22', act: 'SF' })).toMatchObject({ base: 2_650, amoGross: 1_855, participation: 0, amoPaid: 1_855, complementary: 795, patient: 0 })
    expect(run({ careDate: '2026-06-01', act: 'SF' }).base).toBe(2_650)
    expect(engine.simulate(line({ careDate: '2018-12-31', act: 'SF' }))).toMatchObject({ ok: false })
  })

  it('midwife consultation in the maternity window: 100 % = 26.50 €, 0 € left; no care-pathway penalty (direct access)', () => {
    expect(run({ careDate: '2025-05-05', act: 'SF', situations: ['maternity'] })).toMatchObject({ rate: 100, amoPaid: 2_650, patient: 0 })
    expect(run({ careDate: '2025-05-05', act: 'SF', pathway: 'out-of-pathway' })).toMatchObject({ rate: 70, amoPaid: 1_855 })
  })

  it('chest X-ray ZBQK002 21.28 € at 70 % = 14.90 €, participation forfaitaire 2 € → 12.90 € paid; mammography QEQK001 66.42 € → 46.49 €; abdominal ultrasound ZCQM008 54.02 € → 37.81 €', () => {
    expect(run({ careDate: '2025-03-10', act: 'ZBQK002' })).toMatchObject({ base: 2_128, rate: 70, amoGross: 1_490, participation: 200, amoPaid: 1_290, complementary: 638, patient: 200 })
    expect(run({ careDate: '2025-03-10', act: 'QEQK001' })).toMatchObject({ base: 6_642, amoGross: 4_649, participation: 200, amoPaid: 4_449, patient: 200 })
    expect(run({ careDate: '2025-03-10', act: 'ZCQM008' })).toMatchObject({ base: 5_402, amoGross: 3_781, participation: 200, amoPaid: 3_581, patient: 200 })
    // Before the participation went to 2 € (15/05/2024): 1 €.
    expect(run({ careDate: '2024-05-14', act: 'ZBQK002' }).participation).toBe(100)
  })
})

describe('explanations in plain words (issue 16 point 6), with the official page stored with the row', () => {
  const developerWords = /RULEBOOK|SIMULATION-API|\.json|act\.[A-Z]|complementary\.|rate\.[a-z]/

  for (const locale of ['fr', 'en'] as const) {
    it(`the 100 % santé crown, the capped hearing aid and the midwife consultation read as sentences in ${locale}, without developer references`, () => {
      for (const r of [
        run({ careDate: '2025-03-10', act: 'CRN100', feeCharged: 60_000 }),
        run({ careDate: '2025-03-10', act: 'AUD2', feeCharged: 200_000, complementary: { overrunCoverPercent: 1000 } }),
        run({ careDate: '2025-03-10', act: 'SF' }),
      ]) {
        for (const s of explainSteps(r.steps, locale)) {
          expect(s.text, s.code).not.toMatch(developerWords)
          expect(s.text, s.code).not.toMatch(/\{|undefined|NaN/)
        }
      }
    })
  }

  it('for a free-price hearing aid the mutuelle’s extra share is “the price above the base”, not doctors’ fees; a specialist’s overrun stays a “dépassement d’honoraires”', () => {
    const aid = run({ careDate: '2025-03-10', act: 'AUD2', feeCharged: 120_000, complementary: { overrunCoverPercent: 100 } })
    expect(explainSteps(aid.steps, 'fr').find((s) => s.code === 'complementary.overrun')?.text).toMatch(/le prix au-delà de la base jusqu’à 100 % de la base : 400,00\s€/)
    expect(explainSteps(aid.steps, 'en').find((s) => s.code === 'complementary.overrun')?.text).toMatch(/the price above the base up to 100 % of the base/)
    const cs = run({ careDate: '2025-03-10', act: 'CS', sector: '2-optam', feeCharged: 5_000, complementary: { overrunCoverPercent: 100 } })
    expect(explainSteps(cs.steps, 'fr').find((s) => s.code === 'complementary.overrun')?.text).toMatch(/dépassement d’honoraires/)
  })

  it('the basket step says the price limit and the amount in French, and links to the ameli page stored with its row', () => {
    const r = run({ careDate: '2025-03-10', act: 'AUD1', feeCharged: 95_000 })
    const fr = explainSteps(r.steps, 'fr').find((s) => s.code === 'complementary.basket')!
    expect(fr.text).toMatch(/100 % Santé.*950,00\s€.*550,00\s€/)
    const en = explainSteps(r.steps, 'en').find((s) => s.code === 'complementary.basket')!
    expect(en.text).toMatch(/price limit of €?950\.00/)
    const readable = readableSteps(r.steps, 'fr', rules)
    expect(readable.find((s) => s.code === 'complementary.basket')?.url).toMatch(/^https:\/\/www\.ameli\.fr\//)
    expect(readable.find((s) => s.code === 'base.tariff')?.url).toBe(rules.rowAt('act.AUD1.base', '2021-01-01')?.url)
  })
})

describe('properties (fast-check): non-negative, totals add up, nothing left inside the basket', () => {
  const BASKET = bundledActs.filter((a) => a.priceLimit).map((a) => a.code)
  const CAPPED = bundledActs.filter((a) => a.coverCap).map((a) => a.code)
  const iso = (d: Date) => d.toISOString().slice(0, 10)
  const date = fc.date({ min: new Date('2021-01-01T00:00:00Z'), max: new Date('2026-12-31T00:00:00Z'), noInvalidDate: true }).map(iso)
  const cover = fc.oneof(fc.constant('ticket-moderateur' as const), fc.integer({ min: 0, max: 1000 }).map((n) => ({ overrunCoverPercent: n })))
  const common = {
    careDate: date,
    quantity: fc.integer({ min: 1, max: 4 }),
    regime: fc.constantFrom(...REGIMES),
    situations: fc.subarray(SITUATIONS.filter((s) => s !== 'css')),
    complementary: cover,
  }

  const limitOf = (act: string, day: string) => rules.valueAt(`act.${act}.price-limit`, day)

  it('a basket item at or under its price limit, with a responsible mutuelle or the CSS: 0 € left; above it, exactly the excess; amounts non-negative and adding up', () => {
    fc.assert(
      fc.property(fc.record({ ...common, act: fc.constantFrom(...BASKET), share: fc.integer({ min: 0, max: 150 }), css: fc.boolean() }), (p) => {
        const limit = limitOf(p.act, p.careDate)
        const fee = Math.round((limit * p.share) / 100)
        const r = run({ careDate: p.careDate, act: p.act, quantity: p.quantity, regime: p.regime, situations: p.css ? [...p.situations, 'css'] : p.situations, complementary: p.complementary, feeCharged: fee })
        for (const k of ['base', 'amoGross', 'localRegime', 'amoPaid', 'complementary', 'patient'] as const) expect(r[k]).toBeGreaterThanOrEqual(0)
        expect(r.amoPaid + r.complementary + r.patient).toBe(fee * p.quantity)
        expect(r.patient).toBe(Math.max(0, fee - limit) * p.quantity)
      }),
      { numRuns: 400 },
    )
  })

  it('a basket item without any complementary cover: the patient pays the price minus what the Assurance Maladie paid', () => {
    fc.assert(
      fc.property(fc.record({ ...common, act: fc.constantFrom(...BASKET), fee: fc.integer({ min: 0, max: 200_000 }) }), (p) => {
        const r = run({ careDate: p.careDate, act: p.act, quantity: p.quantity, regime: p.regime, situations: p.situations, complementary: 'none', feeCharged: p.fee })
        expect(r.complementary).toBe(0)
        expect(r.patient).toBe(p.fee * p.quantity - r.amoPaid)
        expect(r.patient).toBeGreaterThanOrEqual(0)
      }),
      { numRuns: 300 },
    )
  })

  it('a free-price hearing aid or frame: the responsible contract’s limit is never exceeded, amounts add up', () => {
    fc.assert(
      fc.property(fc.record({ ...common, act: fc.constantFrom(...CAPPED), fee: fc.integer({ min: 0, max: 600_000 }), percent: fc.integer({ min: 0, max: 5_000_000 }) }), (p) => {
        const r = run({ careDate: p.careDate, act: p.act, quantity: p.quantity, regime: p.regime, situations: p.situations, complementary: { overrunCoverPercent: p.percent }, feeCharged: p.fee })
        const cap = rules.valueAt(`act.${p.act}.cover-cap`, p.careDate) * p.quantity
        const coPayment = r.base - r.amoGross - r.localRegime
        const def = bundledActs.find((a) => a.code === p.act)!
        const counted = def.coverCap === 'total' ? r.amoGross + r.localRegime + r.complementary : r.complementary
        expect(counted).toBeLessThanOrEqual(Math.max(cap, def.coverCap === 'total' ? r.base : coPayment))
        expect(r.amoPaid + r.complementary + r.patient).toBe(p.fee * p.quantity)
        expect(Math.min(r.complementary, r.patient)).toBeGreaterThanOrEqual(0)
      }),
      { numRuns: 400 },
    )
  })
})
