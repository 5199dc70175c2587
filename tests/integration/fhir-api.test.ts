import { describe, expect, it } from 'vitest'
import { getDb } from '@/lib/db/client'
import { addMonths, type CalendarDate } from '@/lib/domain/dates'
import { listPayments } from '@/lib/services/payments/list-payments'
import { revokeConsent } from '@/lib/services/oauth/revoke-consent'
import { listAppAccess } from '@/lib/services/oauth/list-app-access'
import { listFileAccess } from '@/lib/services/profile/my-data'
import { getRuleEngine } from '@/lib/services/simulation/rule-engine'
import { GET as fhirGet } from '@/app/fhir/[[...path]]/route'
import { DEMO_TODAY } from '../support/integration-global-setup'
import { validateFhir } from '../support/fhir-schema'
import { authorize, ORIGIN, registerApprovedApp } from '../support/oauth'
import { ctx, insuredActor } from '../support/procedures'

type TRes = { resourceType: string; id?: string; [k: string]: unknown }
type TBundle = TRes & { entry?: { resource: TRes }[]; link: { relation: string; url: string }[] }

/** Calls the FHIR route handler as an app would. */
async function fhir(path: string, token?: string): Promise<{ status: number; body: TRes; headers: Headers }> {
  const url = new URL(`${ORIGIN}/fhir/${path}`)
  const segments = url.pathname.slice('/fhir/'.length).split('/').filter(Boolean)
  const res = await fhirGet(new Request(url, { headers: token ? { authorization: `Bearer ${token}` } : {} }), { params: Promise.resolve({ path: segments }) })
  return { status: res.status, body: (await res.json()) as TRes, headers: res.headers }
}

const ALL = 'openid offline_access patient/Patient.rs patient/Coverage.rs patient/ExplanationOfBenefit.rs'

