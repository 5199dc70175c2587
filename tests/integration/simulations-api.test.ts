import { afterAll, afterEach, describe, expect, it, vi } from 'vitest'
import { GET as openApiGet } from '@/app/api/v1/openapi.json/route'
import { GET, OPTIONS, POST } from '@/app/api/v1/simulations/route'
import { PATHWAYS, REGIMES, SECTORS, SITUATIONS } from '@/lib/domain/reimbursement/types'
import { apiLocale, configureSimulationApiLimiter, linesPerMinuteFromEnv, MAX_BODY_BYTES, requestCost } from '@/lib/services/simulation/simulate-api'
import { closeSimulationPool } from '@/lib/services/simulation/simulate-pool'

/**
 * POST /api/v1/simulations and GET /api/v1/openapi.json (issue 3 part 4), called as Next calls the route handlers,
 * against the rules of a freshly seeded database (SQLite, and PostgreSQL with TEST_DATABASE=postgres).
 */

const URL_ = 'http://localhost/api/v1/simulations'
/** SIMULATION-API.md "Worked example (from the seed documents)". */
const example = { careDate: '2023-06-15', act: 'G', feeCharged: 2500, birthDate: '1990-01-01' }

type Reply = { status: number; headers: Headers; json: Record<string, unknown> & { errors?: { path: string; message: string }[]; results?: Record<string, unknown>[] } }

async function call(response: Response): Promise<Reply> {
  expect(response.headers.get('content-type')).toMatch(/^application\/json/)
  return { status: response.status, headers: response.headers, json: (await response.json()) as Reply['json'] }
}

async function post(body: unknown, options: { language?: string; ip?: string; raw?: boolean } = {}): Promise<Reply> {
  const headers = new Headers({ 'content-type': 'application/json' })
  if (options.language) headers.set('accept-language', options.language)
  if (options.ip) headers.set('x-forwarded-for', options.ip)
  const text = options.raw ? (body as string) : JSON.stringify(body)
  return call(await POST(new Request(URL_, { method: 'POST', headers, body: text })))
}

const paths = (reply: Reply) => (reply.json.errors ?? []).map((e) => e.path)

afterAll(async () => {
  await closeSimulationPool()
})

afterEach(() => {
  configureSimulationApiLimiter()
  vi.restoreAllMocks()
})

describe('POST /api/v1/simulations: results (SIMULATION-API.md)', () => {
  it('computes the worked example exactly: 25 € consultation G in 2023 → AMO 16.50 €, mutuelle 7.50 €, patient 1 €', async () => {
    const reply = await post(example)
    expect(reply.status).toBe(200)
    expect(reply.json).toMatchObject({ base: 2500, rate: 70, amoGross: 1750, localRegime: 0, participation: 100, franchise: 0, carriedForward: 0, amoPaid: 1650, complementary: 750, patient: 100 })
    const steps = reply.json.steps as { code: string; amount: number; source: string; text: string }[]
    expect(steps.length).toBeGreaterThan(3)
    for (const step of steps) {
      expect(step.source).toBeTruthy()
      expect(step.text).toMatch(/\S/)
    }
    expect(steps.find((s) => s.code === 'participation')).toMatchObject({ amount: -100 })
    expect(steps.map((s) => s.text).join(' ')).toMatch(/Assurance Maladie pays 70 %/)
    expect(reply.headers.get('cache-control')).toBe('no-store')
  })

  it('a batch of 3 lines: { results } in the same order, ids echoed', async () => {
    const reply = await post({
      lines: [
        { ...example, id: 'a' },
        { ...example, id: 'b', act: 'TCG', feeCharged: 3000 },
        { ...example, id: 'c', regime: 'alsace-moselle' },
      ],
    })
    expect(reply.status).toBe(200)
    const results = reply.json.results!
    expect(results.map((r) => r.id)).toEqual(['a', 'b', 'c'])
    expect(results[0]).toMatchObject({ amoPaid: 1650 })
    expect(results[1]).toMatchObject({ base: 2500, patient: 3000 - (results[1]!.amoPaid as number) - (results[1]!.complementary as number) })
    expect(results[2]!.localRegime).toBeGreaterThan(0)
  })

  it('accepts { lines } of 1 000 lines and refuses 1 001 (400 on "lines")', async () => {
    const lines = Array.from({ length: 1000 }, (_, i) => ({ ...example, id: `l${i}` }))
    const ok = await post({ lines })
    expect(ok.status).toBe(200)
    expect(ok.json.results).toHaveLength(1000)
    expect(ok.json.results![999]).toMatchObject({ id: 'l999', base: 2500 })

    const tooMany = await post({ lines: [...lines, example] })
    expect(tooMany.status).toBe(400)
    expect(tooMany.json.errors).toEqual([{ path: 'lines', message: 'A request may contain at most 1,000 lines.' }])
  })
})

