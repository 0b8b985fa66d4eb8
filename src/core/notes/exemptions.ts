/**
 * Numbers that are recognised, and set aside, before the card check: the app's own identifiers,
 * IBANs, identifiers written after their label (IMEI, SIRET, SIREN) or printed their usual way
 * (RIB, IMEI, SIRET), phone numbers and dates. Their digits are not card digits and do not join
 * the digits around them into a longer number. Everything here reads the folded copy (fold.ts):
 * ASCII digits, any other character as typed.
 *
 * Each rule is narrow on purpose, so that a card number never looks like one of these: the app's
 * identifiers and the labelled ones start with letters; IBAN, RIB, IMEI and SIRET must pass their
 * check; a phone number after '+' (or '00' opening a run) must have the length its country's plan
 * gives; a French national number is a 10-digit block starting 0 or exactly five 2-digit groups
 * with one separator; a date is exactly three groups with one separator. Pairs and dates must
 * stand alone (the same separator may not carry on either side), so a card written in pairs or
 * with dots is still a card.
 */

import { luhnValid } from './luhn';

/** A stretch of the folded copy, [start, end) in UTF-16 units. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** A maximal run of digits in the folded copy. */
export interface Group {
  readonly start: number;
  readonly end: number;
  readonly digits: string;
  /** Only separators (no letter, no other number, no exempt stretch) since the previous group. */
  readonly joined: boolean;
  /** What stands between the previous group and this one when joined, else ''. */
  readonly separator: string;
  /** Written right after a '+'. */
  readonly plus: boolean;
  /** Part of a recognised non-card number (set by markExemptGroups). */
  exempt: boolean;
}

// ── data ─────────────────────────────────────────────────────────────────────

/**
 * The app's own identifiers (see the invoice and account modules): invoice numbers
 * FA-YYYYMM-NNNNNNNN and account numbers AR-NNNNNNNN. Letters in any case, any separators
 * (or none) between the parts, as the folded copy has them.
 */
const APP_IDENTIFIERS: readonly RegExp[] = [
  /(?<![\p{L}\p{N}])FA[^\p{L}\p{N}]*(?:19|20)\d\d(?:0[1-9]|1[0-2])[^\p{L}\p{N}]*\d{8}(?!\d)/giu,
  /(?<![\p{L}\p{N}])AR[^\p{L}\p{N}]*\d{8}(?!\d)/giu,
];

/**
 * Identifiers recognised after their label ("IMEI: 35 209900 176148 1", "SIRET n° 380 129 866
 * 00011"), with their digit count and check: IMEI (3GPP TS 23.003: 15 digits, Luhn), SIRET
 * (INSEE: 14 digits, Luhn over the SIREN and over the whole), SIREN (INSEE: 9 digits, Luhn).
 * Unlabelled, most of them are not card-shaped anyway (see screen.ts for the ones that are).
 */
const LABELLED_IDENTIFIERS: readonly { readonly label: string; readonly digits: number; readonly valid: (d: string) => boolean }[] = [
  { label: 'IMEI', digits: 15, valid: (d) => luhnValid(d) },
  { label: 'SIRET', digits: 14, valid: (d) => luhnValid(d) && luhnValid(d.slice(0, 9)) },
  { label: 'SIREN', digits: 9, valid: (d) => luhnValid(d) },
];

/**
 * Lengths of the national significant number (without the trunk 0) after a country calling
 * code, for the countries a French call centre hears most. Sources: ITU-T E.164 assigned codes
 * list; each country's plan as published to the ITU ("National Numbering Plans"), cross-checked
 * with libphonenumber's metadata. Calling codes are a prefix code, so at most one entry matches.
 * A country not listed (or a length that does not fit) still gets the E.164 rule in screen.ts.
 */
export const NATIONAL_NUMBER_LENGTHS: Readonly<Record<string, readonly number[]>> = {
  '1': [10], // NANP: US, Canada, Caribbean
  '7': [10], // Russia, Kazakhstan
  '27': [9], // South Africa
  '30': [10], // Greece
  '31': [9], // Netherlands
  '32': [8, 9], // Belgium
  '33': [9], // France
  '34': [9], // Spain
  '39': [9, 10], // Italy (mobiles 10, most fixed lines 9–10)
  '40': [9], // Romania
  '41': [9], // Switzerland
  '44': [9, 10], // United Kingdom
  '45': [8], // Denmark
  '47': [8], // Norway
  '48': [9], // Poland
  '49': [10, 11], // Germany (mobiles; fixed lines vary)
  '61': [9], // Australia
  '86': [10, 11], // China
  '90': [10], // Turkey
  '91': [10], // India
  '212': [9], // Morocco
  '213': [8, 9], // Algeria
  '216': [8], // Tunisia
  '221': [9], // Senegal
  '225': [10], // Côte d'Ivoire
  '237': [9], // Cameroon
  '262': [9], // Réunion, Mayotte
  '351': [9], // Portugal
  '352': [8, 9], // Luxembourg (mobiles 9)
  '353': [9], // Ireland
  '590': [9], // Guadeloupe
  '594': [9], // French Guiana
  '596': [9], // Martinique
  '687': [6], // New Caledonia
  '689': [8], // French Polynesia
};

