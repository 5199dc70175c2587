import { describe, expect, it } from 'vitest'
import { homeExample } from '@/lib/services/simulation/home-example'
import { getRuleEngine } from '@/lib/services/simulation/rule-engine'

describe('the home page example is computed by the engine with the rules of the day (issue 17 §4: never stale)', () => {
  it('today (2026): G 30 €, 70 % = 21 €, minus the 2 € participation forfaitaire (since 15 May 2024) = 19 €; mutuelle 9 €', async () => {
    const example = homeExample({ engine: await getRuleEngine(), today: '2026-11-24' })
    expect(example).toMatchObject({ today: '2026-11-24', fee: 3000, rate: 70, amoGross: 2100, participation: 200, amoPaid: 1900, complementary: 900, patient: 200 })
    expect(example!.tariffFrom).toBe('2024-12-22')
    expect(example!.rulesFrom! >= '2024-12-22').toBe(true)
  })
  it('in January 2024 the same example gives the rules then: G 26.50 €, 1 € participation', async () => {
    const example = homeExample({ engine: await getRuleEngine(), today: '2024-01-15' })
    expect(example).toMatchObject({ fee: 2650, amoGross: 1855, participation: 100, amoPaid: 1755, complementary: 795 })
  })
})