describe('POST /api/v1/simulations: 400 naming each invalid field', () => {
  const cases: { name: string; line: Record<string, unknown>; path: string; message: RegExp }[] = [
    { name: 'careDate impossible (2023-02-30)', line: { ...example, careDate: '2023-02-30' }, path: 'careDate', message: /date of care must be a real calendar date/ },
    { name: 'careDate in another format', line: { ...example, careDate: '15/06/2023' }, path: 'careDate', message: /YYYY-MM-DD/ },
    { name: 'careDate missing', line: { act: 'G', feeCharged: 2500, birthDate: '1990-01-01' }, path: 'careDate', message: /careDate\) is required/ },
    { name: 'birthDate after careDate', line: { ...example, birthDate: '2024-01-01' }, path: 'birthDate', message: /birth date cannot be after the date of care/ },
    { name: 'birthDate impossible', line: { ...example, birthDate: '1990-13-01' }, path: 'birthDate', message: /birth date must be a real calendar date/ },
    { name: 'birthDate missing', line: { careDate: '2023-06-15', act: 'G' }, path: 'birthDate', message: /birthDate\) is required/ },
    { name: 'act unknown, with the list of codes', line: { ...example, act: 'XYZ' }, path: 'act', message: /Unknown act code "XYZ"\. Known codes: .*\bG\b.*\bTCG\b/ },
    { name: 'act missing', line: { careDate: '2023-06-15', birthDate: '1990-01-01' }, path: 'act', message: /act code \(act\) is required/ },
    { name: 'act not in force that day (TCG in 2015)', line: { ...example, act: 'TCG', careDate: '2015-06-15' }, path: 'act', message: /The act TCG is not in force on 2015-06-15/ },
    { name: 'quantity 0', line: { ...example, quantity: 0 }, path: 'quantity', message: /quantity must be a whole number from 1/ },
    { name: 'quantity not a number', line: { ...example, quantity: '2' }, path: 'quantity', message: /quantity must be a whole number/ },
    { name: 'feeCharged negative', line: { ...example, feeCharged: -1 }, path: 'feeCharged', message: /fee charged cannot be negative/ },
    { name: 'feeCharged not a whole number of cents', line: { ...example, feeCharged: 25.5 }, path: 'feeCharged', message: /whole number of cents/ },
    { name: 'sector "4"', line: { ...example, sector: '4' }, path: 'sector', message: /sector must be one of/ },
    { name: 'regime "x"', line: { ...example, regime: 'x' }, path: 'regime', message: /regime must be one of/ },
    { name: 'pathway "x"', line: { ...example, pathway: 'x' }, path: 'pathway', message: /care pathway must be one of/ },
    { name: 'situations ["x"]', line: { ...example, situations: ['x'] }, path: 'situations.0', message: /Situations must be a list of/ },
    { name: 'situations not a list', line: { ...example, situations: 'ald' }, path: 'situations', message: /Situations must be a list of/ },
    { name: 'situations listed twice', line: { ...example, situations: ['ald', 'ald'] }, path: 'situations', message: /listed twice/ },
    { name: 'complementary { overrunCoverPercent: -1 }', line: { ...example, complementary: { overrunCoverPercent: -1 } }, path: 'complementary.overrunCoverPercent', message: /complementary must be "none"/ },
    { name: 'complementary "x"', line: { ...example, complementary: 'x' }, path: 'complementary', message: /complementary must be "none"/ },
    { name: 'alreadyPaidThisYear negative', line: { ...example, alreadyPaidThisYear: { participation: -1, franchises: 0 } }, path: 'alreadyPaidThisYear.participation', message: /cannot be negative/ },
    { name: 'alreadyPaidThisYear not an object', line: { ...example, alreadyPaidThisYear: 100 }, path: 'alreadyPaidThisYear', message: /alreadyPaidThisYear must be \{"participation": cents/ },
    { name: 'id empty', line: { ...example, id: '' }, path: 'id', message: /"id" must be a text/ },
    { name: 'beneficiaryId not a text', line: { ...example, beneficiaryId: 12 }, path: 'beneficiaryId', message: /"beneficiaryId" must be a text/ },
    { name: 'professionalId empty', line: { ...example, professionalId: '' }, path: 'professionalId', message: /"professionalId" must be a text/ },
    { name: 'an unknown field', line: { ...example, fee: 2500 }, path: 'fee', message: /Unknown field "fee"/ },
  ]

  it.each(cases)('$name → 400 on "$path"', async ({ line, path, message }) => {
    const reply = await post(line)
    expect(reply.status).toBe(400)
    expect(paths(reply)).toEqual([path])
    expect(reply.json.errors![0]!.message).toMatch(message)
    expect(reply.json).not.toHaveProperty('base')
  })

  it('reports every invalid field of a line, one error each', async () => {
    const reply = await post({ careDate: '2023-02-30', act: 'G', quantity: 0, sector: '4', birthDate: '1990-01-01' })
    expect(reply.status).toBe(400)
    expect(paths(reply).sort()).toEqual(['careDate', 'quantity', 'sector'])
  })

  it('a batch whose line 1 is invalid: 400 with errors on lines.1.*, the other lines still computed, in order', async () => {
    const reply = await post({
      lines: [
        { ...example, id: 'a' },
        { ...example, id: 'b', feeCharged: -5, sector: '4' },
        { ...example, id: 'c', act: 'TCG', careDate: '2015-06-15' },
        { ...example, id: 'd' },
      ],
    })
    expect(reply.status).toBe(400)
    expect(paths(reply)).toEqual(['lines.1.feeCharged', 'lines.1.sector', 'lines.2.act'])
    const results = reply.json.results!
    expect(results).toHaveLength(4)
    expect(results[0]).toMatchObject({ id: 'a', amoPaid: 1650, complementary: 750, patient: 100 })
    expect(results[1]).toEqual({ id: 'b', errors: [expect.objectContaining({ path: 'lines.1.feeCharged' }), expect.objectContaining({ path: 'lines.1.sector' })] })
    expect(results[2]).toEqual({ id: 'c', errors: [expect.objectContaining({ path: 'lines.2.act', message: expect.stringMatching(/not in force/) })] })
    expect(results[3]).toMatchObject({ id: 'd', amoPaid: 1650 })
  })

  it('{ lines } must be a non-empty array, without other fields', async () => {
    expect(paths(await post({ lines: [] }))).toEqual(['lines'])
    expect(paths(await post({ lines: 'x' }))).toEqual(['lines'])
    expect(paths(await post({ lines: [example], extra: 1 }))).toEqual(['extra'])
    const notObject = await post({ lines: [42] })
    expect(notObject.status).toBe(400)
    expect(paths(notObject)).toEqual(['lines.0'])
  })
})