/** IBAN lengths by country (SWIFT IBAN Registry); French overseas departments use FR. */
export const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  FR: 27,
  MC: 27,
  DE: 22,
  BE: 16,
  LU: 20,
  CH: 21,
  LI: 21,
  IT: 27,
  ES: 24,
  PT: 25,
  NL: 18,
  GB: 22,
  IE: 22,
  AT: 20,
  DK: 18,
  SE: 24,
  NO: 15,
  FI: 18,
  PL: 28,
  CZ: 24,
  SK: 24,
  HU: 28,
  RO: 24,
  BG: 22,
  GR: 27,
  HR: 21,
  SI: 19,
  EE: 20,
  LT: 20,
  LV: 21,
  CY: 28,
  MT: 31,
  TN: 24,
};

/**
 * Numbers recognised by how they are printed: exactly these groups with one separator between
 * them, not carried on either side, and their own check. No card is printed so.
 * - French bank details (RIB, CFONB): bank (5), branch (5), account (11), key (2), the key being
 *   97 − (89 × bank + 15 × branch + 3 × account) mod 97.
 * - IMEI as 3GPP TS 23.003 prints it (AA-BBBBBB-CCCCCC-D): 15 digits, Luhn.
 * - SIRET as INSEE prints it (SIREN in threes, then the 5-digit NIC): Luhn over the SIREN and
 *   over the whole.
 */
const PRINTED_NUMBERS: readonly { readonly groups: readonly number[]; readonly valid: (parts: readonly string[]) => boolean }[] = [
  {
    groups: [5, 5, 11, 2],
    valid: ([bank, branch, account, key]) => 97 - ((89 * Number(bank) + 15 * Number(branch) + 3 * Number(account)) % 97) === Number(key),
  },
  { groups: [2, 6, 6, 1], valid: (parts) => luhnValid(parts.join('')) },
  { groups: [3, 3, 3, 5], valid: (parts) => luhnValid(parts.join('')) && luhnValid(parts.slice(0, 3).join('')) },
];

/** French national numbers (ARCEP plan): 0 then 9 digits, as one block or five pairs. */
const FRENCH_NUMBER_PAIRS = 5;

// ── checks ───────────────────────────────────────────────────────────────────

/** ISO 13616: country and check digits moved to the end, letters as 10–35, the number mod 97 is 1. */
function ibanValid(iban: string): boolean {
  const s = iban.slice(4) + iban.slice(0, 4);
  let rest = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) rest = (rest * 10 + (c - 48)) % 97;
    else rest = (rest * 100 + (c - 55)) % 97; // 'A' (65) → 10
  }
  return rest === 1;
}

const isAsciiAlnum = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const ALNUM = /[\p{L}\p{N}]/u;

function isAlnumAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 0x80) return isAsciiAlnum(c);
  return ALNUM.test(String.fromCodePoint(text.codePointAt(i) as number));
}

// ── stretches of text ────────────────────────────────────────────────────────

