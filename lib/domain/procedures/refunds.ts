/**
 * Refund requests (RULEBOOK §9): personal transport (km with a prescription made before the transport) and care
 * received abroad (form S3125: EU/EEA/Switzerland/UK any care; elsewhere only urgent or unforeseen care, reimbursed
 * within French tariffs). This module validates the request and describes it as engine lines; it does NOT compute
 * amounts: the reimbursement engine (lib/domain/reimbursement/engine.ts, act codes KM, G, CS…) is plugged in
 * through a `TRefundEstimator` callback, so the 0.30 €/km (act.KM.base) at 55 % (rate.transport.general) and
 * the French tariffs stay in one place. Pure.
 */
import { compareDates, type CalendarDate } from '../dates';
import type { Cents } from '../money';
import { allow, refuse, type Decision } from './decision';

/** One line the engine prices (SIMULATION-API.md style): an act, a date of care, a quantity and the fee charged if any. */
export type TRefundEstimateLine = { act: string; careDate: CalendarDate; quantity: number; feeCents: Cents | null };
/** The engine's answer for an estimate: what the Assurance Maladie would pay (cents), or null when it cannot say. */
export type TRefundEstimate = { amoCents: Cents; lines: TRefundEstimateLine[] } | null;
/** Prices lines for one insured person (their regime, exonerations…). Wired to the engine at merge time. */
export type TRefundEstimator = (lines: TRefundEstimateLine[], context: { insuredId: string; beneficiaryId: string | null }) => Promise<TRefundEstimate>;

export const TRANSPORT_REASONS = ['hospitalisation', 'ald-incapacity', 'lying-or-monitored', 'over-150-km', 'series-4-over-50-km', 'work-accident', 'convocation'] as const;
export type TTransportReason = (typeof TRANSPORT_REASONS)[number];

export type TTransportRefund = { tripDate: CalendarDate; prescriptionDate: CalendarDate; km: number; reason: TTransportReason };

/** Personal transport: a prescription dated on or before the trip, a trip not in the future, whole km > 0. */
export function checkTransportRefund(input: TTransportRefund, today: CalendarDate): Decision<{ lines: TRefundEstimateLine[] }> {
  if (!Number.isInteger(input.km) || input.km <= 0) return refuse('procedureErrors.transport.km');
  if (compareDates(input.tripDate, today) > 0) return refuse('procedureErrors.refund.futureDate');
  if (compareDates(input.prescriptionDate, input.tripDate) > 0) return refuse('procedureErrors.transport.prescriptionAfterTrip');
  if (!(TRANSPORT_REASONS as readonly string[]).includes(input.reason)) return refuse('procedureErrors.transport.reason');
  return allow({ lines: [{ act: 'KM', careDate: input.tripDate, quantity: input.km, feeCents: null }] });
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

export type TAbroadRefund = { country: string; careDate: CalendarDate; careKind: TAbroadCareKind; amount: Cents; currency: string; urgent: boolean };

/**
 * Care abroad: not in France, not in the future; outside the EHIC zone only urgent or unforeseen care.
 * The fee is passed to the engine only when charged in euros (no exchange rates in the RULEBOOK): else the
 * French base applies.
 */
export function checkAbroadRefund(input: TAbroadRefund, today: CalendarDate): Decision<{ zone: 'ehic' | 'other'; lines: TRefundEstimateLine[] }> {
  const country = input.country.toUpperCase();
  if (!/^[A-Z]{2}$/.test(country) || country === 'FR') return refuse('procedureErrors.abroad.country');
  if (compareDates(input.careDate, today) > 0) return refuse('procedureErrors.refund.futureDate');
  if (!Number.isSafeInteger(input.amount) || input.amount <= 0) return refuse('procedureErrors.abroad.amount');
  if (!/^[A-Z]{3}$/.test(input.currency)) return refuse('procedureErrors.abroad.currency');
  const zone = EHIC_ZONE.has(country) ? 'ehic' : 'other';
  if (zone === 'other' && !input.urgent) return refuse('procedureErrors.abroad.notUrgent');
  const act = ABROAD_ACT[input.careKind];
  if (!act) return refuse('procedureErrors.abroad.careKind');
  const withFee = act === 'PH65' || act === 'HOSP' || input.currency === 'EUR';
  return allow({ zone, lines: [{ act, careDate: input.careDate, quantity: 1, feeCents: withFee && input.currency === 'EUR' ? input.amount : null }] });
}
