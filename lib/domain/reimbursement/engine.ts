/**
 * The reimbursement engine: a claim line (or an ordered batch of lines) + the dated rule set → the
 * result of SIMULATION-API.md, with its ordered explanation steps.
 *
 * Order of operations (RULEBOOK "Engine order of operations"):
 *  1. base (BR) from the act, the date, the sector, the age → 2. rate from the care type, the regime,
 *  the situations and the care pathway → 3. AMO gross = base × rate, half-up → 4. Alsace-Moselle
 *  complement → 5. participation forfaitaire and franchises (exemptions, daily and annual caps, carried
 *  forward when they do not fit) → 6. complementary share → 7. patient remainder.
 *
 * Pure: no clock, no I/O. Every figure comes from the RuleSet (prisma/rules/*.json or the database).
 * Built once per rule set (`createEngine`), then computes millions of lines per second.
 */
import { percentOf, type Cents } from '../money';
import { dayKey, type CompiledRow, type RuleSeries, type RuleSet } from '../rules/rule-set';
import type { ActDefinition, CareType } from './acts';
import type {
  ClaimLineInput,
  LineError,
  LineOutcome,
  LineResult,
  Regime,
  Situation,
  Step,
  StepCode,
} from './types';

const ORDER = 'RULEBOOK "Engine order of operations"';

/** A deduction shown as a negative amount (never −0). */
const neg = (cents: Cents): Cents => (cents === 0 ? 0 : -cents);
const API = 'SIMULATION-API.md "A result"';
const CO_PAYMENT = 'RULEBOOK §5 (mutuelle at TM level: base − AMO gross, never the out-of-pathway majoration)';

/** The source of the steps that apply no dated rule row (stored steps omit it; see steps-json.ts). */
const CODE_SOURCES: Partial<Record<StepCode, string>> = {
  'base.fee': 'RULEBOOK Act codes (BR = the price charged)',
  'base.capped-at-fee': 'SIMULATION-API.md (the base never exceeds what was charged)',
  'carried-forward.deducted': 'RULEBOOK Decisions (carried forward, deducted from the next payments)',
  'carried-forward.kept': 'RULEBOOK Decisions (never lost, never deducted twice)',
  'amo-paid': API,
  'complementary.css': 'RULEBOOK §2 (CSS: co-payment covered, no overruns) and SIMULATION-API.md',
  'complementary.none': API,
  'complementary.co-payment': CO_PAYMENT,
  'complementary.overrun': 'SIMULATION-API.md "complementary" (overruns up to N % of the base)',
  patient: 'SIMULATION-API.md "patient" (fee × quantity − AMO paid − complementary)',
};

const RATES_PAGE = 'https://www.ameli.fr/assure/remboursements/rembourse/tableau-recapitulatif-taux-remboursement';
/** The official page a person can read for a step that applies no rule row (rule rows carry their own `url`). */
const CODE_URLS: Partial<Record<StepCode, string>> = {
  'carried-forward.deducted': 'https://www.ameli.fr/assure/remboursements/reste-charge/franchise-medicale',
  'carried-forward.kept': 'https://www.ameli.fr/assure/remboursements/reste-charge/franchise-medicale',
  'complementary.css': 'https://www.ameli.fr/assure/droits-demarches/difficultes-acces-droits-soins/complementaire-sante',
};

export function stepCodeUrl(code: StepCode): string {
  return CODE_URLS[code] ?? RATES_PAGE;
}

/** The source a step of this code names when it applies no rule row. */
export function stepCodeSource(code: StepCode): string {
  return CODE_SOURCES[code] ?? ORDER;
}

/** Situations that replace the rate (CSS does not: it pays the co-payment, RULEBOOK §2 example 14). */
const RATE_SITUATIONS: readonly Situation[] = ['ald', 'maternity', 'work-accident', 'ame', 'invalidity'];
/** Exempt from participation and franchises (RULEBOOK §4 exemptions; ALD, AT/MP, invalidity still pay). */
const EXEMPT_SITUATIONS: readonly Situation[] = ['maternity', 'css', 'ame'];
const SITUATION_BIT: Record<Situation, number> = { ald: 1, maternity: 2, 'work-accident': 4, css: 8, ame: 16, invalidity: 32 };
const EXEMPT_MASK = SITUATION_BIT.maternity | SITUATION_BIT.css | SITUATION_BIT.ame;

