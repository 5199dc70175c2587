/**
 * Refund requests (RULEBOOK §9): personal transport (km with a prescription made before the transport) and care
 * received abroad (form S3125: EU/EEA/Switzerland/UK any care; elsewhere only urgent or unforeseen care, reimbursed
 * within French tariffs). This module validates the request and describes it as engine lines; it does NOT compute
 * amounts: the reimbursement engine (lib/domain/reimbursement/engine.ts, act codes KM, G, CS…) is plugged in
 * through a `TRefundEstimator` callback, so the 0.30 €/km (act.KM.base) at 55 % (rate.transport.general) and
 * the French tariffs stay in one place. Pure.
 */
import { addDays, addMonths, compareDates, type CalendarDate } from '../dates';
import type { RuleSet } from '../rules/rule-set';
import type { Cents } from '../money';
import { allow, refuse, type Decision } from './decision';
import { convertToEuros, isConvertible, type TConversion, type TCountryCurrencies, type TExchangeRateTable } from './exchange-rates';

/** One line the engine prices (SIMULATION-API.md style): an act, a date of care, a quantity and the fee charged if any. */
export type TRefundEstimateLine = {
  act: string;
  careDate: CalendarDate;
  quantity: number;
  feeCents: Cents | null;
  /** Situations the request itself states (the reason of a trip: ALD with incapacity, work accident): they set the rate. */
  situations?: ('ald' | 'work-accident')[];
};
/** The engine's answer for an estimate: what the Assurance Maladie would pay (cents), or null when it cannot say. */
export type TRefundEstimate = { amoCents: Cents; lines: TRefundEstimateLine[]; steps?: TRefundEstimateStep[] } | null;
/**
 * How one line was priced, to say it in words (issue 19 §5): "120 km × 0,30 € × 55 % = 19,80 €"; "base 30 € × 70 %
 * − 2 € de participation = 19,00 €". Amounts in cents, the rate in percent, from the engine's result.
 */
export type TRefundEstimateStep = {
  act: string;
  quantity: number;
  baseCents: Cents;
  ratePercent: number;
  participationCents: Cents;
  franchiseCents: Cents;
  amoCents: Cents;
  /** Alsace-Moselle: the régime local's complement, included in amoCents. */
  localRegimeCents?: Cents;
  /** Why no franchise was taken on a line that has one (minor, CSS, maternity, AME), or which cap limited it. */
  franchiseExempt?: string;
  franchiseCapped?: 'daily' | 'annual';
};
/** Prices lines for one insured person (their regime, exonerations…). Wired to the engine at merge time. */
export type TRefundEstimator = (lines: TRefundEstimateLine[], context: { insuredId: string; beneficiaryId: string | null }) => Promise<TRefundEstimate>;

export const TRANSPORT_REASONS = ['hospitalisation', 'ald-incapacity', 'lying-or-monitored', 'over-150-km', 'series-4-over-50-km', 'work-accident', 'convocation'] as const;
export type TTransportReason = (typeof TRANSPORT_REASONS)[number];

/**
 * How the person travelled (issue 19 §3, issue 16 §5): their own car (km × the per-km allowance, no franchise), or
 * an ambulance, a VSL or a taxi conventionné whose invoice they paid (the invoiced amount is the base; the transport
 * franchise applies, franchise.transport.*).
 */
export const TRANSPORT_MODES = ['car', 'ambulance', 'vsl', 'taxi'] as const;
export type TTransportMode = (typeof TRANSPORT_MODES)[number];
/** The engine's act of each mode (prisma/rules/acts.json). */
export const TRANSPORT_MODE_ACT: Record<TTransportMode, string> = { car: 'KM', ambulance: 'AMB', vsl: 'VSL', taxi: 'TAXI' };

/**
 * A trip to refund. `mode` defaults to the personal car (requests stored before the modes existed). Car: `km`;
 * ambulance / VSL / taxi: `amount` paid on the invoice (cents). Tolls and parking (cents, on receipts) for any mode.
 */
