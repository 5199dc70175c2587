import 'server-only'
import { getDb } from '@/lib/db/client'
import { blockedCardsWithoutReplacement, findNextAppointment, listVitaleCardsOfInsured, type TNextAppointment } from '@/lib/db/repositories/home'
import { getInsuredOverview, type TInsuredOverview } from '@/lib/db/repositories/insured'
import { sumDeductionsOfYear } from '@/lib/db/repositories/payments'
import { displayedPaymentStatus } from '@/lib/domain/payment-status'
import { PROCEDURE_WAITING_STATUSES } from '@/lib/domain/procedure-status'
import { VITALE_IN_PROGRESS } from '@/lib/domain/cards/vitale-order'
import { addDays, calendarDate, isWithin, type CalendarDate } from '@/lib/domain/dates'
import type { RuleSet } from '@/lib/domain/rules/rule-set'
import { AppError } from '@/lib/errors'
import { countUnreadOfInsured } from '@/lib/services/messaging/read-thread'
import { listProcedures, type TProcedureListEntry } from '@/lib/services/procedures/list-procedures'
import { listCoverageSituationsOfBeneficiaries, listFileCoveragePeriodsFrom, ownCoveragePeriods } from '@/lib/db/repositories/coverage'
import { deductionExemption, type DeductionExemptReason } from '@/lib/domain/reimbursement/engine'
import { situationOverview, type TSituationOverview } from '@/lib/domain/situations'
import type { TActor } from '@/lib/services/procedures/common'

/** Rights or a coverage ending within this many days raise an alert on the home page. */
export const RIGHTS_ALERT_DAYS = 60

export type THomeAlert =
  | { kind: 'no-iban' }
  | { kind: 'affiliation' }
  | { kind: 'card-blocked'; person: string }
  /** Blocked, and the replacement is on its way (an order in progress counts: issue 17 item 1). */
  | { kind: 'card-replacement'; person: string; due: string | null }
  | { kind: 'rights-ending'; to: string }
  | { kind: 'coverage-ending'; coverage: string; person: string; to: string }

export type TDeductionTracker = {
  year: number
  /** Annual caps of the rule rows in force today (cents). */
  participationCap: number
  franchiseCap: number
  /** exempt: the person pays no participation nor franchise today, and why (the engine's decision): no gauge then. */
  persons: { id: string | null; name: string; participation: number; franchise: number; exempt: DeductionExemptReason | null }[]
}

export type TInsuredHome = {
  overview: TInsuredOverview
  nextAppointment: TNextAppointment | null
  unreadMessages: number
  procedures: TProcedureListEntry[]
  alerts: THomeAlert[]
  deductions: TDeductionTracker
  /** "Ma situation": ALD, maternity, CSS… in force today, the complementary cover (a CSS is one), the exemption. */
  situation: TSituationOverview
  /**
   * The first carte Vitale (seed 003): 'invite' when the person has a permanent number, never had a Vitale card and has
   * no order in progress; 'temporary' with a temporary number (the card comes with the permanent one); else null.
   */
  firstVitale: 'invite' | 'temporary' | null
}

// The Vitale orders in progress are read from this list (below): VITALE_IN_PROGRESS itself, so that it stays a subset.
const WAITING = new Set<string>([...PROCEDURE_WAITING_STATUSES, ...VITALE_IN_PROGRESS])
const IN_PROGRESS = new Set<string>(VITALE_IN_PROGRESS)

/**
 * The insured person's home (Accueil): overview, latest payments, next appointment, procedures in progress, unread
 * messages, alerts (bank details missing, card blocked, rights or coverage ending soon) and the year's
 * participations forfaitaires and franchises against their annual caps (rule rows, not constants).
 */