/** Why a person pays no participation forfaitaire and no franchise on a day (RULEBOOK §4 exemptions). */
export type DeductionExemptReason = 'maternity' | 'css' | 'ame' | 'minor';

/**
 * The one place that decides the exemption from participation and franchises (RULEBOOK §4, "Decisions": under 18 on
 * 1 January of the year of care): a situation of EXEMPT_SITUATIONS in `mask` first, else the minor rule when
 * `minorAge` (the row in force that day) is above the age on 1 January. The engine calls it per line; the portal
 * (`deductionExemption`) calls it for "today" so that the tracker and the payments never disagree.
 */
function exemptReasonOf(mask: number, ageOnJan1: number, minorAge: CompiledRow | undefined): DeductionExemptReason | undefined {
  const exemptSituation = (mask & EXEMPT_MASK) === 0 ? undefined : EXEMPT_SITUATIONS.find((sit) => (mask & SITUATION_BIT[sit]) !== 0);
  return (exemptSituation as DeductionExemptReason | undefined) ?? (minorAge && ageOnJan1 < minorAge.value ? 'minor' : undefined);
}

/** Age on 1 January of the year of `day` (YYYYMMDD keys), in completed years. */
function ageOnJanuaryFirst(day: number, birth: number): number {
  const year = Math.floor(day / 10_000);
  return Math.floor((year * 10_000 + 101 - birth) / 10_000);
}

/**
 * Is a person with these situations on `date` ("YYYY-MM-DD") exempt from participation forfaitaire and franchises,
 * and why? The same decision as the engine's step 5 (exemptReasonOf), from the same rule row (`exemption.minor.age`).
 * Null when they are due (ALD, work accident and invalidity still pay them).
 */
export function deductionExemption(
  rules: RuleSet,
  { situations, birthDate, date }: { situations: readonly Situation[]; birthDate: string; date: string },
): DeductionExemptReason | null {
  let mask = 0;
  for (const sit of situations) mask |= SITUATION_BIT[sit];
  const day = dayKey(date);
  const minor = rules.has('exemption.minor.age') ? rules.series('exemption.minor.age').at(day) : undefined;
  return exemptReasonOf(mask, ageOnJanuaryFirst(day, dayKey(birthDate)), minor ?? undefined) ?? null;
}

interface CompiledAct {
  def: ActDefinition;
  base: RuleSeries;
  baseUnder6: RuleSeries | null;
  baseSector2: RuleSeries | null;
  baseSector3: RuleSeries | null;
  baseReduced: RuleSeries | null;
  rate: Record<Regime, RuleSeries>;
  /** Alsace-Moselle total rate (with the local complement). */
  localRate: RuleSeries;
  situationRate: Record<Situation, RuleSeries>;
  franchiseAmount: RuleSeries | null;
  franchiseDailyCap: RuleSeries | null;
  /** 100 % santé price limit per unit (act.<code>.price-limit), or null. */
  priceLimit: RuleSeries | null;
  /** Responsible-contract cover limit per unit (act.<code>.cover-cap), or null. */
  coverCap: RuleSeries | null;
}

/** One beneficiary's running totals in a batch. */
export interface BeneficiaryTally {
  /** Participation and franchises due but not yet deducted (carried forward). */
  pendingParticipation: Cents;
  pendingFranchises: Cents;
  /** Calendar year → amounts counted toward the annual caps. */
  annual: Map<number, { participation: Cents; franchises: Cents }>;
  /** (professional, kind, day) → participations counted, or franchise cents, for the daily caps. */
  daily: Map<number, number>;
  /** The last year looked up (batches are mostly in date order). */
  lastYear: number;
  lastAnnual: { participation: Cents; franchises: Cents } | undefined;
}

/**
 * Running totals of a batch: caps per beneficiary × year and per beneficiary × professional × day, and
 * deductions still due. Keys are numbers (no string building per line): the engine computes millions of
 * lines per second.
 */
export class DeductionLedger {
  readonly beneficiaries = new Map<string, BeneficiaryTally>();
  private readonly professionals = new Map<string, number>();

  // Lines come in claims (several lines of one beneficiary and professional in a row): remember the last ones.
  private lastBeneficiary: string | undefined = undefined;
  private lastTally: BeneficiaryTally | undefined = undefined;
  private lastProfessional: string | undefined = undefined;
  private lastProfessionalIndex = 0;