/** Issue 18 §4 and its rules: the FHIR API reads only what the consent covers, as valid FHIR R4, and audits it. */
describe('FHIR R4 API', async () => {
  const jonathan = await insuredActor('Jonathan Pierre')
  const mei = await insuredActor('Mei')
  const db = getDb()
  const household = await db.beneficiaryLink.findMany({ where: { insuredId: jonathan.insuredId }, select: { beneficiaryId: true }, orderBy: { rank: 'asc' } })
  expect(household.length).toBeGreaterThanOrEqual(2)
  const chosen = household[0]!.beneficiaryId
  const notChosen = household[1]!.beneficiaryId
  const meiClaim = await db.claim.findFirstOrThrow({ where: { insuredId: mei.insuredId }, select: { id: true } })
  const app = await registerApprovedApp()
  const full = await authorize(app.clientId, jonathan, [chosen], ALL)

  it('serves /fhir/metadata without a token, a valid CapabilityStatement in application/fhir+json', async () => {
    const r = await fhir('metadata')
    expect(r.status).toBe(200)
    expect(r.headers.get('content-type')).toContain('application/fhir+json')
    expect(validateFhir(r.body)).toEqual([])
  })

  it('Patient: the person and the beneficiary they chose, never the other one nor anyone else (404)', async () => {
    const r = await fhir('Patient', full.access_token)
    expect(r.status).toBe(200)
    expect(validateFhir(r.body)).toEqual([])
    const ids = (r.body as TBundle).entry!.map((e) => e.resource.id)
    expect(ids.sort()).toEqual([jonathan.insuredId, chosen].sort())
    expect((await fhir(`Patient/${jonathan.insuredId}`, full.access_token)).status).toBe(200)
    for (const other of [notChosen, mei.insuredId, 'nope']) {
      const x = await fhir(`Patient/${other}`, full.access_token)
      expect(x.status, other).toBe(404)
      expect(x.body.resourceType).toBe('OperationOutcome')
      expect(validateFhir(x.body)).toEqual([])
    }
    const narrowed = await fhir(`Patient?_id=${mei.insuredId}`, full.access_token)
    expect((narrowed.body as TBundle).entry).toEqual([])
  })

  it('Coverage: valid resources for the persons of the consent; another person\'s coverage is not found', async () => {
    const r = await fhir('Coverage', full.access_token)
    expect(validateFhir(r.body)).toEqual([])
    const entries = (r.body as TBundle).entry!.map((e) => e.resource)
    expect(entries.map((c) => c.id)).toContain(`amo-${jonathan.insuredId}`)
    expect(entries.map((c) => c.id)).toContain(`amo-${chosen}`)
    expect(entries.some((c) => String(c.id).endsWith(notChosen))).toBe(false)
    expect((await fhir(`Coverage/amo-${mei.insuredId}`, full.access_token)).status).toBe(404)
    expect((await fhir(`Coverage/amo-${notChosen}`, full.access_token)).status).toBe(404)
  })

  it('ExplanationOfBenefit: the last 27 months page by page (next links) with the amounts of Mes paiements; another person\'s claim is not found', async () => {
    const all = await authorize(app.clientId, jonathan, household.map((h) => h.beneficiaryId), ALL)
    const today = DEMO_TODAY as CalendarDate
    const from = addMonths(today, -27)
    let path: string | null = `ExplanationOfBenefit?service-date=ge${from}&service-date=le${today}&_count=40`
    const eobs: TRes[] = []
    let pages = 0
    while (path) {
      const r = await fhir(path, all.access_token)
      expect(r.status).toBe(200)
      expect(validateFhir(r.body)).toEqual([])
      const b = r.body as TBundle
      eobs.push(...(b.entry ?? []).map((e) => e.resource))
      const next = b.link.find((l) => l.relation === 'next')?.url
      path = next ? next.slice(`${ORIGIN}/fhir/`.length) : null
      pages++
    }
    expect(pages).toBeGreaterThan(1)
    expect(new Set(eobs.map((e) => e.id)).size).toBe(eobs.length)
    const cents = (v: number) => Math.round(v * 100)
    const sum = (code: string) =>
      eobs.reduce((s, e) => s + cents(((e.total as { category: { coding: { code: string }[] }; amount: { value: number } }[]).find((t) => t.category.coding[0]!.code === code)?.amount.value) ?? 0), 0)
    const lines = eobs.reduce((s, e) => s + (e.item as unknown[]).length, 0)
    const mine = await listPayments({ actor: jonathan, filters: {}, today, engine: await getRuleEngine(), locale: 'fr' })
    expect(lines).toBe(mine.totals.count)
    expect(sum('benefit')).toBe(mine.totals.amoPaid)
    expect(sum('complementary')).toBe(mine.totals.complementary)
    expect(sum('patient')).toBe(mine.totals.patient)
    expect(sum('submitted')).toBe(mine.totals.charged)
    expect(sum('participation') + sum('franchise')).toBe(mine.totals.deductions)

    const one = await fhir(`ExplanationOfBenefit/${eobs[0]!.id}`, all.access_token)
    expect(one.status).toBe(200)
    expect(validateFhir(one.body)).toEqual([])
    expect((await fhir(`ExplanationOfBenefit/${meiClaim.id}`, all.access_token)).status).toBe(404)
    const other = await fhir(`ExplanationOfBenefit?patient=Patient/${mei.insuredId}`, all.access_token)
    expect((other.body as TBundle).entry).toEqual([])
  })

  it('the beneficiary not chosen: their claims are left out of the search and not found by id', async () => {
    const claim = await db.claim.findFirst({ where: { insuredId: jonathan.insuredId, beneficiaryId: notChosen }, select: { id: true } })
    if (claim) expect((await fhir(`ExplanationOfBenefit/${claim.id}`, full.access_token)).status).toBe(404)
    const r = await fhir(`ExplanationOfBenefit?patient=${notChosen}`, full.access_token)
    expect((r.body as TBundle).entry).toEqual([])
  })

  it('no token, a wrong token or an expired one: 401 with WWW-Authenticate; a scope not granted: 403; an unknown type: 404', async () => {
    const none = await fhir('Patient')
    expect(none.status).toBe(401)
    expect(none.headers.get('www-authenticate')).toContain('Bearer realm="fhir"')
    const wrong = await fhir('Patient', 'not-a-token')
    expect(wrong.status).toBe(401)
    expect(wrong.headers.get('www-authenticate')).toContain('error="invalid_token"')
    expect(validateFhir(wrong.body)).toEqual([])
    const limited = await authorize(app.clientId, jonathan, [], 'openid patient/Patient.rs')
    const forbidden = await fhir('Coverage', limited.access_token)
    expect(forbidden.status).toBe(403)
    expect(forbidden.headers.get('www-authenticate')).toContain('error="insufficient_scope"')
    expect((await fhir('Observation', limited.access_token)).status).toBe(404)
    // Search parameters go through their schema: an impossible date, a bad prefix or a bad _count → 400 OperationOutcome.
    const full = await authorize(app.clientId, jonathan, [], ALL)
    for (const query of ['service-date=ge2025-02-30', 'service-date=after2025-01-01', '_count=0', '_count=2.5', '_lastUpdated=ge2026-01-01T25:00Z']) {
      const bad = await fhir(`ExplanationOfBenefit?${query}`, full.access_token)
      expect(bad.status, query).toBe(400)
      expect(bad.body).toMatchObject({ resourceType: 'OperationOutcome' })
      expect(validateFhir(bad.body)).toEqual([])
    }
    expect((await fhir('ExplanationOfBenefit?service-date=gt2025-02-28&service-date=lt2025-03-02', full.access_token)).status).toBe(200)
    await db.oidcPayload.updateMany({ where: { id: `AccessToken:${limited.access_token}` }, data: { expiresAt: new Date(Date.now() - 1000) } })
    expect((await fhir('Patient', limited.access_token)).status).toBe(401)
  })

  it('every read is in the file\'s audit trail with the app; revoking the consent stops the token at once', async () => {
    const t = await authorize(app.clientId, jonathan, [], ALL)
    const before = await db.auditEvent.count({ where: { insuredId: jonathan.insuredId, action: 'fhir.read' } })
    expect((await fhir('Patient', t.access_token)).status).toBe(200)
    expect((await fhir(`Patient/${jonathan.insuredId}`, t.access_token)).status).toBe(200)
    const events = await db.auditEvent.findMany({ where: { insuredId: jonathan.insuredId, action: 'fhir.read' }, orderBy: { at: 'desc' }, take: 2, select: { details: true, targetType: true } })
    expect(await db.auditEvent.count({ where: { insuredId: jonathan.insuredId, action: 'fhir.read' } })).toBe(before + 2)
    expect(JSON.parse(events[0]!.details)).toMatchObject({ clientId: app.clientId, app: 'Mon Suivi Santé', id: jonathan.insuredId })
    // Mes données: "who looked at my file" names the app; "apps with access" lists what it read.
    const seen = await listFileAccess(db, { actor: jonathan })
    expect(seen[0]).toMatchObject({ action: 'fhir.read', actorRole: 'app', actorName: 'Mon Suivi Santé' })
    const consent = await db.oAuthConsent.findFirstOrThrow({ where: { grantId: (await db.oidcPayload.findFirstOrThrow({ where: { id: `AccessToken:${t.access_token}` } })).grantId! } })
    await expect(revokeConsent({ actor: mei, consentId: consent.id, ctx })).rejects.toThrow('oauth.consent.notFound')
    await revokeConsent({ actor: jonathan, consentId: consent.id, ctx })
    expect((await fhir('Patient', t.access_token)).status).toBe(401)
    expect(await db.oidcPayload.count({ where: { grantId: consent.grantId } })).toBe(0)
    const apps = await listAppAccess(db, { actor: jonathan, now: new Date() })
    const listed = apps.find((a) => a.consentId === consent.id)!
    expect(listed).toMatchObject({ appName: 'Mon Suivi Santé', active: false })
    expect(listed.revokedAt).not.toBeNull()
    expect(listed.reads.map((r) => r.resourceType)).toEqual(['Patient', 'Patient'])
    expect(apps.some((a) => a.active)).toBe(true)
  })

  it('each app has its own rate limit: past it, 429 with Retry-After', async () => {
    const slow = await registerApprovedApp(undefined, 3)
    const t = await authorize(slow.clientId, jonathan, [], ALL)
    for (let i = 0; i < 3; i++) expect((await fhir('Patient', t.access_token)).status).toBe(200)
    const r = await fhir('Patient', t.access_token)
    expect(r.status).toBe(429)
    expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0)
    // Another app is not slowed down.
    expect((await fhir('Patient', full.access_token)).status).toBe(200)
  })
})
