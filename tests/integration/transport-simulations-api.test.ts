/**
 * Ambulance / VSL / taxi conventionné in the public simulation API (issue 16 §5; RULEBOOK "Beyond the act table",
 * §4, Corrections C8): POST /api/v1/simulations as Next calls it, against the rules of a freshly seeded database.
 */
import { afterAll, describe, expect, it } from 'vitest'
import { POST } from '@/app/api/v1/simulations/route'
import { closeSimulationPool } from '@/lib/services/simulation/simulate-pool'

type Step = { code: string; amount: number; text: string; url?: string; source?: string }
type Json = Record<string, unknown> & { errors?: { path: string; message: string }[]; results?: (Record<string, unknown> & { steps: Step[] })[]; steps?: Step[] }

async function post(body: unknown, language = 'fr'): Promise<{ status: number; json: Json }> {
  const response = await POST(new Request('http://localhost/api/v1/simulations', { method: 'POST', headers: { 'content-type': 'application/json', 'accept-language': language }, body: JSON.stringify(body) }))
  return { status: response.status, json: (await response.json()) as Json }
}

afterAll(async () => {
  await closeSimulationPool()
})

describe('POST /api/v1/simulations: ambulance, VSL, taxi conventionné, tolls, parking', () => {
  const trip = { careDate: '2025-09-18', birthDate: '1962-04-01', beneficiaryId: 'p1', complementary: 'none' }

  it('transport franchise 4 € per trip since 31/03/2024, capped 8 €/day: ambulance out, ambulance back, taxi the same day → 4 + 4 + 0 €; explained in French with its source', async () => {
    const reply = await post({
      lines: [
        { ...trip, id: 'out', act: 'AMB', feeCharged: 11000 },
        { ...trip, id: 'back', act: 'AMB', feeCharged: 11000 },
        { ...trip, id: 'taxi', act: 'TAXI', feeCharged: 4000 },
      ],
    })
    expect(reply.status).toBe(200)
    const results = reply.json.results!
    expect(results.map((r) => [r.id, r.base, r.rate, r.amoGross, r.franchise, r.amoPaid])).toEqual([
      ['out', 11000, 55, 6050, 400, 5650],
      ['back', 11000, 55, 6050, 400, 5650],
      ['taxi', 4000, 55, 2200, 0, 2200],
    ])
    const franchise = results[0]!.steps.find((s) => s.code === 'franchise')!
    expect(franchise.text).toMatch(/transport/)
    expect(franchise).toMatchObject({ rule: 'franchise.transport.amount', from: '2024-03-31', source: expect.stringMatching(/décret n° 2024-114/) })
    expect(results[2]!.steps.find((s) => s.code === 'franchise.capped')!.text).toMatch(/journalier/)
  })

  it('before 31/03/2024: 2 € per trip, 4 €/day; tolls and parking take no franchise', async () => {
    const reply = await post({
      lines: [
        { ...trip, careDate: '2024-03-30', act: 'VSL', feeCharged: 5000, quantity: 3 },
        { ...trip, careDate: '2024-03-30', act: 'TOLL', feeCharged: 900 },
        { ...trip, careDate: '2024-03-30', act: 'PARK', feeCharged: 400 },
      ],
    })
    expect(reply.json.results!.map((r) => [r.franchise, r.amoPaid])).toEqual([
      [400, 8250 - 400],
      [0, 495],
      [0, 220],
    ])
  })

  it('a taxi without the invoiced amount → 400 on feeCharged; a minor pays no franchise (explained)', async () => {
    const missing = await post({ careDate: '2025-09-18', act: 'TAXI', birthDate: '1962-04-01' }, 'en')
    expect(missing.status).toBe(400)
    expect(missing.json.errors!.map((e) => e.path)).toEqual(['feeCharged'])
    const child = await post({ careDate: '2025-09-18', act: 'TAXI', feeCharged: 3000, birthDate: '2012-03-14' }, 'en')
    expect(child.json).toMatchObject({ franchise: 0, amoPaid: 1650 })
    expect(child.json.steps!.find((s) => s.code === 'franchise.exempt')!.text).toMatch(/18/)
  })
})
