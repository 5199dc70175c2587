import { describe, expect, it } from 'vitest'
import { createPrismaClient, getDb } from '@/lib/db/client'
import { listCoverageSituations, listCoverageSituationsOfBeneficiaries, listFileCoveragePeriodsFrom, listOwnCoveragePeriodsFrom, ownCoveragePeriods } from '@/lib/db/repositories/coverage'
import { sumDeductionsOfYear, type TDeductionTally } from '@/lib/db/repositories/payments'
import type { CalendarDate } from '@/lib/domain/dates'
import { getInsuredHome } from '@/lib/services/home/get-insured-home'
import { listProcedures } from '@/lib/services/procedures/list-procedures'
import { getRuleSet } from '@/lib/services/simulation/rule-engine'
import { DEMO_TODAY } from '../support/integration-global-setup'
import { ctx, insuredActor } from '../support/procedures'

/**
 * Issue 15 item 1 (ADR 0014): the home's data work in fewer statements must give the same answers. The deductions are
 * now summed by the database; the reference here is the former implementation (claims of the window, their lines of
 * the year, added up in JS), on lines placed where a window or filtering difference would show.
 */

/** sumDeductionsOfYear as it was: a year of lines read and added up per person. */
async function deductionsAsBefore(insuredId: string, year: number): Promise<TDeductionTally[]> {
  const claims = await getDb().claim.findMany({
    where: { insuredId, careDate: { gte: `${year - 1}-12-01`, lte: `${year}-12-31` } },
    select: { beneficiaryId: true, lines: { where: { careDate: { gte: `${year}-01-01`, lte: `${year}-12-31` } }, select: { participation: true, franchise: true } } },
  })
  const byPerson = new Map<string | null, TDeductionTally>()
  for (const c of claims) {
    let t = byPerson.get(c.beneficiaryId)
    if (!t) byPerson.set(c.beneficiaryId, (t = { beneficiaryId: c.beneficiaryId, participation: 0, franchise: 0 }))
    for (const l of c.lines) {
      t.participation += l.participation
      t.franchise += l.franchise
    }
  }
  return [...byPerson.values()]
}

const byPerson = (t: TDeductionTally[]) => [...t].sort((a, b) => (a.beneficiaryId ?? '').localeCompare(b.beneficiaryId ?? ''))

let n = 0
async function claimWithLines(insuredId: string, beneficiaryId: string | null, careDate: string, lines: { careDate: string; participation: number; franchise: number }[]) {
  const db = getDb()
  const claim = await db.claim.create({ data: { reference: `HQ-${Date.now()}-${n++}`, insuredId, beneficiaryId, source: 'paper', careDate, receivedOn: careDate } })
  await db.claimLine.createMany({
    data: lines.map((l, i) => ({
      claimId: claim.id, lineNo: i + 1, careDate: l.careDate, act: 'G', careType: 'doctor', feeCharged: 3000, base: 3000, rate: 70, amoGross: 2100,
      amoPaid: 2100 - l.participation - l.franchise, patient: 900 + l.participation + l.franchise, participation: l.participation, franchise: l.franchise,
    })),
  })
}