  tally(beneficiary: string): BeneficiaryTally {
    if (beneficiary === this.lastBeneficiary) return this.lastTally!;
    let t = this.beneficiaries.get(beneficiary);
    if (!t) {
      t = newTally();
      this.beneficiaries.set(beneficiary, t);
    }
    this.lastBeneficiary = beneficiary;
    this.lastTally = t;
    return t;
  }

  professionalIndex(id: string | undefined): number {
    if (id === undefined) return 0;
    if (id === this.lastProfessional) return this.lastProfessionalIndex;
    let n = this.professionals.get(id);
    if (n === undefined) {
      n = this.professionals.size + 1;
      this.professionals.set(id, n);
    }
    this.lastProfessional = id;
    this.lastProfessionalIndex = n;
    return n;
  }

  /**
   * Amounts a beneficiary already owes toward the annual caps of `year` (earlier batches, stored claims): the
   * caps of later lines count from there. Only ever raises the tally.
   */
  preloadYear(beneficiary: string, year: number, participation: Cents, franchises: Cents): void {
    const t = this.tally(beneficiary);
    const a = t.annual.get(year);
    if (!a) t.annual.set(year, { participation, franchises });
    else {
      if (participation > a.participation) a.participation = participation;
      if (franchises > a.franchises) a.franchises = franchises;
    }
    t.lastYear = 0;
    t.lastAnnual = undefined;
  }

  /** Deductions still due per beneficiary (for storage as carried-forward rows). */
  pending(): { beneficiary: string; participation: Cents; franchises: Cents }[] {
    const out: { beneficiary: string; participation: Cents; franchises: Cents }[] = [];
    for (const [beneficiary, t] of this.beneficiaries) {
      if (t.pendingParticipation > 0 || t.pendingFranchises > 0) out.push({ beneficiary, participation: t.pendingParticipation, franchises: t.pendingFranchises });
    }
    return out;
  }
}

function newTally(): BeneficiaryTally {
  return { pendingParticipation: 0, pendingFranchises: 0, annual: new Map(), daily: new Map(), lastYear: 0, lastAnnual: undefined };
}

export interface Engine {
  readonly acts: ReadonlyMap<string, ActDefinition>;
  /** One line on its own (caps start from `alreadyPaidThisYear`). */
  simulate(line: ClaimLineInput): LineOutcome;
  /** An ordered batch: caps and carried-forward deductions accumulate per beneficiary, in order. */
  simulateBatch(lines: readonly ClaimLineInput[], ledger?: DeductionLedger): LineOutcome[];
  /**
   * One line of a batch, against a ledger the caller keeps (streaming batches). `beneficiary` null: the
   * line shares caps with no other line.
   */
  compute(line: ClaimLineInput, ledger: DeductionLedger, beneficiary: string | null): LineOutcome;
}

