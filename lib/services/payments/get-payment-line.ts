import 'server-only'
import { getDb } from '@/lib/db/client'
import { findLineOfInsured, listHousehold } from '@/lib/db/repositories/payments'
import type { CalendarDate } from '@/lib/domain/dates'
import { displayedPaymentStatus } from '@/lib/domain/payment-status'
import { stepCodeSource, type Engine } from '@/lib/domain/reimbursement/engine'
import { restoreStepSources } from '@/lib/domain/reimbursement/steps-json'
import type { Step } from '@/lib/domain/reimbursement/types'
import type { RuleSet } from '@/lib/domain/rules/rule-set'
import { AppError } from '@/lib/errors'
import { ZLineId } from '@/lib/schemas/payments'
import { resolveInsuredFile, type TActor } from '@/lib/services/procedures/common'
import { readableSteps, type ReadableStep } from '@/lib/services/simulation/simulate-lines'

export type TPaymentLineDetail = {
  id: string
  careDate: string
  act: { code: string; label: string }
  careType: string
  quantity: number
  feeCharged: number
  sector: string
  pathway: string
  situations: string[]
  base: number
  rate: number
  amoGross: number
  localRegime: number
  participation: number
  franchise: number
  carriedForward: number
  amoPaid: number
  complementary: number
  patient: number
  participationApplies: boolean
  franchiseApplies: boolean
  person: string
  beneficiaryId: string | null
  professional: { name: string; specialty: string; city: string } | null
  claim: { reference: string; source: string; receivedOn: string; status: string; tiersPayant: boolean }
  payment: { reference: string; paidOn: string; ibanMasked: string | null; status: string } | null
  disputedAt: Date | null
  /** Each step in the reader's language: a sentence, since when its rule applies, the official page. */
  steps: ReadableStep[]
}

/** Stored steps → sentences a person reads, each with the official page of its rule row (no rule ids, no developer sources). */
export function explainStoredSteps(json: string, rules: RuleSet, locale: 'fr' | 'en'): TPaymentLineDetail['steps'] {
  const stored = JSON.parse(json) as Omit<Step, 'source'>[]
  const steps = restoreStepSources(stored, (key, from) => rules.rowAt(key, from)?.source, stepCodeSource)
  return readableSteps(steps, locale, rules)
}

/**
 * The explanation of one claim line (issue 4 §2): the figures the engine stored, who paid what and when, and every
 * step with its rule and source. Someone else's line (or a malformed id) → 404 notFound.
 */
export async function getPaymentLine({
  actor,
  insuredId,
  lineId,
  engine,
  rules,
  locale,
  today,
}: {
  actor: TActor
  insuredId?: string
  lineId: unknown
  engine: Engine
  rules: RuleSet
  locale: 'fr' | 'en'
  /** Paris today: a scheduled transfer whose date is reached is shown as paid. */
  today: CalendarDate
}): Promise<TPaymentLineDetail> {
  const id = ZLineId.safeParse(lineId)
  if (!id.success) throw new AppError('notFound', 404)
  const db = getDb()
  const owner = await resolveInsuredFile(db, actor, insuredId, { insured: 'read:payments:own', staff: 'read:insured-file:caisse' })
  const l = await findLineOfInsured(db, owner, id.data)
  if (!l) throw new AppError('notFound', 404)
  const persons = await listHousehold(db, owner)
  const p = persons.find((x) => x.id === l.claim.beneficiaryId)
  const def = engine.acts.get(l.act)
  const pro = l.claim.professional
  return {
    id: l.id,
    careDate: l.careDate,
    act: { code: l.act, label: def?.label[locale] ?? l.label ?? l.act },
    careType: l.careType,
    quantity: l.quantity,
    feeCharged: l.feeCharged,
    sector: l.sector,
    pathway: l.pathway,
    situations: l.situations ? l.situations.split(',') : [],
    base: l.base,
    rate: l.rate,
    amoGross: l.amoGross,
    localRegime: l.localRegime,
    participation: l.participation,
    franchise: l.franchise,
    carriedForward: l.carriedForward,
    amoPaid: l.amoPaid,
    complementary: l.complementary,
    patient: l.patient,
    participationApplies: Boolean(def?.participation),
    franchiseApplies: Boolean(def?.franchise),
    person: p ? `${p.firstNames.split(' ')[0]} ${p.lastName}` : '',
    beneficiaryId: l.claim.beneficiaryId,
    professional: pro ? { name: [pro.title, pro.firstName, pro.lastName].filter(Boolean).join(' '), specialty: pro.specialty, city: pro.city } : null,
    claim: { reference: l.claim.reference, source: l.claim.source, receivedOn: l.claim.receivedOn, status: l.claim.status, tiersPayant: l.claim.tiersPayant },
    payment: l.payment ? { ...l.payment, status: displayedPaymentStatus(l.payment.status, l.payment.paidOn, today) } : null,
    disputedAt: l.disputedAt,
    steps: explainStoredSteps(l.steps, rules, locale),
  }
}