export type TTransportRefund = {
  mode?: TTransportMode;
  tripDate: CalendarDate;
  prescriptionDate: CalendarDate;
  km?: number | null;
  amount?: Cents | null;
  tolls?: Cents | null;
  parking?: Cents | null;
  /** Ambulance / VSL / taxi: the invoice covers the way there and back, i.e. two trips (one franchise each). */
  returnTrip?: boolean;
  reason: TTransportReason;
};

/** What a refund's date is checked against: today, the birth date of the person cared for, the dated rules. */
export type TRefundContext = { today: CalendarDate; birthDate: CalendarDate; rules: RuleSet };

/**
 * The date of care (or of the trip) of a refund request: not before the person's birth, not in the future, not
 * past the two-year claim limit (refund.claim-limit.months, CSS L.332-1). `field` names the form field.
 */
export function checkCareDate(date: CalendarDate, { today, birthDate, rules }: TRefundContext, field: string): Decision<null> {
  if (compareDates(date, today) > 0) return refuse('procedureErrors.refund.futureDate', { field });
  if (compareDates(date, birthDate) < 0) return refuse('procedureErrors.refund.beforeBirth', { field, birthDate });
  const oldest = addMonths(today, -rules.valueAt('refund.claim-limit.months', today));
  if (compareDates(date, oldest) < 0) return refuse('procedureErrors.refund.tooOld', { field, oldest });
  return allow(null);
}

/** Reasons of a trip that set the rate (RULEBOOK §2: ALD exonerating and AT/MP at 100 %, rates.json rate.situation.*). */
const REASON_SITUATION: Partial<Record<TTransportReason, 'ald' | 'work-accident'>> = { 'ald-incapacity': 'ald', 'work-accident': 'work-accident' };

/**
 * Transport (RULEBOOK §9, "Beyond the act table"): a trip date checked by checkCareDate, a prescription dated on or
 * before the trip and not more than refund.transport.prescription-max-days-before days before it; the reason. By
 * mode: a personal car needs whole km > 0 (act KM); an ambulance, VSL or taxi the amount paid, > 0 and at most
 * refund.transport.max-invoice (acts AMB, VSL, TAXI: one trip, or two for a return journey on one invoice). Tolls and parking, when given, > 0 and at most
 * refund.transport.max-fees each (acts TOLL, PARK), priced at the same rate.
 */
export function checkTransportRefund(input: TTransportRefund, context: TRefundContext): Decision<{ lines: TRefundEstimateLine[] }> {
  const mode = input.mode ?? 'car';
  if (!(TRANSPORT_MODES as readonly string[]).includes(mode)) return refuse('procedureErrors.transport.mode');
  const km = input.km ?? null;
  if (mode === 'car' ? km === null || !Number.isInteger(km) || km <= 0 : km !== null && (!Number.isInteger(km) || km <= 0)) return refuse('procedureErrors.transport.km', { field: 'km' });
  const date = checkCareDate(input.tripDate, context, 'tripDate');
  if (!date.ok) return date;
  if (mode !== 'car') {
    const max = context.rules.valueAt('refund.transport.max-invoice', input.tripDate);
    const amount = input.amount ?? null;
    if (amount === null || !Number.isSafeInteger(amount) || amount <= 0) return refuse('procedureErrors.transport.amount', { field: 'amount' });
    if (amount > max) return refuse('procedureErrors.transport.amountTooHigh', { field: 'amount', maxCents: max });
  }
  const maxFees = context.rules.valueAt('refund.transport.max-fees', input.tripDate);
  for (const field of ['tolls', 'parking'] as const) {
    const fee = input[field] ?? null;
    if (fee === null) continue;
    if (!Number.isSafeInteger(fee) || fee <= 0) return refuse('procedureErrors.transport.fee', { field });
    if (fee > maxFees) return refuse('procedureErrors.transport.feeTooHigh', { field, maxCents: maxFees });
  }
  if (compareDates(input.prescriptionDate, input.tripDate) > 0) return refuse('procedureErrors.transport.prescriptionAfterTrip');
  const maxDays = context.rules.valueAt('refund.transport.prescription-max-days-before', input.tripDate);
  if (compareDates(input.prescriptionDate, addDays(input.tripDate, -maxDays)) < 0) return refuse('procedureErrors.transport.prescriptionTooOld', { field: 'prescriptionDate', days: maxDays });
  if (!(TRANSPORT_REASONS as readonly string[]).includes(input.reason)) return refuse('procedureErrors.transport.reason');
  const situation = REASON_SITUATION[input.reason];
  const withSituation = situation ? { situations: [situation] } : {};
  const at = { careDate: input.tripDate, ...withSituation };
  const lines: TRefundEstimateLine[] = [
    mode === 'car'
      ? { act: 'KM', quantity: km!, feeCents: null, ...at }
      : { act: TRANSPORT_MODE_ACT[mode], quantity: 1, feeCents: input.returnTrip ? Math.floor(input.amount! / 2) : input.amount!, ...at },
  ];
  // A return journey on one invoice is two trips (the franchise is due per trip, within the daily cap): the amount
  // split in two, the odd cent on the way back.
  if (mode !== 'car' && input.returnTrip) lines.push({ act: TRANSPORT_MODE_ACT[mode], quantity: 1, feeCents: input.amount! - Math.floor(input.amount! / 2), ...at });
  if (input.tolls) lines.push({ act: 'TOLL', quantity: 1, feeCents: input.tolls, ...at });
  if (input.parking) lines.push({ act: 'PARK', quantity: 1, feeCents: input.parking, ...at });
  return allow({ lines });
}

