import { maskIban as maskIbanText } from '@/lib/domain/iban'
import type { Db } from '../client'

/** Who a claim line is for, as stored: the insured person's file and, for a beneficiary, the beneficiary. */
export interface TClaimant {
  insuredId: string
  /** null = the insured person themself. */
  beneficiaryId: string | null
  /** Masked IBAN of the insured person's bank details (what a payment shows), null when none is known. */
  ibanMasked: string | null
}

export interface TClaimantDirectory {
  /** 13-character NIR → the insured person. */
  byNir: Map<string, TClaimant>
  /** Beneficiary id or the beneficiary's own 13-character NIR → the beneficiary under the insured person they are linked to. */
  byBeneficiary: Map<string, TClaimant>
  /** HealthProfessional id or RPPS number → HealthProfessional id. */
  professionals: Map<string, string>
}

const maskIban = (iban: string | null): string | null => (iban ? maskIbanText(iban) : null)

/**
 * Everyone a batch line may name, loaded once per run into memory (a few hundred bytes per person: a
 * million insured persons fit). Beneficiaries with several links go under the current link (no end date),
 * else the most recent one.
 */
export async function loadClaimantDirectory(db: Db): Promise<TClaimantDirectory> {
  const [insured, links, professionals] = await Promise.all([
    db.insured.findMany({ select: { id: true, nir: true, iban: true } }),
    db.beneficiaryLink.findMany({
      select: { insuredId: true, beneficiaryId: true, from: true, to: true, beneficiary: { select: { ownNir: true } }, insured: { select: { iban: true } } },
      orderBy: [{ beneficiaryId: 'asc' }, { from: 'asc' }],
    }),
    db.healthProfessional.findMany({ select: { id: true, rpps: true } }),
  ])
  const byNir = new Map<string, TClaimant>()
  for (const i of insured) byNir.set(i.nir, { insuredId: i.id, beneficiaryId: null, ibanMasked: maskIban(i.iban) })
  const byBeneficiary = new Map<string, TClaimant>()
  const current = new Set<string>()
  for (const l of links) {
    // Ordered by start date: a later link replaces an earlier one, an open link (no end) is kept over ended ones.
    if (current.has(l.beneficiaryId) && l.to !== null) continue
    if (l.to === null) current.add(l.beneficiaryId)
    const claimant: TClaimant = { insuredId: l.insuredId, beneficiaryId: l.beneficiaryId, ibanMasked: maskIban(l.insured.iban) }
    byBeneficiary.set(l.beneficiaryId, claimant)
    if (l.beneficiary.ownNir) byBeneficiary.set(l.beneficiary.ownNir, claimant)
  }
  const pros = new Map<string, string>()
  for (const p of professionals) {
    pros.set(p.id, p.id)
    pros.set(p.rpps, p.id)
  }
  return { byNir, byBeneficiary, professionals: pros }
}

/** Participation and franchises already due per claimant (`insuredId|beneficiaryId`) and calendar year. */
export type TDeductionTallies = Map<string, Map<number, { participation: number; franchises: number }>>

export const claimantKey = (c: Pick<TClaimant, 'insuredId' | 'beneficiaryId'>): string => `${c.insuredId}|${c.beneficiaryId ?? ''}`

/**
 * What every person already paid toward the 50 € annual caps (RULEBOOK §4): the participations and franchises
 * deducted from their stored lines, plus what is still carried forward, per calendar year. One aggregate
 * query each (portable SQL), loaded once per run, so a new batch does not exceed the caps of the year.
 */
export async function loadDeductionTallies(db: Db): Promise<TDeductionTallies> {
  const deducted = await db.$queryRawUnsafe<{ i: string; b: string | null; y: string; p: number | bigint | null; f: number | bigint | null }[]>(
    'SELECT c."insuredId" AS i, c."beneficiaryId" AS b, substr(l."careDate", 1, 4) AS y, SUM(l."participation") AS p, SUM(l."franchise") AS f ' +
      'FROM "ClaimLine" l JOIN "Claim" c ON c."id" = l."claimId" GROUP BY c."insuredId", c."beneficiaryId", substr(l."careDate", 1, 4)',
  )
  const carried = await db.$queryRawUnsafe<{ i: string; b: string | null; y: number | bigint; k: string; a: number | bigint | null }[]>(
    'SELECT "insuredId" AS i, "beneficiaryId" AS b, "year" AS y, "kind" AS k, SUM("amount") AS a FROM "DeductionCarryOver" WHERE "settledAt" IS NULL GROUP BY "insuredId", "beneficiaryId", "year", "kind"',
  )
  const out: TDeductionTallies = new Map()
  const entry = (i: string, b: string | null, year: number) => {
    const key = claimantKey({ insuredId: i, beneficiaryId: b })
    let years = out.get(key)
    if (!years) out.set(key, (years = new Map()))
    let t = years.get(year)
    if (!t) years.set(year, (t = { participation: 0, franchises: 0 }))
    return t
  }
  for (const r of deducted) {
    const t = entry(r.i, r.b, Number(r.y))
    t.participation += Number(r.p ?? 0)
    t.franchises += Number(r.f ?? 0)
  }
  for (const r of carried) {
    const t = entry(r.i, r.b, Number(r.y))
    if (r.k === 'participation') t.participation += Number(r.a ?? 0)
    else t.franchises += Number(r.a ?? 0)
  }
  return out
}
