import 'server-only'
import { laterDate, parseCalendarDate, type CalendarDate } from '@/lib/domain/dates'
import type { Engine } from '@/lib/domain/reimbursement/engine'
import type { LineResult } from '@/lib/domain/reimbursement/types'

/** The public home page's worked example, as the engine computes it today. */
export type THomeExample = {
  today: string
  fee: number
  rate: number
  amoGross: number
  participation: number
  amoPaid: number
  complementary: number
  patient: number
  /** The day the GP visit's tariff row took effect (shown: "tariff since …"). */
  tariffFrom: string | null
  /** The latest start date among the rules applied (shown: "rules of …"). */
  rulesFrom: string | null
}

/**
 * The home page example (issue 17 §4: never stale): a GP visit (act G, sector 1, within the coordinated care
 * pathway, an adult, a mutuelle covering the co-payment) on `today`, computed by the engine from the rules in force
 * that day, rather than figures written in the text. Null when the engine cannot price it (no tariff in force).
 */
export function homeExample({ engine, today }: { engine: Engine; today: string }): THomeExample | null {
  const outcome = engine.simulate({
    careDate: today,
    act: 'G',
    quantity: 1,
    sector: '1',
    regime: 'general',
    birthDate: `${Number(today.slice(0, 4)) - 40}-01-01`,
    pathway: 'coordinated',
    situations: [],
    complementary: 'ticket-moderateur',
  })
  if (!outcome.ok) return null
  const r: LineResult = outcome.result
  const froms = r.steps.map((s) => (s.from ? parseCalendarDate(s.from) : null)).filter((f): f is CalendarDate => f !== null)
  return {
    today,
    fee: r.amoPaid + r.complementary + r.patient,
    rate: r.rate,
    amoGross: r.amoGross,
    participation: r.participation,
    amoPaid: r.amoPaid,
    complementary: r.complementary,
    patient: r.patient,
    tariffFrom: r.steps.find((s) => s.code === 'base.tariff')?.from ?? null,
    rulesFrom: froms.length ? froms.reduce((a, b) => laterDate(a, b)) : null,
  }
}
