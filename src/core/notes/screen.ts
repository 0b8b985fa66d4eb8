/**
 * Screening free text before it is stored: card numbers must never be stored (PCI DSS), so a
 * text that contains one is refused with a clear message and the agent rewrites it.
 *
 * Rules. The screen reads a folded copy (fold.ts: NFKC, decimal digits of every script as ASCII,
 * invisible characters dropped). Digit groups with only non-alphanumeric characters between them
 * (spaces, tabs, line breaks, dots, slashes, dashes… in any mix) form a run; a letter ends it. A
 * card number is a stretch of whole groups of a run (a group is never cut) with 13–19 digits, a
 * scheme's prefix and a length it issues (card-schemes.ts), passing Luhn: a card followed by its
 * expiry and code is found. Set aside before (exemptions.ts), their digits neither a card nor
 * joined to others: the app's FA-YYYYMM-NNNNNNNN and AR-NNNNNNNN, IBANs, RIBs, IMEI/SIRET/SIREN
 * after their label or printed their usual way, phone numbers (after + or 00 with their country's
 * length, French 0X XX XX XX XX), dates. A stretch right after '+' with ≤ 15 digits is a phone.
 *
 * Known false positives: SIRETs starting 300–305, 36, 38, 39, 50, 56–69 and IMEIs starting 300–305
 * or 50, as one block without their label (Diners and Maestro issue 14 and 15 digits there);
 * numbers listed with only punctuation between them whose digits together look like a card
 * (1 in 10 when they start with 2–6 and reach 13–19 digits). A word or the label avoids it.
 * Known false negatives: a card written in a shape set aside (five pairs or a 10-digit block
 * starting 0, 3-3-3-5 with a valid SIREN, 2-6-6-1, country code and length after '+') or right
 * after a label or prefix (AR, FA-YYYYMM, IMEI, SIRET, SIREN, two letters making a valid IBAN).
 */
import { CARD_MAX_LENGTH, CARD_MIN_LENGTH, CARD_PREFIX_LENGTH, issuedLengths } from './card-schemes';
import { exemptSpans, markExemptGroups, type Group } from './exemptions';
import { foldText } from './fold';

/** Notes are for what the caller said and what was done, not for documents. */
export const NOTE_MAX_LENGTH = 2000;

export type NoteScreening =
  | { readonly ok: true; readonly text: string }
  | {
      readonly ok: false;
      readonly reason: 'card_number';
      readonly messageKey: 'error.noteContainsCardNumber';
      /** Where the card numbers are (UTF-16 offsets into the text as given), so the screen can highlight them. */
      readonly ranges: readonly { readonly start: number; readonly end: number }[];
    }
  | {
      readonly ok: false;
      readonly reason: 'too_long';
      readonly messageKey: 'error.noteTooLong';
      readonly maxLength: number;
      /** Length in characters (Unicode code points) after trimming. */
      readonly length: number;
    }
  | { readonly ok: false; readonly reason: 'empty'; readonly messageKey: 'error.noteEmpty' };

export interface ScreenOptions {
  readonly maxLength?: number;
}

export interface FreeTextOptions {
  /** The most characters (Unicode code points) allowed after trimming. */
  readonly maxLength: number;
  /** Accept an empty (or blank) text as '' instead of refusing it. */
  readonly allowEmpty?: boolean;
}

/** The E.164 rule: a number right after '+' with at most this many digits is a phone number. */
const E164_MAX_DIGITS = 15;

const ALNUM = /[\p{L}\p{N}]/u;

/** Letters and numbers other than digits end a run of groups; cached for the few non-ASCII ones a text has. */
const breakerCache = new Map<number, boolean>();
function isBreaker(codePoint: number): boolean {
  if (codePoint < 0x80) return (codePoint >= 65 && codePoint <= 90) || (codePoint >= 97 && codePoint <= 122);
  let b = breakerCache.get(codePoint);
  if (b === undefined) {
    b = ALNUM.test(String.fromCodePoint(codePoint));
    if (breakerCache.size >= 4096) breakerCache.clear();
    breakerCache.set(codePoint, b);
  }
  return b;
}

/** The digit groups of the folded copy, exempt stretches left out (they end a run). */
function digitGroups(text: string): Group[] {
  const spans = exemptSpans(text);
  const groups: Group[] = [];
  let span = 0;
  let joined = false;
  let separatorStart = 0;
  for (let i = 0; i < text.length;) {
    const nextSpan = spans[span];
    if (nextSpan && i >= nextSpan.start) {
      i = Math.max(i, nextSpan.end);
      span++;
      joined = false;
      continue;
    }
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      const start = i;
      const stop = nextSpan ? nextSpan.start : text.length;
      while (i < stop && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
      groups.push({
        start,
        end: i,
        digits: text.slice(start, i),
        joined,
        separator: joined ? text.slice(separatorStart, start) : '',
        plus: start > 0 && text.charCodeAt(start - 1) === 43,
        exempt: false,
      });
      joined = true;
      separatorStart = i;
      continue;
    }
    const cp = c < 0xd800 ? c : (text.codePointAt(i) as number);
    if (isBreaker(cp)) joined = false;
    i += cp > 0xffff ? 2 : 1;
  }
  markExemptGroups(groups);
  return groups;
}

