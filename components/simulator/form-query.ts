import { parseEurosToCents } from '@/lib/domain/money'
import type { CareType } from '@/lib/domain/reimbursement/acts'
import { PATHWAYS, REGIMES, SECTORS, SITUATIONS, type Complementary, type Pathway, type Regime, type Sector, type Situation } from '@/lib/domain/reimbursement/types'

/**
 * The public simulator's form (a plain GET form, so it works without JavaScript) ↔ the claim line of
 * SIMULATION-API.md. The form speaks a user's language (euros, a mutuelle level); the line speaks cents and
 * `overrunCoverPercent`. Pure: no React, no I/O.
 */

export type SearchParams = Record<string, string | string[] | undefined>

/** Mutuelle levels as a guarantee table shows them (% of the base, "BR") → `complementary`. */
export const MUTUELLE_LEVELS = ['none', 'tm', '150', '200', '300'] as const
export type MutuelleLevel = (typeof MUTUELLE_LEVELS)[number]

const COMPLEMENTARY: Record<MutuelleLevel, Complementary> = {
  none: 'none',
  tm: 'ticket-moderateur',
  '150': { overrunCoverPercent: 50 },
  '200': { overrunCoverPercent: 100 },
  '300': { overrunCoverPercent: 200 },
}

/** What the form shows: the raw strings the user typed (echoed back as typed), defaults filled in. */
export interface SimulatorFormValues {
  act: string
  careDate: string
  fee: string
  quantity: string
  sector: Sector
  birthDate: string
  regime: Regime
  pathway: Pathway
  situations: Situation[]
  mutuelle: MutuelleLevel
}

/** The form's fields; errors are keyed by these (and shown next to the matching control). */
export type SimulatorField = keyof SimulatorFormValues

export const ACT_GROUPS = ['doctors', 'midwife', 'dentist', 'radiology', 'paramedical', 'laboratory', 'medicines', 'devices', 'hospital', 'transport'] as const
export type ActGroup = (typeof ACT_GROUPS)[number]

const GROUP_OF: Record<CareType, ActGroup> = {
  doctor: 'doctors',
  dentist: 'dentist',
  paramedical: 'paramedical',
  laboratory: 'laboratory',
  'medicine-100': 'medicines',
  'medicine-65': 'medicines',
  'medicine-30': 'medicines',
  'medicine-15': 'medicines',
  hospital: 'hospital',
  'hospital-fee': 'hospital',
  'emergency-fee': 'hospital',
  transport: 'transport',
  midwife: 'midwife',
  radiology: 'radiology',
  device: 'devices',
}

export const actGroupOf = (careType: CareType): ActGroup => GROUP_OF[careType]

/** One act of the select list, in the reader's language. */
export interface ActOption {
  code: string
  label: string
  group: ActGroup
  /** The base is the price charged (medicines, hospital stays, lab): the fee must be given. */
  baseFromFee: boolean
}

const first = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value)
const text = (value: string | string[] | undefined): string => (first(value) ?? '').trim().slice(0, 40)
const oneOf = <T extends string>(list: readonly T[], value: string | string[] | undefined, fallback: T): T => {
  const v = first(value)
  return v !== undefined && (list as readonly string[]).includes(v) ? (v as T) : fallback
}

/** The form was sent (the act select is always part of it). */
export function isSubmitted(params: SearchParams): boolean {
  return params.act !== undefined
}

/** Query string → form values, with the defaults a first visit shows (today in Europe/Paris, a GP consultation…). */
export function readForm(params: SearchParams, today: string): SimulatorFormValues {
  const submitted = isSubmitted(params)
  const situationsRaw = params.situations === undefined ? [] : Array.isArray(params.situations) ? params.situations : [params.situations]
  return {
    act: submitted ? text(params.act) : 'G',
    careDate: submitted ? text(params.careDate) : today,
    fee: text(params.fee),
    quantity: submitted ? text(params.quantity) : '1',
    sector: oneOf(SECTORS, params.sector, '1'),
    birthDate: text(params.birthDate),
    regime: oneOf(REGIMES, params.regime, 'general'),
    pathway: oneOf(PATHWAYS, params.pathway, 'coordinated'),
    situations: SITUATIONS.filter((s) => situationsRaw.includes(s)),
    mutuelle: oneOf(MUTUELLE_LEVELS, params.mutuelle, 'tm'),
  }
}

export interface FormFieldError {
  field: SimulatorField
  /** i18n code, as in `simulation.errors` (`simulator.errors` may word it for the form). */
  code: string
  params?: Record<string, string | number>
}

/**
 * Form values → a raw claim line for `parseLine` (which applies the contract's validation), plus the errors
 * only the form can make (a fee that is not an amount in euros).
 */
export function toRawLine(values: SimulatorFormValues): { raw: Record<string, unknown>; errors: FormFieldError[] } {
  const errors: FormFieldError[] = []
  const raw: Record<string, unknown> = {
    act: values.act || undefined,
    careDate: values.careDate || undefined,
    birthDate: values.birthDate || undefined,
    sector: values.sector,
    regime: values.regime,
    pathway: values.pathway,
    situations: values.situations,
    complementary: COMPLEMENTARY[values.mutuelle],
  }
  if (values.fee !== '') {
    const cents = parseEurosToCents(values.fee)
    if (cents === null) errors.push({ field: 'fee', code: 'fee.invalid' })
    else raw.feeCharged = cents
  }
  if (values.quantity !== '') {
    // A whole number goes through; anything else is handed as is, so the contract's schema refuses it.
    raw.quantity = /^\d{1,6}$/.test(values.quantity) ? Number(values.quantity) : values.quantity
  }
  return { raw, errors }
}

/** A contract path ("feeCharged", "situations.2") → the form control that shows its error. */
export function fieldOfPath(path: string): SimulatorField | null {
  const root = path.split('.')[0] ?? ''
  switch (root) {
    case 'feeCharged':
      return 'fee'
    case 'complementary':
      return 'mutuelle'
    case 'act':
    case 'careDate':
    case 'quantity':
    case 'sector':
    case 'birthDate':
    case 'regime':
    case 'pathway':
    case 'situations':
      return root
    default:
      return null
  }
}

/** The query string of a filled form (the worked example link). */
export function toQuery(values: Partial<SimulatorFormValues>): string {
  const q = new URLSearchParams()
  for (const [key, value] of Object.entries(values)) {
    if (Array.isArray(value)) for (const v of value) q.append(key, v)
    else if (value !== undefined) q.set(key, value)
  }
  return q.toString()
}
