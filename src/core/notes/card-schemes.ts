/**
 * Who issues card numbers: the issuer identification number (IIN) ranges of the major schemes
 * and the lengths each issues. A run of digits is only a card number when it starts with one of
 * these prefixes AND has a length that scheme issues (and passes Luhn, see luhn.ts).
 *
 * Sources: ISO/IEC 7812-1 (IIN, major industry identifier); the "Payment card number" IIN table
 * on Wikipedia (as of 2024), which cites the schemes' own documents: Visa "Acceptance
 * guidelines", Mastercard "2-series BIN expansion" (2016, 2221–2720), American Express, Discover
 * Global Network "IIN ranges" (which also carries Diners Club, and UnionPay 622126–622925), JCB,
 * UnionPay International, Maestro (Mastercard), NSPK for Mir. Cartes Bancaires (CB) cards are
 * co-badged Visa or Mastercard and fall in their ranges. Maestro issues 12–19 digits; 12 is
 * left out (no 12-digit Maestro card is in circulation, and a 12-digit floor would catch far more
 * ordinary numbers).
 *
 * Not listed (rare in a French call centre, and each would widen what is refused): RuPay (60, 65,
 * 81, 82, 508), UATP (1, airline), Troy (9792), BORICA (2205), Humo, Uzcard, GPN 1946.
 */

export interface CardScheme {
  readonly name: string;
  /** Inclusive ranges of leading digits, both ends the same length ('51'–'55', '2221'–'2720'). */
  readonly prefixes: readonly (readonly [string, string])[];
  /** The number lengths the scheme issues. */
  readonly lengths: readonly number[];
}

const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, k) => from + k);

export const CARD_SCHEMES: readonly CardScheme[] = [
  { name: 'visa', prefixes: [['4', '4']], lengths: [13, 16, 19] },
  {
    name: 'mastercard',
    prefixes: [
      ['51', '55'],
      ['2221', '2720'],
    ],
    lengths: [16],
  },
  {
    name: 'amex',
    prefixes: [
      ['34', '34'],
      ['37', '37'],
    ],
    lengths: [15],
  },
  {
    name: 'discover',
    prefixes: [
      ['6011', '6011'],
      ['644', '649'],
      ['65', '65'],
      ['622126', '622925'],
    ],
    lengths: range(16, 19),
  },
  { name: 'jcb', prefixes: [['3528', '3589']], lengths: range(16, 19) },
  {
    name: 'diners',
    prefixes: [
      ['300', '305'],
      ['36', '36'],
      ['38', '39'],
    ],
    lengths: range(14, 19),
  },
  { name: 'unionpay', prefixes: [['62', '62']], lengths: range(16, 19) },
  {
    name: 'maestro',
    prefixes: [
      ['50', '50'],
      ['56', '69'],
    ],
    lengths: range(13, 19),
  },
  { name: 'mir', prefixes: [['2200', '2204']], lengths: range(16, 19) },
];

/** The shortest and longest card numbers any scheme issues. */
export const CARD_MIN_LENGTH = 13;
export const CARD_MAX_LENGTH = 19;

function startsInRange(digits: string, [from, to]: readonly [string, string]): boolean {
  const head = digits.slice(0, from.length);
  return head.length === from.length && head >= from && head <= to;
}

/** The schemes that issue numbers of this length starting with these (ASCII) digits. */
export function cardSchemesOf(digits: string): string[] {
  const names: string[] = [];
  for (const scheme of CARD_SCHEMES) {
    if (scheme.lengths.includes(digits.length) && scheme.prefixes.some((p) => startsInRange(digits, p))) names.push(scheme.name);
  }
  return names;
}

/** The longest prefix in the table: this many leading digits decide the issuer. */
export const CARD_PREFIX_LENGTH = Math.max(...CARD_SCHEMES.flatMap((s) => s.prefixes.map(([from]) => from.length)));

/**
 * The lengths issued for numbers starting with `prefix` (at least CARD_PREFIX_LENGTH digits, or
 * the whole number), as a bit mask: bit n is set when some scheme issues n-digit numbers there.
 */
export function issuedLengths(prefix: string): number {
  let mask = lengthsCache.get(prefix);
  if (mask === undefined) {
    mask = 0;
    for (const scheme of CARD_SCHEMES) {
      if (scheme.prefixes.some((p) => startsInRange(prefix, p))) for (const n of scheme.lengths) mask |= 1 << n;
    }
    if (lengthsCache.size >= 4096) lengthsCache.clear();
    lengthsCache.set(prefix, mask);
  }
  return mask;
}
const lengthsCache = new Map<string, number>();

/** True when some scheme issues numbers of this length with this prefix (Luhn is not checked here). */
export function issuedByAScheme(digits: string): boolean {
  for (const scheme of CARD_SCHEMES) {
    if (scheme.lengths.includes(digits.length) && scheme.prefixes.some((p) => startsInRange(digits, p))) return true;
  }
  return false;
}
