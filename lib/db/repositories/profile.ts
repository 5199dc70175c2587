import type { Db } from '../client'
import { PROCEDURE_WAITING_STATUSES } from '../../domain/procedure-status'

/** Procedure types shown as "en cours" on the profile page. */
export const PROFILE_PROCEDURE_TYPES = ['address-change', 'bank-change', 'name-change', 'doctor-declaration'] as const

const cardSelect = { kind: true, status: true, serialNumber: true, validUntil: true, beneficiaryId: true } as const
const coverageSelect = { kind: true, from: true, to: true, label: true, monthlyParticipation: true, beneficiaryId: true } as const

/** Everything the profile page shows, for the signed-in person's own file. */
export async function findProfile(db: Db, insuredId: string) {
  const i = await db.insured.findUnique({
    where: { id: insuredId },
    select: {
      nir: true, nirKey: true, sex: true, birthName: true, usualName: true, firstNames: true, birthDate: true, birthPlace: true, birthCountry: true, nationality: true,
      addressLine1: true, addressLine2: true, postalCode: true, city: true, country: true, email: true, phone: true,
      iban: true, bic: true, bankHolder: true, regime: true, rightsFrom: true, rightsTo: true, affiliationStatus: true,
      mutuelleName: true, amcCode: true, complementaryKind: true, doctorDeclaredOn: true,
      doctor: { select: { title: true, firstName: true, lastName: true, city: true } },
      organisation: { select: { name: true, code: true } },
      beneficiaries: {
        where: { to: null },
        orderBy: { rank: 'asc' },
        select: { rank: true, relationship: true, from: true, beneficiary: { select: { id: true, firstNames: true, lastName: true, birthDate: true, ownNir: true, ownNirKey: true, cards: { select: cardSelect }, coverages: { select: coverageSelect } } } },
      },
      cards: { where: { beneficiaryId: null }, select: cardSelect },
      coverages: { where: { beneficiaryId: null }, select: coverageSelect },
      procedures: { where: { type: { in: [...PROFILE_PROCEDURE_TYPES] }, status: { in: [...PROCEDURE_WAITING_STATUSES] } }, select: { id: true, reference: true, type: true, submittedAt: true } },
    },
  })
  return i
}
export type TProfile = NonNullable<Awaited<ReturnType<typeof findProfile>>>

/** Card orders still on their way (shown on the beneficiary page). */
const ORDER_DONE_STATUSES = ['delivered', 'rejected']

/**
 * One beneficiary currently attached to this insured person, with what the beneficiary page shows: the link (rank,
 * relationship, since when), identity, cards, coverage periods (ALD, CSS, maternity…) and card orders in progress;
 * and the insured person's rights the beneficiary's derive from. Ownership is part of the query: someone else's
 * beneficiary (or a former link) is null.
 */
export async function findBeneficiaryOfInsured(db: Db, insuredId: string, beneficiaryId: string) {
  const link = await db.beneficiaryLink.findFirst({
    where: { insuredId, beneficiaryId, to: null },
    select: {
      rank: true, relationship: true, from: true,
      beneficiary: {
        select: {
          id: true, firstNames: true, lastName: true, birthDate: true, sex: true, ownNir: true, ownNirKey: true,
          cards: { orderBy: { issuedOn: 'desc' }, select: { ...cardSelect, issuedOn: true } },
          coverages: { where: { insuredId }, orderBy: { from: 'desc' }, select: coverageSelect },
          cardOrders: { where: { insuredId, status: { notIn: ORDER_DONE_STATUSES } }, select: { reference: true, kind: true, status: true, estimatedDelivery: true } },
        },
      },
      insured: {
        select: {
          firstNames: true, birthName: true, usualName: true, regime: true, rightsFrom: true, rightsTo: true, affiliationStatus: true,
          mutuelleName: true, amcCode: true, organisation: { select: { name: true, code: true } },
        },
      },
    },
  })
  return link
}
export type TBeneficiaryOfInsured = NonNullable<Awaited<ReturnType<typeof findBeneficiaryOfInsured>>>