/** EU member states, EEA (IS, LI, NO), Switzerland and the United Kingdom (ISO 3166 alpha-2): the EHIC zone. */
export const EHIC_ZONE = new Set([
  'AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE',
  'IS', 'LI', 'NO', 'CH', 'GB',
]);

export const ABROAD_CARE_KINDS = ['gp-consultation', 'specialist-consultation', 'medicine', 'hospital'] as const;
export type TAbroadCareKind = (typeof ABROAD_CARE_KINDS)[number];
/** The French act each kind of care abroad is priced as (French tariffs). */
const ABROAD_ACT: Record<TAbroadCareKind, string> = { 'gp-consultation': 'G', 'specialist-consultation': 'CS', medicine: 'PH65', hospital: 'HOSP' };

export type TAbroadRefund = {
  country: string;
  careDate: CalendarDate;
  careKind: TAbroadCareKind;
  /** In cents of `currency` (hundredths of the unit as typed: 1 500,00 USD = 150 000). */
  amount: Cents;
  currency: string;
  urgent: boolean;
  /** The person confirms paying in a currency other than the country's (pounds in Spain). */
  otherCurrency?: boolean;
};

/** The exchange data (prisma/rules/exchange-rates): the ECB reference rates and the currency of each country. */
export type TAbroadExchange = { rates: TExchangeRateTable; countries: TCountryCurrencies };

/**
 * How the amount reaches euros: paid in euros; converted at a reference rate (`conversion`); or in a convertible
 * currency on a day the shipped table does not reach (`no-rate`: the caisse converts, no estimate of a fee-based act).
 */
export type TAbroadExchangeOutcome = { kind: 'euro' } | { kind: 'converted'; conversion: TConversion } | { kind: 'no-rate'; careDate: CalendarDate; lastDate: CalendarDate };

/**
 * Care abroad: not in France; the date of care checked by checkCareDate; an amount above 0 in a currency the
 * portal can convert (the ECB reference rates, fixed parities, or euros); outside the EHIC zone only urgent or
 * unforeseen care; a currency that is not the country's only when the person confirms it; not more than a
 * plausible ceiling for the kind of care (refund.abroad.max-amount.<kind>, in euros). The amount is converted at
 * the ECB rate of the day of care (issue 19 §4) and passed to the engine as the fee in euros (the base of a
 * hospital stay or of medicines; a consultation is priced on the French tariff).
 */
