import { describe, expect, it } from 'vitest'
import { getDb } from '@/lib/db/client'
import { calendarDate } from '@/lib/domain/dates'
import { getBeneficiary } from '@/lib/services/profile/beneficiary'
import { DEMO_TODAY } from '../support/integration-global-setup'
import { codeOf, insuredActor, staffActor } from '../support/procedures'

const today = calendarDate(DEMO_TODAY)
const beneficiaryId = async (firstNames: string) => (await getDb().beneficiary.findFirstOrThrow({ where: { firstNames }, select: { id: true } })).id

/** Issue 4 §4 "beneficiaries listed with their rights and cards": one beneficiary's page, scoped to the household. */
describe('a beneficiary of the signed-in person', async () => {
  const jonathan = await insuredActor('Jonathan Pierre')
  const lea = await beneficiaryId('Léa')
  const hugo = await beneficiaryId('Hugo')

  it('shows identity, rank, the rights held through the insured person, no card yet, and offers a Vitale card from 12', async () => {
    const b = await getBeneficiary({ actor: jonathan, beneficiaryId: lea, today })
    const insured = await getDb().insured.findUniqueOrThrow({ where: { id: jonathan.insuredId } })
    expect(b).toMatchObject({ firstNames: 'Léa', lastName: 'Martin', birthDate: '2012-03-14', age: 14, rank: '02', relationship: 'child', vitaleMinAge: 12, canOrderVitale: true, doctorOptional: true })
    expect(b.ownNir?.nir).toBe('2120375112087')
    expect(b.insured).toMatchObject({ name: 'Jonathan Pierre Martin', regime: 'general' })
    expect(b.insured.caisse.name).toMatch(/Paris/)
    expect(b.rights.open).toBe(true)
    expect(b.rights.to).toBeNull()
    expect(b.rights.from >= insured.rightsFrom).toBe(true)
    expect(b.cards).toEqual([])
    expect(b.coverages).toEqual([])
    // Hugo (8): too young for a card of his own.
    expect(await getBeneficiary({ actor: jonathan, beneficiaryId: hugo, today })).toMatchObject({ age: 8, canOrderVitale: false })
  })

  it('lists coverage periods (current, past, future) and cards with their validity; a usable Vitale card means no new order', async () => {
    const db = getDb()
    await db.coveragePeriod.createMany({
      data: [
        { insuredId: jonathan.insuredId, beneficiaryId: lea, kind: 'ald', from: '2025-01-10', to: null, label: 'Asthme sévère' },
        { insuredId: jonathan.insuredId, beneficiaryId: lea, kind: 'css', from: '2024-01-01', to: '2024-12-31', label: 'free' },
        { insuredId: jonathan.insuredId, beneficiaryId: lea, kind: 'css', from: '2027-01-01', to: null, label: 'free' },
      ],
    })
    await db.card.createMany({
      data: [
        { kind: 'vitale', insuredId: jonathan.insuredId, beneficiaryId: lea, serialNumber: `TEST-LEA-V-${Date.now()}`, issuedOn: '2026-03-20', validUntil: null, status: 'active' },
        { kind: 'ehic', insuredId: jonathan.insuredId, beneficiaryId: lea, serialNumber: `TEST-LEA-E-${Date.now()}`, issuedOn: '2024-07-01', validUntil: '2026-07-01', status: 'active' },
      ],
    })
    const b = await getBeneficiary({ actor: jonathan, beneficiaryId: lea, today })
    expect(b.coverages.map((c) => [c.kind, c.state])).toEqual([['css', 'future'], ['ald', 'current'], ['css', 'past']])
    expect(b.coverages.find((c) => c.kind === 'ald')?.label).toBe('Asthme sévère')
    expect(b.cards.map((c) => [c.kind, c.usable])).toEqual([['vitale', true], ['ehic', false]])
    expect(b.canOrderVitale).toBe(false)
  })

  it("is not found for another household, a former link, a malformed id; staff only within their caisse", async () => {
    const mei = await insuredActor('Mei')
    expect(await codeOf(getBeneficiary({ actor: mei, beneficiaryId: lea, today }))).toBe('404 notFound')
    expect(await codeOf(getBeneficiary({ actor: jonathan, beneficiaryId: "'; drop table", today }))).toBe('404 notFound')
    expect(await codeOf(getBeneficiary({ actor: jonathan, beneficiaryId: 'x'.repeat(65), today }))).toBe('404 notFound')
    expect(await codeOf(getBeneficiary({ actor: jonathan, insuredId: mei.insuredId, beneficiaryId: lea, today }))).toBe('404 notFound')
    const paris = await staffActor('camille.roux@cpam-paris.example.fr')
    expect((await getBeneficiary({ actor: paris, insuredId: jonathan.insuredId, beneficiaryId: lea, today })).rank).toBe('02')
    expect(await codeOf(getBeneficiary({ actor: await staffActor('julie.fontaine@cpam-rhone.example.fr'), insuredId: jonathan.insuredId, beneficiaryId: lea, today }))).toBe('404 notFound')
  })
})
