/**
 * Converting an amount paid abroad to euros (issue 19 §4): at the European Central Bank's euro foreign exchange
 * reference rate of the day of care, or, on a day without publication (weekend, TARGET closing day), of the last
 * day published before it; at the fixed parity for a currency pegged to the euro (XOF). The table is data
 * (prisma/rules/exchange-rates/), passed in by the caller. Pure; integer cents; no figure is guessed: a date outside
 * the table, or a currency it does not carry, gets no rate.
 */
import { compareDates, daysBetween, type CalendarDate } from '../dates';
import type { Cents } from '../money';

/** The shipped table: units of each currency for 1 euro; rows `[date, rate per currency in `currencies` order]`. */
export type TExchangeRateTable = {
  source: string;
  url: string;
  fixed: { currency: string; rate: number; from: string; source: string; url: string }[];
  currencies: string[];
  firstDate: string;
  lastDate: string;
  rows: (string | number | null)[][];
};
/** ISO 3166 alpha-2 country → ISO 4217 currency. */
export type TCountryCurrencies = Readonly<Record<string, string>>;

export type TReferenceRate = { rate: number; rateDate: CalendarDate; source: 'ecb' | 'fixed' };
/** How an amount was converted: the amount in its currency, the rate (units for 1 €), its date and the euros. */
export type TConversion = TReferenceRate & { currency: string; amountCents: Cents; euroCents: Cents };

/** Whether the table can convert this currency at all (euro aside): an ECB currency or a fixed parity. */
export function isConvertible(table: TExchangeRateTable, currency: string): boolean {
  return table.currencies.includes(currency) || table.fixed.some((f) => f.currency === currency);
}

/**
 * The reference rate of `currency` for a day: the fixed parity when there is one; else the ECB rate published that
 * day or, when none was (weekend, holiday), the last one published before, at most `maxDaysBefore` days earlier
 * (fx.ecb.max-days-before). Null outside the table (before its first or after its last day): the rate of a later
 * day may exist, but it is not in the data.
 */
export function referenceRate(table: TExchangeRateTable, currency: string, date: CalendarDate, maxDaysBefore: number): TReferenceRate | null {
  const fixed = table.fixed.find((f) => f.currency === currency && compareDates(f.from as CalendarDate, date) <= 0);
  if (fixed) return { rate: fixed.rate, rateDate: date, source: 'fixed' };
  const column = table.currencies.indexOf(currency) + 1;
  if (column === 0 || compareDates(date, table.firstDate as CalendarDate) < 0 || compareDates(date, table.lastDate as CalendarDate) > 0) return null;
  // Last row dated on or before the day (rows are sorted by date).
  const dateOf = (i: number) => table.rows[i]![0] as CalendarDate;
  let lo = 0;
  let hi = table.rows.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (compareDates(dateOf(mid), date) <= 0) lo = mid;
    else hi = mid - 1;
  }
  for (let i = lo; i >= 0; i--) {
    const rowDate = dateOf(i);
    if (compareDates(rowDate, date) > 0) continue;
    if (daysBetween(rowDate, date) > maxDaysBefore) return null;
    const row = table.rows[i]!;
    const rate = row[column];
    if (typeof rate === 'number' && rate > 0) return { rate, rateDate: rowDate, source: 'ecb' };
  }
  return null;
}

/**
 * `amountCents` of a currency in euro cents at `rate` units for 1 €, rounded half up to the cent. Exact: the rate
 * (at most 6 decimals, as the ECB publishes them) is taken in millionths, so 1 500,00 USD at 1.1547 is
 * 150 000 × 1 000 000 / 1 154 700 = 129 903.87… → 129 904 cents.
 */
export function toEuroCents(amountCents: Cents, rate: number): Cents {
  const micro = BigInt(Math.round(rate * 1_000_000));
  if (micro <= 0n) throw new RangeError('rate must be positive');
  const numerator = BigInt(amountCents) * 1_000_000n;
  return Number((numerator * 2n + micro) / (micro * 2n));
}

/** The conversion of an amount on a day, or null when the table has no rate for it (see referenceRate). */
export function convertToEuros(table: TExchangeRateTable, amountCents: Cents, currency: string, date: CalendarDate, maxDaysBefore: number): TConversion | null {
  const rate = referenceRate(table, currency, date, maxDaysBefore);
  return rate ? { ...rate, currency, amountCents, euroCents: toEuroCents(amountCents, rate.rate) } : null;
}