const LABELLED = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(${LABELLED_IDENTIFIERS.map((l) => l.label).join('|')})(?:[^\p{L}\p{N}]*(?:n|no|num|numero|numéro)(?![\p{L}\p{N}]))?[^\p{L}\p{N}]*(\d(?:[^\p{L}\p{N}]*\d)*)`,
  'giu',
);
const IBAN_START = /(?<![\p{L}\p{N}])([A-Za-z]{2})(\d\d)/gu;

/** The labelled identifier's digits right after the label: exactly its count, ending a group. */
function labelledSpan(text: string, match: RegExpExecArray): Span | null {
  const kind = LABELLED_IDENTIFIERS.find((l) => l.label === (match[1] as string).toUpperCase());
  const written = match[2] as string;
  if (!kind) return null;
  const digitsStart = match.index + match[0].length - written.length;
  let digits = '';
  for (let i = 0; i < written.length; i++) {
    const c = written.charCodeAt(i);
    if (c < 48 || c > 57) continue;
    digits += written[i];
    if (digits.length === kind.digits) {
      const next = written.charCodeAt(i + 1);
      if (next >= 48 && next <= 57) return null; // the count ends inside a group
      return kind.valid(digits) ? { start: match.index, end: digitsStart + i + 1 } : null;
    }
  }
  return null;
}

/** An IBAN starting at `at` (two letters, two digits): its country's length in letters and digits, any separators, mod 97. */
function ibanSpan(text: string, at: number, country: string): Span | null {
  const length = IBAN_LENGTHS[country.toUpperCase()];
  if (length === undefined) return null;
  let iban = '';
  let i = at;
  for (; i < text.length && iban.length < length; i++) {
    const c = text.charCodeAt(i);
    if (isAsciiAlnum(c)) iban += text[i];
    else if (isAlnumAt(text, i)) return null; // a letter of another script
  }
  if (iban.length < length || (i < text.length && isAlnumAt(text, i))) return null;
  return ibanValid(iban.toUpperCase()) ? { start: at, end: i } : null;
}

/** Stretches of the folded copy holding an app identifier, a labelled identifier or an IBAN; sorted, merged. */
export function exemptSpans(text: string): Span[] {
  const spans: Span[] = [];
  for (const pattern of APP_IDENTIFIERS) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) spans.push({ start: m.index, end: m.index + m[0].length });
  }
  LABELLED.lastIndex = 0;
  for (let m = LABELLED.exec(text); m; m = LABELLED.exec(text)) {
    const span = labelledSpan(text, m);
    if (span) spans.push(span);
    LABELLED.lastIndex = m.index + (m[1] as string).length; // labels may follow one another
  }
  IBAN_START.lastIndex = 0;
  for (let m = IBAN_START.exec(text); m; m = IBAN_START.exec(text)) {
    const span = ibanSpan(text, m.index, m[1] as string);
    if (span) spans.push(span);
  }
  if (spans.length < 2) return spans;
  spans.sort((a, b) => a.start - b.start);
  const merged: Span[] = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last && s.start <= last.end) merged[merged.length - 1] = { start: last.start, end: Math.max(last.end, s.end) };
    else merged.push(s);
  }
  return merged;
}

// ── groups of digits ─────────────────────────────────────────────────────────

/** The group after `i`, when it is joined to it. */
function next(groups: readonly Group[], i: number): Group | undefined {
  const g = groups[i + 1];
  return g && g.joined && !g.exempt ? g : undefined;
}

/** The country calling code at the start of `digits`, and its national lengths. */
function callingCode(digits: string): { code: string; lengths: readonly number[] } | null {
  for (let n = 1; n <= 3; n++) {
    const lengths = NATIONAL_NUMBER_LENGTHS[digits.slice(0, n)];
    if (lengths) return { code: digits.slice(0, n), lengths };
  }
  return null;
}

/**
 * An international number at group `i` ('+' or '00', calling code, national number): the index
 * of its last group when some group ends exactly where the country's plan says; a trunk 0 after
 * the code ("+33 (0)6 …", "+33 06 …") is allowed. -1 otherwise.
 */
function internationalNumberEnd(groups: readonly Group[], i: number): number {
  const first = groups[i] as Group;
  let digits = first.plus ? first.digits : first.digits.slice(2);
  const ends: number[] = [digits.length];
  for (let k = i, g = next(groups, k); g && digits.length <= 16; k++, g = next(groups, k)) {
    digits += g.digits;
    ends.push(digits.length);
  }
  const cc = callingCode(digits);
  if (!cc) return -1;
  const trunk = digits[cc.code.length] === '0' ? 1 : 0;
  for (let k = 0; k < ends.length; k++) {
    const national = (ends[k] as number) - cc.code.length - trunk;
    if (cc.lengths.includes(national)) return i + k;
  }
  return -1;
}

/**
 * French national numbers written in pairs: a maximal run of 2-digit groups with one and the
 * same separator, five pairs per number, each number starting with 0 ("06 12 34 56 78",
 * "01.23.45.67.89 / 06 …" is two runs). Returns the index after the run, marking it when it is
 * made of phone numbers only.
 */
function markFrenchPairs(groups: Group[], i: number): number {
  const separator = groups[i + 1]?.separator;
  let end = i + 1;
  while (end < groups.length) {
    const g = groups[end] as Group;
    if (!g.joined || g.exempt || g.digits.length !== 2 || g.separator !== separator) break;
    end++;
  }
  const count = end - i;
  if (count % FRENCH_NUMBER_PAIRS !== 0) return end;
  for (let k = i; k < end; k += FRENCH_NUMBER_PAIRS) {
    const d = (groups[k] as Group).digits;
    if (d[0] !== '0' || d[1] === '0') return end;
  }
  for (let k = i; k < end; k++) (groups[k] as Group).exempt = true;
  return end;
}

/** The group run from `i` to `last` stands alone: one separator inside, and not the same one on either side. */
function standsAlone(groups: readonly Group[], i: number, last: number): boolean {
  const separator = groups[i + 1]?.separator;
  for (let k = i + 2; k <= last; k++) if ((groups[k] as Group).separator !== separator) return false;
  const first = groups[i] as Group;
  if (first.joined && first.separator === separator && !groups[i - 1]?.exempt) return false;
  const after = groups[last + 1];
  return !(after && after.joined && after.separator === separator);
}

const DATE_SEPARATOR = /^[/.\p{Pd}]$/u;

function dayMonthYear(d: string, m: string, y: string): boolean {
  const day = Number(d);
  const month = Number(m);
  const yearOk = y.length === 2 || (y.length === 4 && (y.startsWith('19') || y.startsWith('20')));
  return d.length <= 2 && m.length <= 2 && day >= 1 && day <= 31 && month >= 1 && month <= 12 && yearOk;
}

/** A date at group `i`: exactly three groups with one separator (/ . or a dash), day-month-year or year-month-day. */
function isDate(groups: readonly Group[], i: number): boolean {
  const a = groups[i] as Group;
  const b = next(groups, i);
  const c = next(groups, i + 1);
  // Part of a longer run with the same separator ("4111.12.05.2019.1111…"): not a date.
  if (!b || !c || !DATE_SEPARATOR.test(b.separator) || !standsAlone(groups, i, i + 2)) return false;
  return dayMonthYear(a.digits, b.digits, c.digits) || (a.digits.length === 4 && dayMonthYear(c.digits, b.digits, a.digits));
}

/** How many groups a printed number (RIB, IMEI, SIRET) at group `i` takes, or 0. */
function printedNumberAt(groups: readonly Group[], i: number): number {
  for (const shape of PRINTED_NUMBERS) {
    const parts: string[] = [];
    let g: Group | undefined = groups[i];
    for (let k = 0; k < shape.groups.length && g && !g.exempt && g.digits.length === shape.groups[k]; k++) {
      parts.push(g.digits);
      g = next(groups, i + k);
    }
    const n = parts.length;
    if (n === shape.groups.length && standsAlone(groups, i, i + n - 1) && shape.valid(parts)) return n;
  }
  return 0;
}

/** Group `i` opens a run of pairs: the group before it does not carry the run on with the same separator. */
function opensPairRun(groups: readonly Group[], i: number): boolean {
  const g = groups[i] as Group;
  const prev = groups[i - 1];
  if (g.digits.length !== 2) return false;
  if (!g.joined || !prev || prev.exempt || prev.digits.length !== 2) return true;
  return g.separator !== groups[i + 1]?.separator;
}

/** Marks the groups that are phone numbers, printed numbers or dates (the card check skips them). */
export function markExemptGroups(groups: Group[]): void {
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i] as Group;
    if (g.exempt) continue;
    // '00' only opens a run: inside one ("4000 0032 1234 5678") it is a card's group, not a prefix.
    if (g.plus || (!g.joined && g.digits.startsWith('00'))) {
      const last = internationalNumberEnd(groups, i);
      if (last >= 0) {
        for (let k = i; k <= last; k++) (groups[k] as Group).exempt = true;
        i = last;
        continue;
      }
    }
    if (g.digits.length === 10 && g.digits[0] === '0' && g.digits[1] !== '0') {
      g.exempt = true;
      continue;
    }
    if (opensPairRun(groups, i)) {
      const end = markFrenchPairs(groups, i);
      if (g.exempt) {
        i = end - 1;
        continue;
      }
    }
    const printed = printedNumberAt(groups, i);
    if (printed > 0) {
      for (let k = i; k < i + printed; k++) (groups[k] as Group).exempt = true;
      i += printed - 1;
      continue;
    }
    if (isDate(groups, i)) {
      for (let k = i; k < i + 3; k++) (groups[k] as Group).exempt = true;
      i += 2;
    }
  }
}