export function createEngine(rules: RuleSet, acts: readonly ActDefinition[]): Engine {
  const s = (key: string): RuleSeries => rules.series(key);
  const opt = (key: string): RuleSeries | null => (rules.has(key) ? rules.series(key) : null);

  const compiled = new Map<string, CompiledAct>();
  const byCode = new Map<string, ActDefinition>();
  for (const def of acts) {
    byCode.set(def.code, def);
    const ct: CareType = def.careType;
    const general = s(`rate.${ct}.general`);
    const situationRate = {} as Record<Situation, RuleSeries>;
    for (const sit of RATE_SITUATIONS) situationRate[sit] = opt(`rate.situation.${sit}.${ct}`) ?? s(`rate.situation.${sit}`);
    situationRate.css = s('rate.situation.css');
    compiled.set(def.code, {
      def,
      base: s(`act.${def.code}.base`),
      baseUnder6: def.childBase ? s(`act.${def.code}.base.under-6`) : null,
      baseSector2: def.sector2Base ? s(`act.${def.code}.base.sector-2`) : null,
      baseSector3: def.authorityTariff ? s(`sector-3.base.${def.authorityTariff}`) : null,
      baseReduced: def.reducedBase ? s(`act.${def.code}.base.reduced`) : null,
      rate: {
        general,
        'alsace-moselle': general,
        agricultural: opt(`rate.${ct}.agricultural`) ?? general,
        special: opt(`rate.${ct}.special`) ?? general,
      },
      localRate: s(`rate.${ct}.alsace-moselle`),
      situationRate,
      franchiseAmount: def.franchise ? s(`franchise.${def.franchise}.amount`) : null,
      franchiseDailyCap: def.franchise ? opt(`franchise.${def.franchise}.daily-cap`) : null,
      priceLimit: def.priceLimit ? s(`act.${def.code}.price-limit`) : null,
      coverCap: def.coverCap ? s(`act.${def.code}.cover-cap`) : null,
    });
  }

  const childAgeLimit = s('base.child-age-limit');
  const outOfPathway = s('rate.out-of-pathway.doctor');
  const pathwayMinAge = s('pathway.min-age');
  const psyMaxAge = s('pathway.psychiatry-direct-access.max-age');
  const pfAmount = s('participation.amount');
  const pfDailyCount = s('participation.daily-count');
  const pfAnnualCap = s('participation.annual-cap');
  const frAnnualCap = s('franchise.annual-cap');
  const minorAge = s('exemption.minor.age');
  const heavyThreshold = s('hospital.heavy-act-threshold');
  const heavyParticipation = s('hospital.heavy-act-participation');
  const fullRateFromDay = s('hospital.full-rate-from-day');
  const nonOptamGap = s('complementary.non-optam.gap');
  const nonOptamMax = s('complementary.non-optam.max');
  const basketCover = opt('complementary.100-sante.cover');

  function step(steps: Step[], code: StepCode, amount: Cents, row?: CompiledRow, values?: Step['values']): void {
    // One object shape for every step (fields always present, undefined when absent: JSON omits them).
    steps.push({ code, amount, rule: row?.key, from: row?.from, source: row ? row.source : stepCodeSource(code), values } as Step);
  }

  // Shared, frozen steps for the common cases (a tariff base for one unit, the general rate on a given
  // base, one participation or franchise): results are plain data, so identical steps can be one object.
  // This keeps the engine near one allocation per step it really computes.
  const baseSteps = new Map<CompiledRow, Step>();
  const rateSteps = new Map<CompiledRow, Map<number, Step>>();
  const deductionSteps = new Map<CompiledRow, Step>();
  const REGIME_INDEX: Record<Regime, number> = { general: 0, 'alsace-moselle': 1, agricultural: 2, special: 3 };
  const MAX_CACHED = 512;

  const amountSteps = new Map<StepCode, Map<number, Step>>();
  /** A step with no rule row and no values, shared per (code, amount) for the frequent amounts. */
  function amountStep(steps: Step[], code: StepCode, amount: Cents): void {
    let byAmount = amountSteps.get(code);
    if (!byAmount) {
      byAmount = new Map();
      amountSteps.set(code, byAmount);
    }
    let st = byAmount.get(amount);
    if (!st) {
      st = Object.freeze({ code, amount, rule: undefined, from: undefined, source: stepCodeSource(code), values: undefined }) as Step;
      if (byAmount.size < 4 * MAX_CACHED) byAmount.set(amount, st);
    }
    steps.push(st);
  }

  function frozen(code: StepCode, amount: Cents, row: CompiledRow, values: Step['values']): Step {
    return Object.freeze({ code, amount, rule: row.key, from: row.from, source: row.source, values: values && Object.freeze(values) }) as Step;
  }

  /**
   * 100 % santé: what the mutuelle (or the CSS) pays above the base, up to the price limit (RULEBOOK "Beyond the
   * act table"), with its step; a price above the limit, not allowed for a basket item, is said and left to pay.
   */
  function basketShare(steps: Step[], limitRow: CompiledRow, coverRow: CompiledRow, charged: Cents, base: Cents, quantity: number): Cents {
    if (charged <= base) return 0;
    const limit = limitRow.value * quantity;
    const covered = percentOf(Math.max(0, Math.min(charged, limit) - base), coverRow.value);
    step(steps, 'complementary.basket', covered, coverRow, { priceLimit: limitRow.value, quantity });
    if (charged > limit) step(steps, 'complementary.above-limit', charged - Math.max(limit, base), limitRow, { priceLimit: limitRow.value, quantity });
    return covered;
  }

  function fail(line: ClaimLineInput, errors: LineError[]): LineOutcome {
    return line.id === undefined ? { ok: false, errors } : { ok: false, id: line.id, errors };
  }

  function compute(line: ClaimLineInput, ledger: DeductionLedger, beneficiary: string | null): LineOutcome {
    const act = compiled.get(line.act);
    if (!act) return fail(line, [{ path: 'act', code: 'act.unknown' }]);
    const def = act.def;
    const day = dayKey(line.careDate);
    const birth = dayKey(line.birthDate);
    if (birth > day) return fail(line, [{ path: 'birthDate', code: 'birthDate.afterCareDate' }]);
    // YYYYMMDD integers: (care − birth) / 10 000, floored, is the age in completed years.
    const age = Math.floor((day - birth) / 10_000);
    const year = Math.floor(day / 10_000);
    const ageOnJan1 = ageOnJanuaryFirst(day, birth);
    const situations = line.situations;
    let mask = 0;
    for (let i = 0; i < situations.length; i++) mask |= SITUATION_BIT[situations[i]!];
    const isDoctor = def.careType === 'doctor';
    const quantity = line.quantity;
    const steps: Step[] = [];

    // 1. Base per unit.
    const generalRateRow = act.rate[line.regime].at(day);
    if (!generalRateRow) return fail(line, [{ path: 'act', code: 'act.notInForce' }]);
    let unitBase: Cents;
    let tariffRow: CompiledRow | undefined;
    let baseCode: StepCode = 'base.tariff';
    if (def.baseFromFee) {
      if (line.feeCharged === undefined) return fail(line, [{ path: 'feeCharged', code: 'feeCharged.required' }]);
      unitBase = line.feeCharged;
      baseCode = 'base.fee';
    } else {
      const standard = act.base.at(day);
      if (!standard) return fail(line, [{ path: 'act', code: 'act.notInForce' }]);
      tariffRow = standard;
      const childLimit = act.baseUnder6 ? childAgeLimit.at(day) : undefined;
      if (isDoctor && line.sector === '3' && act.baseSector3?.at(day)) {
        tariffRow = act.baseSector3.at(day)!;
        baseCode = 'base.sector-3';
      } else if (isDoctor && line.sector === '2' && act.baseSector2?.at(day)) {
        tariffRow = act.baseSector2.at(day)!;
        baseCode = 'base.sector-2';
      } else if (childLimit && age < childLimit.value && act.baseUnder6!.at(day)) {
        tariffRow = act.baseUnder6!.at(day)!;
        baseCode = 'base.under-6';
      } else if (act.baseReduced && (mask & SITUATION_BIT.ald) !== 0 && act.baseReduced.at(day)) {
        tariffRow = act.baseReduced.at(day)!;
        baseCode = 'base.reduced';
      }
      unitBase = tariffRow.value;
    }
    const fee = line.feeCharged ?? unitBase;
    const charged = fee * quantity;
    if (fee < unitBase) {
      step(steps, baseCode, unitBase * quantity, tariffRow, { unit: unitBase, quantity });
      unitBase = fee;
      baseCode = 'base.capped-at-fee';
      tariffRow = undefined;
    }
    const base = unitBase * quantity;
    if (quantity === 1 && tariffRow && tariffRow.value === unitBase) {
      let cachedBase = baseSteps.get(tariffRow);
      if (!cachedBase) {
        cachedBase = frozen(baseCode, base, tariffRow, { unit: unitBase, quantity });
        baseSteps.set(tariffRow, cachedBase);
      }
      steps.push(cachedBase);
    } else step(
      steps,
      baseCode,
      base,
      tariffRow,
      { unit: unitBase, quantity },
    );

    // 2. Rate.
    const normalRate = generalRateRow.value;
    let rate = normalRate;
    let rateCode: StepCode = line.regime === 'general' || line.regime === 'alsace-moselle' ? 'rate.general' : 'rate.regime';
    let rateRow: CompiledRow = generalRateRow;
    let rateValues: Step['values'];
    let overridden = false;
    for (let i = 0; i < situations.length; i++) {
      const sit = situations[i]!;
      if (sit === 'css') continue;
      const row = act.situationRate[sit].at(day);
      if (row && row.value > rate) {
        rate = row.value;
        rateRow = row;
        rateCode = 'rate.situation';
        rateValues = { rate, situation: sit };
        overridden = true;
      }
    }
    let penalty = false;
    if (!overridden && isDoctor && line.pathway === 'out-of-pathway' && (mask & SITUATION_BIT.ame) === 0) {
      const minAge = pathwayMinAge.at(day);
      const psyMax = psyMaxAge.at(day);
      const psyDirect = def.specialty === 'psychiatry' && psyMax !== undefined && age <= psyMax.value;
      const row = outOfPathway.at(day);
      if (row && minAge && age >= minAge.value && !psyDirect && row.value < rate) {
        rate = row.value;
        rateRow = row;
        rateCode = 'rate.out-of-pathway';
        rateValues = { rate, normalRate };
        penalty = true;
      }
    }
    // RULEBOOK Corrections C10: from the 31st day of a continuous stay the ticket modérateur is no longer due.
    if (!overridden && def.careType === 'hospital' && line.stayDay !== undefined) {
      const fromDay = fullRateFromDay.at(day);
      if (fromDay && line.stayDay >= fromDay.value && rate < 100) {
        rate = 100;
        rateRow = fromDay;
        rateCode = 'rate.long-stay';
        rateValues = { rate, stayDay: line.stayDay, fromDay: fromDay.value };
        overridden = true;
      }
    }
    let heavy = 0;
    if (!overridden && def.careType === 'hospital') {
      const threshold = heavyThreshold.at(day);
      const pfal = heavyParticipation.at(day);
      if (threshold && pfal && unitBase >= threshold.value) {
        rate = 100;
        heavy = Math.min(pfal.value, base);
        rateRow = threshold;
        rateCode = 'rate.heavy-act';
        rateValues = { rate, threshold: threshold.value };
      }
    }

    // 3. AMO gross.
    const gross = percentOf(base, rate);
    if (rateCode === 'rate.general' || rateCode === 'rate.regime') {
      let byBase = rateSteps.get(rateRow);
      if (!byBase) {
        byBase = new Map();
        rateSteps.set(rateRow, byBase);
      }
      const k = base * 4 + REGIME_INDEX[line.regime];
      let cachedRate = byBase.get(k);
      if (!cachedRate && byBase.size < MAX_CACHED) {
        cachedRate = frozen(rateCode, gross, rateRow, { rate, regime: line.regime });
        byBase.set(k, cachedRate);
      }
      if (cachedRate) steps.push(cachedRate);
      else step(steps, rateCode, gross, rateRow, { rate, regime: line.regime });
    } else step(steps, rateCode, gross, rateRow, rateValues);
    let amoGross = gross;
    if (heavy > 0) {
      amoGross -= heavy;
      step(steps, 'heavy-act-participation', -heavy, heavyParticipation.at(day));
    }

    // 4. Alsace-Moselle local complement. Out of the care pathway it still pays its usual share (local rate −
    // normal rate); only the majoration stays with the patient (RULEBOOK Corrections C9).
    let localRegime = 0;
    if (line.regime === 'alsace-moselle') {
      const localRow = act.localRate.at(day);
      const from = penalty ? normalRate : rate;
      if (localRow && localRow.value > from) localRegime = percentOf(base, localRow.value - from);
      if (localRow && localRow.value >= 100 && heavy > 0) localRegime += heavy;
      if (localRegime > base - amoGross) localRegime = base - amoGross;
      if (localRegime > 0) step(steps, 'local-regime', localRegime, localRow, { rate: localRow!.value, complement: localRow!.value - from });
    }

    // 5. Participation forfaitaire and franchises.
    const exemptReason = exemptReasonOf(mask, ageOnJan1, minorAge.at(day) ?? undefined);
    const tally = beneficiary === null ? newTally() : ledger.tally(beneficiary);
    let annual = tally.lastYear === year ? tally.lastAnnual : tally.annual.get(year);
    const paid = line.alreadyPaidThisYear;
    if (!annual) {
      annual = { participation: paid?.participation ?? 0, franchises: paid?.franchises ?? 0 };
      tally.annual.set(year, annual);
    } else if (paid) {
      if (paid.participation > annual.participation) annual.participation = paid.participation;
      if (paid.franchises > annual.franchises) annual.franchises = paid.franchises;
    }
    tally.lastYear = year;
    tally.lastAnnual = annual;
    let ownParticipation = 0;
    let ownFranchise = 0;
    // (professional, kind, day) as one small integer (a V8 Smi while there are fewer than ~5 000
    // professionals): the day as (year − 1900) × 372 + (month − 1) × 31 + (day − 1), below 65 536 until 2076.
    // Each daily cap counts its own kind (RULEBOOK Corrections C8): participations and paramedical franchises
    // per professional, transport franchises per day whoever the carrier; medicine boxes have no daily cap.
    const pseudoDay = (year - 1900) * 372 + (Math.floor((day % 10_000) / 100) - 1) * 31 + (day % 100) - 1;
    const dailyKind = def.participation ? 0 : def.franchise === 'paramedical' ? 1 : def.franchise === 'transport' ? 2 : -1;
    const dailyKey =
      exemptReason || dailyKind < 0
        ? -1
        : ((dailyKind === 2 ? 0 : ledger.professionalIndex(line.professionalId)) * 3 + dailyKind) * 65_536 + pseudoDay;
    const dailyBefore = dailyKey < 0 ? 0 : (tally.daily.get(dailyKey) ?? 0);
    if (def.participation) {
      const amountRow = pfAmount.at(day)!;
      if (exemptReason) {
        step(steps, 'participation.exempt', 0, amountRow, { reason: exemptReason });
      } else {
        const countRow = pfDailyCount.at(day)!;
        const capRow = pfAnnualCap.at(day)!;
        const count = Math.max(0, Math.min(quantity, countRow.value - dailyBefore));
        tally.daily.set(dailyKey, dailyBefore + count);
        let due = count * amountRow.value;
        let capped: CompiledRow | undefined = count < quantity ? countRow : undefined;
        const room = Math.max(0, capRow.value - annual.participation);
        if (due > room) {
          due = room;
          capped = capRow;
        }
        annual.participation += due;
        ownParticipation = due;
        if (capped) step(steps, 'participation.capped', 0, capped, { limit: capped === capRow ? 'annual' : 'daily', cap: capped.value });
        if (count === 1 && due === amountRow.value) {
          let cachedP = deductionSteps.get(amountRow);
          if (!cachedP) {
            cachedP = frozen('participation', neg(due), amountRow, { count, unit: amountRow.value });
            deductionSteps.set(amountRow, cachedP);
          }
          steps.push(cachedP);
        } else step(steps, 'participation', neg(due), amountRow, { count, unit: amountRow.value });
      }
    }
    if (def.franchise) {
      const amountRow = act.franchiseAmount!.at(day)!;
      if (exemptReason) {
        step(steps, 'franchise.exempt', 0, amountRow, { reason: exemptReason });
      } else {
        let due = amountRow.value * quantity;
        let capped: CompiledRow | undefined;
        const dailyCap = dailyKey < 0 ? undefined : act.franchiseDailyCap?.at(day);
        if (dailyCap) {
          const dayRoom = Math.max(0, dailyCap.value - dailyBefore);
          if (due > dayRoom) {
            due = dayRoom;
            capped = dailyCap;
          }
        }
        const capRow = frAnnualCap.at(day)!;
        const room = Math.max(0, capRow.value - annual.franchises);
        if (due > room) {
          due = room;
          capped = capRow;
        }
        if (dailyKey >= 0) tally.daily.set(dailyKey, dailyBefore + due);
        annual.franchises += due;
        ownFranchise = due;
        if (capped) step(steps, 'franchise.capped', 0, capped, { limit: capped === capRow ? 'annual' : 'daily', cap: capped.value });
        if (quantity === 1 && due === amountRow.value) {
          let cachedF = deductionSteps.get(amountRow);
          if (!cachedF) {
            cachedF = frozen('franchise', neg(due), amountRow, { count: quantity, unit: amountRow.value, kind: def.franchise });
            deductionSteps.set(amountRow, cachedF);
          }
          steps.push(cachedF);
        } else step(steps, 'franchise', neg(due), amountRow, { count: quantity, unit: amountRow.value, kind: def.franchise });
      }
    }

    // Deduct what is due, oldest first: earlier carried-forward amounts, then this line's.
    let available = amoGross + localRegime;
    let participation = 0;
    let franchise = 0;
    if (available > 0 && (tally.pendingParticipation > 0 || tally.pendingFranchises > 0)) {
      const p = Math.min(tally.pendingParticipation, available);
      available -= p;
      const f = Math.min(tally.pendingFranchises, available);
      available -= f;
      if (p + f > 0) {
        tally.pendingParticipation -= p;
        tally.pendingFranchises -= f;
        participation += p;
        franchise += f;
        step(steps, 'carried-forward.deducted', -(p + f), undefined, { participation: p, franchises: f });
      }
    }
    const p = Math.min(ownParticipation, available);
    available -= p;
    const f = Math.min(ownFranchise, available);
    available -= f;
    participation += p;
    franchise += f;
    const carriedForward = ownParticipation - p + (ownFranchise - f);
    if (carriedForward > 0) {
      tally.pendingParticipation += ownParticipation - p;
      tally.pendingFranchises += ownFranchise - f;
      step(steps, 'carried-forward.kept', carriedForward, undefined, { participation: ownParticipation - p, franchises: ownFranchise - f });
    }

    // 6. AMO paid.
    const amoPaid = amoGross + localRegime - participation - franchise;
    amountStep(steps, 'amo-paid', amoPaid);

    // 7. Complementary: the co-payment at the normal rate, plus covered overruns.
    let coPayment: Cents;
    if (penalty) {
      const normalGross = percentOf(base, normalRate);
      let normalLocal = 0;
      if (line.regime === 'alsace-moselle') {
        const localRow = act.localRate.at(day);
        if (localRow && localRow.value > normalRate) normalLocal = percentOf(base, localRow.value - normalRate);
      }
      coPayment = base - normalGross - normalLocal;
    } else {
      coPayment = base - amoGross - localRegime;
    }
    if (coPayment < 0) coPayment = 0;
    const overrun = charged - base;
    let complementary = 0;
    const cover = line.complementary;
    // 100 % santé (RULEBOOK "Beyond the act table"): a responsible mutuelle, or the CSS, pays the price above
    // the base up to the price limit; only a price above the limit (not allowed for a basket item) is left.
    const limitRow = act.priceLimit === null ? undefined : act.priceLimit.at(day);
    const basketRow = limitRow && basketCover ? basketCover.at(day) : undefined;
    if ((mask & SITUATION_BIT.css) !== 0) {
      complementary = coPayment;
      step(steps, 'complementary.css', coPayment, undefined, overrun > 0 && !basketRow ? { overrun } : undefined);
      if (basketRow) complementary += basketShare(steps, limitRow!, basketRow, charged, base, quantity);
    } else if (cover === 'none') {
      step(steps, 'complementary.none', 0, undefined, { coPayment });
    } else {
      complementary = coPayment;
      if (penalty) step(steps, 'complementary.co-payment', coPayment, undefined, { majoration: percentOf(base, normalRate) - gross });
      else amountStep(steps, 'complementary.co-payment', coPayment);
      if (basketRow) {
        complementary += basketShare(steps, limitRow!, basketRow, charged, base, quantity);
      } else if (typeof cover === 'object' && overrun > 0) {
        if (penalty) {
          step(steps, 'complementary.overrun-not-covered', 0, outOfPathway.at(day), { overrun });
        } else {
          let percent = cover.overrunCoverPercent;
          let limitRow: CompiledRow | undefined;
          if (isDoctor && (line.sector === '2' || line.sector === '3')) {
            const gap = nonOptamGap.at(day);
            const max = nonOptamMax.at(day);
            if (gap) percent -= gap.value;
            if (max && percent > max.value) percent = max.value;
            limitRow = gap ?? max;
          }
          if (percent < 0) percent = 0;
          let covered = Math.min(overrun, percentOf(base, percent));
          // The responsible contract's limit for this item (a class II hearing aid, a class B frame).
          const capRow = act.coverCap?.at(day);
          if (capRow) {
            const counted = def.coverCap === 'total' ? amoGross + localRegime + coPayment : coPayment;
            const room = Math.max(0, capRow.value * quantity - counted);
            if (covered > room) {
              covered = room;
              step(steps, 'complementary.cover-cap', 0, capRow, { cap: capRow.value, quantity, scope: def.coverCap! });
            }
          }
          complementary += covered;
          step(steps, 'complementary.overrun', covered, limitRow, def.careType === 'device' ? { overrun, percent, item: 'device' } : { overrun, percent });
        }
      }
    }
    const ceiling = charged - amoPaid;
    if (complementary > ceiling) complementary = ceiling;
    const patient = charged - amoPaid - complementary;
    amountStep(steps, 'patient', patient);

    // One object shape for every result (id first, as in the contract; undefined ids are left out of JSON).
    const result: LineResult = {
      id: line.id,
      base,
      rate,
      amoGross,
      localRegime,
      participation,
      franchise,
      carriedForward,
      amoPaid,
      complementary,
      patient,
      steps,
    };
    return { ok: true, result };
  }

  return {
    acts: byCode,
    compute,
    simulate(line) {
      return compute(line, new DeductionLedger(), null);
    },
    simulateBatch(lines, ledger = new DeductionLedger()) {
      const out: LineOutcome[] = new Array(lines.length);
      for (let i = 0; i < lines.length; i++) {
        const line = lines[i]!;
        // Without a beneficiary id a line cannot share caps with others: it stands alone.
        out[i] = compute(line, ledger, line.beneficiaryId ?? null);
      }
      return out;
    },
  };
}
