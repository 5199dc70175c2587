/**
 * Money as integer cents, and the one place where rounding happens.
 * RULEBOOK "Decisions": every percentage is rounded half-up to the cent, per claim line.
 * Half-up is applied to the magnitude (half away from zero), so percentOf(−x) = −percentOf(x).
 * Pure module: integer arithmetic only (BigInt), no floats in computations.
 */

/** An amount in euro cents; always a safe integer. */
export type Cents = number;

/** Throws RangeError unless `n` is a safe integer number of cents. */
export function assertCents(n: number): asserts n is Cents {
  if (!Number.isSafeInteger(n)) throw new RangeError(`Not an integer amount of cents: ${n}`);
}

/** Exact (cents × factor / denominator) rounded half away from zero, computed with BigInt. */
function scaleHalfUp(cents: Cents, factor: number, denominator: bigint): Cents {
  assertCents(cents);
  if (!Number.isSafeInteger(factor)) throw new RangeError(`Rate must be an integer: ${factor}`);
  // Fast exact path (the engine computes millions of lines per second): when every intermediate value
  // is a safe integer, integer division by flooring is exact in doubles.
  const den = Number(denominator);
  const p = cents * factor;
  if (Number.isSafeInteger(2 * p + (p < 0 ? -den : den))) {
    const r = Math.floor((2 * Math.abs(p) + den) / (2 * den));
    return p < 0 && r !== 0 ? -r : r;
  }
  const product = BigInt(cents) * BigInt(factor);
  const magnitude = product < 0n ? -product : product;
  const rounded = (2n * magnitude + denominator) / (2n * denominator);
  const result = Number(product < 0n ? -rounded : rounded);
  assertCents(result);
  return result;
}

/** `percent` % of an amount (integer percent, e.g. 70), rounded half-up to the cent: 1613 × 60 % → 968. */
export function percentOf(cents: Cents, percent: number): Cents {
  return scaleHalfUp(cents, percent, 100n);
}

/** `bp` basis points (1/100 of a percent, e.g. 7000 = 70 %) of an amount, rounded half-up to the cent. */
export function basisPointsOf(cents: Cents, bp: number): Cents {
  return scaleHalfUp(cents, bp, 10_000n);
}

/** Sum of amounts in cents; throws if any term or the total is not a safe integer. */
export function sumCents(values: readonly Cents[]): Cents {
  let total = 0;
  for (const v of values) {
    assertCents(v);
    total += v;
  }
  assertCents(total);
  return total;
}

const EURO_FORMATS = {
  fr: new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }),
  en: new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR' }),
} as const;

/** Formats cents as euros: "16,50 €" (fr, Intl no-break spaces) or "€16.50" (en). */
export function formatEuros(cents: Cents, locale: 'fr' | 'en'): string {
  assertCents(cents);
  // cents / 100 is the double nearest to the exact decimal, which Intl rounds back to the same 2 decimals.
  return EURO_FORMATS[locale].format(cents / 100);
}

/**
 * Parses a user-entered euro amount ("16,50", "16.50", "16", "1 234,5") to cents.
 * Returns null for anything else (negative, more than 2 decimals, letters, empty).
 */
export function parseEurosToCents(input: string): Cents | null {
  const s = input.replace(/[\s\u00a0\u202f]/g, '').replace(/€$/, '');
  const m = /^(\d+)(?:[.,](\d{1,2}))?$/.exec(s);
  if (!m) return null;
  const euros = m[1] ?? '0';
  const decimals = (m[2] ?? '').padEnd(2, '0');
  const cents = BigInt(euros) * 100n + BigInt(decimals);
  if (cents > BigInt(Number.MAX_SAFE_INTEGER)) return null;
  return Number(cents);
}