/** Luhn's doubling of one digit. */
const DOUBLED = [0, 2, 4, 6, 8, 1, 3, 5, 7, 9];

/**
 * Card numbers in the folded copy, as [first group, last group] index pairs, overlapping ones
 * merged. Every stretch from a group is read in one pass: the issuer is decided once from its
 * first digits, and the Luhn sum is kept for both parities so each length is checked in constant
 * time. Stretches come in order of their first group, so merging needs no sort.
 */
function cardStretches(groups: readonly Group[]): [number, number][] {
  const found: [number, number][] = [];
  for (let from = 0; from < groups.length; from++) {
    const first = groups[from] as Group;
    const lead = first.digits.charCodeAt(0);
    if (first.exempt || lead < 50 || lead > 54) continue; // every scheme's prefix starts with 2–6
    let n = 0;
    let evenDoubled = 0; // the Luhn sum if the digits at even positions (from the left) are doubled
    let oddDoubled = 0;
    let prefix = '';
    let lengths = -1;
    for (let to = from; to < groups.length; to++) {
      const g = groups[to] as Group;
      if (to > from && (!g.joined || g.exempt)) break;
      if (n + g.digits.length > CARD_MAX_LENGTH) break;
      for (let k = 0; k < g.digits.length; k++, n++) {
        const d = g.digits.charCodeAt(k) - 48;
        if (n % 2 === 0) {
          evenDoubled += DOUBLED[d] as number;
          oddDoubled += d;
        } else {
          evenDoubled += d;
          oddDoubled += DOUBLED[d] as number;
        }
      }
      if (prefix.length < CARD_PREFIX_LENGTH) prefix += g.digits.slice(0, CARD_PREFIX_LENGTH - prefix.length);
      if (n < CARD_MIN_LENGTH || (first.plus && n <= E164_MAX_DIGITS)) continue;
      if (lengths < 0) lengths = issuedLengths(prefix);
      if ((lengths & (1 << n)) === 0) continue;
      // The last digit is never doubled, nor any at the same parity.
      if ((n % 2 === 0 ? evenDoubled : oddDoubled) % 10 !== 0) continue;
      const last = found[found.length - 1];
      if (last && from <= last[1]) last[1] = Math.max(last[1], to);
      else found.push([from, to]);
    }
  }
  return found;
}

/**
 * Where card numbers appear in `text` (see the rules above), as UTF-16 ranges of the text as
 * given: from the card's first digit to its last, whatever is written between. Overlapping finds
 * are merged.
 */
export function findCardNumbers(text: string): { start: number; end: number }[] {
  const folded = foldText(text);
  const groups = digitGroups(folded.text);
  return cardStretches(groups).map(([from, to]) => {
    const start = (groups[from] as Group).start;
    const end = (groups[to] as Group).end;
    return folded.from && folded.to ? { start: folded.from[start] as number, end: folded.to[end - 1] as number } : { start, end };
  });
}

/** True when `text` holds a card number (see findCardNumbers). */
export function containsCardNumber(text: string): boolean {
  return findCardNumbers(text).length > 0;
}

function codePointLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/**
 * Screens any free text an agent types (notes, reasons, comments) before it is stored. The text
 * is trimmed; an empty text (unless allowed), a text with a card number and a text over the
 * length limit are refused, each with its own reason and message key. A card number is looked
 * for first: it is the refusal that matters most.
 */
export function screenFreeText(text: string, options: FreeTextOptions): NoteScreening {
  const trimmed = typeof text === 'string' ? text.trim() : '';
  if (trimmed === '') return options.allowEmpty ? { ok: true, text: '' } : { ok: false, reason: 'empty', messageKey: 'error.noteEmpty' };
  const cards = findCardNumbers(text);
  if (cards.length > 0) return { ok: false, reason: 'card_number', messageKey: 'error.noteContainsCardNumber', ranges: cards };
  const length = codePointLength(trimmed);
  if (length > options.maxLength) return { ok: false, reason: 'too_long', messageKey: 'error.noteTooLong', maxLength: options.maxLength, length };
  return { ok: true, text: trimmed };
}

/** A note: free text of at most NOTE_MAX_LENGTH characters (unless told otherwise), not empty. */
export function screenNote(text: string, options: ScreenOptions = {}): NoteScreening {
  return screenFreeText(text, { maxLength: options.maxLength ?? NOTE_MAX_LENGTH });
}
