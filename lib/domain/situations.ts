/**
 * "Ma situation" (issue 17 §3): the situations that change how a person is reimbursed, shown as they are on the home
 * page and the profile: ALD, maternity, CSS, AME, invalidity, work accident (dated coverage periods in force on
 * `today`) and the Alsace-Moselle local regime; and the complementary cover, where a CSS in force IS the person's
 * complementary (it pays the co-payment, RULEBOOK §2 example 14), never "no complementary cover declared".
 *
 * Pure: plain data in, plain data out; `today` comes from the caller.
 */
import { calendarDate, isWithin, type CalendarDate } from './dates'
import { deductionExemption, type DeductionExemptReason } from './reimbursement/engine'
import { SITUATIONS, type Situation } from './reimbursement/types'
import type { RuleSet } from './rules/rule-set'

export type TCoverageFacts = { kind: string; from: string; to: string | null; label: string | null; monthlyParticipation?: number | null }

/** The kinds shown, in this order (the local regime last: it is a regime, not a dated period). */
export const SITUATION_KINDS = ['ald', 'maternity', 'css', 'ame', 'invalidity', 'work-accident', 'alsace-moselle'] as const
export type TSituationKind = (typeof SITUATION_KINDS)[number]

export type TSituation = {
  kind: TSituationKind
  from: string | null
  to: string | null
  /** ALD: the affection as stored ("Diabète de type 2 (ALD 8)"); CSS: "free" | "participation"; else as stored. */
  label: string | null
  /** CSS with participation: the monthly amount in cents. */
  monthlyParticipation: number | null
}

export type TComplementaryCover =
  | { kind: 'css'; level: 'free' | 'participation' | null; from: string; to: string | null; monthlyParticipation: number | null }
  | { kind: 'mutuelle'; name: string; amcCode: string | null; cover: string | null }
  | null

/** The periods in force on `today` (compared as calendar dates). */
export function periodsInForce<T extends TCoverageFacts>(periods: readonly T[], today: CalendarDate): T[] {
  return periods.filter((p) => isWithin(today, calendarDate(p.from), p.to ? calendarDate(p.to) : null))
}

/** The person's situations on `today`, in SITUATION_KINDS order; the local regime from the regime of the file. */
export function personSituations(periods: readonly TCoverageFacts[], regime: string, today: CalendarDate): TSituation[] {
  const inForce = periodsInForce(periods, today)
  const out: TSituation[] = []
  for (const kind of SITUATION_KINDS) {
    if (kind === 'alsace-moselle') {
      if (regime === 'alsace-moselle') out.push({ kind, from: null, to: null, label: null, monthlyParticipation: null })
      continue
    }
    for (const p of inForce.filter((x) => x.kind === kind)) out.push({ kind, from: p.from, to: p.to, label: p.label, monthlyParticipation: p.monthlyParticipation ?? null })
  }
  return out
}

/** The complementary cover on `today`: a CSS in force first (it is the complementary), else the declared mutuelle. */
export function complementaryCover(
  periods: readonly TCoverageFacts[],
  mutuelle: { name: string | null; amcCode: string | null; cover: string | null },
  today: CalendarDate,
): TComplementaryCover {
  const css = periodsInForce(periods, today).find((p) => p.kind === 'css')
  if (css) {
    const level = css.label === 'free' || css.label === 'participation' ? css.label : null
    return { kind: 'css', level, from: css.from, to: css.to, monthlyParticipation: css.monthlyParticipation ?? null }
  }
  return mutuelle.name ? { kind: 'mutuelle', name: mutuelle.name, amcCode: mutuelle.amcCode, cover: mutuelle.cover } : null
}

/**
 * Exempt from participation forfaitaire and franchises on `today`, and why (CSS, maternity, AME, under 18 on 1 January):
 * the reimbursement engine's own decision (deductionExemption), fed with the situations in force that day.
 */
export function exemptionOn(periods: readonly TCoverageFacts[], birthDate: string, today: CalendarDate, rules: RuleSet): DeductionExemptReason | null {
  const kinds = new Set(periodsInForce(periods, today).map((p) => p.kind))
  const situations: Situation[] = SITUATIONS.filter((s) => kinds.has(s))
  return deductionExemption(rules, { situations, birthDate, date: today })
}

export type TSituationOverview = { situations: TSituation[]; complementary: TComplementaryCover; exemption: DeductionExemptReason | null }

/** What the home page and the profile show about one insured person on `today`. */
export function situationOverview(args: {
  periods: readonly TCoverageFacts[]
  regime: string
  birthDate: string
  mutuelle: { name: string | null; amcCode: string | null; cover: string | null }
  today: CalendarDate
  rules: RuleSet
}): TSituationOverview {
  return {
    situations: personSituations(args.periods, args.regime, args.today),
    complementary: complementaryCover(args.periods, args.mutuelle, args.today),
    exemption: exemptionOn(args.periods, args.birthDate, args.today, args.rules),
  }
}
