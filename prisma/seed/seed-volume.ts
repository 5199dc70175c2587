import type { Db } from '../../lib/db/client'
import type { InsuredCreateManyInput } from '../../lib/db/repositories/types'
import { buildNir } from '../../lib/domain/nir'
import { buildFrenchIban } from '../../lib/domain/iban'

/** Marks generated persons, so that a second run continues the numbering instead of colliding. */
export const GENERATED_BIRTH_PLACE = 'Généré (volume)'

const FIRST = ['Louis', 'Gabriel', 'Léo', 'Raphaël', 'Arthur', 'Jules', 'Adam', 'Lucas', 'Emma', 'Jade', 'Louise', 'Alice', 'Chloé', 'Lina', 'Rose', 'Léna', 'Inès', 'Yasmine', 'Mohamed', 'Camille']
const LAST = ['Martin', 'Bernard', 'Thomas', 'Petit', 'Robert', 'Richard', 'Durand', 'Dubois', 'Moreau', 'Laurent', 'Simon', 'Michel', 'Lefebvre', 'Leroy', 'Roux', 'David', 'Bertrand', 'Morel', 'Fournier', 'Girard', 'Nguyen', 'Haddad', 'Diallo', 'Muller']
const CITIES: Record<string, { postalCode: string; city: string }[]> = {
  '75': [{ postalCode: '75011', city: 'Paris' }, { postalCode: '75018', city: 'Paris' }, { postalCode: '75015', city: 'Paris' }],
  '69': [{ postalCode: '69007', city: 'Lyon' }, { postalCode: '69100', city: 'Villeurbanne' }],
  '21': [{ postalCode: '21000', city: 'Dijon' }, { postalCode: '21200', city: 'Beaune' }],
  '67': [{ postalCode: '67000', city: 'Strasbourg' }, { postalCode: '67500', city: 'Haguenau' }],
}

/**
 * Adds `count` synthetic insured persons with accounts (for benchmarks), in bounded transactions of `chunk` rows.
 * All generated accounts share one password hash (hashing 100 000 argon2id passwords would take an hour).
 */
export async function seedVolume(db: Db, count: number, passwordHash: string, opts: { chunk?: number; log?: (msg: string) => void } = {}): Promise<number> {
  const chunk = opts.chunk ?? 1000
  const orgs = await db.organisation.findMany({ where: { kind: 'cpam', receptionPoints: { some: {} } }, select: { id: true, department: true }, orderBy: { code: 'asc' } })
  if (orgs.length === 0) throw new Error('seed --insured needs the demo organisations: run `npm run db:seed` first')
  const already = await db.insured.count({ where: { birthPlace: GENERATED_BIRTH_PLACE } })
  let created = 0
  while (created < count) {
    const size = Math.min(chunk, count - created)
    const rows: InsuredCreateManyInput[] = []
    for (let j = 0; j < size; j++) {
      const i = already + created + j
      const org = orgs[i % orgs.length]!
      const k = Math.floor(i / orgs.length)
      const sex = (k % 2) + 1 as 1 | 2
      const year = 1940 + (k % 66)
      const month = 1 + (k % 12)
      const commune = String(500 + (Math.floor(k / 999) % 499)).padStart(3, '0')
      const order = 1 + (k % 999)
      const { nir, key } = buildNir({ sex, birthYear: year, birthMonth: month, department: org.department, commune, order })
      const place = CITIES[org.department]?.[k % (CITIES[org.department]?.length ?? 1)] ?? { postalCode: `${org.department}000`, city: 'France' }
      const account = String(10_000_000_000 + i).slice(-11)
      rows.push({
        nir,
        nirKey: key,
        nirKind: 'permanent',
        sex,
        birthName: LAST[i % LAST.length]!,
        firstNames: FIRST[(i * 7) % FIRST.length]!,
        birthDate: `${year}-${String(month).padStart(2, '0')}-${String(1 + (k % 28)).padStart(2, '0')}`,
        birthPlace: GENERATED_BIRTH_PLACE,
        addressLine1: `${1 + (i % 120)} rue de la République`,
        postalCode: place.postalCode,
        city: place.city,
        iban: buildFrenchIban('30002', '00550', account),
        bic: 'CRLYFRPPXXX',
        regime: org.department === '67' ? 'alsace-moselle' : 'general',
        organisationId: org.id,
        rightsFrom: `${Math.max(year + 18, 1990)}-01-01`,
        complementaryKind: i % 5 === 0 ? 'none' : 'ticket-moderateur',
        mutuelleName: i % 5 === 0 ? null : 'Mutuelle Générée',
        amcCode: i % 5 === 0 ? null : '99000001',
      })
    }
    await db.$transaction(async (tx) => {
      await tx.insured.createMany({ data: rows })
      const ids = await tx.insured.findMany({ where: { nir: { in: rows.map((r) => r.nir) } }, select: { id: true, firstNames: true, birthName: true } })
      await tx.user.createMany({ data: ids.map((r) => ({ role: 'insured', insuredId: r.id, displayName: `${r.firstNames} ${r.birthName}`, passwordHash })) })
    })
    created += size
    opts.log?.(`  ${already + created} generated insured persons`)
  }
  return created
}
