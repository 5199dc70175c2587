/**
 * The reimbursement contract (../shared/domain/SIMULATION-API.md): one shape for a claim line and its
 * result, used by the simulator page, the JSON API, the batch command and stored claims. Amounts are
 * integer cents.
 */
import type { Cents } from '../money';

export const SECTORS = ['1', '2-optam', '2', '3'] as const;
export type Sector = (typeof SECTORS)[number];

export const REGIMES = ['general', 'alsace-moselle', 'agricultural', 'special'] as const;
export type Regime = (typeof REGIMES)[number];

export const PATHWAYS = ['coordinated', 'direct-access', 'out-of-pathway', 'emergency'] as const;
export type Pathway = (typeof PATHWAYS)[number];

export const SITUATIONS = ['ald', 'maternity', 'work-accident', 'css', 'ame', 'invalidity'] as const;
export type Situation = (typeof SITUATIONS)[number];

export type Complementary = 'none' | 'ticket-moderateur' | { overrunCoverPercent: number };

/** A claim line after validation, defaults applied (SIMULATION-API "A line"). */
export interface ClaimLineInput {
  id?: string;
  /** "YYYY-MM-DD", a real calendar day. */
  careDate: string;
  act: string;
  quantity: number;
  /** Per unit, cents; undefined = the base per unit. */
  feeCharged?: Cents;
  sector: Sector;
  regime: Regime;
  /** "YYYY-MM-DD", not after careDate. */
  birthDate: string;
  pathway: Pathway;
  situations: readonly Situation[];
  alreadyPaidThisYear?: { participation: Cents; franchises: Cents };
  complementary: Complementary;
  beneficiaryId?: string;
  professionalId?: string;
  /** Hospital lines: which day of a continuous stay the line bills (from the 31st: 100 %, RULEBOOK C10). */
  stayDay?: number;
}

/** Explanation step codes, in the order the engine applies them (RULEBOOK "Engine order of operations"). */
export type StepCode =
  | 'base.tariff'
  | 'base.under-6'
  | 'base.sector-2'
  | 'base.sector-3'
  | 'base.reduced'
  | 'base.fee'
  | 'base.capped-at-fee'
  | 'rate.general'
  | 'rate.regime'
  | 'rate.situation'
  | 'rate.out-of-pathway'
  | 'rate.heavy-act'
  | 'rate.long-stay'
  | 'heavy-act-participation'
  | 'local-regime'
  | 'participation'
  | 'participation.exempt'
  | 'participation.capped'
  | 'franchise'
  | 'franchise.exempt'
  | 'franchise.capped'
  | 'carried-forward.deducted'
  | 'carried-forward.kept'
  | 'amo-paid'
  | 'complementary.co-payment'
  | 'complementary.css'
  | 'complementary.none'
  | 'complementary.overrun'
  | 'complementary.overrun-not-covered'
  | 'complementary.basket'
  | 'complementary.above-limit'
  | 'complementary.cover-cap'
  | 'patient';

export interface Step {
  code: StepCode;
  /** Cents; deductions are negative. */
  amount: Cents;
  /** The dated rule applied (RuleParameter key) and the day its row took effect. */
  rule?: string;
  from?: string;
  /** RULEBOOK reference and documentary source. */
  source: string;
  /** Figures the explanation quotes (rate, unit price, reason…). */
  values?: Record<string, string | number>;
}

/** SIMULATION-API "A result". */
export interface LineResult {
  id?: string;
  base: Cents;
  rate: number;
  amoGross: Cents;
  localRegime: Cents;
  participation: Cents;
  franchise: Cents;
  carriedForward: Cents;
  amoPaid: Cents;
  complementary: Cents;
  patient: Cents;
  steps: Step[];
}

/** A refusal that depends on the rule data (the shape is checked by the zod schema before). */
export interface LineError {
  path: string;
  code: 'act.unknown' | 'act.notInForce' | 'feeCharged.required' | 'birthDate.afterCareDate';
}

export type LineOutcome = { ok: true; result: LineResult } | { ok: false; id?: string; errors: LineError[] };
