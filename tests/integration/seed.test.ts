import { describe, expect, it } from 'vitest'
import { getDb } from '@/lib/db/client'
import { parseNir } from '@/lib/domain/nir'
import { validateIban } from '@/lib/domain/iban'
import { seedVolume, GENERATED_BIRTH_PLACE } from '@/prisma/seed/seed-volume'

/** The demo world the issue asks for (issue 2 §3), as stored in the database by `npm run db:seed`. */
describe('demo data', () => {
  const person = async (birthName: string) =>
    getDb().insured.findFirstOrThrow({
      where: { birthName },
      include: { organisation: true, coverages: true, beneficiaries: { include: { beneficiary: true } }, user: true, doctor: true, cards: true, procedures: true },
    })

  it('every NIR has a valid key (RULEBOOK §8) and every IBAN a valid checksum', async () => {
    const all = await getDb().insured.findMany({ select: { nir: true, nirKey: true, nirKind: true, iban: true } })
    expect(all.length).toBeGreaterThanOrEqual(9)
    for (const i of all) {
      const parsed = parseNir(`${i.nir}${i.nirKey}`)
      expect(parsed.ok, i.nir).toBe(true)
      expect(parsed.ok && parsed.kind).toBe(i.nirKind)
      if (i.iban) expect(validateIban(i.iban).ok, i.iban).toBe(true)
    }
    for (const b of await getDb().beneficiary.findMany({ where: { ownNir: { not: null } } })) {
      expect(parseNir(`${b.ownNir}${b.ownNirKey}`).ok).toBe(true)
    }
  })

  it('an employee in Paris with a médecin traitant, a mutuelle and two children', async () => {
    const p = await person('Martin')
    expect(p.organisation.code).toBe('751')
    expect(p.doctor?.specialty).toBe('general-practitioner')
    expect(p.amcCode).toMatch(/^\d{8}$/)
    expect(p.beneficiaries.map((l) => l.beneficiary.firstNames).sort()).toEqual(['Hugo', 'Léa'])
    expect(p.user).not.toBeNull()
  })

  it('an American spouse with a temporary number (8…) whose affiliation is in progress, without an account', async () => {
    const p = await person('Carter')
    expect(p.nir.startsWith('8')).toBe(true)
    expect(p.nirKind).toBe('temporary')
    expect(p.affiliationStatus).toBe('in-progress')
    expect(p.nationality).toBe('US')
    expect(p.user).toBeNull()
    // …and a change of bank details waiting in the work queue (seed-queue.ts, issue 17 §7).
    expect(p.procedures.map((x) => [x.type, x.status]).sort()).toEqual([['affiliation', 'approved'], ['bank-change', 'in-review']])
  })

  it('affiliation requests for the Paris advisors (issue 7 §4): Emily’s approved with her documents, a new student request without a file', async () => {
    const requests = await getDb().procedure.findMany({ where: { type: 'affiliation' }, orderBy: { submittedAt: 'asc' }, include: { uploads: { select: { kind: true, insuredId: true } }, organisation: { select: { code: true } } } })
    expect(requests.map((r) => [r.reference, r.status, r.organisation.code, r.insuredId === null])).toEqual([
      ['AFF-2026-000311', 'approved', '751', false],
      ['AFF-2026-000412', 'submitted', '751', true],
    ])
    expect(requests[0]!.uploads).toHaveLength(8)
    expect(JSON.parse(requests[1]!.payload)).toMatchObject({ situation: 'student', firstNames: 'Lucas Gabriel', birthCountry: 'BR' })
  })

  it('a student in Lyon, Alsace-Moselle in Strasbourg, ALD, MSA farmer, CSS, pregnancy', async () => {
    expect((await person('Chen')).organisation.code).toBe('691')
    const claire = await person('Muller')
    expect([claire.regime, claire.organisation.code]).toEqual(['alsace-moselle', '671'])
    expect((await person('Lefèvre')).coverages.map((c) => c.kind)).toEqual(['ald'])
    const pierre = await person('Girard')
    expect([pierre.regime, pierre.organisation.kind, pierre.managementCode]).toEqual(['agricultural', 'msa', '02'])
    expect((await person('Benali')).coverages.map((c) => c.kind)).toEqual(['css'])
    expect((await person('Durand')).coverages.map((c) => c.kind)).toEqual(['maternity'])
  })

  it('advisors at CPAM Paris, Rhône, Côte-d’Or and Bas-Rhin, two supervisors (four eyes on tariffs), offices with opening hours', async () => {
    for (const code of ['751', '691', '211', '671']) {
      const org = await getDb().organisation.findUniqueOrThrow({
        where: { code },
        include: { users: { where: { role: 'advisor' } }, receptionPoints: { include: { openingHours: true } } },
      })
      expect(org.users.length, code).toBeGreaterThan(0)
      expect(org.receptionPoints.length, code).toBeGreaterThan(0)
      for (const rp of org.receptionPoints) expect(rp.openingHours.length, rp.name).toBeGreaterThan(0)
    }
    expect(await getDb().user.count({ where: { role: 'supervisor' } })).toBe(2)
  })
})

describe('volume generator (npm run db:seed -- --insured N)', () => {
  it('adds N valid insured persons with accounts, and a second run continues without collisions', async () => {
    const db = getDb()
    const before = await db.insured.count()
    expect(await seedVolume(db, 120, 'hash', { chunk: 50 })).toBe(120)
    expect(await seedVolume(db, 30, 'hash')).toBe(30)
    expect(await db.insured.count()).toBe(before + 150)
    const generated = await db.insured.findMany({ where: { birthPlace: GENERATED_BIRTH_PLACE }, select: { nir: true, nirKey: true, iban: true, user: { select: { id: true } } } })
    expect(generated).toHaveLength(150)
    for (const g of generated) {
      expect(parseNir(`${g.nir}${g.nirKey}`).ok).toBe(true)
      expect(validateIban(g.iban!).ok).toBe(true)
      expect(g.user).not.toBeNull()
    }
  })
})
