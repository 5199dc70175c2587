import { afterAll, describe, expect, it } from 'vitest'
import { GET as openApiGet } from '@/app/api/v1/openapi.json/route'
import { POST } from '@/app/api/v1/simulations/route'
import { closeSimulationPool } from '@/lib/services/simulation/simulate-pool'

/**
 * POST /api/v1/simulations for the acts of RULEBOOK "Beyond the act table" (issue 16 point 5, without transport),
 * against the rules of a freshly seeded database: the 100 % santé crown, hearing aid and frame (nothing left to
 * pay up to the price limit), the same items at a free price (what is left), the midwife consultation and the
 * radiology acts; refusals before an act exists; the OpenAPI document lists the new explanation steps.
 */

const URL_ = 'http://localhost/api/v1/simulations'

type Result = Record<string, unknown> & { steps: { code: string; text: string; source: string; rule?: string }[] }
type Reply = { status: number; json: Record<string, unknown> & { errors?: { path: string; message: string }[]; results?: Result[] } }

async function post(body: unknown, language?: string): Promise<Reply> {
  const headers = new Headers({ 'content-type': 'application/json' })
  if (language) headers.set('accept-language', language)
  const response = await POST(new Request(URL_, { method: 'POST', headers, body: JSON.stringify(body) }))
  return { status: response.status, json: (await response.json()) as Reply['json'] }
}

const adult = { birthDate: '1961-04-12', careDate: '2025-03-10' }

afterAll(async () => {
  await closeSimulationPool()
})

describe('POST /api/v1/simulations: the acts people ask about', () => {
  it('a batch of 100 % santé items at their price limits (crown 500 €, hearing aid 950 €, frame 30 €): 0 € left on each, the mutuelle pays the rest', async () => {
    const reply = await post({
      lines: [
        { ...adult, id: 'crown', act: 'CRN100', feeCharged: 50_000 },
        { ...adult, id: 'ears', act: 'AUD1', quantity: 2, feeCharged: 95_000 },
        { ...adult, id: 'frame', act: 'MONTA', feeCharged: 3_000 },
      ],
    })
    expect(reply.status).toBe(200)
    const [crown, ears, frame] = reply.json.results!
    expect(crown).toMatchObject({ id: 'crown', base: 12_000, rate: 60, amoPaid: 7_200, complementary: 42_800, patient: 0 })
    expect(ears).toMatchObject({ id: 'ears', base: 80_000, amoPaid: 48_000, complementary: 142_000, patient: 0 })
    expect(frame).toMatchObject({ id: 'frame', base: 900, amoPaid: 540, complementary: 2_460, patient: 0 })
    const basket = crown!.steps.find((s) => s.code === 'complementary.basket')!
    expect(basket).toMatchObject({ rule: 'complementary.100-sante.cover' })
    expect(basket.text).toMatch(/100% Santé.*price limit of €500\.00/)
  })

  it('outside the basket: a free-price crown at 700 € leaves 580 € with a ticket-modérateur mutuelle; a class II hearing aid at 2 000 € leaves 300 € (1 700 € limit)', async () => {
    const reply = await post({
      lines: [
        { ...adult, act: 'CRNLIB', feeCharged: 70_000 },
        { ...adult, act: 'AUD2', feeCharged: 200_000, complementary: { overrunCoverPercent: 1000 } },
      ],
    })
    expect(reply.status).toBe(200)
    expect(reply.json.results![0]).toMatchObject({ amoPaid: 7_200, complementary: 4_800, patient: 58_000 })
    expect(reply.json.results![1]).toMatchObject({ amoPaid: 24_000, complementary: 146_000, patient: 30_000 })
    expect(reply.json.results![1]!.steps.map((s) => s.code)).toContain('complementary.cover-cap')
  })

  it('a 100 % santé crown billed above its limit: computed, the excess left and explained in French', async () => {
    const reply = await post({ ...adult, act: 'CRN100', feeCharged: 60_000 }, 'fr')
    expect(reply.status).toBe(200)
    expect(reply.json).toMatchObject({ complementary: 42_800, patient: 10_000 })
    const texts = (reply.json as Result).steps.map((s) => s.text).join(' ')
    expect(texts).toMatch(/dépasse le prix limite 100 % Santé/)
    expect(texts).not.toMatch(/RULEBOOK|SIMULATION-API/)
  })

  it('midwife consultation SF 26.50 € at 70 % without participation; chest X-ray ZBQK002 21.28 € with the 2 € participation; mammography QEQK001 66.42 €; abdominal ultrasound ZCQM008 54.02 €', async () => {
    const reply = await post({ lines: ['SF', 'ZBQK002', 'QEQK001', 'ZCQM008'].map((act) => ({ ...adult, act })) })
    expect(reply.status).toBe(200)
    const [sf, chest, mammo, echo] = reply.json.results!
    expect(sf).toMatchObject({ base: 2_650, rate: 70, participation: 0, amoPaid: 1_855, complementary: 795, patient: 0 })
    expect(chest).toMatchObject({ base: 2_128, rate: 70, participation: 200, amoPaid: 1_290, patient: 200 })
    expect(mammo).toMatchObject({ base: 6_642, amoPaid: 4_449 })
    expect(echo).toMatchObject({ base: 5_402, amoPaid: 3_581 })
  })

  it('refuses an act before it exists, field by field: a 100 % santé hearing aid in 2020, a midwife consultation in 2018 (400 on lines.N.act, the valid line still computed)', async () => {
    const reply = await post(
      {
        lines: [
          { ...adult, careDate: '2020-06-01', act: 'AUD1', feeCharged: 95_000 },
          { ...adult, careDate: '2018-06-01', act: 'SF' },
          { ...adult, act: 'MONTA', feeCharged: 3_000 },
        ],
      },
      'fr',
    )
    expect(reply.status).toBe(400)
    expect(reply.json.errors!.map((e) => e.path)).toEqual(['lines.0.act', 'lines.1.act'])
    expect(reply.json.errors![0]!.message).toMatch(/AUD1.*pas en vigueur/)
    expect(reply.json.results![2]).toMatchObject({ patient: 0 })
  })

  it('the OpenAPI document lists the new explanation steps and act codes', async () => {
    const doc = JSON.stringify(await (await openApiGet()).json())
    for (const code of ['complementary.basket', 'complementary.above-limit', 'complementary.cover-cap']) expect(doc).toContain(code)
    for (const act of ['CRN100', 'AUD1', 'MONTA', 'SF', 'ZBQK002']) expect(doc).toContain(act)
  })
})
