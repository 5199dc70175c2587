import { expect, test } from '@playwright/test'

/** The JSON API against the production server (SIMULATION-API.md): public, JSON in, JSON out. */
test.describe('POST /api/v1/simulations and GET /api/v1/openapi.json', () => {
  const example = { careDate: '2023-06-15', act: 'G', feeCharged: 2500, birthDate: '1990-01-01' }

  test('computes the worked example (25 € → 16.50 € + 7.50 € + 1 €) in English, without login', async ({ request }) => {
    const response = await request.post('/api/v1/simulations', { data: example, headers: { 'Accept-Language': 'en-GB,en;q=0.9' } })
    expect(response.status()).toBe(200)
    expect(response.headers()['content-type']).toMatch(/^application\/json/)
    expect(response.headers()['content-security-policy']).toContain("default-src 'none'")
    const body = await response.json()
    expect(body).toMatchObject({ base: 2500, rate: 70, amoGross: 1750, participation: 100, amoPaid: 1650, complementary: 750, patient: 100 })
    expect(body.steps.map((s: { text: string }) => s.text).join(' ')).toContain('The Assurance Maladie pays 70 %')
  })

  test('refuses an invalid line with a 400 naming the field, in French with Accept-Language: fr', async ({ request }) => {
    const response = await request.post('/api/v1/simulations', {
      data: { lines: [example, { ...example, careDate: '2023-02-30' }] },
      headers: { 'Accept-Language': 'fr-FR,fr;q=0.9' },
    })
    expect(response.status()).toBe(400)
    const body = await response.json()
    expect(body.errors).toEqual([{ path: 'lines.1.careDate', message: 'La date des soins doit être une vraie date du calendrier, écrite AAAA-MM-JJ (par exemple 2025-03-14).' }])
    expect(body.results[0]).toMatchObject({ amoPaid: 1650 })
    const get = await request.get('/api/v1/simulations', { headers: { 'Accept-Language': 'fr' } })
    expect(get.status()).toBe(405)
    expect(get.headers()['allow']).toBe('OPTIONS, POST')
  })

  test('serves the OpenAPI 3.1 document of the API', async ({ request }) => {
    const response = await request.get('/api/v1/openapi.json')
    expect(response.status()).toBe(200)
    const doc = await response.json()
    expect(doc.openapi).toBe('3.1.0')
    expect(doc.paths['/api/v1/simulations'].post.requestBody.content['application/json'].schema).toBeDefined()
    expect(Object.keys(doc.components.schemas.SimulationLine.properties)).toEqual(expect.arrayContaining(['careDate', 'act', 'feeCharged', 'birthDate']))
  })
})
