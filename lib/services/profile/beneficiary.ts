import 'server-only'
import { z } from 'zod'
import { getDb } from '@/lib/db/client'
import { findBeneficiaryOfInsured } from '@/lib/db/repositories/profile'
import { ageOn, calendarDate, compareDates, isWithin, laterDate, type CalendarDate } from '@/lib/domain/dates'
import { AppError } from '@/lib/errors'
import { loadRuleSet, resolveInsuredFile, type TActor } from '@/lib/services/procedures/common'

/** A beneficiary id in a URL: anything else is simply not found. */
export const ZBeneficiaryId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/)

/** Below this age the médecin traitant is optional: no reduced rate without one (RULEBOOK §3, pathway). */
export const DOCTOR_OPTIONAL_UNDER = 16

export type TCoverageView = { kind: string; from: string; to: string | null; label: string | null; state: 'current' | 'past' | 'future' }
export type TCardView = { kind: 'vitale' | 'ehic'; status: string; serialNumber: string; issuedOn: string; validUntil: string | null; usable: boolean }

export type TBeneficiaryView = {
  id: string
  firstNames: string
  lastName: string
  birthDate: string
  age: number
  ownNir: { nir: string; key: string | null } | null
  rank: string
  relationship: string
  attachedSince: string
  insured: { name: string; caisse: { name: string; code: string }; regime: string; affiliationStatus: string; mutuelle: { name: string; amcCode: string | null } | null }
  /** The beneficiary's rights follow the insured person's: from the later of the two starts, to the insured's end. */
  rights: { from: string; to: string | null; open: boolean }
  coverages: TCoverageView[]
  cards: TCardView[]
  /** Old enough (12, on request: rule card.vitale.min-age.on-request), no usable Vitale card and none on its way. */
  canOrderVitale: boolean
  /** The age from which a Vitale card can be asked for this beneficiary. */
  vitaleMinAge: number
  cardOrders: { reference: string; kind: string; status: string; estimatedDelivery: string | null }[]
  doctorOptional: boolean
}

const stateOf = (c: { from: string; to: string | null }, today: CalendarDate): TCoverageView['state'] =>
  compareDates(calendarDate(c.from), today) > 0 ? 'future' : c.to !== null && compareDates(calendarDate(c.to), today) < 0 ? 'past' : 'current'

/**
 * One beneficiary of the signed-in person (issue 4 §4 "beneficiaries listed with their rights and cards"): identity,
 * rank, the rights they hold through the insured person, their coverage periods, cards and card orders. Someone else's
 * beneficiary, a former link or a malformed id → 404 notFound (no hint that it exists). Staff: a file of their caisse.
 */
export async function getBeneficiary({ actor, insuredId, beneficiaryId, today }: { actor: TActor; insuredId?: string; beneficiaryId: unknown; today: CalendarDate }): Promise<TBeneficiaryView> {
  const id = ZBeneficiaryId.safeParse(beneficiaryId)
  if (!id.success) throw new AppError('notFound', 404)
  const db = getDb()
  const owner = await resolveInsuredFile(db, actor, insuredId, { insured: 'read:insured-space:own', staff: 'read:insured-file:caisse' })
  const link = await findBeneficiaryOfInsured(db, owner, id.data)
  if (!link) throw new AppError('notFound', 404)
  const b = link.beneficiary
  const i = link.insured
  const rightsFrom = laterDate(calendarDate(link.from), calendarDate(i.rightsFrom))
  const cards: TCardView[] = b.cards.map((c) => ({
    kind: c.kind === 'ehic' ? 'ehic' : 'vitale',
    status: c.status,
    serialNumber: c.serialNumber,
    issuedOn: c.issuedOn,
    validUntil: c.validUntil,
    usable: c.status === 'active' && (c.validUntil === null || compareDates(calendarDate(c.validUntil), today) >= 0),
  }))
  const vitaleOnItsWay = b.cardOrders.some((o) => o.kind === 'vitale')
  const age = ageOn(calendarDate(b.birthDate), today)
  const vitaleMinAge = (await loadRuleSet(db)).valueAt('card.vitale.min-age.on-request', today)
  return {
    id: b.id,
    firstNames: b.firstNames,
    lastName: b.lastName,
    birthDate: b.birthDate,
    age,
    ownNir: b.ownNir ? { nir: b.ownNir, key: b.ownNirKey } : null,
    rank: link.rank,
    relationship: link.relationship,
    attachedSince: link.from,
    insured: {
      name: `${i.firstNames} ${i.usualName ?? i.birthName}`,
      caisse: i.organisation,
      regime: i.regime,
      affiliationStatus: i.affiliationStatus,
      mutuelle: i.mutuelleName ? { name: i.mutuelleName, amcCode: i.amcCode } : null,
    },
    rights: { from: rightsFrom, to: i.rightsTo, open: i.affiliationStatus === 'active' && isWithin(today, rightsFrom, i.rightsTo === null ? null : calendarDate(i.rightsTo)) },
    coverages: b.coverages.map((c) => ({ kind: c.kind, from: c.from, to: c.to, label: c.label, state: stateOf(c, today) })),
    cards,
    canOrderVitale: age >= vitaleMinAge && !vitaleOnItsWay && !cards.some((c) => c.kind === 'vitale' && c.usable),
    vitaleMinAge,
    cardOrders: b.cardOrders,
    doctorOptional: age < DOCTOR_OPTIONAL_UNDER,
  }
}