export function checkAbroadRefund(
  input: TAbroadRefund,
  context: TRefundContext & { exchange: TAbroadExchange },
): Decision<{ zone: 'ehic' | 'other'; lines: TRefundEstimateLine[]; exchange: TAbroadExchangeOutcome; euroCents: Cents | null }> {
  const country = input.country.toUpperCase();
  if (!/^[A-Z]{2}$/.test(country) || country === 'FR') return refuse('procedureErrors.abroad.country');
  const date = checkCareDate(input.careDate, context, 'careDate');
  if (!date.ok) return date;
  if (!Number.isSafeInteger(input.amount) || input.amount <= 0) return refuse('procedureErrors.abroad.amountNotPositive', { field: 'amount' });
  const currency = input.currency.toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) return refuse('procedureErrors.abroad.currency');
  const { rates, countries } = context.exchange;
  if (currency !== 'EUR' && !isConvertible(rates, currency)) return refuse('procedureErrors.abroad.noRate', { field: 'currency', currency });
  const zone = EHIC_ZONE.has(country) ? 'ehic' : 'other';
  if (zone === 'other' && !input.urgent) return refuse('procedureErrors.abroad.notUrgent');
  const act = ABROAD_ACT[input.careKind];
  if (!act) return refuse('procedureErrors.abroad.careKind');
  // Euros are accepted without a question where the country's own currency cannot be converted (MAD, DZD, TND).
  const countryCurrency = countries[country];
  const foreign = countryCurrency !== undefined && currency !== countryCurrency && !(currency === 'EUR' && !isConvertible(rates, countryCurrency));
  if (foreign && !input.otherCurrency) return refuse('procedureErrors.abroad.currencyMismatch', { field: 'otherCurrency', currency, countryCurrency });

  const maxDaysBefore = context.rules.valueAt('fx.ecb.max-days-before', input.careDate);
  let exchange: TAbroadExchangeOutcome = { kind: 'euro' };
  let euroCents: Cents | null = input.amount;
  let plausibleEuroCents: Cents = input.amount;
  if (currency !== 'EUR') {
    const conversion = convertToEuros(rates, input.amount, currency, input.careDate, maxDaysBefore);
    if (conversion) {
      exchange = { kind: 'converted', conversion };
      euroCents = conversion.euroCents;
      plausibleEuroCents = conversion.euroCents;
    } else {
      // The ceiling is still checked, at the last rate of the table: an order of magnitude, never shown as a conversion.
      exchange = { kind: 'no-rate', careDate: input.careDate, lastDate: rates.lastDate as CalendarDate };
      euroCents = null;
      const last = convertToEuros(rates, input.amount, currency, rates.lastDate as CalendarDate, maxDaysBefore);
      plausibleEuroCents = last?.euroCents ?? 0;
    }
  }
  const ceiling = context.rules.valueAt(`refund.abroad.max-amount.${input.careKind}`, input.careDate);
  if (plausibleEuroCents > ceiling) return refuse('procedureErrors.abroad.amountTooHigh', { field: 'amount', ceiling, euroAmount: plausibleEuroCents });
  return allow({ zone, exchange, euroCents, lines: [{ act, careDate: input.careDate, quantity: 1, feeCents: euroCents }] });
}

/** A refund request already standing for the same person (payload as stored). */
export type TStandingRefund = { reference: string; payload: Record<string, unknown> };

/**
 * The same trip or care claimed twice (issue 19 §3): for the same person (the caller lists that person's standing
 * requests), a trip on the same day by the same mode over the same distance (car) or for the same invoiced amount
 * (ambulance, VSL, taxi), or care on the same day for the same amount and currency. Refused with the reference of
 * the first request. Requests stored without a mode were personal-car trips.
 */
export function checkNotClaimedTwice(
  claim: { tripDate: CalendarDate; km: number | null; mode?: TTransportMode; amount?: Cents | null } | { careDate: CalendarDate; amount: Cents; currency: string },
  standing: TStandingRefund[],
): Decision<null> {
  const first = standing.find(({ payload: p }) => {
    if ('tripDate' in claim) {
      const mode = claim.mode ?? 'car';
      if (p.tripDate !== claim.tripDate || (p.mode ?? 'car') !== mode) return false;
      return mode === 'car' ? p.km === claim.km : p.amount === claim.amount;
    }
    return p.careDate === claim.careDate && p.amount === claim.amount && p.currency === claim.currency;
  });
  if (!first) return allow(null);
  return refuse('procedureErrors.refund.duplicate', { reference: first.reference, field: 'tripDate' in claim ? 'tripDate' : 'careDate' });
}
