/**
 * Screening a note before it is stored: card numbers must never be stored (PCI DSS), so a note
 * that contains one is refused with a clear message and the agent rewrites it.
 *
 * What counts as a card number:
 * - A run of digits where consecutive digits are separated by nothing or by ONE space or dash
 *   ("4970 1012 3456 7890", "4970-1012-3456-7890", "4970101234567890"). Non-breaking spaces
 *   (pasted numbers) and hyphen-like dashes (‐ ‑ ‒ –) count as a space or dash; tabs and line
 *   breaks do not. Full-width digits count as digits.
 * - Within that run, any stretch of whole groups with 13–19 digits in total, not starting with
 *   0 (no card number does), that passes Luhn. Checking stretches of whole groups, not only the
 *   whole run, catches a card typed with its expiry or security code after a single space
 *   ("4970 1012 3456 7890 123"); a stretch never cuts through a group, so an unseparated 13–19
 *   digit number is judged as a whole.
 *
 * Not card numbers:
 * - Phone numbers: a run that starts with '+' and has at most 15 digits (E.164), or any stretch
 *   starting with 0 ("0044 20 7946 0958", "06 12 34 56 78").
 * - Account numbers (AR-00012345), dates (12/03/2025, 12-03-2025), amounts (1 234,56 €): too
 *   few digits, or broken by other punctuation.
 * - 13–19 digit runs that fail Luhn.
 * Known false positive: two numbers written with only a single space between them (two phone
 * numbers without their leading 0, two dash dates) may together pass Luhn; the message asks the
 * agent to rewrite the note, and a comma between them is enough.
 */
import { luhnValid } from './luhn';

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

const SEPARATOR = /[ \u00a0\u202f\-\u2010\u2011\u2012\u2013]/;

/** '0'–'9' or full-width '０'–'９' → its value, else -1. Each is one UTF-16 unit, so offsets hold. */
function digitAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 0xff10 && c <= 0xff19) return c - 0xff10;
  return -1;
}

interface Group {
  readonly start: number;
  readonly end: number;
  readonly digits: string;
}

/** Maximal runs of digit groups joined by single separators. */
function digitRuns(text: string): { groups: Group[]; plusPrefixed: boolean }[] {
  const runs: { groups: Group[]; plusPrefixed: boolean }[] = [];
  let i = 0;
  while (i < text.length) {
    if (digitAt(text, i) < 0) {
      i++;
      continue;
    }
    const plusPrefixed = i > 0 && text[i - 1] === '+';
    const groups: Group[] = [];
    for (;;) {
      const start = i;
      let digits = '';
      while (i < text.length && digitAt(text, i) >= 0) digits += String(digitAt(text, i++));
      groups.push({ start, end: i, digits });
      if (i + 1 < text.length && SEPARATOR.test(text[i] ?? '') && digitAt(text, i + 1) >= 0) {
        i++;
        continue;
      }
      break;
    }
    runs.push({ groups, plusPrefixed });
  }
  return runs;
}

/** Where card numbers appear in `text` (see the rules above). Overlapping finds are merged. */
export function findCardNumbers(text: string): { start: number; end: number }[] {
  const found: { start: number; end: number }[] = [];
  for (const { groups, plusPrefixed } of digitRuns(text)) {
    const total = groups.reduce((n, g) => n + g.digits.length, 0);
    if (total < 13) continue;
    if (plusPrefixed && total <= 15) continue;
    for (let from = 0; from < groups.length; from++) {
      let digits = '';
      for (let to = from; to < groups.length; to++) {
        digits += (groups[to] as Group).digits;
        if (digits.length > 19) break;
        if (digits.length >= 13 && digits[0] !== '0' && luhnValid(digits)) {
          found.push({ start: (groups[from] as Group).start, end: (groups[to] as Group).end });
        }
      }
    }
  }
  found.sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: { start: number; end: number }[] = [];
  for (const r of found) {
    const last = merged[merged.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else merged.push({ ...r });
  }
  return merged;
}

function codePointLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/**
 * Screens a note before it is stored. The note is trimmed; an empty note, a note over the
 * length limit and a note with a card number are refused, each with its own reason and
 * message key. A card number is looked for first: it is the refusal that matters most.
 */
export function screenNote(text: string, options: ScreenOptions = {}): NoteScreening {
  const maxLength = options.maxLength ?? NOTE_MAX_LENGTH;
  const trimmed = typeof text === 'string' ? text.trim() : '';
  if (trimmed === '') return { ok: false, reason: 'empty', messageKey: 'error.noteEmpty' };
  const cards = findCardNumbers(text);
  if (cards.length > 0) return { ok: false, reason: 'card_number', messageKey: 'error.noteContainsCardNumber', ranges: cards };
  const length = codePointLength(trimmed);
  if (length > maxLength) return { ok: false, reason: 'too_long', messageKey: 'error.noteTooLong', maxLength, length };
  return { ok: true, text: trimmed };
}
