import type { Db, Tx } from '../client'

/** The person a procedure or a card is for: the insured person themself, or one of their current beneficiaries. */
export type TPerson = {
  kind: 'insured' | 'beneficiary'
  id: string
  insuredId: string
  beneficiaryId: string | null
  /** 13-char NIR of the person (the beneficiary's own one, null when attached to the parent's). */
  nir: string | null
  firstNames: string
  lastName: string
  birthDate: string
}

export type TInsuredFacts = {
  id: string
  nir: string
  nirKind: string
  firstNames: string
  lastName: string
  birthDate: string
  email: string | null
  phone: string | null
  preferredLocale: string
  organisationId: string
  regime: string
  affiliationStatus: string
  rightsFrom: string
  rightsTo: string | null
  addressLine1: string
  addressLine2: string | null
  postalCode: string
  city: string
  country: string
  doctorId: string | null
  iban: string | null
}

export async function findInsuredFacts(db: Db | Tx, insuredId: string): Promise<TInsuredFacts | null> {
  const i = await db.insured.findUnique({
    where: { id: insuredId },
    select: {
      id: true, nir: true, nirKind: true, firstNames: true, birthName: true, usualName: true, birthDate: true, email: true, phone: true, preferredLocale: true,
      organisationId: true, regime: true, affiliationStatus: true, rightsFrom: true, rightsTo: true, addressLine1: true, addressLine2: true, postalCode: true,
      city: true, country: true, doctorId: true, iban: true,
    },
  })
  if (!i) return null
  const { birthName, usualName, ...rest } = i
  return { ...rest, lastName: usualName ?? birthName }
}

/** The person (self or a current beneficiary of this insured person); ownership is part of the query. */
export async function findPersonOfInsured(db: Db | Tx, insuredId: string, beneficiaryId: string | null | undefined): Promise<TPerson | null> {
  if (!beneficiaryId) {
    const i = await findInsuredFacts(db, insuredId)
    return i ? { kind: 'insured', id: i.id, insuredId, beneficiaryId: null, nir: i.nir, firstNames: i.firstNames, lastName: i.lastName, birthDate: i.birthDate } : null
  }
  const link = await db.beneficiaryLink.findFirst({
    where: { insuredId, beneficiaryId, to: null },
    select: { beneficiary: { select: { id: true, firstNames: true, lastName: true, birthDate: true, ownNir: true } } },
  })
  if (!link) return null
  const b = link.beneficiary
  return { kind: 'beneficiary', id: b.id, insuredId, beneficiaryId: b.id, nir: b.ownNir, firstNames: b.firstNames, lastName: b.lastName, birthDate: b.birthDate }
}

/** Whether an insured person's file is at this caisse (advisors act only on their caisse; null = any). */
export async function insuredInScope(db: Db, insuredId: string, organisationId: string | null): Promise<boolean> {
  const found = await db.insured.findFirst({ where: { id: insuredId, ...(organisationId ? { organisationId } : {}) }, select: { id: true } })
  return found !== null
}

export async function listBeneficiaryRanks(db: Db | Tx, insuredId: string): Promise<string[]> {
  const links = await db.beneficiaryLink.findMany({ where: { insuredId }, select: { rank: true } })
  return links.map((l) => l.rank)
}

export async function findInsuredByNir(db: Db | Tx, nir13: string): Promise<{ id: string } | null> {
  return db.insured.findUnique({ where: { nir: nir13 }, select: { id: true } })
}

export async function updateInsured(
  tx: Tx,
  insuredId: string,
  data: Partial<{
    addressLine1: string; addressLine2: string | null; postalCode: string; city: string; organisationId: string
    iban: string; bic: string | null; bankHolder: string; usualName: string; doctorId: string; doctorDeclaredOn: string
  }>,
): Promise<void> {
  await tx.insured.update({ where: { id: insuredId }, data })
}

/** The caisse of a department for a regime family: MSA for the agricultural regime, else the CPAM. */
export async function findCaisseForDepartment(db: Db | Tx, department: string, agricultural: boolean): Promise<{ id: string; name: string } | null> {
  // Overseas, the CGSS (and the CSS de Mayotte) are the caisse primaire of the département.
  return db.organisation.findFirst({ where: { department, kind: agricultural ? 'msa' : { in: ['cpam', 'cgss'] } }, select: { id: true, name: true }, orderBy: { code: 'asc' } })
}

export async function createBeneficiaryWithLinks(
  tx: Tx,
  child: { firstNames: string; lastName: string; birthDate: string; sex: number },
  links: { insuredId: string; rank: string }[],
): Promise<{ id: string }> {
  return tx.beneficiary.create({
    data: { ...child, links: { create: links.map((l) => ({ insuredId: l.insuredId, rank: l.rank, relationship: 'child', from: child.birthDate })) } },
    select: { id: true },
  })
}

export async function createCoveragePeriod(
  tx: Tx,
  data: { insuredId: string; kind: string; from: string; to: string | null; label: string | null; monthlyParticipation: number | null },
): Promise<void> {
  await tx.coveragePeriod.create({ data })
}

export type TDoctorDto = { id: string; rpps: string; name: string; specialty: string; kind: string; sector: string; city: string; postalCode: string }

function doctorDto(p: { id: string; rpps: string; title: string | null; firstName: string | null; lastName: string; specialty: string; kind: string; sector: string; city: string; postalCode: string }): TDoctorDto {
  return { id: p.id, rpps: p.rpps, name: [p.title, p.firstName, p.lastName].filter(Boolean).join(' '), specialty: p.specialty, kind: p.kind, sector: p.sector, city: p.city, postalCode: p.postalCode }
}
const doctorSelect = { id: true, rpps: true, title: true, firstName: true, lastName: true, specialty: true, kind: true, sector: true, city: true, postalCode: true } as const

export async function findProfessional(db: Db | Tx, by: { id?: string; rpps?: string }): Promise<TDoctorDto | null> {
  if (!by.id && !by.rpps) return null
  const p = await db.healthProfessional.findFirst({ where: by.id ? { id: by.id } : { rpps: by.rpps }, select: doctorSelect })
  return p ? doctorDto(p) : null
}

/** Demo doctors by name or city (case as typed, prefix of the last name or city; portable: no `mode: insensitive`). */
export async function searchDoctors(db: Db, query: string, specialties: string[], take = 20): Promise<TDoctorDto[]> {
  const q = query.trim()
  const variants = [...new Set([q, q.toUpperCase(), q.charAt(0).toUpperCase() + q.slice(1).toLowerCase()])]
  const rows = await db.healthProfessional.findMany({
    where: { kind: 'person', specialty: { in: specialties }, OR: variants.flatMap((v) => [{ lastName: { startsWith: v } }, { city: { startsWith: v } }, { postalCode: { startsWith: v } }]) },
    orderBy: [{ lastName: 'asc' }],
    take,
    select: doctorSelect,
  })
  return rows.map(doctorDto)
}

export async function findOrganisationSummary(db: Db | Tx, id: string): Promise<{ name: string; code: string } | null> {
  return db.organisation.findUnique({ where: { id }, select: { name: true, code: true } })
}

/** The NIR key of a beneficiary's own number, or of the insured person. */
export async function findNirKey(db: Db | Tx, person: { kind: 'insured' | 'beneficiary'; id: string }): Promise<string | null> {
  if (person.kind === 'insured') return (await db.insured.findUnique({ where: { id: person.id }, select: { nirKey: true } }))?.nirKey ?? null
  return (await db.beneficiary.findUnique({ where: { id: person.id }, select: { ownNirKey: true } }))?.ownNirKey ?? null
}