describe('home data work in fewer statements (ADR 0014)', async () => {
  const jonathan = await insuredActor('Jonathan Pierre')
  const mei = await insuredActor('Mei')
  const today = DEMO_TODAY as CalendarDate
  const year = Number(today.slice(0, 4))
  const links = await getDb().beneficiaryLink.findMany({ where: { insuredId: jonathan.insuredId, to: null }, orderBy: { rank: 'asc' }, select: { beneficiaryId: true } })
  const lea = links[0]!.beneficiaryId

  it('sums the deductions per person as before: the year only, the window of claims, no one else, odd cents, zeros kept', async () => {
    const before = byPerson(await sumDeductionsOfYear(getDb(), jonathan.insuredId, year))
    expect(before).toEqual(byPerson(await deductionsAsBefore(jonathan.insuredId, year)))

    // A claim started in December holding a January line (counted) and a December one (not this year's).
    await claimWithLines(jonathan.insuredId, lea, `${year - 1}-12-28`, [
      { careDate: `${year - 1}-12-28`, participation: 200, franchise: 50 },
      { careDate: `${year}-01-03`, participation: 101, franchise: 49 },
    ])
    // A claim started before the window: its January line is outside the former semantics too.
    await claimWithLines(jonathan.insuredId, lea, `${year - 1}-11-30`, [{ careDate: `${year}-01-02`, participation: 7, franchise: 3 }])
    // A claim of this year with a line dated next year (not counted), and one with only last year's lines (a zero).
    await claimWithLines(jonathan.insuredId, null, `${year}-12-31`, [
      { careDate: `${year}-12-31`, participation: 99, franchise: 1 },
      { careDate: `${year + 1}-01-01`, participation: 1000, franchise: 1000 },
    ])
    const hugo = links[1]?.beneficiaryId ?? null
    await claimWithLines(jonathan.insuredId, hugo, `${year - 1}-12-05`, [{ careDate: `${year - 1}-12-05`, participation: 300, franchise: 0 }])
    // Someone else's care in the same year, for the same beneficiary id (must not leak into Jonathan's tallies).
    await claimWithLines(mei.insuredId, lea, `${year}-03-01`, [{ careDate: `${year}-03-01`, participation: 555, franchise: 55 }])

    const after = byPerson(await sumDeductionsOfYear(getDb(), jonathan.insuredId, year))
    expect(after).toEqual(byPerson(await deductionsAsBefore(jonathan.insuredId, year)))
    const of = (t: TDeductionTally[], id: string | null) => t.find((x) => x.beneficiaryId === id) ?? { participation: 0, franchise: 0 }
    expect(of(after, lea).participation - of(before, lea).participation).toBe(101)
    expect(of(after, lea).franchise - of(before, lea).franchise).toBe(49)
    expect(of(after, null).participation - of(before, null).participation).toBe(99)
    expect(of(after, null).franchise - of(before, null).franchise).toBe(1)
    expect(after.every((t) => Number.isInteger(t.participation) && Number.isInteger(t.franchise))).toBe(true)

    // Next year: Léa's only claim of the window (started this December) has no line of next year: present with zeros,
    // as before; the insured person's line dated next January is counted there.
    await claimWithLines(jonathan.insuredId, lea, `${year}-12-20`, [{ careDate: `${year}-12-20`, participation: 200, franchise: 0 }])
    const next = await sumDeductionsOfYear(getDb(), jonathan.insuredId, year + 1)
    expect(byPerson(next)).toEqual(byPerson(await deductionsAsBefore(jonathan.insuredId, year + 1)))
    expect(next.find((t) => t.beneficiaryId === lea)).toEqual({ beneficiaryId: lea, participation: 0, franchise: 0 })
    expect(next.find((t) => t.beneficiaryId === null)).toEqual({ beneficiaryId: null, participation: 1000, franchise: 1000 })
  })

  it('splits the one coverage query and the one situations query as the per-person queries answered', async () => {
    const db = getDb()
    await db.coveragePeriod.createMany({ data: [
      { insuredId: jonathan.insuredId, kind: 'css', from: '2025-12-01', to: '2026-12-15', label: 'free' },
      { insuredId: jonathan.insuredId, beneficiaryId: lea, kind: 'css', from: '2025-12-01', to: '2026-12-15', label: 'free' },
      { insuredId: jonathan.insuredId, kind: 'ald', from: '2020-01-01', to: null, label: 'Diabète' },
      { insuredId: jonathan.insuredId, kind: 'maternity', from: '2019-01-01', to: '2019-12-31' },
      // Recorded under another file (a second parent): still this beneficiary's situation.
      { insuredId: mei.insuredId, beneficiaryId: lea, kind: 'ame', from: '2026-01-01', to: null },
    ] })
    const rows = await listFileCoveragePeriodsFrom(db, jonathan.insuredId, today)
    expect(ownCoveragePeriods(rows)).toEqual(await listOwnCoveragePeriodsFrom(db, jonathan.insuredId, today))
    const ids = links.map((l) => l.beneficiaryId)
    const situations = await listCoverageSituationsOfBeneficiaries(db, ids, today)
    for (const id of ids) expect(situations.get(id)).toEqual(await listCoverageSituations(db, jonathan.insuredId, id, today))
    expect(situations.get(lea)).toEqual(expect.arrayContaining(['css', 'ame']))
    const home = await getInsuredHome({ actor: jonathan, today, now: ctx.now, rules: await getRuleSet() })
    expect(home.alerts.filter((a) => a.kind === 'coverage-ending')).toEqual([
      { kind: 'coverage-ending', coverage: 'css', person: 'Jonathan Martin', to: '2026-12-15' },
      { kind: 'coverage-ending', coverage: 'css', person: 'Léa Martin', to: '2026-12-15' },
    ])
  })

  it('lists the procedures in progress as the whole list filtered, in 10 to 13 statements', async () => {
    const all = await listProcedures({ actor: jonathan })
    const statuses = ['submitted', 'in-review', 'waiting-document', 'requested', 'photo-checked', 'in-production', 'sent']
    expect(await listProcedures({ actor: jonathan, statuses })).toEqual(all.filter((p) => statuses.includes(p.status)))

    const statements: string[] = []
    const counting = createPrismaClient(process.env.DATABASE_URL, { onQuery: (e) => statements.push(e.query) })
    const holder = globalThis as { __ameliDb?: { url: string; db: unknown } }
    const previous = holder.__ameliDb
    holder.__ameliDb = { url: process.env.DATABASE_URL ?? '', db: counting }
    try {
      const rules = await getRuleSet()
      statements.length = 0
      const home = await getInsuredHome({ actor: jonathan, today, now: ctx.now, rules })
      expect(home.overview.beneficiaries.length).toBeGreaterThan(0)
      // Was 24 to 26 before ADR 0014's change (one per include, per beneficiary, per card fact).
      expect(statements.length).toBeGreaterThanOrEqual(10)
      expect(statements.length).toBeLessThanOrEqual(13)
    } finally {
      holder.__ameliDb = previous
      await counting.$disconnect()
    }
  })
})
