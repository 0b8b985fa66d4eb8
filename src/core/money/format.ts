import { minorDigits, type CurrencyCode, type Minor } from './money';

/**
 * An amount in minor units written the way Intl.NumberFormat writes it, without going through
 * Intl for every amount: a bill read out formats dozens of amounts and Intl's format() is the
 * slow part of explaining one. The shape (sign, currency, separators, spacing) is learnt from
 * Intl once per locale and currency, and checked against Intl on sample amounts before it is
 * used; a locale whose shape this cannot reproduce keeps Intl.
 */
interface Writer {
  readonly intl: Intl.NumberFormat;
  readonly digits: number;
  /** null: write through Intl. */
  readonly shape: Shape | null;
}

interface Shape {
  readonly group: string;
  readonly decimal: string;
  /** Text around the number, by sign of the amount (−0 is Intl's own case). */
  readonly positive: readonly [string, string];
  readonly negative: readonly [string, string];
  readonly zero: readonly [string, string];
  readonly negativeZero: readonly [string, string];
}

const NUMBER_PARTS = new Set(['integer', 'group', 'decimal', 'fraction']);

/** The text before and after the number in Intl's writing of `value`; null when the number is not in one piece. */
function around(intl: Intl.NumberFormat, value: number): [string, string] | null {
  let before = '';
  let after = '';
  let state: 'before' | 'number' | 'after' = 'before';
  for (const part of intl.formatToParts(value)) {
    if (NUMBER_PARTS.has(part.type)) {
      if (state === 'after') return null;
      state = 'number';
    } else if (state === 'before') before += part.value;
    else {
      state = 'after';
      after += part.value;
    }
  }
  return [before, after];
}

function learnShape(intl: Intl.NumberFormat): Shape | null {
  const parts = intl.formatToParts(1234567.5);
  const group = parts.find((p) => p.type === 'group')?.value;
  const decimal = parts.find((p) => p.type === 'decimal')?.value ?? '.';
  const positive = around(intl, 1234567.5);
  const negative = around(intl, -1234567.5);
  const zero = around(intl, 0);
  const negativeZero = around(intl, -0);
  if (group === undefined || !positive || !negative || !zero || !negativeZero) return null;
  return { group, decimal, positive, negative, zero, negativeZero };
}

function write(shape: Shape, digits: number, amount: number): string {
  const [before, after] = amount > 0 ? shape.positive : amount < 0 ? shape.negative : Object.is(amount, -0) ? shape.negativeZero : shape.zero;
  const abs = Math.abs(amount);
  const scale = 10 ** digits;
  let integer = String(Math.floor(abs / scale));
  if (integer.length > 3) {
    let grouped = integer.slice(-3);
    for (let end = integer.length - 3; end > 0; end -= 3) grouped = integer.slice(Math.max(0, end - 3), end) + shape.group + grouped;
    integer = grouped;
  }
  const number = digits > 0 ? `${integer}${shape.decimal}${String(abs % scale).padStart(digits, '0')}` : integer;
  return before + number + after;
}

const SAMPLES = [0, -0, 1, -1, 5, 99, 100, 1234, -1234, 100000, 123456, -999999, 1000000, 12345678, -12345678, 1234567890];

const writers = new Map<string, Writer>();

function writerOf(currency: CurrencyCode, locale: string, signed: boolean): Writer {
  const key = `${locale}|${currency}|${signed ? 's' : ''}`;
  let w = writers.get(key);
  if (!w) {
    const digits = minorDigits(currency);
    const intl = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
      ...(signed ? { signDisplay: 'exceptZero' as const } : {}),
    });
    let shape = learnShape(intl);
    if (shape && !SAMPLES.every((a) => write(shape!, digits, a) === intl.format(a / 10 ** digits))) shape = null;
    w = { intl, digits, shape };
    writers.set(key, w);
  }
  return w;
}

/** Formats minor units for reading out, in the agent's locale ("€19.35", "19,35 €"). */
export function formatMoney(amount: Minor, currency: CurrencyCode, locale: string, opts: { signed?: boolean } = {}): string {
  const w = writerOf(currency, locale, opts.signed === true);
  // Division by a power of ten of an integer is exact enough for display at ≤ 15 digits.
  if (w.shape === null || !Number.isSafeInteger(amount)) return w.intl.format(amount / 10 ** w.digits);
  return write(w.shape, w.digits, amount);
}