export async function getInsuredHome({ actor, today, now, rules }: { actor: TActor; today: CalendarDate; now: Date; rules: RuleSet }): Promise<TInsuredHome> {
  if (actor.role !== 'insured' || !actor.insuredId) throw new AppError('forbidden', 403)
  const db = getDb()
  const insuredId = actor.insuredId
  const year = Number(today.slice(0, 4))
  // Ten statements for most persons (ADR 0014): each list is read once and split here — the Vitale cards (blocked ones,
  // the person's own), the procedures and card orders in progress (filtered by the database; the Vitale orders in
  // progress among them), the file's coverage periods not ended (those ending soon, the person's own) — and the
  // deductions are summed by the database. Beneficiaries' situations: one more query, only when there are any. The
  // unread count is the navigation's (one query per request for both).
  const [overview, nextAppointment, unreadMessages, procedures, cards, filePeriods, tallies] = await Promise.all([
    getInsuredOverview(db, insuredId),
    findNextAppointment(db, insuredId, now),
    countUnreadOfInsured(insuredId),
    listProcedures({ actor, statuses: [...WAITING] }),
    listVitaleCardsOfInsured(db, insuredId),
    listFileCoveragePeriodsFrom(db, insuredId, today),
    sumDeductionsOfYear(db, insuredId, year),
  ])
  const until = addDays(today, RIGHTS_ALERT_DAYS)
  const coverages = filePeriods.filter((p): p is typeof p & { to: string } => p.to !== null && isWithin(calendarDate(p.to), today, until))
  const periods = ownCoveragePeriods(filePeriods)
  const vitaleOrders = procedures
    .filter((p) => p.source === 'card-order' && p.type === 'vitale-order' && IN_PROGRESS.has(p.status))
    .map((o) => ({ beneficiaryId: o.beneficiaryId, estimatedDelivery: o.estimatedDate }))
  const blocked = blockedCardsWithoutReplacement(cards, vitaleOrders)
  const vitale = { hasCard: cards.some((c) => c.beneficiaryId === null), orderInProgress: vitaleOrders.some((o) => o.beneficiaryId === null) }
  if (!overview) throw new AppError('notFound', 404)
  const name = (beneficiaryId: string | null) => {
    if (!beneficiaryId) return `${overview.firstNames.split(' ')[0]} ${overview.lastName}`
    const b = overview.beneficiaries.find((x) => x.id === beneficiaryId)
    return b ? `${b.firstNames.split(' ')[0]} ${b.lastName}` : ''
  }

  const alerts: THomeAlert[] = []
  if (!overview.hasIban) alerts.push({ kind: 'no-iban' })
  if (overview.affiliationStatus !== 'active') alerts.push({ kind: 'affiliation' })
  for (const c of blocked) {
    alerts.push(c.replacement ? { kind: 'card-replacement', person: name(c.beneficiaryId), due: c.replacement.estimatedDelivery } : { kind: 'card-blocked', person: name(c.beneficiaryId) })
  }
  if (overview.rightsTo && isWithin(calendarDate(overview.rightsTo), today, addDays(today, RIGHTS_ALERT_DAYS))) alerts.push({ kind: 'rights-ending', to: overview.rightsTo })
  for (const c of coverages) alerts.push({ kind: 'coverage-ending', coverage: c.kind, person: name(c.beneficiaryId), to: c.to })

  const situation = situationOverview({ periods, regime: overview.regime, birthDate: overview.birthDate, mutuelle: { name: overview.mutuelle?.name ?? null, amcCode: overview.mutuelle?.amcCode ?? null, cover: null }, today, rules })
  // Beneficiaries: their own periods (CSS, maternity…) and age, through the same rule as the engine.
  const beneficiarySituations = await listCoverageSituationsOfBeneficiaries(db, overview.beneficiaries.map((b) => b.id), today)
  const beneficiaryExemptions = overview.beneficiaries.map((b) => deductionExemption(rules, { situations: beneficiarySituations.get(b.id) ?? [], birthDate: b.birthDate, date: today }))
  const people = [
    { id: null as string | null, exempt: situation.exemption },
    ...overview.beneficiaries.map((b, i) => ({ id: b.id as string | null, exempt: beneficiaryExemptions[i] ?? null })),
  ]
  const deductions: TDeductionTracker = {
    year,
    participationCap: rules.valueAt('participation.annual-cap', today),
    franchiseCap: rules.valueAt('franchise.annual-cap', today),
    persons: people.map((p) => {
      const t = tallies.find((x) => x.beneficiaryId === p.id)
      return { id: p.id, name: name(p.id), participation: t?.participation ?? 0, franchise: t?.franchise ?? 0, exempt: p.exempt }
    }),
  }

  return {
    // A scheduled transfer whose date is reached is shown as paid, even before the payment run marks it.
    overview: { ...overview, latestPayments: overview.latestPayments.map((p) => ({ ...p, status: displayedPaymentStatus(p.status, p.paidOn, today) })) },
    nextAppointment,
    unreadMessages,
    procedures: procedures.filter((p) => WAITING.has(p.status)),
    alerts,
    deductions,
    situation,
    firstVitale: overview.nirKind !== 'permanent' ? 'temporary' : !vitale.hasCard && !vitale.orderInProgress ? 'invite' : null,
  }
}