describe('POST /api/v1/simulations: language', () => {
  it('answers in English by default, and for a language it does not speak', async () => {
    for (const language of [undefined, 'de-DE,de;q=0.9', 'en-GB', '*']) {
      const reply = await post({ ...example, careDate: '2023-02-30' }, { language })
      expect(reply.json.errors).toEqual([{ path: 'careDate', message: 'The date of care must be a real calendar date written YYYY-MM-DD (for example 2025-03-14).' }])
    }
  })

  it('answers in French with Accept-Language: fr (errors and explanations)', async () => {
    const invalid = await post({ ...example, careDate: '2023-02-30', act: 'XYZ' }, { language: 'fr-FR,fr;q=0.9,en;q=0.8' })
    expect(invalid.status).toBe(400)
    expect(invalid.json.errors).toEqual([
      { path: 'careDate', message: 'La date des soins doit être une vraie date du calendrier, écrite AAAA-MM-JJ (par exemple 2025-03-14).' },
    ])
    const notInForce = await post({ ...example, act: 'TCG', careDate: '2015-06-15' }, { language: 'fr' })
    expect(notInForce.json.errors).toEqual([{ path: 'act', message: "L'acte TCG n'est pas en vigueur le 2015-06-15 : aucun tarif ce jour-là." }])
    const ok = await post(example, { language: 'fr' })
    expect(ok.status).toBe(200)
    expect((ok.json.steps as { text: string }[]).map((s) => s.text).join(' ')).toMatch(/Assurance Maladie/)
    expect((ok.json.steps as { text: string }[]).map((s) => s.text).join(' ')).not.toMatch(/ pays /)
  })

  it('picks the preferred supported language by weight; q=0 means not acceptable', () => {
    expect(apiLocale(null)).toBe('en')
    expect(apiLocale('fr')).toBe('fr')
    expect(apiLocale('fr-CA')).toBe('fr')
    expect(apiLocale('en-US,fr;q=0.5')).toBe('en')
    expect(apiLocale('en;q=0.4, fr;q=0.8')).toBe('fr')
    expect(apiLocale('de, fr;q=0.7')).toBe('fr')
    expect(apiLocale('fr;q=0')).toBe('en')
    expect(apiLocale('it')).toBe('en')
  })
})

