/**
 * Money is always an integer number of minor units (cents) next to an ISO 4217 currency code.
 * Never a float: a float cannot hold 0.10 exactly, and a bill must be right to the cent.
 *
 * THE ROUNDING RULE (the only one in Ardoise): when an amount has to be scaled — proration
 * by days, a percentage, VAT — the exact rational result is rounded ONCE to the nearest minor
 * unit, halves away from zero (2.5 → 3, -2.5 → -3). Totals are sums of already-rounded lines,
 * so an invoice total is exactly the sum of its lines and is never rounded again.
 */

export type Minor = number;

export interface Money {
  readonly amount: Minor;
  readonly currency: CurrencyCode;
}

export type CurrencyCode = string;

/** Digits after the decimal point for the currencies Ardoise bills in. */
const MINOR_DIGITS: Readonly<Record<string, number>> = {
  EUR: 2,
  GBP: 2,
  USD: 2,
  CHF: 2,
  CAD: 2,
  XOF: 0,
  XPF: 0,
  JPY: 0,
};

export class MoneyError extends Error {
  override readonly name = 'MoneyError';
}

export function minorDigits(currency: CurrencyCode): number {
  const digits = MINOR_DIGITS[currency];
  if (digits === undefined) throw new MoneyError(`unsupported currency ${currency}`);
  return digits;
}

export function isMinor(value: unknown): value is Minor {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

export function assertMinor(value: number, what = 'amount'): Minor {
  if (!Number.isSafeInteger(value)) throw new MoneyError(`${what} must be an integer number of minor units, got ${value}`);
  return value;
}

export function money(amount: Minor, currency: CurrencyCode): Money {
  minorDigits(currency);
  return { amount: assertMinor(amount), currency };
}

/**
 * amount × numerator / denominator, rounded once, halves away from zero.
 * Exact for every safe-integer input: falls back to BigInt when the product would lose precision.
 */
export function mulDiv(amount: Minor, numerator: number, denominator: number): Minor {
  assertMinor(amount);
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator) || denominator === 0) {
    throw new MoneyError(`mulDiv needs integer ratio with a non-zero denominator, got ${numerator}/${denominator}`);
  }
  const product = amount * numerator;
  if (Number.isSafeInteger(product)) return divRound(product, denominator);
  const big = BigInt(amount) * BigInt(numerator);
  const den = BigInt(denominator);
  const negative = big < 0n !== den < 0n;
  const absNum = big < 0n ? -big : big;
  const absDen = den < 0n ? -den : den;
  const q = (absNum * 2n + absDen) / (absDen * 2n);
  return Number(negative ? -q : q);
}

/** Integer division rounded to nearest, halves away from zero. */
export function divRound(numerator: number, denominator: number): number {
  const negative = numerator < 0 !== denominator < 0;
  const n = Math.abs(numerator);
  const d = Math.abs(denominator);
  const q = Math.floor((n * 2 + d) / (d * 2));
  // n*2 can leave the safe range only for |n| > 2^52, which mulDiv sends to BigInt first.
  return negative && q !== 0 ? -q : q;
}

/** A percentage expressed in basis points (1% = 100 bp) so that rates stay integers too. */
export function percentOf(amount: Minor, basisPoints: number): Minor {
  return mulDiv(amount, basisPoints, 10_000);
}

export function sumMinor(amounts: readonly Minor[]): Minor {
  let total = 0;
  for (const a of amounts) total += a;
  return assertMinor(total, 'sum');
}

/**
 * Parses what an agent types ("12,40", "12.4", "€ 12.40") into minor units.
 * Returns null rather than guessing when the text is not an amount.
 */
export function parseAmount(text: string, currency: CurrencyCode): Minor | null {
  const digits = minorDigits(currency);
  const cleaned = text.replace(/[\s\u00a0\u202f€$£]/g, '').replace(/^(EUR|GBP|USD|CHF)/i, '');
  const match = /^(-?)(\d{1,12})(?:[.,](\d*))?$/.exec(cleaned);
  if (!match) return null;
  const [, sign, whole, fraction = ''] = match;
  if (fraction.length > digits) return null;
  const minor = Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
  return sign === '-' ? -minor : minor;
}