describe('POST /api/v1/simulations: bodies that are not a line', () => {
  it('malformed JSON → 400 with a clear message, in English or French', async () => {
    const en = await post('{"careDate": "2023-06-15",', { raw: true })
    expect(en.status).toBe(400)
    expect(en.json.errors).toEqual([{ path: '', message: expect.stringMatching(/not valid JSON/) }])
    const fr = await post('{careDate: 1}', { raw: true, language: 'fr' })
    expect(fr.json.errors).toEqual([{ path: '', message: expect.stringMatching(/n'est pas un JSON valide/) }])
    expect((await post('', { raw: true })).status).toBe(400)
    expect((await post('\uFEFF' + JSON.stringify(example), { raw: true })).status).toBe(200)
  })

  it('a body that is not an object (array, string, number, null) → 400 on the whole body', async () => {
    for (const body of [[example], 'G', 42, null, true]) {
      const reply = await post(body)
      expect(reply.status).toBe(400)
      expect(reply.json.errors).toEqual([{ path: '', message: 'The request body must be a JSON object: one line, or {"lines": [ … ]}.' }])
    }
  })

  it('a body over 2 MB → 413 with a JSON error, without reading it all', async () => {
    const big = JSON.stringify({ ...example, id: 'x'.repeat(MAX_BODY_BYTES) })
    const reply = await post(big, { raw: true })
    expect(reply.status).toBe(413)
    expect(reply.json.errors).toEqual([{ path: '', message: 'The request body is too large (at most 2 MB). Send at most 1,000 lines per request.' }])
  })

  it('other methods → 405 with the Allow header; OPTIONS lists POST only', async () => {
    const reply = await call(await GET(new Request(URL_)))
    expect(reply.status).toBe(405)
    expect(reply.headers.get('allow')).toBe('OPTIONS, POST')
    expect(reply.json.errors).toHaveLength(1)
    const options = OPTIONS()
    expect(options.status).toBe(204)
    expect(options.headers.get('allow')).toBe('OPTIONS, POST')
  })

  it('an unexpected failure → 500 with a generic message, logged, no stack or cause sent', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.error(new Error('socket exploded at /srv/secret/path.ts:12'))
      },
    })
    const request = new Request(URL_, { method: 'POST', body, headers: { 'content-type': 'application/json' }, duplex: 'half' } as RequestInit)
    const reply = await call(await POST(request))
    expect(reply.status).toBe(500)
    expect(reply.json).toEqual({ errors: [{ path: '', message: 'Something unexpected went wrong. Please try again later.' }] })
    expect(JSON.stringify(reply.json)).not.toMatch(/exploded|secret|at /)
    expect(log).toHaveBeenCalledOnce()
  })
})

describe('POST /api/v1/simulations: limit by cost, lines per minute per address (issue 13 item 7)', () => {
  const batch = (n: number) => ({ lines: Array.from({ length: n }, (_, i) => ({ ...example, id: `l${i}` })) })

  it('attack "flood 1 000-line batches at 120 requests/min": 2 000 lines a minute are computed, the next line gets 429 with Retry-After, in the client\'s language', async () => {
    configureSimulationApiLimiter({ points: 2000, durationSeconds: 60 })
    const first = await post(batch(1000), { ip: '203.0.113.5' })
    expect(first.status).toBe(200)
    expect(first.json.results).toHaveLength(1000)
    expect(first.json.results![999]).toMatchObject({ id: 'l999', amoPaid: 1650 })
    expect((await post(batch(1000), { ip: '203.0.113.5' })).status).toBe(200)
    const third = await post(batch(1000), { ip: '203.0.113.5' })
    expect(third.status).toBe(429)
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(Number(third.headers.get('retry-after'))).toBeLessThanOrEqual(60)
    // Exhausted: even a single line is refused now, in French for a French client.
    const single = await post(example, { ip: '203.0.113.5', language: 'fr' })
    expect(single.status).toBe(429)
    expect(single.json.errors![0]!.message).toMatch(/^Trop de requêtes/)
    // Another address still has its 2 000 lines.
    expect((await post(batch(5), { ip: '198.51.100.77' })).status).toBe(200)
  })

  it('a batch costs its lines: 25 lines with 30 points left pass, 10 more do not', async () => {
    configureSimulationApiLimiter({ points: 30, durationSeconds: 60 })
    expect((await post(batch(25), { ip: '203.0.113.6' })).status).toBe(200)
    expect((await post(batch(10), { ip: '203.0.113.6' })).status).toBe(429)
  })

  it('the cost of a body: its lines (capped at the 1 000 a request may hold), 1 for a single line or anything else; default 2 000 lines/min, env-overridable', () => {
    expect(requestCost(batch(7))).toBe(7)
    expect(requestCost({ lines: new Array(5000).fill(example) })).toBe(1000)
    expect(requestCost(example)).toBe(1)
    expect(requestCost({ lines: [] })).toBe(1)
    expect(requestCost('x')).toBe(1)
    expect(linesPerMinuteFromEnv(undefined)).toBe(2000)
    expect(linesPerMinuteFromEnv('500')).toBe(500)
    expect(linesPerMinuteFromEnv('-3')).toBe(2000)
  })
})

describe('POST /api/v1/simulations: only application/json (issue 13 item 7)', () => {
  it('attack "form-encoded or text bodies (cross-site simple requests)": 415 with a translated message; application/json; charset=utf-8 is accepted', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonx']) {
      const reply = await call(await POST(new Request(URL_, { method: 'POST', headers: { 'content-type': type }, body: JSON.stringify(example) })))
      expect(reply.status, type).toBe(415)
      expect(reply.json.errors).toEqual([{ path: '', message: 'This address only accepts a JSON body: send it with the header Content-Type: application/json.' }])
    }
    const none = await call(await POST(new Request(URL_, { method: 'POST', body: new Uint8Array(Buffer.from(JSON.stringify(example))), headers: { 'accept-language': 'fr' } })))
    expect(none.status).toBe(415)
    expect(none.json.errors![0]!.message).toMatch(/^Cette adresse n’accepte qu’un corps JSON/)
    const ok = await call(await POST(new Request(URL_, { method: 'POST', headers: { 'content-type': 'Application/JSON; charset=utf-8' }, body: JSON.stringify(example) })))
    expect(ok.status).toBe(200)
  })
})

describe('POST /api/v1/simulations: rate limit per address', () => {
  it('→ 429 with Retry-After once an address has used its requests; other addresses are not affected', async () => {
    configureSimulationApiLimiter({ points: 3, durationSeconds: 60 })
    for (let i = 0; i < 3; i++) expect((await post(example, { ip: '192.0.2.7' })).status).toBe(200)
    const limited = await post(example, { ip: '192.0.2.7' })
    expect(limited.status).toBe(429)
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(limited.json.errors).toEqual([{ path: '', message: expect.stringMatching(/^Too many requests from your address\. Try again in \d+ seconds\.$/) }])
    const fr = await post(example, { ip: '192.0.2.7', language: 'fr' })
    expect(fr.status).toBe(429)
    expect(fr.json.errors![0]!.message).toMatch(/^Trop de requêtes/)
    expect((await post(example, { ip: '198.51.100.9' })).status).toBe(200)
  })
})

describe('GET /api/v1/openapi.json', () => {
  type Schema = { $ref?: string; type?: string | string[]; properties?: Record<string, Schema>; required?: string[]; enum?: unknown[]; items?: Schema; anyOf?: Schema[]; oneOf?: Schema[]; maxItems?: number; additionalProperties?: unknown; default?: unknown }

  it('is an OpenAPI 3.1 document generated from the zod schemas: both request shapes, the result, the errors', async () => {
    const response = await openApiGet()
    expect(response.status).toBe(200)
    const doc = (await response.json()) as { openapi: string; paths: Record<string, Record<string, { requestBody: { content: Record<string, { schema: Schema }> }; responses: Record<string, { content?: Record<string, { schema: Schema }> }> }>>; components: { schemas: Record<string, Schema> } }
    expect(doc.openapi).toBe('3.1.0')
    const deref = (s: Schema): Schema => (s.$ref ? deref(doc.components.schemas[s.$ref.replace('#/components/schemas/', '')]!) : s)
    const post = doc.paths['/api/v1/simulations']!.post!
    const alternatives = (deref(post.requestBody.content['application/json']!.schema).anyOf ?? deref(post.requestBody.content['application/json']!.schema).oneOf)!.map(deref)
    const line = alternatives.find((s) => s.properties?.careDate)!
    const batch = alternatives.find((s) => s.properties?.lines)!

    expect(Object.keys(line.properties!)).toEqual(expect.arrayContaining(['id', 'careDate', 'act', 'quantity', 'feeCharged', 'sector', 'regime', 'birthDate', 'pathway', 'situations', 'alreadyPaidThisYear', 'complementary', 'beneficiaryId', 'professionalId']))
    expect(line.required!.sort()).toEqual(['act', 'birthDate', 'careDate'])
    expect(line.additionalProperties).toBe(false)
    expect(line.properties!.sector!.enum).toEqual([...SECTORS])
    expect(line.properties!.sector!.default).toBe('1')
    expect(line.properties!.regime!.enum).toEqual([...REGIMES])
    expect(line.properties!.pathway!.enum).toEqual([...PATHWAYS])
    expect(deref(line.properties!.situations!.items!).enum).toEqual([...SITUATIONS])
    expect(line.properties!.feeCharged!.type).toBe('integer')
    expect(deref(batch.properties!.lines!.items!)).toEqual(line)
    expect(batch.properties!.lines!.maxItems).toBe(1000)

    expect(Object.keys(post.responses).sort()).toEqual(['200', '400', '405', '413', '415', '429', '500'])
    const result = doc.components.schemas.SimulationResult!
    expect(result.properties).toEqual(expect.objectContaining({ base: expect.anything(), amoPaid: expect.anything(), patient: expect.anything(), steps: expect.anything() }))
    const error = deref(post.responses['400']!.content!['application/json']!.schema)
    expect(deref(error.properties!.errors!.items!).required!.sort()).toEqual(['message', 'path'])
    expect(doc.paths['/api/v1/openapi.json']).toBeDefined()
  })

  it("the document's example line is accepted by the API as it stands (the worked example)", async () => {
    const doc = (await (await openApiGet()).json()) as { components: { schemas: Record<string, { example?: unknown }> } }
    const reply = await post(doc.components.schemas.SimulationLine!.example)
    expect(reply.status).toBe(200)
    expect(reply.json).toMatchObject({ amoPaid: 1650, complementary: 750, patient: 100 })
  })
})

describe('GET /api/v1/openapi.json: the daily-allowance and CSS contracts (issue 16 item 4)', () => {
  it('documents POST /api/v1/daily-allowances and /api/v1/css-eligibility with their request fields and results', async () => {
    type S = { $ref?: string; properties?: Record<string, unknown>; required?: string[]; anyOf?: S[]; oneOf?: S[] }
    const doc = (await (await openApiGet()).json()) as { paths: Record<string, { post?: { requestBody: { content: Record<string, { schema: S }> }; responses: Record<string, unknown> } }>; components: { schemas: Record<string, S> } }
    const deref = (s: S): S => (s.$ref ? deref(doc.components.schemas[s.$ref.replace('#/components/schemas/', '')]!) : s)
    for (const [path, fields, required] of [
      ['/api/v1/daily-allowances', ['id', 'kind', 'startDate', 'endDate', 'salaries', 'initial'], ['endDate', 'kind', 'salaries', 'startDate']],
      ['/api/v1/css-eligibility', ['id', 'date', 'members', 'yearlyIncome', 'alsaceMoselle', 'overseas'], ['date', 'members', 'yearlyIncome']],
    ] as const) {
      const post = doc.paths[path]!.post!
      const body = deref(post.requestBody.content['application/json']!.schema)
      const one = (body.anyOf ?? body.oneOf)!.map(deref).find((s) => !s.properties?.requests)!
      expect(Object.keys(one.properties!)).toEqual([...fields])
      expect([...one.required!].sort()).toEqual([...required])
      expect(Object.keys(post.responses)).toEqual(expect.arrayContaining(['200', '400', '405', '413', '429', '500']))
    }
    expect(doc.components.schemas.DailyAllowanceResult!.properties).toHaveProperty('dailyGrossFrom29')
    expect(doc.components.schemas.CssEligibilityResult!.properties).toHaveProperty('monthlyParticipation')
  })
})
